/** Formatting and form helpers shared by the knowledge pages. */

/** `1.2 MB`, `340 KB`, `12 B`; `—` when unknown. */
export function fmtBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** A textarea of one word per line → the distinct, trimmed, non-empty words. */
export function linesToWords(text: string | undefined): string[] {
  return [
    ...new Set(
      (text ?? '')
        .split(/\r?\n/)
        .map((w) => w.trim())
        .filter(Boolean),
    ),
  ];
}

export const wordsToLines = (words: readonly string[]): string => words.join('\n');

/** The longest word a user dictionary or stopword list takes (SEGMENTER_LIMITS.wordLength), and how many. */
export const WORD_LIMITS = { length: 32, count: 10_000 } as const;

/** The first word of a list that breaks WORD_LIMITS, or a count over it, for a form validator. */
export function wordProblem(words: string[]): { tooLong?: string; tooMany?: number } | null {
  const long = words.find((w) => w.length > WORD_LIMITS.length);
  if (long) return { tooLong: long };
  if (words.length > WORD_LIMITS.count) return { tooMany: words.length };
  return null;
}

/** A knowledge base's name as the server takes it (KB_NAME in src/knowledge/knowledge-types.ts). */
export const KB_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,63}$/u;

/** A title path as one line: `Guide › Install › Linux`. */
export const titlePath = (path: readonly string[]): string => path.join(' › ');

/** The console's URL of a base's page. */
export const basePath = (name: string): string => `/knowledge/${encodeURIComponent(name)}`;
