import { unauthorized } from '../core/errors.js';
import type { KeyPolicyRow, KeyRepository } from '../store/key-repository.js';
import { toKeyPolicy, type KeyPolicy } from './key-policy.js';

/**
 * Finds the virtual key behind a presented secret. Lookups are synchronous (`KeyRepository.lookupByHash`,
 * one prepared statement) and remembered for `ttlMs`, so a key revoked by another process or the CLI stops
 * working within that time; changes made through this process's API take effect at once
 * (`invalidate`), and on the other replicas as soon as the config bus tells them (Runtime.announce). Unknown secrets are not remembered: guessing pays for a hash and a lookup.
 */
export class KeyDirectory {
  private readonly known = new Map<string, { policy: KeyPolicy; at: number }>();
  private readonly pending = new Map<string, Promise<KeyPolicy>>();
  private generation = 0;

  constructor(
    private readonly keys: Pick<KeyRepository, 'lookupByHash'>,
    private readonly hash: (secret: string) => string,
    private readonly ttlMs = 2_000,
  ) {}

  /**
   * The usable key for `secret`, or a 401 saying why not. Synchronous when the lookup is (the embedded
   * SQLite default, or a remembered key); a promise when the store answers asynchronously (PostgreSQL),
   * with concurrent lookups of one secret sharing one query.
   */
  authenticate(secret: string, now = Date.now()): KeyPolicy | Promise<KeyPolicy> {
    const hit = this.known.get(secret);
    if (hit && now - hit.at <= this.ttlMs) return usableKey(hit.policy, now);
    const row = this.keys.lookupByHash(this.hash(secret));
    if (!(row instanceof Promise)) return usableKey(this.remember(secret, row, now), now);
    let pending = this.pending.get(secret);
    if (!pending) {
      const generation = this.generation;
      pending = row.then(
        (r) => {
          this.pending.delete(secret);
          // An answer that raced an invalidation is used once, not remembered.
          if (generation !== this.generation) return r ? toKeyPolicy(r) : this.remember(secret, r, now);
          return this.remember(secret, r, now);
        },
        (err: unknown) => {
          this.pending.delete(secret);
          throw err;
        },
      );
      if (this.pending.size < 10_000) this.pending.set(secret, pending);
    }
    return pending.then((p) => usableKey(p, Date.now()));
  }

  private remember(secret: string, row: KeyPolicyRow | undefined, now: number): KeyPolicy {
    if (!row) {
      this.known.delete(secret);
      throw unauthorized('Incorrect API key provided.');
    }
    if (this.known.size >= 10_000) this.known.clear();
    const policy = toKeyPolicy(row);
    this.known.set(secret, { policy, at: now });
    return policy;
  }

  /** Forgets every remembered lookup (after a key, app or workspace changed). */
  invalidate(): void {
    this.known.clear();
    this.pending.clear();
    this.generation++;
  }
}

/** `p`, or the 401 saying why it cannot be used now (revoked, disabled, expired). */
export function usableKey(p: KeyPolicy, now: number): KeyPolicy {
  if (p.revoked) throw unauthorized('This API key has been revoked.', 'key_revoked');
  if (!p.enabled) throw unauthorized('This API key is disabled.', 'key_disabled');
  if (p.expiresAt !== null && now >= p.expiresAt) throw unauthorized('This API key has expired.', 'key_expired');
  return p;
}
