/**
 * Built-in recognizers of Chinese personal information: resident ID (18 and 15 digits), mainland
 * mobile, bank card, unified social credit code, passport, email, IPv4 and IPv6.
 *
 * Chinese prose has no spaces ("身份证号11010519491231002X，手机13800138000"), so every pattern has
 * explicit boundaries: no ASCII letter or digit directly before or after (and no decimal point joining
 * it to another number); CJK characters and punctuation next to an identifier are fine. Each recognizer
 * reports candidates; the scanner resolves overlaps between recognizers.
 */

import { isIPv6 } from 'node:net';
import type { BuiltinPiiType, PiiFinding } from '../contracts.js';
import { isPlausibleBirthDate, isProvinceCode, isValidLegacyResidentId, isValidResidentId, isValidUscc, luhnValid } from './checksums.js';

/** Cheap facts about a text, computed in one pass, that let recognizers skip texts they cannot match. */
export interface TextHints {
  /** Longest run of ASCII digits. */
  maxDigitRun: number;
  /** Most digits in a run where single spaces or hyphens may separate digits ("138 0013 8000" → 11). */
  maxGroupedDigits: number;
  at: boolean;
  dots: number;
  colons: number;
  doubleColon: boolean;
  /** Some full-width digit (U+FF10–U+FF19) occurs: scan a width-folded copy. */
  fullWidthDigits: boolean;
}

/** One pass over `text` (char codes only, no allocation). */
export function textHints(text: string): TextHints {
  let run = 0;
  let grouped = 0;
  let maxRun = 0;
  let maxGrouped = 0;
  let at = false;
  let dots = 0;
  let colons = 0;
  let doubleColon = false;
  let fullWidthDigits = false;
  let prev = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      run++;
      grouped++;
      if (run > maxRun) maxRun = run;
      if (grouped > maxGrouped) maxGrouped = grouped;
    } else {
      run = 0;
      // A single separator between digits keeps the grouped run going.
      if (!((c === 32 || c === 45) && prev >= 48 && prev <= 57)) grouped = 0;
      if (c === 64) at = true;
      else if (c === 46) dots++;
      else if (c >= 0xff10 && c <= 0xff19) fullWidthDigits = true;
      else if (c === 58) {
        colons++;
        if (prev === 58) doubleColon = true;
      }
    }
    prev = c;
  }
  return { maxDigitRun: maxRun, maxGroupedDigits: maxGrouped, at, dots, colons, doubleColon, fullWidthDigits };
}

/** A built-in recognizer: a cheap applicability test and a finder that appends candidates to `out`. */
export interface Recognizer {
  readonly type: BuiltinPiiType;
  /** False when the text cannot contain a match (skips the regex pass). */
  applies(hints: TextHints): boolean;
  find(text: string, out: PiiFinding[]): void;
}

/** Not directly after an ASCII letter/digit, nor after "digit." (a decimal). */
const B = '(?<![0-9A-Za-z]|[0-9]\\.)';
/** Not directly before an ASCII letter/digit, nor before ".digit". */
const E = '(?![0-9A-Za-z]|\\.[0-9])';
const MMDD = '(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])';

function finding(type: string, text: string, start: number, end: number, confidence: number): PiiFinding {
  return { type, start, end, value: text.slice(start, end), confidence };
}

function scanAll(re: RegExp, text: string, onMatch: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) onMatch(m);
}

const ID_RE = new RegExp(`${B}[1-8][0-9]{5}(?:(?:19|20)[0-9]{2}${MMDD}[0-9]{3}[0-9Xx]|[0-9]{2}${MMDD}[0-9]{3})${E}`, 'g');

/** Resident ID: 18 characters with the GB 11643 check (0.99), or the 15-digit legacy form (0.6). */
export const idCardRecognizer: Recognizer = {
  type: 'id_card',
  applies: (h) => h.maxDigitRun >= 15,
  find(text, out) {
    scanAll(ID_RE, text, (m) => {
      const v = m[0];
      if (v.length === 18 ? isValidResidentId(v) : isValidLegacyResidentId(v)) {
        out.push(finding('id_card', text, m.index, m.index + v.length, v.length === 18 ? 0.99 : 0.6));
      }
    });
  },
};

