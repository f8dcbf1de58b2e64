/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;

/**
 * A caller-given identifier or label as baimo keeps it: control characters removed, surrounding
 * whitespace trimmed, cut to `max` characters (never leaving half a surrogate pair); null when nothing
 * is left or the value is not a string. Header and body values that end up in log rows, rollup
 * dimensions and reports pass through here, so none of them can break a CSV line or a terminal.
 */
export function cleanText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  let s = value.replace(CONTROL, '').trim();
  if (s.length > max) {
    s = s.slice(0, max);
    const last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1);
    s = s.trimEnd();
  }
  return s.length > 0 ? s : null;
}
