import { createHash } from 'node:crypto';
import { LIMITS } from '../../core/limits.js';
import { redactSecrets } from '../../core/redact-secrets.js';
import { setOwn } from '../../core/set-own.js';

/**
 * Field names whose values never enter the audit log: keys, secrets, passwords, tokens and
 * credentials, in snake_case, camelCase or kebab-case (`api_key`, `apiKey`, `secret-id`, `token`,
 * `authorization`, the raw `key`…). Ids and counters that merely mention them (`key_id`,
 * `token_quota`, `max_tokens`) stay.
 */
const SECRET_NAME =
  /^(key|raw_key|secret|token|password|passwd|pwd|authorization|proxy_authorization|cookie|set_cookie|credentials?|key_hash|password_hash)$|(^|_)(api_?key|secret_key|secret_id|api_secret|client_secret|access_key|access_key_id|access_key_secret|private_key|password|passwd|token|secret)$/;

/** What a stripped value is replaced with: the entry still shows that the field was set. */
export const REDACTED = '[redacted]';
/** Serialised details above this many bytes are kept as their SHA-256, size and a prefix. */
export const MAX_DETAIL_BYTES = LIMITS.auditDetailBytes;
/** Characters of an oversized detail kept as its prefix. */
const DETAIL_PREFIX_CHARS = 4_096;

/**
 * Fields whose every value is a credential candidate: HTTP headers anywhere (`headers`,
 * `extra_headers`…), and query parameters inside a request body (a provider's `query`). Their names
 * stay, their values never enter the log. The top-level `query` of a detail is the admin request's
 * own query string, filtered by name like everything else.
 */
const HEADERS_NAME = /(^|_)headers$/;
const MAX_DEPTH = 8;

/** True when a field of this name must not be stored. */
export function isSecretName(name: string): boolean {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[-\s.]+/g, '_');
  return SECRET_NAME.test(snake);
}

/**
 * A copy of `value` with secret-named fields replaced by `[redacted]` at any depth, credential-like
 * strings (`sk-…`, Bearer tokens) masked, and nesting cut at 8 levels. Functions, symbols and
 * undefined disappear as in JSON.
 */
export function stripSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => stripSecrets(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const kept = isSecretName(k)
      ? REDACTED
      : (depth > 0 && k === 'query') || HEADERS_NAME.test(k.toLowerCase())
        ? redactValues(v)
        : stripSecrets(v, depth + 1);
    // A JSON `__proto__` key stays a plain field instead of replacing the copy's prototype.
    setOwn(out, k, kept);
  }
  return out;
}

/** A map with every value replaced by `[redacted]` (names kept); anything else is redacted whole. */
function redactValues(v: unknown): unknown {
  if (v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) return REDACTED;
  const out: Record<string, string> = {};
  for (const k of Object.keys(v as Record<string, unknown>)) {
    setOwn(out, k, REDACTED);
  }
  return out;
}

/**
 * The stored JSON text of an entry's detail (secrets stripped), or null; never throws. A detail over
 * MAX_DETAIL_BYTES is kept as `{_oversized, bytes, sha256, prefix}`: the SHA-256 (hex) and UTF-8 size
 * of the full stripped JSON text and its first 4,096 characters, so whoever holds the full detail
 * can prove it is the one that was logged.
 */
export function serializeDetail(detail: Record<string, unknown> | null | undefined): string | null {
  if (detail === null || detail === undefined) return null;
  let text: string;
  try {
    text = JSON.stringify(stripSecrets(detail));
  } catch {
    return JSON.stringify({ _unserializable: true });
  }
  // UTF-8 takes at most 3 bytes per UTF-16 unit: short texts skip the byte count.
  if (text.length * 3 <= MAX_DETAIL_BYTES) return text;
  const bytes = Buffer.byteLength(text);
  if (bytes <= MAX_DETAIL_BYTES) return text;
  return JSON.stringify({
    _oversized: true,
    bytes,
    sha256: createHash('sha256').update(text).digest('hex'),
    prefix: text.slice(0, DETAIL_PREFIX_CHARS),
  });
}
