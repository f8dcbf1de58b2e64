import { redactSecrets } from '../../core/redact-secrets.js';

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
/** Serialised details above this size are replaced by a note of their size. */
export const MAX_DETAIL_BYTES = 64 * 1024;
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
    out[k] = isSecretName(k) ? REDACTED : stripSecrets(v, depth + 1);
  }
  return out;
}

/** The stored JSON text of an entry's detail (secrets stripped), or null; never throws. */
export function serializeDetail(detail: Record<string, unknown> | null | undefined): string | null {
  if (detail === null || detail === undefined) return null;
  let text: string;
  try {
    text = JSON.stringify(stripSecrets(detail));
  } catch {
    return JSON.stringify({ _unserializable: true });
  }
  if (text.length > MAX_DETAIL_BYTES) return JSON.stringify({ _truncated: true, bytes: Buffer.byteLength(text) });
  return text;
}
