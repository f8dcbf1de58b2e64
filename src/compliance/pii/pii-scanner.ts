/**
 * The PII scanner of one policy: the built-in recognizers it enables, the workspace's custom regular
 * expressions and dictionary terms. Built once per policy (compiling regexes and the Aho–Corasick
 * automaton is the expensive part) and reused for every request: `scan` is the hot path.
 */

import type { BuiltinPiiType, PiiFinding, PolicyDocument } from '../contracts.js';
import { AhoCorasick } from '../text/aho-corasick.js';
import { normalizeCode } from '../text/normalize.js';
import { SafeRegex } from '../../core/safe-regex.js';
import { piiLabel, type PiiLocale } from './pii-labels.js';
import { BUILTIN_RECOGNIZERS, textHints, type Recognizer } from './recognizers.js';

/**
 * A workspace-specific recognizer: `pattern` is a regular expression in RE2 syntax (JavaScript's
 * without backreferences and lookaround), run in linear time (see core/safe-regex.ts).
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
export function compileCustom(c: CustomPiiPattern): SafeRegex {
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
 * lower `rank` (built-in order, custom, terms). Returns them sorted by start. With `maxFindings`,
 * stops as soon as more than that many are kept (a finding once kept is never dropped, so they are
 * all findings of the complete result): the result then has `maxFindings + 1` of them.
 */
export function resolveOverlaps(candidates: PiiFinding[], rank: (type: string) => number, maxFindings = Infinity): PiiFinding[] {
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
    if (kept.length > maxFindings) break;
  }
  return kept;
}

/** What `PiiScanner.scanCapped` returns. */
export interface CappedScan {
  /**
   * The findings, sorted by start and non-overlapping: all of them (exactly what `scan` returns) when
   * there are at most `maxFindings`; else `maxFindings + 1` of them (each one a finding of the
   * complete result, though not necessarily its first ones).
   */
  findings: PiiFinding[];
  /** More than `maxFindings` findings: the scan stopped early. */
  exceeded: boolean;
}

/** Thrown by a `CandidateSink` to stop the recognizer feeding it. */
const STOP: unique symbol = Symbol('stop');

/**
 * Collects the candidates of one source (a built-in recognizer, a custom pattern, the terms): drops
 * those below the minimum confidence, restores values of a width-folded scan from the original text,
 * and stops the source (throws `STOP`) once it has more than `limit` candidates. Recognizers only
 * call `push` on their `out` array, so a sink stands in for it.
 */
class CandidateSink {
  readonly items: PiiFinding[] = [];
  /** Start of the last candidate; candidates of one source come left to right (checked: `ordered`). */
  lastStart = -1;
  ordered = true;
  /** Stopped early: candidates starting at `lastStart` or later may be missing. */
  stopped = false;

  constructor(
    private readonly min: number,
    private readonly limit: number,
    readonly original: string | null,
  ) {}

  push(f: PiiFinding): number {
    if (f.confidence < this.min) return this.items.length;
    if (this.original !== null) f.value = this.original.slice(f.start, f.end);
    if (f.start < this.lastStart) this.ordered = false;
    this.lastStart = f.start;
    const n = this.items.push(f);
    if (n > this.limit && this.ordered) {
      this.stopped = true;
      throw STOP;
    }
    return n;
  }

  /** This sink as the `out` array a recognizer appends to. */
  get out(): PiiFinding[] {
    return this as unknown as PiiFinding[];
  }
}

/**
 * The candidates of all sinks in sink order (no copy when only one has any); `ordered` when they
 * are known to be sorted by start.
 */
function candidatesOf(sinks: readonly CandidateSink[]): { items: PiiFinding[]; ordered: boolean } {
  let only: CandidateSink | undefined;
  let nonEmpty = 0;
  for (const s of sinks) {
    if (s.items.length > 0) {
      only = s;
      nonEmpty++;
    }
  }
  if (only === undefined) return { items: [], ordered: true };
  if (nonEmpty === 1) return { items: only.items, ordered: only.ordered };
  const items: PiiFinding[] = [];
  for (const s of sinks) for (const f of s.items) items.push(f);
  return { items, ordered: false };
}

/**
 * Findings among `sorted` (candidates sorted by start) that the complete scan keeps whatever the
 * candidates not yet seen, all of which start at or after `frontier`: overlap resolution decides each
 * group of mutually overlapping candidates on its own, so a group that ends at or before `frontier`
 * is resolved here exactly as it would be there. Stops after `max + 1` of them.
 */
