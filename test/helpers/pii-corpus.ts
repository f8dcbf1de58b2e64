/**
 * Generated corpora for the PII recognizer tests: valid identifiers (random regions, dates, computed
 * check characters) and invalid ones (wrong check character, impossible dates, unused segments, …),
 * embedded in Chinese prose without spaces, with full-width punctuation, amounts, dates and times.
 * Deterministic: every generator takes a seeded random source.
 */

import { isIPv6 } from 'node:net';

/** A seeded PRNG (mulberry32) returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const digits = (r: Rand, n: number): string => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
];
const RID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const USCC_AB = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 11643 check character of 17 digits (independent of the code under test). */
export function ridCheck(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * RID_W[i], 0);
  return '10X98765432'[sum % 11];
}

/** GB 32100 check character of 17 characters. */
export function usccCheck(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + USCC_AB.indexOf(c.toUpperCase()) * USCC_W[i], 0);
  return USCC_AB[(31 - (sum % 31)) % 31];
}

/** Luhn check digit that completes `body`. */
export function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function randomDate(r: Rand, fromYear: number, toYear: number): { y: number; m: number; d: number } {
  const y = int(r, fromYear, toYear);
  const m = int(r, 1, 12);
  const d = int(r, 1, new Date(Date.UTC(y, m, 0)).getUTCDate());
  return { y, m, d };
}

const region = (r: Rand): string => `${pick(r, PROVINCES)}${pad(int(r, 1, 30), 2)}${pad(int(r, 1, 40), 2)}`;
const ymd = (x: { y: number; m: number; d: number }): string => `${x.y}${pad(x.m, 2)}${pad(x.d, 2)}`;

export function validResidentId(r: Rand): string {
  if (r() < 0.15) {
    const x = randomDate(r, 1930, 1999);
    return `${region(r)}${ymd(x).slice(2)}${digits(r, 3)}`; // 15-digit legacy form
  }
  const body = `${region(r)}${ymd(randomDate(r, 1930, 2020))}${digits(r, 3)}`;
  const check = ridCheck(body);
  return body + (check === 'X' && r() < 0.2 ? 'x' : check);
}

export function invalidResidentId(r: Rand): string {
  const kind = int(r, 0, 3);
  if (kind === 0) {
    const body = `${region(r)}${ymd(randomDate(r, 1930, 2020))}${digits(r, 3)}`;
    const good = ridCheck(body);
    return (
      body +
      pick(
        r,
        [...'0123456789X'].filter((c) => c !== good),
      )
    ); // wrong check character
  }
  if (kind === 1) {
    const bad = pick(r, ['19900230', '19871301', '20010431', '19550000', '21000101', '18991231', '20991015']);
    const body = `${region(r)}${bad}${digits(r, 3)}`;
    return body + ridCheck(body); // impossible date, right check character
  }
  if (kind === 2) {
    const body = `${pick(r, ['00', '10', '19', '24', '39', '49', '55', '60', '66', '70', '90', '99'])}${pad(int(r, 1, 9999), 4)}${ymd(randomDate(r, 1930, 2020))}${digits(r, 3)}`;
    return body + ridCheck(body); // region that does not exist
  }
  return `${region(r)}${pick(r, ['901301', '850230', '771232', '600000'])}${digits(r, 3)}`; // legacy, impossible date
}

const MOBILE_SEGS = [
  130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 145, 147, 150, 151, 152, 153, 155, 156, 157, 158, 159, 166, 170, 171, 173, 175, 176,
  177, 178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 191, 193, 195, 198, 199,
];
const BAD_SEGS = [100, 110, 111, 120, 121, 123, 125, 128, 129, 140, 141, 144, 154, 160, 161, 164, 169, 179, 194];

function formatMobile(r: Rand, n: string): string {
  const prefix = pick(r, ['', '', '', '+86', '+86 ', '86', '0086', '+86-']);
  const sep = pick(r, ['', '', ' ', '-']);
  return prefix + (sep === '' ? n : `${n.slice(0, 3)}${sep}${n.slice(3, 7)}${sep}${n.slice(7)}`);
}

