import { unauthorized } from '../core/errors.js';
import type { KeyRepository } from '../store/key-repository.js';
import { toKeyPolicy, type KeyPolicy } from './key-policy.js';

/**
 * Finds the virtual key behind a presented secret. Lookups are synchronous (`KeyRepository.lookupByHash`,
 * one prepared statement) and remembered for `ttlMs`, so a key revoked by another process or the CLI stops
 * working within that time; changes made through this process's API take effect at once
 * (`invalidate`). Unknown secrets are not remembered: guessing pays for a hash and a lookup.
 */
export class KeyDirectory {
  private readonly known = new Map<string, { policy: KeyPolicy; at: number }>();

  constructor(
    private readonly keys: Pick<KeyRepository, 'lookupByHash'>,
    private readonly hash: (secret: string) => string,
    private readonly ttlMs = 2_000,
  ) {}

  /** The usable key for `secret`, or a 401 saying why not. */
  authenticate(secret: string, now = Date.now()): KeyPolicy {
    let hit = this.known.get(secret);
    if (!hit || now - hit.at > this.ttlMs) {
      const row = this.keys.lookupByHash(this.hash(secret));
      if (!row) {
        this.known.delete(secret);
        throw unauthorized('Incorrect API key provided.');
      }
      if (this.known.size >= 10_000) this.known.clear();
      hit = { policy: toKeyPolicy(row), at: now };
      this.known.set(secret, hit);
    }
    const p = hit.policy;
    if (p.revoked) throw unauthorized('This API key has been revoked.', 'key_revoked');
    if (!p.enabled) throw unauthorized('This API key is disabled.', 'key_disabled');
    if (p.expiresAt !== null && now >= p.expiresAt) throw unauthorized('This API key has expired.', 'key_expired');
    return p;
  }

  /** Forgets every remembered lookup (after a key, app or workspace changed). */
  invalidate(): void {
    this.known.clear();
  }
}
