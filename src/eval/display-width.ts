/** Whether a code point takes two terminal columns (East Asian Wide and Fullwidth, and emoji). */
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) || // Hangul Jamo
    (c >= 0x2e80 && c <= 0x303e) || // CJK radicals, Kangxi, CJK symbols and punctuation
    (c >= 0x3041 && c <= 0x33ff) || // Kana, Bopomofo, CJK compatibility
    (c >= 0x3400 && c <= 0x4dbf) || // CJK extension A
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0xa000 && c <= 0xa4cf) || // Yi
    (c >= 0xac00 && c <= 0xd7a3) || // Hangul syllables
    (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
    (c >= 0xfe30 && c <= 0xfe4f) || // CJK compatibility forms
    (c >= 0xff00 && c <= 0xff60) || // full-width forms
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1f64f) || // pictographs, emoticons
    (c >= 0x1f900 && c <= 0x1f9ff) ||
    (c >= 0x20000 && c <= 0x3fffd) // CJK extensions B and beyond
  );
}

/** Whether a code point takes no column: combining marks, zero-width characters, variation selectors. */
function isZeroWidth(c: number): boolean {
  return (
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0xfe00 && c <= 0xfe0f) ||
    (c >= 0xfe20 && c <= 0xfe2f) ||
    c === 0xfeff
  );
}

/** Terminal columns a string takes: CJK, full-width characters and emoji take two, combining marks none. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += isZeroWidth(c) ? 0 : isWide(c) ? 2 : 1;
  }
  return w;
}

/** `text` padded with spaces to `width` columns, on the right (`start`) or the left (`end`, for numbers). */
export function padDisplay(text: string, width: number, align: 'start' | 'end' = 'start'): string {
  const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'end' ? pad + text : text + pad;
}

/**
 * Text safe to print to a terminal: control characters (C0, DEL, C1, which would carry escape
 * sequences from a model name into the user's terminal) and line or paragraph separators become `?`.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}
