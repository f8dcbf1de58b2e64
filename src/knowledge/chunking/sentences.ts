/** Full-width and CJK sentence ends: a boundary right after them (and their closing quotes), no space needed. */
const CJK_END = new Set(['。', '！', '？', '；', '…', '｡', '︒']);
/** Western sentence ends: a boundary only when whitespace or the end follows. */
const WESTERN_END = new Set(['.', '!', '?', ';']);
const CLOSERS = new Set(['"', "'", ')', ']', '}', '”', '’', '」', '』', '）', '】', '》', '〉', '〕']);
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'cf',
  'al',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'no',
  'fig',
  'inc',
  'ltd',
  'jr',
  'sr',
  'approx',
  'dept',
  'est',
  'u.s',
]);
const SPACE = /\s/;

/**
 * Sentence boundaries of `text` between `from` and `to`: the offsets where a new sentence starts, each
 * after the previous sentence's terminator, closing quotes and trailing whitespace. Never inside numbers
 * (3.14) or after abbreviations (e.g., Dr.). The result ends with `to`.
 */
export function sentenceBoundaries(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    const cjk = CJK_END.has(c);
    if (!cjk && !WESTERN_END.has(c)) {
      i++;
      continue;
    }
    let j = i;
    while (j < to && (CJK_END.has(text[j]) || WESTERN_END.has(text[j]))) j++;
    while (j < to && CLOSERS.has(text[j])) j++;
    const spaced = j === to || SPACE.test(text[j]);
    if (!cjk && (!spaced || westernFalseEnd(text, from, i, j, to))) {
      i = j;
      continue;
    }
    while (j < to && SPACE.test(text[j])) j++;
    if (j < to) out.push(j);
    i = j;
  }
  out.push(to);
  return out;
}

/** A '.' that ends an abbreviation or an initial, or is followed by a lowercase word, ends no sentence. */
function westernFalseEnd(text: string, from: number, at: number, after: number, to: number): boolean {
  if (text[at] !== '.' || after - at > 1) return false;
  let k = at;
  while (k > from && !SPACE.test(text[k - 1])) k--;
  const word = text
    .slice(k, at)
    .replace(/^[("'“‘（]+/, '')
    .toLowerCase();
  if (ABBREVIATIONS.has(word) || /^[a-z]$/.test(word)) return true;
  let n = after;
  while (n < to && SPACE.test(text[n])) n++;
  return n < to && /[a-z]/.test(text[n]);
}

/** Line boundaries (weak): offsets after each newline run, ending with `to`. */
export function lineBoundaries(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    if (text[i] !== '\n') continue;
    let j = i + 1;
    while (j < to && SPACE.test(text[j])) j++;
    if (j < to) out.push(j);
    i = j - 1;
  }
  out.push(to);
  return out;
}