/** Three-digit prefixes of mainland mobile numbers in use (voice/SMS segments). */
const MOBILE_PREFIXES: ReadonlySet<number> = new Set([
  130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 145, 146, 147, 148, 149, 150, 151, 152, 153, 155, 156, 157, 158, 159, 162, 165, 166,
  167, 170, 171, 172, 173, 174, 175, 176, 177, 178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 195, 196, 197,
  198, 199,
]);

const MOBILE_RE = new RegExp(`${B}(?:(?:\\+86|0086|86)[ -]?)?(1[3-9][0-9])(?:[0-9]{8}|([ -])[0-9]{4}\\2[0-9]{4})${E}`, 'g');

/** Mainland mobile: 11 digits in a real segment, optional +86/86/0086 prefix, optional 3-4-4 grouping (0.9). */
export const mobileRecognizer: Recognizer = {
  type: 'mobile',
  applies: (h) => h.maxGroupedDigits >= 11,
  find(text, out) {
    scanAll(MOBILE_RE, text, (m) => {
      if (MOBILE_PREFIXES.has(Number(m[1]))) out.push(finding('mobile', text, m.index, m.index + m[0].length, 0.9));
    });
  },
};

const CARD_RE = new RegExp(`${B}(?:[0-9]{16,19}|[0-9]{4}([ -])[0-9]{4}\\1[0-9]{4}\\1[0-9]{4}(?:\\1[0-9]{1,3})?)${E}`, 'g');

/** Issuer prefixes of payment cards: 3–6 and 9 (domestic), 2 only for Mastercard's 2221–2720. */
function plausibleCardPrefix(d: string): boolean {
  const c = d.charCodeAt(0) - 48;
  if (c >= 3 && c <= 6) return true;
  if (c === 9) return true;
  if (c !== 2) return false;
  const p = Number(d.slice(0, 4));
  return p >= 2221 && p <= 2720;
}

/** Bank card: 16–19 digits (optionally grouped by four), a card-issuer prefix and the Luhn check (0.95). */
export const bankCardRecognizer: Recognizer = {
  type: 'bank_card',
  applies: (h) => h.maxGroupedDigits >= 16,
  find(text, out) {
    scanAll(CARD_RE, text, (m) => {
      const digits = m[1] === undefined ? m[0] : m[0].replace(/[ -]/g, '');
      if (plausibleCardPrefix(digits) && luhnValid(digits)) out.push(finding('bank_card', text, m.index, m.index + m[0].length, 0.95));
    });
  },
};

const U = '[0-9A-HJ-NP-RTUWXYa-hj-np-rtuwxy]';
const USCC_RE = new RegExp(`${B}${U}{2}[1-8][0-9]{5}${U}{10}${E}`, 'g');
const ALL_DIGITS = /^[0-9]+$/;

/** An all-digit string shaped like a resident ID (province, birth date): a mistyped ID rather than a USCC. */
function looksLikeResidentId(v: string): boolean {
  if (!isProvinceCode(v, 0) || !ALL_DIGITS.test(v.slice(0, 17))) return false;
  return isPlausibleBirthDate(Number(v.slice(6, 10)), Number(v.slice(10, 12)), Number(v.slice(12, 14)));
}

/** Unified social credit code: 18 characters, a real region code and the GB 32100 check (0.99). */
export const usccRecognizer: Recognizer = {
  type: 'uscc',
  applies: (h) => h.maxDigitRun >= 6,
  find(text, out) {
    scanAll(USCC_RE, text, (m) => {
      const v = m[0];
      if (isProvinceCode(v, 2) && isValidUscc(v) && !looksLikeResidentId(v)) {
        out.push(finding('uscc', text, m.index, m.index + 18, 0.99));
      }
    });
  },
};

