import type { Block } from './blocks.js';
import { sentenceBoundaries } from './sentences.js';
import type { Span } from './spans.js';

/** A stretch of the normalized text that chunks the same way: prose of one section, one table, one code block. */
export interface LayoutItem {
  kind: 'text' | 'table' | 'code';
  titlePath: string[];
  /** [start, end) in the text, the separator to the next item included. */
  start: number;
  end: number;
  /** Prose: sentences, tiling [start, end). Table: rows; code: lines (without the head and foot). */
  units: Array<Span & { block: number }>;
  /** Table and code: the text repeated at the top (header, opening fence) and bottom (closing fence) of each part. */
  head: string;
  foot: string;
  firstBlock: number;
  lastBlock: number;
}

export interface Layout {
  text: string;
  items: LayoutItem[];
}

const SEPARATOR = '\n\n';

const clean = (s: string) => s.replace(/\r\n?/g, '\n').trim();
const cell = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;

/**
 * Renders the blocks into one normalized text (headings go to title paths, not into the text; blocks are
 * separated by a blank line) and groups it into items.
 */
export function layoutBlocks(blocks: readonly Block[]): Layout {
  let text = '';
  const items: LayoutItem[] = [];
  const headings: Array<{ level: number; text: string }> = [];
  let path: string[] = [];
  let sectionOpen = false;
  const append = (s: string): number => {
    if (text) text += SEPARATOR;
    const at = text.length;
    text += s;
    return at;
  };
  const lineUnits = (from: number, body: string, block: number) => {
    const units: LayoutItem['units'] = [];
    let at = from;
    for (const line of body.split('\n')) {
      units.push({ start: at, end: Math.min(at + line.length + 1, from + body.length), block });
      at += line.length + 1;
    }
    return units;
  };

  blocks.forEach((b, index) => {
    if (b.type === 'heading') {
      const t = clean(b.text).replace(/\s+/g, ' ');
      while (headings.length && headings[headings.length - 1].level >= b.level) headings.pop();
      if (t) headings.push({ level: b.level, text: t });
      path = headings.map((h) => h.text);
      sectionOpen = false;
      return;
    }
    if (b.type === 'paragraph' || b.type === 'list-item') {
      const body = clean(b.text);
      if (!body) return;
      const start = append(b.type === 'list-item' ? `- ${body}` : body);
      const last = items[items.length - 1];
      const unit = { start, end: text.length, block: index };
      if (sectionOpen && last?.kind === 'text') {
        last.units.push(unit);
        last.lastBlock = index;
      } else {
        items.push({
          kind: 'text',
          titlePath: path,
          start,
          end: 0,
          units: [unit],
          head: '',
          foot: '',
          firstBlock: index,
          lastBlock: index,
        });
        sectionOpen = true;
      }
      return;
    }
    sectionOpen = false;
    if (b.type === 'table') {
      const width = Math.max(b.header.length, ...b.rows.map((r) => r.length), 1);
      const pad = (r: string[]) => [...r, ...Array<string>(width - r.length).fill('')];
      const head = `${row(pad(b.header))}\n${row(Array<string>(width).fill('---'))}\n`;
      const rows = b.rows.map((r) => row(pad(r))).join('\n');
      const start = append(head + rows);
      const units = rows ? lineUnits(start + head.length, rows, index) : [];
      items.push({ kind: 'table', titlePath: path, start, end: 0, units, head, foot: '', firstBlock: index, lastBlock: index });
      return;
    }
    const code = b.text.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '');
    if (!code) return;
    const head = '```' + (b.lang ?? '').replace(/\s+/g, '') + '\n';
    const foot = '\n```';
    const start = append(head + code + foot);
    const units = lineUnits(start + head.length, code, index);
    items.push({ kind: 'code', titlePath: path, start, end: 0, units, head, foot, firstBlock: index, lastBlock: index });
  });

  items.forEach((item, k) => {
    item.end = k + 1 < items.length ? items[k + 1].start : text.length;
    if (item.kind !== 'text') return;
    // Prose units tile the item: the last one takes the separator.
    item.units[item.units.length - 1].end = item.end;
    item.units = splitSentences(text, item.units);
  });
  return { text, items };
}

/** Text items: each block's range (separator included) cut at sentence ends. */
function splitSentences(text: string, blockUnits: LayoutItem['units']): LayoutItem['units'] {
  const out: LayoutItem['units'] = [];
  blockUnits.forEach((u, k) => {
    const end = k + 1 < blockUnits.length ? blockUnits[k + 1].start : u.end;
    let at = u.start;
    for (const b of sentenceBoundaries(text, u.start, end)) {
      out.push({ start: at, end: b, block: u.block });
      at = b;
    }
  });
  return out;
}
