/**
 * The PII scanner of one policy: the built-in recognizers it enables, the workspace's custom regular
 * expressions and dictionary terms. Built once per policy (compiling regexes and the Aho–Corasick
 * automaton is the expensive part) and reused for every request: `scan` is the hot path.
 */

import type { BuiltinPiiType, PiiFinding, PolicyDocument } from '../contracts.js';
import { AhoCorasick } from '../text/aho-corasick.js';
import { normalizeCode } from '../text/normalize.js';
import { SafeRegex } from '../text/safe-regex.js';
import { piiLabel, type PiiLocale } from './pii-labels.js';
import { BUILTIN_RECOGNIZERS, textHints, type Recognizer } from './recognizers.js';

/**
 * A workspace-specific recognizer: `pattern` is a regular expression in RE2 syntax (JavaScript's
 * without backreferences and lookaround), run in linear time (see text/safe-regex.ts).
 */
export interface CustomPiiPattern {
  name: string;
  pattern: string;
  flags?: string;
  label?: string;
}

/** A dictionary term (project code name, customer name…), matched case- and width-insensitively. */
export interface PiiTerm {
  term: string;
  type?: string;
  label?: string;
}

/** What a scanner looks for. */
export interface PiiScannerOptions {
  /** Built-in types to look for; all when absent. */
  types?: readonly BuiltinPiiType[];
  /** Findings below this confidence are ignored (default 0.5). */
  minConfidence?: number;
  custom?: readonly CustomPiiPattern[];
  terms?: readonly PiiTerm[];
}

/** Confidence of a custom-regex finding. */
export const CUSTOM_CONFIDENCE = 0.8;
/** Confidence of a dictionary-term finding. */
export const TERM_CONFIDENCE = 0.9;

interface CompiledCustom {
  name: string;
  re: SafeRegex;
}

