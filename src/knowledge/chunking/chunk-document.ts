import type { Block } from './blocks.js';
import { resolveChunking, type ChunkingSettingsInput, type ResolvedChunking } from './chunking-settings.js';
import { layoutBlocks, type LayoutItem } from './layout.js';
import { hardSplit, longestRun, safeCut, type Span } from './spans.js';
import { approximateTokens, type TokenCounter } from './token-counter.js';

export interface Chunk {
  index: number;
  /** Title path line, then the content: what gets embedded and shown. */
  text: string;
  titlePath: string[];
  tokens: number;
  kind: 'text' | 'table' | 'code';
  /** The part of the document text this chunk adds: consecutive chunks tile the whole text. */
  startOffset: number;
  endOffset: number;
  /** Where the content starts: before startOffset when it repeats the end of the previous chunk. */
  overlapStart: number;
  /** The blocks (indices into the input) this chunk's own part comes from. */
  blockStart: number;
  blockEnd: number;
}

export interface ChunkedDocument {
  /** The normalized document text the offsets refer to (headings live in title paths, not here). */
  text: string;
  chunks: Chunk[];
}

type Part = Omit<Chunk, 'index' | 'tokens' | 'titlePath' | 'kind'>;

/** Cuts a parsed document into chunks sized in tokens. Pure and deterministic. */
export function chunkDocument(
  blocks: readonly Block[],
  settings?: ChunkingSettingsInput,
  count: TokenCounter = approximateTokens,
): ChunkedDocument {
  const opts = resolveChunking(settings);
  const { text, items } = layoutBlocks(blocks);
  const chunks: Chunk[] = [];
  for (const item of items) {
    const prefix = titlePrefix(item.titlePath, opts.chunkTokens, count);
    const parts = item.kind === 'text' ? chunkProse(text, item, prefix, opts, count) : chunkLines(text, item, prefix, opts, count);
    for (const p of parts) {
      chunks.push({ index: chunks.length, titlePath: item.titlePath, kind: item.kind, tokens: count(p.text), ...p });
    }
  }
  return { text, chunks };
}

/** "A > B > C\n", shortened to at most a quarter of a chunk. */
function titlePrefix(path: string[], chunkTokens: number, count: TokenCounter): string {
  if (!path.length) return '';
  const full = path.join(' > ');
  const cap = Math.floor(chunkTokens / 4);
  if (count(full) + 1 <= cap) return `${full}\n`;
  const [piece] = hardSplit(full, 0, full.length, (a, b) => count(full.slice(a, b) + '…') <= cap);
  return `${full.slice(0, piece.end)}…\n`;
}

function chunkProse(text: string, item: LayoutItem, prefix: string, opts: ResolvedChunking, count: TokenCounter): Part[] {
  const render = (from: number, to: number) => prefix + text.slice(from, to).trim();
  const fits = (from: number, to: number) => count(render(from, to)) <= opts.chunkTokens;
  // Sentences too long for a chunk are cut at line breaks, then anywhere, leaving room for the overlap.
  const pieceFits = (from: number, to: number) => count(render(from, to)) <= opts.chunkTokens - opts.overlapTokens;
  const units: Array<Span & { block: number }> = [];
  for (const u of item.units) {
    if (fits(u.start, u.end)) units.push(u);
    else for (const s of splitLong(text, u, pieceFits)) units.push({ ...s, block: u.block });
  }
  const parts: Part[] = [];
  let i = 0;
  let overlapStart = units[0].start;
  while (i < units.length) {
    if (!fits(overlapStart, units[i].end)) overlapStart = units[i].start;
    const from = overlapStart;
    const j = longestRun(i, units.length, (a, b) => fits(from, units[b].end));
    const end = units[j].end;
    parts.push({
      text: render(from, end),
      startOffset: units[i].start,
      endOffset: end,
      overlapStart: from,
      blockStart: units[i].block,
      blockEnd: units[j].block,
    });
    overlapStart = j + 1 < units.length ? tailOverlap(text, units, i, j, opts.overlapTokens, count) : end;
    i = j + 1;
  }
  return parts;
}

function splitLong(text: string, u: Span, fits: (a: number, b: number) => boolean): Span[] {
  const out: Span[] = [];
  let at = u.start;
  const lines = [...text.slice(u.start, u.end).matchAll(/\n\s*/g)].map((m) => u.start + m.index + m[0].length).filter((b) => b < u.end);
  for (const b of [...lines, u.end]) {
    if (fits(at, b)) out.push({ start: at, end: b });
    else out.push(...hardSplit(text, at, b, fits));
    at = b;
  }
  return out;
}

/** Where the next chunk's content starts: whole trailing sentences within the overlap budget, else the tail of the last one. */
function tailOverlap(text: string, units: Span[], i: number, j: number, overlap: number, count: TokenCounter): number {
  const end = units[j].end;
  if (overlap <= 0) return end;
  const ok = (p: number) => count(text.slice(p, end).trim()) <= overlap;
  let p = end;
  for (let m = j; m > i && ok(units[m].start); m--) p = units[m].start;
  if (p < end) return p;
  let lo = units[j].start + 1;
  let hi = end;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  p = safeCut(text, lo);
  // Start the overlap at a word, not inside one (CJK text has no spaces: any character will do).
  if (p < end && /[A-Za-z0-9]/.test(text[p - 1] ?? '') && /[A-Za-z0-9]/.test(text[p])) {
    const space = text.slice(p, end).search(/\s/);
    if (space >= 0) p += space;
  }
  while (p < end && /\s/.test(text[p])) p++;
  return p;
}

/** Tables and code: whole when they fit, else runs of rows/lines, each part repeating the header or fences. */
function chunkLines(text: string, item: LayoutItem, prefix: string, opts: ResolvedChunking, count: TokenCounter): Part[] {
  const whole = prefix + text.slice(item.start, item.end).trimEnd();
  const limit = item.kind === 'code' ? opts.maxCodeTokens : opts.chunkTokens;
  const one = (t: string, start: number, end: number): Part => ({
    text: t,
    startOffset: start,
    endOffset: end,
    overlapStart: start,
    blockStart: item.firstBlock,
    blockEnd: item.lastBlock,
  });
  if (count(whole) <= limit) return [one(whole, item.start, item.end)];
  let head = item.head;
  let foot = item.foot;
  let units: Span[] = item.units;
  if (!units.length || count(prefix + head + foot) > opts.chunkTokens / 2) {
    head = foot = '';
    units = [{ start: item.start, end: item.end }];
  }
  const render = (from: number, to: number) => prefix + head + text.slice(from, to).replace(/\s+$/, '') + foot;
  const fits = (from: number, to: number) => count(render(from, to)) <= opts.chunkTokens;
  const pieces: Span[] = [];
  for (const u of units) {
    if (fits(u.start, u.end)) pieces.push(u);
    else pieces.push(...hardSplit(text, u.start, u.end, fits));
  }
  const parts: Part[] = [];
  for (let i = 0; i < pieces.length;) {
    const j = longestRun(i, pieces.length, (a, b) => fits(pieces[a].start, pieces[b].end));
    parts.push(one(render(pieces[i].start, pieces[j].end), parts.length ? pieces[i].start : item.start, item.end));
    if (parts.length > 1) parts[parts.length - 2].endOffset = parts[parts.length - 1].startOffset;
    i = j + 1;
  }
  return parts;
}
