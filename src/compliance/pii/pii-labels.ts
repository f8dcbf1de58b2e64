/**
 * Display names of PII types, used in redaction markers (`[身份证号]`), pseudonym placeholders
 * (`[身份证号_1]`), error messages and the console.
 */

import type { BuiltinPiiType } from '../contracts.js';

/** Locales the labels exist in. */
export type PiiLocale = 'zh-CN' | 'en';

/** Display names of the built-in types. IPv4 and IPv6 share one name. */
export const BUILTIN_PII_LABELS: Readonly<Record<BuiltinPiiType, Readonly<Record<PiiLocale, string>>>> = {
  id_card: { 'zh-CN': '身份证号', en: 'ID card number' },
  mobile: { 'zh-CN': '手机号', en: 'mobile number' },
  bank_card: { 'zh-CN': '银行卡号', en: 'bank card number' },
  uscc: { 'zh-CN': '统一社会信用代码', en: 'unified social credit code' },
  passport: { 'zh-CN': '护照号', en: 'passport number' },
  email: { 'zh-CN': '邮箱', en: 'email address' },
  ipv4: { 'zh-CN': 'IP地址', en: 'IP address' },
  ipv6: { 'zh-CN': 'IP地址', en: 'IP address' },
};

/** Dictionary terms without a type of their own. */
const TERM_LABELS: Readonly<Record<PiiLocale, string>> = { 'zh-CN': '敏感词', en: 'term' };

function isBuiltin(type: string): type is BuiltinPiiType {
  return Object.prototype.hasOwnProperty.call(BUILTIN_PII_LABELS, type);
}

/** Characters that would end a marker early or need escaping in JSON. */
const UNSAFE_LABEL_CHARS = '[]【】"\'`\\';

/**
 * Makes a label safe inside markers and JSON strings: no brackets, quotes, backslashes or control
 * characters (they would end a marker early or need escaping), at most 32 characters.
 */
export function sanitizeLabel(label: string): string {
  let cleaned = '';
  for (const ch of label) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 || c === 0x7f || UNSAFE_LABEL_CHARS.includes(ch)) continue;
    cleaned += ch;
  }
  cleaned = cleaned.trim().slice(0, 32);
  return cleaned === '' ? 'PII' : cleaned;
}

/**
 * The display name of a PII type: built-in names per locale; for other types (custom recognizers,
 * dictionary terms) the label they were configured with, else the type name itself. Always sanitized.
 */
export function piiLabel(type: string, locale: PiiLocale = 'zh-CN', customLabels?: ReadonlyMap<string, string>): string {
  if (isBuiltin(type)) return BUILTIN_PII_LABELS[type][locale];
  const custom = customLabels?.get(type);
  if (custom !== undefined) return sanitizeLabel(custom);
  if (type === 'term') return TERM_LABELS[locale];
  return sanitizeLabel(type);
}