export function validMobile(r: Rand): string {
  return formatMobile(r, `${pick(r, MOBILE_SEGS)}${digits(r, 8)}`);
}

export function invalidMobile(r: Rand): string {
  const kind = int(r, 0, 2);
  if (kind === 0) return formatMobile(r, `${pick(r, BAD_SEGS)}${digits(r, 8)}`); // unused segment (12x, 14[014], …)
  if (kind === 1) return `${pick(r, MOBILE_SEGS)}${digits(r, 7)}`; // 10 digits
  return `${pick(r, MOBILE_SEGS)}${digits(r, 9)}`; // 12 digits
}

const CARD_PREFIXES = ['62', '621', '622', '6228', '6217', '623', '625', '4', '5', '9558', '95599', '3'];

function cardBody(r: Rand, length: number): string {
  const p = pick(r, CARD_PREFIXES);
  return p + digits(r, length - 1 - p.length);
}

function formatCard(r: Rand, n: string): string {
  const sep = pick(r, ['', '', ' ', '-']);
  return sep === '' ? n : (n.match(/.{1,4}/g) as string[]).join(sep);
}

export function validBankCard(r: Rand): string {
  const body = cardBody(r, int(r, 16, 19));
  return formatCard(r, body + luhnDigit(body));
}

export function invalidBankCard(r: Rand): string {
  if (r() < 0.1) {
    const body = cardBody(r, 20);
    return body + luhnDigit(body); // 20 digits: too long, even with a good check digit
  }
  const body = cardBody(r, int(r, 16, 19));
  const good = Number(luhnDigit(body));
  return formatCard(r, body + String((good + int(r, 1, 9)) % 10));
}

function usccBody(r: Rand): string {
  const head = pick(r, ['11', '12', '13', '19', '51', '52', '53', '59', '91', '92', '93', 'Y1', '31', '71', 'N2']);
  const org = Array.from({ length: 9 }, () => (r() < 0.7 ? String(int(r, 0, 9)) : pick(r, [...USCC_AB.slice(10)]))).join('');
  return head + region(r) + org;
}

export function validUscc(r: Rand): string {
  const body = usccBody(r);
  const code = body + usccCheck(body);
  return r() < 0.1 ? code.toLowerCase() : code;
}

export function invalidUscc(r: Rand): string {
  const body = usccBody(r);
  const good = usccCheck(body);
  return (
    body +
    pick(
      r,
      [...USCC_AB].filter((c) => c !== good),
    )
  );
}

const PASSPORT_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export function validPassport(r: Rand): string {
  const kind = int(r, 0, 2);
  if (kind === 0) return `E${digits(r, 8)}`;
  if (kind === 1) return `G${digits(r, 8)}`;
  return `E${pick(r, [...PASSPORT_LETTERS])}${digits(r, 7)}`;
}

export function invalidPassport(r: Rand): string {
  return pick(r, [
    () => `E${digits(r, 7)}`,
    () => `G${digits(r, 9)}`,
    () => `${pick(r, ['A', 'K', 'X', 'Q'])}${digits(r, 8)}`,
    () => `E${pick(r, ['I', 'O'])}${digits(r, 7)}`,
    () => `EA${digits(r, 6)}`,
  ])();
}

const LOCAL = 'abcdefghijklmnopqrstuvwxyz0123456789';
const word = (r: Rand, lo: number, hi: number): string => Array.from({ length: int(r, lo, hi) }, () => pick(r, [...LOCAL])).join('');

export function validEmail(r: Rand): string {
  const local = pick(r, [
    () => word(r, 2, 10),
    () => `${word(r, 2, 6)}.${word(r, 2, 6)}`,
    () => `${word(r, 2, 6)}_${word(r, 1, 4)}`,
    () => `${word(r, 3, 6)}+${word(r, 2, 4)}`,
  ])();
  const domain = pick(r, [
    'qq.com',
    '163.com',
    'example.com',
    'mail.example.com.cn',
    'corp.cn',
    'company.org',
    'sub.domain.io',
    'gmail.com',
  ]);
  return r() < 0.1 ? `${local}@${domain}`.toUpperCase() : `${local}@${domain}`;
}

