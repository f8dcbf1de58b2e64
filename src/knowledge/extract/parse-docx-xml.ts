import { MAX_BLOCKS, type Block } from '../chunking/blocks.js';
import { decodeEntities } from '../chunking/parse-html.js';

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.-]*(?::[\w.-]+)?)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
const HEADING_NAME = /^(?:heading|标题)\s*([1-9])$/i;

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeEntities(m[2] ?? m[3]) : undefined;
}

const clampLevel = (n: number) => Math.min(6, Math.max(1, n));

/** Heading level by paragraph style id, from word/styles.xml: `heading N` / `标题 N` names, outline levels, `basedOn` chains. */
export function headingStyles(stylesXml: string | undefined): Map<string, number> {
  const levels = new Map<string, number>();
  if (!stylesXml) return levels;
  const based = new Map<string, string>();
  for (const m of stylesXml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = attr(m[1], 'w:styleId');
    if (!id || (attr(m[1], 'w:type') ?? 'paragraph') !== 'paragraph') continue;
    const name = /<w:name\b([^>]*)\/?>/.exec(m[2]);
    const outline = /<w:outlineLvl\b([^>]*)\/?>/.exec(m[2]);
    const basedOn = /<w:basedOn\b([^>]*)\/?>/.exec(m[2]);
    const level = styleLevel(id, name ? attr(name[1], 'w:val') : undefined, outline ? attr(outline[1], 'w:val') : undefined);
    if (level) levels.set(id, level);
    else if (basedOn) based.set(id, attr(basedOn[1], 'w:val') ?? '');
  }
  for (const [id, parent] of based) {
    let at: string | undefined = parent;
    for (let hops = 0; at && hops < 10 && !levels.has(at); hops++) at = based.get(at);
    if (at && levels.has(at)) levels.set(id, levels.get(at)!);
  }
  return levels;
}

function styleLevel(id: string, name: string | undefined, outline: string | undefined): number | undefined {
  for (const s of [name, id]) {
    const m = s ? HEADING_NAME.exec(s.trim()) : null;
    if (m) return clampLevel(Number(m[1]));
    if (s && /^(title|标题)$/i.test(s.trim())) return 1;
  }
  const o = outline === undefined ? NaN : Number(outline);
  return o >= 0 && o < 9 ? clampLevel(o + 1) : undefined;
}

interface Para {
  text: string;
  level?: number;
  list: boolean;
}
interface Table {
  rows: string[][];
  row?: string[];
  cell?: string[];
}

/**
 * word/document.xml → blocks: paragraphs (`w:t`, `w:tab`, `w:br`), headings from paragraph styles or outline
 * levels, numbered/bulleted paragraphs as list items, tables with their first row as the header.
 * Nested tables flatten into their outer cell; `mc:Fallback` copies and deleted text are skipped.
 */
export function parseDocumentXml(xml: string, styles: Map<string, number>): Block[] {
  const blocks: Block[] = [];
  const paras: Para[] = [];
  let table: Table | undefined;
  let tableDepth = 0;
  let inText = false;
  let inPPr = 0;
  let skip = 0;
  let last = 0;

  const endPara = (p: Para) => {
    const text = p.text.replace(/[ \t]+\n/g, '\n').trim();
    if (tableDepth > 0) {
      if (text && table?.cell) table.cell.push(text);
      return;
    }
    if (!text) return;
    if (p.level) blocks.push({ type: 'heading', level: p.level, text: text.replace(/\s+/g, ' ') });
    else blocks.push(p.list ? { type: 'list-item', text } : { type: 'paragraph', text });
  };

  for (const m of xml.matchAll(TOKEN)) {
    const para = paras[paras.length - 1];
    if (inText && para && !skip) para.text += decodeEntities(xml.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
      if (inText && para && !skip) para.text += m[1];
      continue;
    }
    const tag = m[3];
    if (!tag) continue;
    const close = m[2] === '/';
    const empty = m[5] === '/';
    if (tag === 'mc:Fallback') {
      if (!empty) skip += close ? -1 : 1;
      continue;
    }
    if (skip) continue;
    switch (tag) {
      case 'w:p':
        if (close) endPara(paras.pop() ?? { text: '', list: false });
        else if (empty) endPara({ text: '', list: false });
        else paras.push({ text: '', list: false });
        break;
      case 'w:pPr':
        if (!empty) inPPr += close ? -1 : 1;
        break;
      case 'w:t':
        inText = !close && !empty;
        break;
      case 'w:pStyle': {
        const level = styles.get(attr(m[4], 'w:val') ?? '') ?? styleLevel(attr(m[4], 'w:val') ?? '', undefined, undefined);
        if (para && inPPr && level) para.level = level;
        break;
      }
      case 'w:outlineLvl': {
        const o = Number(attr(m[4], 'w:val'));
        if (para && inPPr && o >= 0 && o < 9) para.level = clampLevel(o + 1);
        break;
      }
      case 'w:numPr':
        if (para && inPPr) para.list = true;
        break;
      case 'w:tab':
        if (para && !inPPr) para.text += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (para && !inPPr) para.text += '\n';
        break;
      case 'w:noBreakHyphen':
        if (para) para.text += '-';
        break;
      case 'w:tbl':
        if (empty) break;
        if (close) {
          tableDepth--;
          if (tableDepth === 0 && table) {
            if (table.rows.length && blocks.length < MAX_BLOCKS)
              blocks.push({ type: 'table', header: table.rows[0], rows: table.rows.slice(1) });
            table = undefined;
          }
        } else if (++tableDepth === 1) table = { rows: [] };
        break;
      case 'w:tr':
        if (tableDepth !== 1 || !table || empty) break;
        if (close) {
          if (table.row?.length) table.rows.push(table.row);
          table.row = undefined;
        } else table.row = [];
        break;
      case 'w:tc':
        if (tableDepth !== 1 || !table) break;
        if (close || empty) {
          table.row?.push((table.cell ?? []).join('\n').replace(/\s+/g, ' ').trim());
          table.cell = undefined;
        } else table.cell = [];
        break;
    }
    if (blocks.length >= MAX_BLOCKS) break;
  }
  return blocks.slice(0, MAX_BLOCKS);
}

/** The title from docProps/core.xml (`dc:title`), when the author set one. */
export function coreTitle(coreXml: string | undefined): string | undefined {
  const m = coreXml ? /<dc:title\b[^>]*>([\s\S]*?)<\/dc:title>/.exec(coreXml) : null;
  const title = m ? decodeEntities(m[1]).trim() : '';
  return title || undefined;
}
