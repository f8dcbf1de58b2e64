/**
 * Reversible pseudonymisation for one request: each distinct value found gets a stable typed
 * placeholder (`[身份证号_1]`, `[手机号_2]`) that is sent to the model instead; the answer's
 * placeholders are replaced by the real values again. Values live only in this object's memory.
 */

/** Options of a vault. */
export interface PseudonymVaultOptions {
  /**
   * Placeholders for which this returns true are never issued (the number is skipped): pass a test
   * for "occurs in the original request" so that text the user wrote is never mistaken for one.
   */
  avoid?: (placeholder: string) => boolean;
}

/** Longest bracketed text worth remembering as a possible placeholder (labels are at most 32 characters). */
const MAX_PLACEHOLDER_LENGTH = 48;

/**
 * Adds to `into` every bracketed text of `text` that could be a placeholder (`[手机号_1]`: no brackets
 * inside, at most 48 characters). One pass; `avoid: (p) => set.has(p)` then tests "occurs in the
 * text" in O(1), where `texts.some((t) => t.includes(p))` per placeholder was quadratic.
 */
export function collectBracketed(text: string, into: Set<string>): void {
  let open = text.indexOf('[');
  while (open >= 0) {
    const close = text.indexOf(']', open + 1);
    if (close < 0) return;
    const start = text.lastIndexOf('[', close); // the innermost '[' before this ']' (>= open)
    if (close - start < MAX_PLACEHOLDER_LENGTH) into.add(text.slice(start, close + 1));
    open = text.indexOf('[', close + 1);
  }
}

/** Escapes a value for the inside of a JSON string literal. */
function jsonEscape(value: string): string {
  const quoted = JSON.stringify(value);
  return quoted.slice(1, quoted.length - 1);
}

/** Placeholders issued for one request and the values they stand for. */
export class PseudonymVault {
  private readonly byKey = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  /** Per label, the highest number issued. */
  private readonly counters = new Map<string, number>();
  /** Every prefix of `[label_` of every label issued (labels are few: one per type). */
  private readonly labelPrefixes = new Set<string>();
  private readonly avoid?: (placeholder: string) => boolean;
  private longest = 0;

  constructor(options: PseudonymVaultOptions = {}) {
    this.avoid = options.avoid;
  }

  /**
   * The placeholder of `value` found as `type`: the same (type, value) always gets the same one;
   * new ones are numbered per label in order of first appearance. `label` must contain no brackets,
   * quotes or backslashes (see `sanitizeLabel`), so placeholders are safe inside JSON strings.
   */
  placeholderFor(type: string, value: string, label: string): string {
    const key = `${type}\u0000${value}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    let n = this.counters.get(label) ?? 0;
    let placeholder: string;
    do {
      n++;
      placeholder = `[${label}_${n}]`;
    } while (this.byPlaceholder.has(placeholder) || (this.avoid !== undefined && this.avoid(placeholder)));
    if (!this.counters.has(label)) for (let i = 1; i <= label.length + 2; i++) this.labelPrefixes.add(`[${label}_`.slice(0, i));
    this.counters.set(label, n);
    this.byKey.set(key, placeholder);
    this.byPlaceholder.set(placeholder, value);
    if (placeholder.length > this.longest) this.longest = placeholder.length;
    return placeholder;
  }

  /** Number of placeholders issued. */
  get size(): number {
    return this.byPlaceholder.size;
  }

  /** Length of the longest placeholder issued (0 when none). */
  get maxPlaceholderLength(): number {
    return this.longest;
  }

  /** The placeholders issued, in order of issue. */
  placeholders(): string[] {
    return [...this.byPlaceholder.keys()];
  }

  /** The value a placeholder stands for, or undefined when this vault did not issue it. */
  valueOf(placeholder: string): string | undefined {
    return this.byPlaceholder.get(placeholder);
  }

  /**
   * True when `s` (starting with '[') may be a proper prefix of an issued placeholder, i.e. could still
   * become one. O(|s|), whatever the number of placeholders: `[label_` prefixes are looked up, and
   * `[label_` + digits d is a prefix when d <= the label's highest number (every N starting with d
   * is >= d). It may answer true for a number that was skipped: the restorer then holds back a few
   * characters longer, which is safe.
   */
  isPlaceholderPrefix(s: string): boolean {
    if (s.length >= this.longest) return false;
    if (this.labelPrefixes.has(s)) return true;
    const us = s.lastIndexOf('_');
    if (us < 1 || us === s.length - 1) return false;
    const max = this.counters.get(s.slice(1, us));
    if (max === undefined || s.charCodeAt(us + 1) === 48) return false;
    let d = 0;
    for (let i = us + 1; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return false;
      d = d * 10 + (c - 48);
    }
    return d <= max;
  }

  /**
   * Replaces every placeholder this vault issued by its value; other bracketed text is left alone.
   * With `json`, values are escaped for the inside of a JSON string (tool-call arguments).
   */
  restore(text: string, json = false): string {
    if (this.byPlaceholder.size === 0) return text;
    let i = text.indexOf('[');
    if (i < 0) return text;
    let out = '';
    let last = 0;
    let close = -1;
    while (i >= 0) {
      if (close <= i) close = text.indexOf(']', i + 1);
      if (close < 0) break;
      const value = close - i + 1 <= this.longest ? this.byPlaceholder.get(text.slice(i, close + 1)) : undefined;
      if (value !== undefined) {
        out += text.slice(last, i) + (json ? jsonEscape(value) : value);
        last = close + 1;
        i = text.indexOf('[', last);
      } else {
        i = text.indexOf('[', i + 1);
      }
    }
    return last === 0 ? text : out + text.slice(last);
  }
}