export function invalidEmail(r: Rand): string {
  const local = word(r, 2, 10);
  return pick(r, [
    () => `${local}@localhost`,
    () => `${local}@${word(r, 3, 8)}`,
    () => `${local}@${word(r, 3, 8)}.c`,
    () => `${local}@.com`,
    () => `@${word(r, 3, 8)}.com`,
    () => `${local}@${word(r, 3, 8)}.c0m`,
  ])();
}

export function validIpv4(r: Rand): string {
  return Array.from({ length: 4 }, () => String(int(r, 0, 255))).join('.');
}

export function invalidIpv4(r: Rand): string {
  const octets = Array.from({ length: 4 }, () => String(int(r, 0, 255)));
  const kind = int(r, 0, 3);
  if (kind === 0) octets[int(r, 0, 3)] = String(int(r, 256, 999));
  else if (kind === 1) octets[int(r, 1, 3)] = `0${int(r, 1, 99)}`;
  else if (kind === 2) octets.pop();
  else octets.push(String(int(r, 0, 255)));
  return octets.join('.');
}

const hex = (r: Rand): string => int(r, 0, 0xffff).toString(16);

export function validIpv6(r: Rand): string {
  const groups = Array.from({ length: 8 }, () => (r() < 0.3 ? '0' : hex(r)));
  let s: string;
  if (r() < 0.4) {
    s = groups.join(':');
  } else {
    const from = int(r, 0, 6);
    const to = from === 0 ? int(r, 1, 7) : int(r, from + 1, 8); // never "::" alone
    s = `${groups.slice(0, from).join(':')}::${groups.slice(to).join(':')}`;
  }
  if (r() < 0.2) s = s.toUpperCase();
  if (!isIPv6(s)) throw new Error(`generator bug: ${s}`);
  return s;
}

export function invalidIpv6(r: Rand): string {
  const groups = Array.from({ length: 8 }, () => hex(r));
  return pick(r, [
    () => [...groups, hex(r)].join(':'), // nine groups
    () => `${groups.slice(0, 3).join(':')}::${groups[4]}::${groups[5]}`, // two '::'
    () => `${groups.slice(0, 3).join(':')}:1${int(r, 0x1000, 0xffff).toString(16)}::1`, // five hex digits
    () => `${pad(int(r, 0, 23), 2)}:${pad(int(r, 0, 59), 2)}:${pad(int(r, 0, 59), 2)}`, // a time
    () => groups.slice(0, 7).join(':'), // seven groups, no '::'
  ])();
}

/** Prose around one identifier: `{L}` is the type's name, `{X}` the identifier. */
const TEMPLATES = [
  '客户王先生的{L}是{X}，请于2024年3月15日前核实。',
  '根据合同第12条，{L}：{X}，金额人民币12,345.67元。',
  '{X}是他留下的{L}，订单号20240315001，共3件。',
  '请核对{L}{X}；备注：单价99.5元，折扣8.5折。',
  '登记信息【{X}】已于2023-11-02 14:30更新。',
  '（{L}）{X}（已确认）',
  '会议纪要：第3季度营收增长15%，联系人{L}{X}，时间10:30。',
  '{X}',
  'Contact {L}: {X}. Deadline 2025-01-31, budget 3.5M.',
  '材料编号No.7，{L}为“{X}”，页码第128页。',
  '他说：“我的{L}{X}！”随后挂断了电话。',
  '数据如下：1) 42.195公里；2) {X}；3) 2024年',
];

/** Embeds `x` in a random template; returns the text and the identifier's offset. */
export function embed(r: Rand, x: string, label: string): { text: string; start: number } {
  const t = pick(r, TEMPLATES).replace('{L}', label);
  const start = t.indexOf('{X}');
  return { text: t.replace('{X}', x), start };
}
