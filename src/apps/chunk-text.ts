/**
 * How a long main text is measured and cut for map-reduce: the documented rule (the tests compute the
 * expected number of chunk calls from it). Deterministic: the same text, window and reserve always give
 * the same chunks.
 *
 * - Tokens are counted the way admission estimates them: each UTF-16 unit at or above U+2E80 (CJK,
 *   full-width punctuation) is one token; the other characters of a piece count one token per four,
 *   rounded up (`textTokens`).
 * - The answer's reserve R is the app's `parameters.max_tokens`, else a quarter of the window, at most
 *   4,096 (`outputReserve`).
 * - A chunk holds at most C = ⌊(window − R) / 2⌋ tokens (`chunkTokens`): half of what the answer leaves
 *   is for the chunk, the other half for the prompt around it (a longer prompt is refused).
 * - Cutting walks the text from its start: a chunk takes characters while its token count stays ≤ C,
 *   then ends after the last boundary in the back half of what it took: a blank line, else a line break,
 *   else a sentence end (`。！？；.!?;`), else a space; with none there, exactly at the limit. The next
 *   chunk starts where it ended. A text of at most C tokens is one chunk.
 * - Reducing (app-runner.ts): the chunks' answers, in order, are grouped greedily so that a group holds
 *   at most C tokens, each answer counting 8 more for its heading (an answer alone over that is cut to
 *   fit). One group is the last call; several are reduced one call each, in order, and their answers
 *   grouped the same way. When no two answers fit together, each is first cut to ⌊C / 2⌋ − 8 tokens.
 */

/** Tokens of `s` as admission counts them (see the module comment). */
export function textTokens(s: string): number {
  let wide = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x2e80) wide++;
  return wide + Math.ceil((s.length - wide) / 4);
}

/** Tokens kept for the answer in a window of `context` tokens. */
export function outputReserve(context: number, maxTokens: number | undefined): number {
  return maxTokens ?? Math.min(4096, Math.floor(context / 4));
}

/** The most tokens of one chunk in a window of `context` tokens with `reserve` kept for the answer. */
export function chunkTokens(context: number, reserve: number): number {
  return Math.max(1, Math.floor((context - reserve) / 2));
}

const SENTENCE_END = new Set(['。', '！', '？', '；', '.', '!', '?', ';']);

/** Where a chunk from `start` to `limit` (exclusive) ends: after its best boundary in the back half. */
function cutAt(text: string, start: number, limit: number): number {
  const half = start + Math.ceil((limit - start) / 2);
  let line = -1;
  let sentence = -1;
  let space = -1;
  for (let i = limit - 1; i >= half; i--) {
    const c = text[i];
    if (c === '\n') {
      if (i > start && text[i - 1] === '\n') return i + 1;
      if (line < 0) line = i + 1;
    } else if (sentence < 0 && SENTENCE_END.has(c)) sentence = i + 1;
    else if (space < 0 && (c === ' ' || c === '\t' || c === '\u3000')) space = i + 1;
  }
  if (line > 0) return line;
  if (sentence > 0) return sentence;
  if (space > 0) return space;
  return limit;
}

/**
 * `text` cut into chunks of at most `maxTokens` tokens (see the module comment), in order; their
 * concatenation is `text`. Stops after `maxChunks` chunks, the rest in the last one; the caller refuses
 * a text that needs more (`countChunks` tells).
 */
export function splitChunks(text: string, maxTokens: number, maxChunks = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    if (out.length + 1 >= maxChunks) {
      out.push(text.slice(start));
      break;
    }
    // Take characters while the chunk's tokens stay within the budget.
    let wide = 0;
    let end = start;
    for (; end < text.length; end++) {
      const w = text.charCodeAt(end) >= 0x2e80 ? 1 : 0;
      if (wide + w + Math.ceil((end + 1 - start - wide - w) / 4) > maxTokens) break;
      wide += w;
    }
    if (end >= text.length) {
      out.push(text.slice(start));
      break;
    }
    // Never split a surrogate pair, and always make progress.
    let cut = Math.max(start + 1, cutAt(text, start, end));
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff && cut < text.length) cut = cut - 1 > start ? cut - 1 : cut + 1;
    out.push(text.slice(start, cut));
    start = cut;
  }
  return out;
}

/** How many chunks `splitChunks` makes of `text`, up to `max + 1` (enough to tell "too many"). */
export function countChunks(text: string, maxTokens: number, max: number): number {
  return splitChunks(text, maxTokens, max + 1).length;
}

/** Tokens of one answer's heading in a reduce prompt (`【第 n 部分】`, `[Part n]`: formatResults). */
export const HEADING_TOKENS = 8;

/** `text`, or its first `tokens` tokens' worth when it is longer (cut by `splitChunks`'s rule). */
export function cutTo(text: string, tokens: number): string {
  return textTokens(text) > tokens ? splitChunks(text, Math.max(1, tokens), 2)[0] : text;
}

/**
 * The answers of one reduce level in order, grouped greedily so each group fits `budget` tokens with
 * `HEADING_TOKENS` per answer (a group takes at least one answer; an answer alone over the budget is
 * cut to fit).
 */
export function groupResults(results: readonly string[], budget: number): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const r of results) {
    const answer = cutTo(r, budget - HEADING_TOKENS);
    const n = textTokens(answer) + HEADING_TOKENS;
    if (current.length && size + n > budget) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(answer);
    size += n;
  }
  if (current.length || !groups.length) groups.push(current);
  return groups;
}
