import crypto, { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../core/errors.js';

/** SHA-256 of a token; only hashes are kept in memory and in the database. */
export function hashToken(token: string): Buffer {
  // One-shot hashing (Node ≥ 20.12) makes no Hash object: each one is a native handle the GC must track.
  if (typeof crypto.hash === 'function') return crypto.hash('sha256', token, 'buffer');
  return createHash('sha256').update(token).digest();
}

/**
 * Checks `Authorization: Bearer <key>` (or `x-api-key`, for Anthropic-style clients) against the
 * admin token's hash. Key management replaces this in the governance layer.
 */
export function makeAuthenticator(adminTokenHash: Buffer): (request: FastifyRequest) => void {
  return (request) => {
    const key = bearer(request.headers.authorization) ?? header(request.headers['x-api-key']);
    if (!key) throw unauthorized('Missing API key: send `Authorization: Bearer <key>`.');
    if (!timingSafeEqual(hashToken(key), adminTokenHash)) throw unauthorized('Incorrect API key provided.');
    request.keyId = 'admin';
  };
}

function bearer(h: string | undefined): string | undefined {
  if (!h) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m?.[1]?.trim() || undefined;
}

function header(h: string | string[] | undefined): string | undefined {
  return (Array.isArray(h) ? h[0] : h)?.trim() || undefined;
}
