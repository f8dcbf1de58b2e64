/**
 * Regular expressions written by administrators (custom PII recognizers, moderation rules) run on
 * RE2 (the pure-JS port `re2js`): matching takes time linear in the text, whatever the pattern, so
 * a pattern like `(a+)+$` cannot stall the event loop (ReDoS). RE2 has no backreferences and no
 * lookaround; patterns using them are refused when saved, with a message that says so.
 *
 * JavaScript spellings RE2 lacks are translated first: `\uXXXX` and `\u{X…}` become `\x{…}`.
 * Flags are the JavaScript ones: `i`, `m`, `s` and `u` (RE2 always matches Unicode code points, so
 * `u` changes nothing); `g` and `y` are ignored (every search here is global). Built-in recognizers,
 * written and reviewed in this repository, stay on native RegExp.
 */
import { RE2JS } from 're2js';
import { LIMITS } from './limits.js';

/** Flags an administrator may give. */
const SAFE_REGEX_FLAGS = 'imsu';
/** Largest compiled program accepted (RE2 instructions): bounds the per-character matching cost. */
const MAX_PROGRAM_SIZE = 20_000;

const HINT = 'patterns run on RE2 (linear time): backreferences (\\1, \\k<name>) and lookaround ((?=, (?!, (?<=, (?<!) are not supported';

/** Why a pattern was refused (the message names the reason, the caller adds which pattern). */
class PatternError extends Error {}

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Rewrites `\uXXXX` / `\u{X…}` to RE2's `\x{…}`; every other escape is copied as is (one pass). */
function toRe2Syntax(source: string): string {
  if (!source.includes('\\u')) return source;
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch !== '\\' || i + 1 >= source.length) {
      out += ch;
      continue;
    }
    const next = source[i + 1];
    if (next === 'u') {
      if (source[i + 2] === '{') {
        const close = source.indexOf('}', i + 3);
        if (close > i + 3) {
          out += `\\x{${source.slice(i + 3, close)}}`;
          i = close;
          continue;
        }
      } else if (i + 5 < source.length && [2, 3, 4, 5].every((k) => isHex(source.charCodeAt(i + k)))) {
        out += `\\x{${source.slice(i + 2, i + 6)}}`;
        i += 5;
        continue;
      }
    }
    out += ch + next; // an escape pair stays together, so `\\u` (a literal backslash, then u) is untouched
    i++;
  }
  return out;
}

function re2Flags(flags: string): number {
  let f = 0;
  for (const c of flags) {
    if (c === 'i') f |= RE2JS.CASE_INSENSITIVE;
    else if (c === 'm') f |= RE2JS.MULTILINE;
    else if (c === 's') f |= RE2JS.DOTALL;
    else if (c !== 'u' && c !== 'g' && c !== 'y') throw new PatternError(`unsupported flag "${c}" (allowed: ${SAFE_REGEX_FLAGS})`);
  }
  return f;
}

/** A compiled administrator pattern. Stateless: one instance may be used by any number of requests. */
export class SafeRegex {
  private readonly re: RE2JS;

  /** Throws a {@link PatternError} saying why when the pattern is too long, too big or not RE2 syntax. */
  constructor(
    readonly source: string,
    readonly flags: string = '',
  ) {
    if (typeof source !== 'string' || source.length === 0) throw new PatternError('the pattern is empty');
    if (source.length > LIMITS.pattern) throw new PatternError(`the pattern is longer than ${LIMITS.pattern} characters`);
    const f = re2Flags(flags);
    try {
      this.re = RE2JS.compile(toRe2Syntax(source), f);
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).replace(/^error parsing regexp: /, '');
      throw new PatternError(`${reason}; ${HINT}`);
    }
    if (this.re.programSize() > MAX_PROGRAM_SIZE) {
      throw new PatternError(`the compiled pattern is too large (over ${MAX_PROGRAM_SIZE} instructions); simplify its repetitions`);
    }
  }

  /** Calls `onMatch` for every non-empty, non-overlapping match, left to right. */
  forEachMatch(text: string, onMatch: (start: number, end: number, value: string) => void): void {
    if (!this.re.test(text)) return; // DFA only, no captures: the common case of no match is cheap
    for (const m of this.re.matchAll(text)) {
      const value = m[0];
      const start = m.index ?? 0;
      if (value.length > 0) onMatch(start, start + value.length, value);
    }
  }

  /** The first non-empty match starting at or after `from`, or undefined. */
  firstMatch(text: string, from = 0): { start: number; end: number } | undefined {
    if (from === 0 && !this.re.test(text)) return undefined;
    const m = this.re.matcher(text);
    for (let at = from; at <= text.length && m.find(at);) {
      const start = m.start();
      const end = m.end();
      if (end > start) return { start, end };
      at = start + 1;
    }
    return undefined;
  }
}

/** Null when `source` (with `flags`) is usable, else why not (for schema messages). */
export function patternProblem(source: string, flags?: string): string | null {
  try {
    new SafeRegex(source, flags ?? '');
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
