/**
 * Keyword and regex moderation over one or more libraries: all libraries' terms go into one
 * Aho–Corasick automaton (folded: width, ASCII case, traditional → simplified), regex rules are
 * compiled once. Used for request input (block / flag) and, through {@link OutputGuard}, for streamed
 * answers.
 */
import type { ModerationHit } from '../contracts.js';
import { AhoCorasick, type AcCursor, type AcMatch } from '../text/aho-corasick.js';
import { normalizeText } from '../text/normalize.js';
import { SafeRegex } from '../../core/safe-regex.js';
import { LIMITS } from '../../core/limits.js';
import type { KeywordTerm } from './keyword-library.js';
import { OutputGuard } from './output-guard.js';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** A keyword library as stored per workspace. */
export interface ModerationLibrary {
  id: string;
  name: string;
  terms: KeywordTerm[];
}

/**
 * A regex rule: `pattern` is a regular expression in RE2 syntax (JavaScript's without backreferences
 * and lookaround, run in linear time, see core/safe-regex.ts), `flags` its flags (i, m, s, u).
 */
export interface ModerationRule {
  pattern: string;
  flags?: string;
  risk: string;
}

/** Longest regex rule source accepted. */
export const MAX_RULE_PATTERN_LENGTH = LIMITS.pattern;

interface CompiledRule {
  rule: ModerationRule;
  /** Case-insensitive, run over folded text. */
  re: SafeRegex;
}

/**
 * Compiles a rule. Rules run over folded text (half-width, lower-case ASCII, simplified) with the
 * `i` flag added, so `/ABC/` also matches `ａｂｃ`; `g` and `y` are managed here.
 */
export function compileRule(rule: ModerationRule): CompiledRule {
  if (rule.pattern.length > MAX_RULE_PATTERN_LENGTH) {
    throw new Error(`moderation rule pattern is longer than ${MAX_RULE_PATTERN_LENGTH} characters: ${rule.pattern.slice(0, 40)}…`);
  }
  try {
    return { rule, re: new SafeRegex(rule.pattern, `${rule.flags ?? ''}i`) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`invalid moderation rule /${rule.pattern}/${rule.flags ?? ''}: ${reason}`);
  }
}

/** Keyword libraries plus regex rules, compiled for repeated checks. */
export class Moderator {
  private readonly automaton: AhoCorasick;
  /** The libraries whose terms the automaton's pattern indexes run through, in order. */
  private readonly libraries: readonly ModerationLibrary[];
  /** `starts[k]`: the pattern index of library k's first term (no object per term: 150k-term libraries). */
  private readonly starts: Int32Array;
  private readonly rules: CompiledRule[];

  /**
   * @param libraries terms of all libraries are matched together; a hit names its library's id.
   * @param rules regex rules; throws an Error naming the rule when one is too long or invalid.
   * @param automaton the automaton of the libraries' terms, already built (see {@link Moderator.build}).
   */
  constructor(libraries: readonly ModerationLibrary[], rules: readonly ModerationRule[] = [], automaton?: AhoCorasick) {
    this.libraries = libraries;
    this.starts = new Int32Array(libraries.length);
    for (let k = 0, n = 0; k < libraries.length; n += libraries[k].terms.length, k++) this.starts[k] = n;
    if (automaton) this.automaton = automaton;
    else {
      const patterns: string[] = [];
      for (const library of libraries) for (const { term } of library.terms) patterns.push(term);
      this.automaton = new AhoCorasick(patterns);
    }
    this.rules = rules.map(compileRule);
  }

  /**
   * The same as the constructor for large libraries: the patterns are gathered a slice at a time and
   * the automaton is built without blocking (see {@link AhoCorasick.build}), so other requests are
   * served meanwhile.
   */
  static async build(libraries: readonly ModerationLibrary[], rules: readonly ModerationRule[] = []): Promise<Moderator> {
    const patterns: string[] = [];
    for (const library of libraries) {
      const terms = library.terms;
      for (let i = 0; i < terms.length; i++) {
        patterns.push(terms[i].term);
        if ((patterns.length & 8191) === 0) await nextTurn();
      }
    }
    return new Moderator(libraries, rules, await AhoCorasick.build(patterns));
  }

  /** Length of the longest keyword (0 without keywords). */
  get maxTermLength(): number {
    return this.automaton.maxLength;
  }

  /** Number of keywords over all libraries. */
  get termCount(): number {
    return this.automaton.size;
  }

  /** Number of regex rules. */
  get ruleCount(): number {
    return this.rules.length;
  }

  /**
   * The first hit, cheaply: the keyword occurrence that ends first when there is one (the search stops
   * there), else the leftmost regex match over all rules, else undefined.
   */
  check(text: string): ModerationHit | undefined {
    const match = this.automaton.findFirst(text);
    if (match) return this.keywordHit(match);
    return this.ruleHit(text, 0, 0);
  }

  /** Every keyword occurrence (overlapping) and every regex match, ordered by start, then end. */
  checkAll(text: string): ModerationHit[] {
    const hits = this.automaton.findAll(text).map((m) => this.keywordHit(m));
    if (this.rules.length > 0) {
      const folded = normalizeText(text);
      for (const { rule, re } of this.rules) {
        re.forEachMatch(folded, (start, end) => hits.push({ term: rule.pattern, risk: rule.risk, start, end, source: 'regex' }));
      }
    }
    return hits.sort((x, y) => x.start - y.start || x.end - y.end);
  }

  /** A guard for one streamed answer (see {@link OutputGuard}); regex rules see `windowChars` of context. */
  guard(windowChars = 64): OutputGuard {
    return new OutputGuard(this, windowChars);
  }

  /** A fresh keyword cursor for streaming. @internal */
  keywordCursor(): AcCursor {
    return this.automaton.cursor();
  }

  /** The hit for an automaton match. @internal */
  keywordHit(match: AcMatch): ModerationHit {
    // The last library whose first pattern index is ≤ the match's (binary search over `starts`).
    let lo = 0;
    for (let hi = this.starts.length - 1; lo < hi;) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= match.index) lo = mid;
      else hi = mid - 1;
    }
    const library = this.libraries[lo];
    const { term, risk } = library.terms[match.index - this.starts[lo]];
    return { term, risk, start: match.start, end: match.end, source: 'keyword', library: library.id };
  }

  /**
   * The leftmost regex match over all rules in `text` (not yet folded) searching from `from`, with
   * offsets shifted by `base`; undefined when none. @internal
   */
  ruleHit(text: string, from: number, base: number): ModerationHit | undefined {
    if (this.rules.length === 0) return undefined;
    const folded = normalizeText(text);
    let best: ModerationHit | undefined;
    for (const { rule, re } of this.rules) {
      const m = re.firstMatch(folded, from);
      if (m && (!best || m.start + base < best.start)) {
        best = { term: rule.pattern, risk: rule.risk, start: m.start + base, end: m.end + base, source: 'regex' };
      }
    }
    return best;
  }
}
