import { userInfo } from 'node:os';
import { AuditLog, type AuditEvent } from '../compliance/audit/audit-log.js';
import { dataDirOf } from '../config/data-dir.js';
import { deriveKey, KEY_PURPOSES } from '../security/derive-key.js';
import { loadMasterKey } from '../security/master-key.js';
import type { Store } from './open-store.js';

/** The OS account running the CLI: the actor of its audit entries. */
export function osUser(): string {
  try {
    return userInfo().username || process.env.USER || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/**
 * Records one CLI admin action in the audit log (actor `cli`, the OS user name) and writes it
 * before returning, so the entry exists when the command exits. The audit key is derived from
 * the same master key the server uses (BAIMO_MASTER_KEY, else `master.key` next to the SQLite
 * file, or in ./data), so the chain stays one. A failure is reported on stderr; the action itself already happened.
 */
export async function recordCliAudit(s: Store, event: Omit<AuditEvent, 'actorType' | 'actorId'>): Promise<void> {
  let failed: unknown;
  try {
    // An unnamed SQLite database ('') is in memory, like ':memory:'.
    const dataDir = dataDirOf({ database: s.db.location || ':memory:' });
    const key = deriveKey(loadMasterKey({ env: process.env, dataDir }).key, KEY_PURPOSES.auditChain);
    const log = new AuditLog(s.db, key, { onError: (err) => (failed = err) });
    log.record({ ...event, actorType: 'cli', actorId: osUser() });
    await log.close();
  } catch (err) {
    failed = err;
  }
  if (failed) process.stderr.write(`baimo: could not write the audit log: ${(failed as Error).message}\n`);
}
