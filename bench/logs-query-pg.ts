import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { ensureLogPartitions } from '../src/store/log-partitions.js';
import { RequestLogRepository, type LogQuery } from '../src/store/request-log-repository.js';
import type { Database } from '../src/store/schema.js';

/**
 * The PostgreSQL side of `bench/logs-query.ts` (`BENCH_DATABASE=postgres`): where the bench schema is,
 * its day partitions, statistics, size, and `EXPLAIN (ANALYZE, BUFFERS)` of a logs query.
 */

/** The server (trust auth on this machine kind and in CI); `BENCH_PG_URL` overrides it. */
export const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** `database:` for a schema of `PG_URL`. */
export const pgLocation = (schema: string): string => `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;

/** Rows in request_logs and the oldest one's time (null when empty). */
export async function pgLogRows(db: Kysely<Database>): Promise<{ rows: number; oldest: number | null }> {
  const r = await sql<{ n: number; t: number | null }>`select count(*) as n, min(created_at) as t from request_logs`.execute(db);
  return { rows: Number(r.rows[0]?.n ?? 0), oldest: r.rows[0]?.t ?? null };
}

/** Drops `schema` of `PG_URL` with everything in it (its own connection: no migrations run first). */
export async function dropPgSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema.replaceAll('"', '""')}" cascade`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The day partitions of the `days` days before `now` (and today), so seeded rows do not land in the default partition. */
export async function makeDayPartitions(db: Kysely<Database>, now: number, days: number): Promise<number> {
  return (await ensureLogPartitions(db, now, 0, days + 1)).length;
}

/**
 * Statistics for the planner: `analyze` (every table of the schema; request_logs recurses into its
 * partitions), `vacuum` (VACUUM ANALYZE: also sets the visibility map, as autovacuum would in time, so
 * index-only scans apply) or `none` (whatever autovacuum has gathered so far).
 */
export async function pgStatistics(db: Kysely<Database>, how: string): Promise<void> {
  if (how === 'none') return;
  if (how !== 'analyze' && how !== 'vacuum') throw new Error(`BENCH_ANALYZE=${how} is SQLite only; on PostgreSQL: analyze, vacuum or none`);
  const r = await sql<{ name: string }>`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition order by 1`.execute(db);
  const tables = sql.join(r.rows.map((t) => sql.id(t.name)));
  await (how === 'vacuum' ? sql`vacuum (analyze) ${tables}` : sql`analyze ${tables}`).execute(db);
}

/** request_logs' size on disk (every partition, indexes and TOAST included), its partitions, and the rows in the default one. */
export async function pgLogSize(db: Kysely<Database>): Promise<{ bytes: number; partitions: number; inDefault: number }> {
  const r = await sql<{ bytes: number; partitions: number }>`select coalesce(sum(pg_total_relation_size(c.oid)), 0) as bytes,
      count(*) as partitions from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      join pg_namespace n on n.oid = p.relnamespace where p.relname = 'request_logs' and n.nspname = current_schema()`.execute(db);
  const d = await sql<{ n: number }>`select count(*) as n from request_logs_default`.execute(db);
  return { bytes: Number(r.rows[0]?.bytes ?? 0), partitions: Number(r.rows[0]?.partitions ?? 0), inDefault: Number(d.rows[0]?.n ?? 0) };
}

export async function pgServerVersion(db: Kysely<Database>): Promise<string> {
  const r = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
  return r.rows[0]?.v ?? '?';
}

/**
 * Runs the repository's query for `q` on `pool` (capturing its SQL), then `EXPLAIN (ANALYZE, BUFFERS)`
 * of that SQL with the same parameters; returns the in-process time, the SQL and the plan's lines.
 */
export async function explainPg(pool: pg.Pool, q: LogQuery): Promise<{ ms: number; sql: string; plan: string[] } | undefined> {
  let captured: CompiledQuery | undefined;
  // Not destroyed: that would end the pool, which belongs to the caller.
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => void (captured = e.query) });
  const t0 = performance.now();
  await new RequestLogRepository({ db, sqlite: undefined, pool }).query(q);
  const ms = performance.now() - t0;
  if (!captured) return undefined;
  const r = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${captured.sql}`, captured.parameters as unknown[]);
  return { ms, sql: captured.sql, plan: r.rows.map((row) => row['QUERY PLAN']) };
}

export async function pgRollupRows(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from usage_rollup`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
