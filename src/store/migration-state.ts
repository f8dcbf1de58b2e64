import { sql, type Kysely } from 'kysely';
import { migrations } from './migrations.js';
import type { Database } from './schema.js';

/**
 * What `/readyz` says of the schema: `ok` when every migration this build knows is applied; `pending: …`
 * when some are not (the database was restored from an older backup while this process ran); `ahead: …`
 * when a newer build has already migrated it (a rolling deploy: this replica still serves, its columns
 * are all there, and it reports what it does not know).
 */
export async function migrationState(db: Kysely<Database>): Promise<{ ok: boolean; state: string }> {
  const r = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const applied = new Set(r.rows.map((x) => x.name));
  const known = Object.keys(migrations);
  const pending = known.filter((n) => !applied.has(n));
  if (pending.length > 0) return { ok: false, state: `pending: ${pending.join(', ')}` };
  const ahead = [...applied].filter((n) => !known.includes(n)).sort();
  return { ok: true, state: ahead.length > 0 ? `ahead: ${ahead.join(', ')}` : 'ok' };
}
