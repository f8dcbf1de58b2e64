import crypto, { createHash, randomBytes } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// 248 = 4 * 62: bytes at or above it are discarded so every character is equally likely.
const UNBIASED_LIMIT = 248;

export const VIRTUAL_KEY_PREFIX = 'sk-bm-';
const VIRTUAL_KEY_CHARS = 40; // ~238 bits
const ID_CHARS = 16; // ~95 bits: ids are not secrets, but must not collide or be guessable
const DISPLAY_PREFIX_CHARS = 12;

/** `length` characters of [A-Za-z0-9] from the CSPRNG, without modulo bias. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    // Draw a little extra so one call nearly always suffices (about 3% of bytes are rejected).
    const bytes = randomBytes(Math.ceil((length - out.length) * 1.1) + 4);
    for (let i = 0; i < bytes.length && out.length < length; i++) {
      if (bytes[i] < UNBIASED_LIMIT) out += BASE62[bytes[i] % 62];
    }
  }
  return out;
}

/**
 * A new virtual API key, `sk-bm-` plus 40 base62 characters. The `sk-` start keeps OpenAI SDKs and
 * secret scanners treating it as a key. `prefix` (first 12 characters and an ellipsis) is what
 * consoles and logs show; the full key is shown once and stored only hashed.
 */
export function newVirtualKey(): { key: string; prefix: string } {
  const key = VIRTUAL_KEY_PREFIX + randomBase62(VIRTUAL_KEY_CHARS);
  return { key, prefix: displayPrefix(key) };
}

/** The display form of a key: its first 12 characters and an ellipsis. */
export function displayPrefix(key: string): string {
  return `${key.slice(0, DISPLAY_PREFIX_CHARS)}…`;
}

/** A console session token: 32 random bytes, base64url (cookie- and header-safe). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A random entity id such as `ws_…`, `app_…`, `key_…`, `usr_…`: the kind, `_`, 16 base62 characters. */
export function newId(kind: string): string {
  if (!/^[a-z][a-z0-9]{0,15}$/.test(kind)) throw new RangeError(`Invalid id kind: ${JSON.stringify(kind)}`);
  return `${kind}_${randomBase62(ID_CHARS)}`;
}

/** SHA-256 of a token; only hashes are kept in memory and in the database. */
export function hashToken(token: string): Buffer {
  // One-shot hashing (Node ≥ 20.12) makes no Hash object: each one is a native handle the GC must track.
  if (typeof crypto.hash === 'function') return crypto.hash('sha256', token, 'buffer');
  return createHash('sha256').update(token).digest();
}
