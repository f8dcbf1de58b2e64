/**
 * Check-character algorithms of Chinese identifiers (GB 11643 resident ID, GB 32100 unified social
 * credit code) and Luhn for bank cards. Pure functions over strings; no allocation on the hot path
 * beyond what the caller already sliced.
 */

const RID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RID_CHECK = '10X98765432';

/** Province-level codes (first two digits of a region code) that exist: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82. */
const PROVINCE_CODES: ReadonlySet<number> = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** char code → value in USCC_ALPHABET (uppercase and lowercase), -1 when not in the alphabet. */
const USCC_VALUE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < USCC_ALPHABET.length; i++) {
    table[USCC_ALPHABET.charCodeAt(i)] = i;
    table[USCC_ALPHABET.toLowerCase().charCodeAt(i)] = i;
  }
  return table;
})();

const CODE_0 = 48;

function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - CODE_0;
  return d >= 0 && d <= 9 ? d : -1;
}

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (digitAt(s, i) < 0) return false;
  return true;
}

/** True when the two digits at `i` are a province-level region code that exists. */
export function isProvinceCode(s: string, i = 0): boolean {
  const a = digitAt(s, i);
  const b = digitAt(s, i + 1);
  return a >= 0 && b >= 0 && PROVINCE_CODES.has(a * 10 + b);
}

/** True when year/month/day is a calendar date between 1900-01-01 and today (UTC). */
export function isPlausibleBirthDate(year: number, month: number, day: number, now: Date = new Date()): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + 1;
  const d = now.getUTCDate();
  return year < y || (year === y && (month < m || (month === m && day <= d)));
}

function num(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - CODE_0);
  return n;
}

/** The GB 11643 check character ('0'–'9' or 'X') for the first 17 digits of `s`, or '' when they are not digits. */
export function residentIdCheckChar(s: string): string {
  if (s.length < 17 || !allDigits(s, 0, 17)) return '';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - CODE_0) * RID_WEIGHTS[i];
  return RID_CHECK[sum % 11];
}

/**
 * An 18-character resident ID number (GB 11643-1999): a real province code, a birth date between 1900
 * and today, and the right check character ('x' is accepted for 'X').
 */
export function isValidResidentId(s: string): boolean {
  if (s.length !== 18 || !allDigits(s, 0, 17)) return false;
  if (digitAt(s, 0) < 1 || digitAt(s, 0) > 8 || !isProvinceCode(s, 0)) return false;
  if (!isPlausibleBirthDate(num(s, 6, 10), num(s, 10, 12), num(s, 12, 14))) return false;
  const last = s[17] === 'x' ? 'X' : s[17];
  return residentIdCheckChar(s) === last;
}

/** A 15-digit resident ID number of the first generation (before 1999): province code and a valid 19YYMMDD date. */
export function isValidLegacyResidentId(s: string): boolean {
  if (s.length !== 15 || !allDigits(s, 0, 15) || !isProvinceCode(s, 0)) return false;
  return isPlausibleBirthDate(1900 + num(s, 6, 8), num(s, 8, 10), num(s, 10, 12));
}

/** The GB 32100 check character for the first 17 characters of `s`, or '' when one is outside the alphabet. */
export function usccCheckChar(s: string): string {
  if (s.length < 17) return '';
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? USCC_VALUE[c] : -1;
    if (v < 0) return '';
    sum += v * USCC_WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return USCC_ALPHABET[check === 31 ? 0 : check];
}

/** An 18-character unified social credit code (GB 32100-2015) with the right check character; case-insensitive. */
export function isValidUscc(s: string): boolean {
  if (s.length !== 18) return false;
  const c = s.charCodeAt(17);
  const v = c < 128 ? USCC_VALUE[c] : -1;
  return v >= 0 && usccCheckChar(s) === USCC_ALPHABET[v];
}

/** The Luhn (mod 10) check over a string of digits; false for an empty string or any non-digit. */
export function luhnValid(digits: string): boolean {
  const n = digits.length;
  if (n === 0) return false;
  let sum = 0;
  let double = false;
  for (let i = n - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - CODE_0;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
