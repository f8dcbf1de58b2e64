import { MAX_BLOCKS, type Block } from './blocks.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const LIST = /^\s{0,12}(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** Cells of a pipe-table row: outer pipes dropped, `\|` kept as a literal pipe. */
export function tableCells(line: string): string[] {
  const body = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return body.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** Markdown: ATX headings, fenced code, pipe tables, list items and paragraphs (inline markup is kept as text). */
export function parseMarkdown(input: string): Block[] {
  const lines = input.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let item: string[] | undefined;
  const flush = () => {
    if (para.length) blocks.push({ type: 'paragraph', text: para.join('\n') });
    if (item) blocks.push({ type: 'list-item', text: item.join('\n') });
    para = [];
    item = undefined;
  };
  for (let i = 0; i < lines.length && blocks.length < MAX_BLOCKS; i++) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1];
      const body: string[] = [];
      for (i++; i < lines.length; i++) {
        const close = lines[i].trim();
        if (close.startsWith(marker[0].repeat(marker.length)) && /^(`+|~+)$/.test(close)) break;
        body.push(lines[i]);
      }
      blocks.push({ type: 'code', text: body.join('\n'), ...(fence[2] ? { lang: fence[2] } : {}) });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ type: 'heading', level: heading[1].length, text: heading[2] ?? '' });
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]) && lines[i + 1].includes('-')) {
      flush();
      const header = tableCells(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && lines[i].includes('|') && lines[i].trim(); i++) rows.push(tableCells(lines[i]));
      i--;
      blocks.push({ type: 'table', header, rows });
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const li = LIST.exec(line);
    if (li) {
      flush();
      item = [li[1]];
      continue;
    }
    if (item) item.push(line.trim());
    else para.push(line);
  }
  flush();
  return blocks.slice(0, MAX_BLOCKS);
}
