import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../core/errors.js';
import type { KeyDirectory } from '../governance/key-directory.js';
import { hashToken, VIRTUAL_KEY_PREFIX } from '../security/tokens.js';

/**
 * Checks `Authorization: Bearer <key>` (or `x-api-key`, for Anthropic-style clients): a virtual key
 * (`sk-bm-…`, looked up in the key directory, which says why a key is unusable), or the admin token.
 */
export function makeAuthenticator(adminTokenHash: Buffer, keys: KeyDirectory): (request: FastifyRequest) => void | Promise<void> {
  // Keys that already proved valid skip the hash (a client sends the same key on every request).
  // Only successes are remembered, so guessing still pays for a hash and a constant-time compare.
  const verified = new Map<string, string>();
  return (request) => {
    const key = bearer(request.headers.authorization) ?? header(request.headers['x-api-key']);
    if (!key) throw unauthorized('Missing API key: send `Authorization: Bearer <key>`.');
    if (key.startsWith(VIRTUAL_KEY_PREFIX)) {
      const policy = keys.authenticate(key);
      if (policy instanceof Promise) {
        return policy.then((p) => {
          request.keyId = p.id;
          request.key = p;
        });
      }
      request.keyId = policy.id;
      request.key = policy;
      return;
    }
    const known = verified.get(key);
    if (known) {
      request.keyId = known;
      return;
    }
    if (!timingSafeEqual(hashToken(key), adminTokenHash)) throw unauthorized('Incorrect API key provided.');
    if (verified.size >= 1024) verified.clear();
    verified.set(key, 'admin');
    request.keyId = 'admin';
  };
}

export function bearer(h: string | undefined): string | undefined {
  if (!h) return undefined;
  if (h.startsWith('Bearer ') && h.length > 7 && h.charCodeAt(7) > 32 && h.charCodeAt(h.length - 1) > 32) return h.slice(7);
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m?.[1]?.trim() || undefined;
}

function header(h: string | string[] | undefined): string | undefined {
  return (Array.isArray(h) ? h[0] : h)?.trim() || undefined;
}