/** Compiles a custom pattern on RE2 (always global), or throws an Error naming the pattern and why. */
function compileCustom(c: CustomPiiPattern): SafeRegex {
  if (typeof c.name !== 'string' || c.name.trim() === '') throw new Error('Custom PII pattern without a name');
  try {
    return new SafeRegex(c.pattern, c.flags ?? '');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Invalid custom PII pattern "${c.name}" (/${c.pattern}/${c.flags ?? ''}): ${reason}`);
  }
}

/** ASCII letter or digit after width/case folding (so full-width ones count too). */
function isWordCode(c: number): boolean {
  const f = normalizeCode(c);
  return (f >= 48 && f <= 57) || (f >= 97 && f <= 122);
}

/** Folds full-width ASCII variants to ASCII, keeping case and length (only used when full-width digits occur). */
function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Keeps a set of non-overlapping findings: higher confidence first, then the longer span, then the
 * lower `rank` (built-in order, custom, terms). Returns them sorted by start.
 */
export function resolveOverlaps(candidates: PiiFinding[], rank: (type: string) => number): PiiFinding[] {
  if (candidates.length <= 1) return candidates;
  const order = candidates
    .slice()
    .sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || rank(a.type) - rank(b.type) || a.start - b.start);
  const kept: PiiFinding[] = [];
  for (const c of order) {
    // Binary search: first kept finding starting at or after c.start.
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (kept[mid].start < c.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && kept[lo - 1].end > c.start) continue;
    if (lo < kept.length && kept[lo].start < c.end) continue;
    kept.splice(lo, 0, c);
  }
  return kept;
}

/** Finds personal information in texts according to one policy. */
export class PiiScanner {
  readonly minConfidence: number;
  private readonly recognizers: readonly Recognizer[];
  private readonly custom: readonly CompiledCustom[];
  private readonly terms: readonly PiiTerm[];
  private readonly automaton: AhoCorasick | null;
  private readonly labels = new Map<string, string>();
  private readonly ranks = new Map<string, number>();

  /** Throws an Error naming the pattern when a custom regular expression does not compile. */
  constructor(options: PiiScannerOptions = {}) {
    this.minConfidence = options.minConfidence ?? 0.5;
    const types = options.types === undefined ? null : new Set(options.types);
    this.recognizers = BUILTIN_RECOGNIZERS.filter((r) => types === null || types.has(r.type));
    BUILTIN_RECOGNIZERS.forEach((r, i) => this.ranks.set(r.type, i));
    this.custom = (options.custom ?? []).map((c) => {
      const re = compileCustom(c);
      if (!this.labels.has(c.name)) this.labels.set(c.name, c.label ?? c.name);
      if (!this.ranks.has(c.name)) this.ranks.set(c.name, 100 + this.ranks.size);
      return { name: c.name, re };
    });
    this.terms = (options.terms ?? []).filter((t) => typeof t.term === 'string' && t.term.length > 0);
    for (const t of this.terms) {
      const type = t.type ?? 'term';
      if (t.label !== undefined && !this.labels.has(type)) this.labels.set(type, t.label);
      if (!this.ranks.has(type)) this.ranks.set(type, 1000 + this.ranks.size);
    }
    this.automaton = this.terms.length > 0 ? new AhoCorasick(this.terms.map((t) => t.term)) : null;
  }

  /** A scanner for a policy's `pii` section (snake_case fields as stored). */
  static fromPolicy(pii: PolicyDocument['pii'] = {}): PiiScanner {
    return new PiiScanner({ types: pii.types, minConfidence: pii.min_confidence, custom: pii.custom, terms: pii.terms });
  }

  /** True when the scanner has nothing to look for (no types, no custom patterns, no terms). */
  get empty(): boolean {
    return this.recognizers.length === 0 && this.custom.length === 0 && this.automaton === null;
  }

  /** The display name of a type this scanner reports (built-in names, custom labels, else the name). */
  labelFor(type: string, locale: PiiLocale = 'zh-CN'): string {
    return piiLabel(type, locale, this.labels);
  }

  /** All findings in `text`, non-overlapping, sorted by start. */
  scan(text: string): PiiFinding[] {
    const out: PiiFinding[] = [];
    if (text.length === 0) return out;
    if (this.recognizers.length > 0) this.scanBuiltins(text, out);
    for (const c of this.custom) this.scanCustom(c, text, out);
    if (this.automaton !== null) this.scanTerms(this.automaton, text, out);
    if (out.length === 0) return out;
    const min = this.minConfidence;
    const kept = out.every((f) => f.confidence >= min) ? out : out.filter((f) => f.confidence >= min);
    return resolveOverlaps(kept, (type) => this.ranks.get(type) ?? 10_000);
  }

  private scanBuiltins(text: string, out: PiiFinding[]): void {
    // Full-width digits ("１３８…") are scanned in a width-folded copy of the same length.
    let src = text;
    let hints = textHints(text);
    if (hints.fullWidthDigits) {
      src = foldWidth(text);
      hints = textHints(src);
    }
    const from = out.length;
    for (const r of this.recognizers) if (r.applies(hints)) r.find(src, out);
    if (src !== text) for (let i = from; i < out.length; i++) out[i].value = text.slice(out[i].start, out[i].end);
  }

  private scanCustom(c: CompiledCustom, text: string, out: PiiFinding[]): void {
    // Empty matches are skipped; RE2 keeps this linear in the text whatever the pattern.
    c.re.forEachMatch(text, (start, end, value) => out.push({ type: c.name, start, end, value, confidence: CUSTOM_CONFIDENCE }));
  }

  private scanTerms(ac: AhoCorasick, text: string, out: PiiFinding[]): void {
    for (const m of ac.findAll(text)) {
      // A term that starts (ends) with a letter or digit must not continue a word: "ace" is not in "face".
      if (m.start > 0 && isWordCode(text.charCodeAt(m.start)) && isWordCode(text.charCodeAt(m.start - 1))) continue;
      if (m.end < text.length && isWordCode(text.charCodeAt(m.end - 1)) && isWordCode(text.charCodeAt(m.end))) continue;
      const term = this.terms[m.index];
      out.push({ type: term.type ?? 'term', start: m.start, end: m.end, value: text.slice(m.start, m.end), confidence: TERM_CONFIDENCE });
    }
  }
}