const PASSPORT_RE = new RegExp(`${B}(?:[EG][0-9]{8}|E[A-HJ-NP-Z][0-9]{7})${E}`, 'g');
const PASSPORT_CONTEXT = /护照|passport/i;
const PASSPORT_CONTEXT_CHARS = 15;

/** Chinese passport: E/G + 8 digits or E + letter + 7 digits; 0.9 after 护照/passport, else 0.6. */
export const passportRecognizer: Recognizer = {
  type: 'passport',
  applies: (h) => h.maxDigitRun >= 7,
  find(text, out) {
    scanAll(PASSPORT_RE, text, (m) => {
      const before = text.slice(Math.max(0, m.index - PASSPORT_CONTEXT_CHARS), m.index);
      out.push(finding('passport', text, m.index, m.index + m[0].length, PASSPORT_CONTEXT.test(before) ? 0.9 : 0.6));
    });
  },
};

/** Domain after '@': labels of letters/digits/hyphens and a letter TLD, not followed by more domain text. */
const EMAIL_DOMAIN_RE = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/y;

function isEmailLocalChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

/** Email: local part, '@', a domain with a top-level domain (0.95). Found from each '@' outwards. */
export const emailRecognizer: Recognizer = {
  type: 'email',
  applies: (h) => h.at,
  find(text, out) {
    let searchFrom = 0;
    for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', searchFrom)) {
      searchFrom = at + 1;
      let start = at;
      while (start > 0 && isEmailLocalChar(text.charCodeAt(start - 1))) start--;
      while (start < at && text.charCodeAt(start) === 46) start++; // no leading dot
      if (start === at || text.charCodeAt(at - 1) === 46) continue;
      EMAIL_DOMAIN_RE.lastIndex = at + 1;
      const m = EMAIL_DOMAIN_RE.exec(text);
      if (m === null) continue;
      const end = at + 1 + m[0].length;
      out.push(finding('email', text, start, end, 0.95));
      searchFrom = end;
    }
  },
};

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4_RE = new RegExp(`(?<![0-9A-Za-z.])(?:${OCTET}\\.){3}${OCTET}(?![0-9A-Za-z]|\\.[0-9])`, 'g');

/** IPv4: four octets 0–255 without leading zeros, not part of a longer dotted number (0.9). */
export const ipv4Recognizer: Recognizer = {
  type: 'ipv4',
  applies: (h) => h.dots >= 3,
  find(text, out) {
    scanAll(IPV4_RE, text, (m) => out.push(finding('ipv4', text, m.index, m.index + m[0].length, 0.9)));
  },
};

/** Candidate: hex digits, colons and dots (an embedded IPv4) with at least two colons. */
const IPV6_RE = /(?<![0-9A-Za-z:.])[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/g;

/** IPv6: full or '::'-compressed forms, validated with node:net; times like 12:30:45 are not IPv6 (0.9). */
export const ipv6Recognizer: Recognizer = {
  type: 'ipv6',
  applies: (h) => h.doubleColon || h.colons >= 6,
  find(text, out) {
    scanAll(IPV6_RE, text, (m) => {
      let v = m[0];
      // A sentence may end right after the address ("… is fe80::1." / "fe80::1:"): drop that punctuation.
      while (v.length > 2 && (v.endsWith('.') || (v.endsWith(':') && !v.endsWith('::')))) v = v.slice(0, -1);
      const after = text.charCodeAt(m.index + m[0].length);
      if (isAsciiLetter(after)) return;
      if (isIPv6(v) && /[0-9A-Fa-f]/.test(v)) out.push(finding('ipv6', text, m.index, m.index + v.length, 0.9));
    });
  },
};

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** All built-in recognizers, in tie-break order (earlier wins between equal confidence and length). */
export const BUILTIN_RECOGNIZERS: readonly Recognizer[] = [
  idCardRecognizer,
  usccRecognizer,
  mobileRecognizer,
  bankCardRecognizer,
  passportRecognizer,
  emailRecognizer,
  ipv4Recognizer,
  ipv6Recognizer,
];
