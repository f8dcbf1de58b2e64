import { MAX_BLOCKS, type Block } from './blocks.js';

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  middot: '·',
  bull: '•',
  times: '×',
  divide: '÷',
  yen: '¥',
  deg: '°',
  laquo: '«',
  raquo: '»',
};

/** Decodes numeric entities and the common named ones; unknown ones stay as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

const BREAKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'blockquote',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
]);
const BREAKS2 = new Set(['figure', 'figcaption', 'body', 'html', 'hr', 'form', 'address', 'details', 'summary', 'caption']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*)>/g;

/** HTML: h1–h6, paragraphs and other blocks, tables, pre/code, list items; scripts, styles and comments dropped. */
export function parseHtml(input: string): Block[] {
  const html = input
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<(script|style|noscript|template|head|svg)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<!doctype[^>]*>/gi, ' ');
  const blocks: Block[] = [];
  let buf = '';
  let mode: 'flow' | 'heading' | 'li' | 'pre' = 'flow';
  let level = 0;
  let lang: string | undefined;
  let table:
    { header: string[] | undefined; rows: string[][]; row: string[] | undefined; headRow: boolean; cell: string | undefined } | undefined;
  const words = (s: string) => s.replace(/[ \t\n\r\f]+/g, ' ');
  const emit = () => {
    const text = buf.replace(/ *\n */g, '\n').trim();
    buf = '';
    if (!text) return;
    else if (mode === 'heading') blocks.push({ type: 'heading', level, text: text.replace(/\s+/g, ' ') });
    else if (mode === 'li') blocks.push({ type: 'list-item', text });
    else blocks.push({ type: 'paragraph', text });
  };
  const addText = (raw: string) => {
    if (table?.cell !== undefined) table.cell += words(decodeEntities(raw));
    else if (mode === 'pre') buf += raw;
    else if (!table) buf += words(decodeEntities(raw));
  };
  let last = 0;
  for (const m of html.matchAll(TAG)) {
    if (blocks.length >= MAX_BLOCKS) break;
    addText(html.slice(last, m.index));
    last = m.index + m[0].length;
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    if (mode === 'pre') {
      if (tag === 'pre' && closing) {
        const code = decodeEntities(buf).replace(/^\n/, '');
        blocks.push({ type: 'code', text: code, ...(lang ? { lang } : {}) });
        buf = '';
        mode = 'flow';
      } else if (tag === 'br') buf += '\n';
      else if (tag === 'code' && !closing) lang ??= /language-([\w+#-]+)/.exec(m[3])?.[1];
      continue;
    }
    if (table) {
      if (tag === 'thead') table.headRow = !closing;
      else if (tag === 'tr') {
        if (table.row && table.cell !== undefined) table.row.push(table.cell.trim());
        if (table.row?.length) {
          if (table.header === undefined && table.headRow) table.header = table.row;
          else table.rows.push(table.row);
        }
        table.cell = undefined;
        table.row = closing ? undefined : [];
      } else if (tag === 'td' || tag === 'th') {
        if (table.cell !== undefined) table.row?.push(table.cell.trim());
        table.cell = closing ? undefined : '';
        if (!closing && tag === 'th' && table.header === undefined && !table.rows.length) table.headRow = true;
        table.row ??= [];
      } else if (tag === 'br' && table.cell !== undefined) table.cell += ' ';
      else if (tag === 'table' && closing) {
        if (table.row && table.cell !== undefined) table.row.push(table.cell.trim());
        if (table.row?.length) table.rows.push(table.row);
        const header = table.header ?? table.rows.shift() ?? [];
        if (header.length || table.rows.length) blocks.push({ type: 'table', header, rows: table.rows });
        table = undefined;
      }
      continue;
    }
    if (/^h[1-6]$/.test(tag)) {
      emit();
      mode = closing ? 'flow' : 'heading';
      level = Number(tag[1]);
    } else if (tag === 'li') {
      emit();
      mode = closing ? 'flow' : 'li';
    } else if (tag === 'pre' && !closing) {
      emit();
      mode = 'pre';
      lang = /language-([\w+#-]+)/.exec(m[3])?.[1];
    } else if (tag === 'table' && !closing) {
      emit();
      mode = 'flow';
      table = { header: undefined, rows: [], row: undefined, headRow: false, cell: undefined };
    } else if (tag === 'br') buf += '\n';
    else if (BREAKS.has(tag) || BREAKS2.has(tag)) {
      emit();
      if (tag === 'ul' || tag === 'ol') mode = 'flow';
    }
  }
  addText(html.slice(last));
  if (mode === 'pre') blocks.push({ type: 'code', text: decodeEntities(buf).replace(/^\n/, ''), ...(lang ? { lang } : {}) });
  else emit();
  return blocks.slice(0, MAX_BLOCKS);
}