function certainFindings(sorted: readonly PiiFinding[], frontier: number, max: number, rank: (type: string) => number): PiiFinding[] {
  const out: PiiFinding[] = [];
  for (let i = 0; i < sorted.length && out.length <= max;) {
    let end = sorted[i].end;
    let j = i + 1;
    for (; j < sorted.length && sorted[j].start < end; j++) if (sorted[j].end > end) end = sorted[j].end;
    if (end > frontier) break; // this group (and every later one) may still grow
    if (j === i + 1) out.push(sorted[i]);
    else for (const f of resolveOverlaps(sorted.slice(i, j), rank)) out.push(f);
    i = j;
  }
  if (out.length > max + 1) out.length = max + 1;
  return out;
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
  /** Tie-break order of a type (see `resolveOverlaps`). */
  private readonly rank = (type: string): number => this.ranks.get(type) ?? 10_000;

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
    return this.scanCapped(text, Infinity).findings;
  }

  /**
   * `scan`, stopping as soon as `text` is known to hold more than `maxFindings` findings (what a
   * request may carry, `LIMITS.piiFindings`): below that the findings are exactly `scan`'s, above it
   * `exceeded` is set and the work done is about that of `maxFindings + 1` findings, however many
   * the text holds.
   *
   * How: each source (a built-in recognizer, a custom pattern) reports candidates left to right and
   * is stopped after `maxFindings + 1` of them (the dictionary terms, reported in another order,
   * never are). When one was stopped, the candidates that end before the first place a stopped
   * source might still report one are resolved as the full scan would resolve them (see
   * `certainFindings`), and more than `maxFindings` findings among them settle it: those are the
   * text's first findings. Otherwise (overlaps with other sources hid too many) the stopped sources
   * are run to the end and everything is resolved as usual, stopping once more than `maxFindings`
   * are kept.
   */
  scanCapped(text: string, maxFindings: number): CappedScan {
    if (text.length === 0) return { findings: [], exceeded: false };
    // Full-width digits ("１３８…") are scanned in a width-folded copy of the same length.
    let src = text;
    let hints = textHints(text);
    if (hints.fullWidthDigits) {
      src = foldWidth(text);
      hints = textHints(src);
    }
    // Most texts of a request give no source anything to look at: no allocation for them.
    if (this.custom.length === 0 && this.automaton === null && !this.recognizers.some((r) => r.applies(hints)))
      return { findings: [], exceeded: false };
    const min = this.minConfidence;
    const limit = maxFindings + 1;
    const rank = this.rank;
    // One sink per source, in `scan`'s order (built-ins, custom, terms): ties resolve the same way.
    const sinks: CandidateSink[] = [];
    const reruns: Array<() => void> = [];
    const run = (i: number, find: (out: PiiFinding[]) => void, sink: CandidateSink): void => {
      sinks[i] = sink;
      try {
        find(sink.out);
      } catch (e) {
        if (e !== STOP) throw e;
        reruns.push(() => {
          const all = new CandidateSink(min, Infinity, sink.original);
          sinks[i] = all;
          find(all.out);
        });
      }
    };
    const original = src === text ? null : text;
    for (const r of this.recognizers) {
      if (r.applies(hints)) run(sinks.length, (out) => r.find(src, out), new CandidateSink(min, limit, original));
    }
    for (const c of this.custom) {
      // Empty matches are skipped; RE2 keeps this linear in the text whatever the pattern.
      const find = (out: PiiFinding[]): void =>
        c.re.forEachMatch(text, (start, end, value) => void out.push({ type: c.name, start, end, value, confidence: CUSTOM_CONFIDENCE }));
      run(sinks.length, find, new CandidateSink(min, limit, null));
    }
    // Term matches come ordered by end, not start: never stopped.
    if (this.automaton !== null)
      run(sinks.length, (out) => this.scanTerms(this.automaton!, text, out), new CandidateSink(min, Infinity, null));

    if (reruns.length > 0) {
      let frontier = Infinity;
      for (const s of sinks) if (s.stopped && s.lastStart < frontier) frontier = s.lastStart;
      const all = candidatesOf(sinks);
      const sorted = all.ordered ? all.items : all.items.slice().sort((a, b) => a.start - b.start || a.end - b.end);
      const certain = certainFindings(sorted, frontier, maxFindings, rank);
      if (certain.length > maxFindings) return { findings: certain, exceeded: true };
      for (const rerun of reruns) rerun();
    }
    const out = candidatesOf(sinks).items;
    if (out.length === 0) return { findings: out, exceeded: false };
    const findings = resolveOverlaps(out, rank, maxFindings);
    return { findings, exceeded: findings.length > maxFindings };
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
