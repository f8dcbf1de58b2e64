import type { LimitStore } from '../governance/limits/limit-store.js';
import { migrationState } from '../store/migration-state.js';
import type { OpenedDatabase } from '../store/open-database.js';

/**
 * What `/readyz` reports: the database answers and its schema is migrated, how many providers are
 * configured, and — when limits are shared through Redis — that Redis answers (a replica that cannot
 * reach it must not take traffic).
 */
export async function readiness(
  database: OpenedDatabase,
  limits: LimitStore,
  providerCount: number,
): Promise<{ ok: boolean; checks: Record<string, string> }> {
  const checks: Record<string, string> = {};
  let schemaOk = false;
  try {
    await database.ping();
    checks.database = 'ok';
    const m = await migrationState(database.db);
    checks.migrations = m.state;
    schemaOk = m.ok;
  } catch (err) {
    checks.database = (err as Error).message;
  }
  checks.providers = providerCount > 0 ? `${providerCount} configured` : 'none configured';
  checks.limits = limits.kind;
  if (limits.kind === 'redis') {
    try {
      await limits.ping();
      checks.redis = 'ok';
    } catch (err) {
      checks.redis = (err as Error).message;
    }
  }
  return { ok: checks.database === 'ok' && schemaOk && (limits.kind !== 'redis' || checks.redis === 'ok'), checks };
}
