/**
 * Text folding for the compliance matchers (moderation keywords, PII dictionary terms): full-width →
 * half-width, upper → lower case (ASCII), traditional → simplified Chinese for common characters.
 *
 * The folding is a 1:1 mapping of UTF-16 code units, so `normalizeText(s).length === s.length` and an
 * offset into the folded text is the same offset into the original. It is precomputed into one
 * 65,536-entry table: folding a character is a single array read.
 */
import { TRADITIONAL_SIMPLIFIED_PAIRS } from './traditional-map.js';

function buildTable(): Uint16Array {
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) table[c] = c;
  // Full-width ASCII variants U+FF01..U+FF5E → U+0021..U+007E; ideographic space → space.
  for (let c = 0xff01; c <= 0xff5e; c++) table[c] = c - 0xfee0;
  table[0x3000] = 0x20;
  // ASCII upper case → lower case, also for the full-width letters folded above.
  for (let c = 0; c < 65536; c++) {
    const folded = table[c];
    if (folded >= 0x41 && folded <= 0x5a) table[c] = folded + 0x20;
  }
  const pairs = TRADITIONAL_SIMPLIFIED_PAIRS;
  for (let i = 0; i + 1 < pairs.length; i += 2) table[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  return table;
}

/**
 * The folding table: `NORMALIZE_TABLE[c]` is the folded form of UTF-16 code unit `c`. Exposed for hot
 * loops (the Aho–Corasick search); treat it as read-only.
 */
export const NORMALIZE_TABLE: Readonly<Uint16Array> = buildTable();

/** Folds one UTF-16 code unit (0..0xFFFF); anything outside that range is returned unchanged. */
export function normalizeCode(c: number): number {
  return c >= 0 && c < 65536 ? NORMALIZE_TABLE[c] : c;
}

/** Characters folded per `String.fromCharCode` call, well below engines' argument limits. */
const CHUNK = 8192;

/**
 * Folds a string code unit by code unit (see the module comment). The result has the same length as
 * the input; the input itself is returned when nothing changes.
 */
export function normalizeText(s: string): string {
  const table = NORMALIZE_TABLE;
  const n = s.length;
  let first = 0;
  while (first < n) {
    const c = s.charCodeAt(first);
    if (table[c] !== c) break;
    first++;
  }
  if (first === n) return s;
  const out = new Uint16Array(n - first);
  for (let i = first; i < n; i++) out[i - first] = table[s.charCodeAt(i)];
  let result = s.slice(0, first);
  for (let i = 0; i < out.length; i += CHUNK) {
    result += String.fromCharCode.apply(null, out.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return result;
}
