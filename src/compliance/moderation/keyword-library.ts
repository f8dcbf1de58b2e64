/**
 * The text format of moderation keyword libraries, one term per line:
 *
 * ```
 * # comment (a line whose first non-blank character is #)
 * term<TAB>A.1.6      ← term and risk id (or any category of the user's own)
 * term,A.1.6          ← the same with a comma (the last comma separates, so terms may contain commas)
 * term                ← the default risk
 * ```
 *
 * Lines are trimmed and blank lines skipped. Terms that fold to the same text (width, ASCII case,
 * traditional/simplified, see normalize.ts) are kept once; a later copy with another risk is reported.
 */
import { LIMITS } from '../../core/limits.js';
import { normalizeText } from '../text/normalize.js';
import { runTimeSliced, runToEnd } from '../../core/time-sliced.js';

/** One library entry. */
export interface KeywordTerm {
  term: string;
  /** Risk id (`A.1.6`) or a user category. */
  risk: string;
}

/** The result of {@link parseKeywordLibrary}: the usable terms and one message per bad line. */
export interface ParsedKeywordLibrary {
  terms: KeywordTerm[];
  /** `line N: …` messages; the lines they name are skipped. */
  errors: string[];
}

/** Longest term accepted, in UTF-16 code units. */
export const MAX_TERM_LENGTH = 64;
/** Longest risk or category string accepted. */
export const MAX_RISK_LENGTH = 64;
/** Risk given to lines without one: "other content prohibited by laws and administrative regulations". */
export const DEFAULT_TERM_RISK = 'A.1.8';

/** Options for {@link parseKeywordLibrary}. */
export interface ParseKeywordLibraryOptions {
  /** Risk for lines that name none (default {@link DEFAULT_TERM_RISK}). */
  defaultRisk?: string;
  /** Stop with an error after this many terms (default `LIMITS.libraryTerms`). */
  maxTerms?: number;
}

/** Parses a keyword library (see the module comment); never throws on bad lines, it reports them. */
export function parseKeywordLibrary(text: string, options: ParseKeywordLibraryOptions = {}): ParsedKeywordLibrary {
  return runToEnd(parseSteps(text, options));
}

/** {@link parseKeywordLibrary} in slices of a few milliseconds, serving the event loop in between (uploads). */
export function parseKeywordLibraryAsync(text: string, options: ParseKeywordLibraryOptions = {}): Promise<ParsedKeywordLibrary> {
  return runTimeSliced(parseSteps(text, options));
}

/** Lines parsed between two yields. */
const PARSE_STEP = 128;

function* parseSteps(text: string, options: ParseKeywordLibraryOptions): Generator<void, ParsedKeywordLibrary, void> {
  const defaultRisk = options.defaultRisk ?? DEFAULT_TERM_RISK;
  const maxTerms = options.maxTerms ?? LIMITS.libraryTerms;
  const terms: KeywordTerm[] = [];
  const errors: string[] = [];
  const seen = new Map<string, { line: number; risk: string }>();
  // Lines are cut one at a time (no split of the whole text: an upload may be megabytes).
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = 0; pos <= n; i++) {
    if (i % PARSE_STEP === PARSE_STEP - 1) yield;
    let end = pos;
    for (let c = text.charCodeAt(end); end < n && c !== 10 && c !== 13; c = text.charCodeAt(++end));
    const line = text.slice(pos, end);
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    const lineNo = i + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    const sep = tab >= 0 ? tab : line.lastIndexOf(',');
    const term = (sep >= 0 ? line.slice(0, sep) : line).trim();
    const risk = (sep >= 0 ? line.slice(sep + 1).trim() : '') || defaultRisk;
    if (term === '') {
      errors.push(`line ${lineNo}: empty term`);
      continue;
    }
    if (term.length > MAX_TERM_LENGTH) {
      errors.push(`line ${lineNo}: term longer than ${MAX_TERM_LENGTH} characters`);
      continue;
    }
    // eslint-disable-next-line no-control-regex
    if (risk.length > MAX_RISK_LENGTH || /[\u0000-\u001f]/.test(risk)) {
      errors.push(`line ${lineNo}: bad risk (at most ${MAX_RISK_LENGTH} characters, no tabs)`);
      continue;
    }
    const key = normalizeText(term);
    const first = seen.get(key);
    if (first) {
      if (first.risk !== risk) {
        errors.push(`line ${lineNo}: "${term}" repeats line ${first.line} with another risk (${first.risk}); kept the first`);
      }
      continue;
    }
    if (terms.length >= maxTerms) {
      errors.push(`line ${lineNo}: more than ${maxTerms} terms; the rest is ignored`);
      break;
    }
    seen.set(key, { line: lineNo, risk });
    terms.push({ term, risk });
  }
  return { terms, errors };
}

/**
 * Writes terms in the library format (`term<TAB>risk` lines), optionally after `# ` header lines.
 * Tabs and line breaks inside terms become spaces. A term starting with `#` cannot be represented
 * (it would read as a comment) and is written with a leading full-width `＃`, which matches the same
 * text once folded.
 */
export function formatKeywordLibrary(terms: readonly KeywordTerm[], header?: string): string {
  const out: string[] = [];
  if (header) for (const line of header.split(/\r\n|\r|\n/)) out.push(line === '' ? '#' : `# ${line}`);
  for (const { term, risk } of terms) {
    let clean = term.replace(/[\t\r\n]/g, ' ').trim();
    if (clean.startsWith('#')) clean = `＃${clean.slice(1)}`;
    out.push(`${clean}\t${risk}`);
  }
  return out.join('\n') + '\n';
}
