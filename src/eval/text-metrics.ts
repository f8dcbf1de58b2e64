/**
 * Scores of a free-text answer against one or more references, for Chinese, English and mixed text
 * (QA suites): exact match after normalisation, token F1 and ROUGE-L. Tokens are single characters
 * for CJK scripts (Han, Hiragana, Katakana: no segmenter needed, the usual choice for Chinese) and
 * words for everything else, so `GPT-4 模型` is `gpt`, `4`, `模`, `型`. With several references a
 * score is the best over them (as SQuAD scores).
 */

/** Characters of a text read at most (the rest is ignored): bounds the work on a runaway answer. */
export const MAX_METRIC_CHARS = 65_536;
/** Tokens of a text scored at most (ROUGE-L's LCS is quadratic in them). */
export const MAX_METRIC_TOKENS = 4_096;

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;
const PUNCTUATION = /[\p{P}\p{S}]/gu;
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/** Full-width ASCII forms (`Ａ`, `１`, `，`, `（`) and the ideographic space as their half-width twins. */
export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Half-width, lower case, punctuation and symbols (ASCII and Chinese: `，。、《》“”！？…`) as spaces. */
function clean(text: string): string {
  return toHalfWidth(text.slice(0, MAX_METRIC_CHARS)).toLowerCase().replace(PUNCTUATION, ' ');
}

/**
 * The form answers are compared in: full-width → half-width, lower case, punctuation (including
 * Chinese punctuation) and symbols removed, and all whitespace removed. `“北京。”` and `北京` are
 * equal; so are `New York!` and `newyork`. English articles are kept (unlike SQuAD's normaliser).
 */
export function normalizeAnswer(text: string): string {
  return clean(text).replace(/\s+/gu, '');
}

/** The tokens scored by {@link charF1} and {@link rougeL}: CJK characters and other words, normalised. */
export function metricTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of clean(text).matchAll(TOKEN)) {
    out.push(m[0]);
    if (out.length >= MAX_METRIC_TOKENS) break;
  }
  return out;
}

const refs = (reference: string | readonly string[]): readonly string[] => (typeof reference === 'string' ? [reference] : reference);

/** 1 when the normalised prediction equals a normalised reference, else 0 (0 for no references). */
export function exactMatch(prediction: string, reference: string | readonly string[]): 0 | 1 {
  const p = normalizeAnswer(prediction);
  return refs(reference).some((r) => normalizeAnswer(r) === p) ? 1 : 0;
}

function bestOver(prediction: string, reference: string | readonly string[], score: (p: string[], r: string[]) => number): number {
  const p = metricTokens(prediction);
  let best = 0;
  for (const r of refs(reference)) best = Math.max(best, score(p, metricTokens(r)));
  return best;
}

/** F1 of two token lists, 1 when both are empty and 0 when only one is. */
function f1(common: number, predicted: number, expected: number): number {
  if (predicted === 0 || expected === 0) return predicted === expected ? 1 : 0;
  if (common === 0) return 0;
  const precision = common / predicted;
  const recall = common / expected;
  return (2 * precision * recall) / (precision + recall);
}

function tokenF1(p: string[], r: string[]): number {
  const counts = new Map<string, number>();
  for (const t of r) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of p) {
    const c = counts.get(t);
    if (c) {
      common++;
      counts.set(t, c - 1);
    }
  }
  return f1(common, p.length, r.length);
}

/** Length of the longest common subsequence, in two rows of O(|b|) memory. */
function lcsLength(a: string[], b: string[]): number {
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) cur[j] = ai === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * Token-overlap F1 (bag of tokens, counted with multiplicity): over characters for Chinese, words for
 * Latin text, both for mixed text. `charF1('北京市', '北京')` is 0.8.
 */
export function charF1(prediction: string, reference: string | readonly string[]): number {
  return bestOver(prediction, reference, tokenF1);
}

/**
 * ROUGE-L F-measure (β = 1: the harmonic mean of LCS/|prediction| and LCS/|reference|) over the same
 * tokens as {@link charF1}. `rougeL('我爱北京天安门', '我在北京看天安门')` is 0.8 (LCS 6 of 7 and 8).
 */
export function rougeL(prediction: string, reference: string | readonly string[]): number {
  return bestOver(prediction, reference, (p, r) => f1(p.length && r.length ? lcsLength(p, r) : 0, p.length, r.length));
}
