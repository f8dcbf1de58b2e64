import type SQLite from 'better-sqlite3';
import { unauthorized } from '../core/errors.js';
import { toKeyPolicy, type KeyPolicy, type KeyPolicyRow } from './key-policy.js';

const LOOKUP_SQL = `select k.id, k.name, k.workspace_id, k.app_id, k.models, k.rpm, k.tpm, k.token_quota,
  k.token_quota_period, k.budget, k.budget_currency, k.budget_period, k.expires_at, k.enabled, k.revoked_at,
  k.cache, k.cache_ttl_s, a.cache as app_cache, a.cache_ttl_s as app_cache_ttl_s
  from virtual_keys k left join apps a on a.id = k.app_id where k.key_hash = ?`;

/**
 * Finds the virtual key behind a presented secret. Lookups are synchronous (one prepared SQLite
 * statement) and remembered for `ttlMs`, so a key revoked by another process or the CLI stops
 * working within that time; changes made through this process's API take effect at once
 * (`invalidate`). Unknown secrets are not remembered: guessing pays for a hash and a lookup.
 */
export class KeyDirectory {
  private readonly stmt: SQLite.Statement<[string], KeyPolicyRow>;
  private readonly known = new Map<string, { policy: KeyPolicy; at: number }>();

  constructor(
    sqlite: SQLite.Database,
    private readonly hash: (secret: string) => string,
    private readonly ttlMs = 2_000,
  ) {
    this.stmt = sqlite.prepare(LOOKUP_SQL);
  }

  /** The usable key for `secret`, or a 401 saying why not. */
  authenticate(secret: string, now = Date.now()): KeyPolicy {
    let hit = this.known.get(secret);
    if (!hit || now - hit.at > this.ttlMs) {
      const row = this.stmt.get(this.hash(secret));
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
