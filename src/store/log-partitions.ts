import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * PostgreSQL keeps `request_logs` range-partitioned by UTC day on `created_at` (epoch ms): one table
 * per day, `request_logs_pYYYYMMDD`, plus `request_logs_default` for anything outside them. Partitions
 * are made a few days ahead (at start and hourly), and retention drops whole days instead of deleting
 * millions of rows. Every replica may run the upkeep: creation is `if not exists` and races are ignored.
 */

const DAY = 86_400_000;
const NAME = /^request_logs_p(\d{4})(\d{2})(\d{2})$/;

const dayStart = (t: number): number => t - (((t % DAY) + DAY) % DAY);
const nameOf = (start: number): string => `request_logs_p${new Date(start).toISOString().slice(0, 10).replaceAll('-', '')}`;

/** The day partitions that exist, with their [start, end) bounds, oldest first. */
export async function listLogPartitions(db: Kysely<Database>): Promise<Array<{ name: string; start: number; end: number }>> {
  const r = await sql<{ name: string }>`select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
    join pg_namespace n on n.oid = p.relnamespace
    where p.relname = 'request_logs' and n.nspname = current_schema()`.execute(db);
  const out: Array<{ name: string; start: number; end: number }> = [];
  for (const { name } of r.rows) {
    const m = NAME.exec(name);
    if (!m) continue;
    const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    out.push({ name, start, end: start + DAY });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Makes the partitions of the days from `daysBack` before `now` to `daysAhead` after it. A day whose
 * rows already sit in the default partition cannot be made (PostgreSQL refuses): it is skipped and
 * those rows stay in the default partition, still queried and purged like any other.
 */
export async function ensureLogPartitions(db: Kysely<Database>, now = Date.now(), daysAhead = 3, daysBack = 1): Promise<string[]> {
  const made: string[] = [];
  const have = new Set((await listLogPartitions(db)).map((p) => p.name));
  for (let d = -daysBack; d <= daysAhead; d++) {
    const start = dayStart(now) + d * DAY;
    const name = nameOf(start);
    if (have.has(name)) continue;
    try {
      await sql`create table if not exists ${sql.id(name)} partition of request_logs for values from (${sql.lit(start)}) to (${sql.lit(start + DAY)})`.execute(
        db,
      );
      made.push(name);
    } catch (err) {
      const code = (err as { code?: string }).code;
      // 42P07/23505: another replica made it first; 23514: the default partition holds rows of that day.
      if (code !== '42P07' && code !== '23505' && code !== '23514') throw err;
    }
  }
  return made;
}

/** Drops the day partitions that end at or before `before`; returns how many rows they held. */
export async function dropLogPartitionsBefore(db: Kysely<Database>, before: number): Promise<number> {
  let rows = 0;
  for (const p of await listLogPartitions(db)) {
    if (p.end > before) break;
    const n = await sql<{ n: number }>`select count(*) as n from ${sql.id(p.name)}`.execute(db);
    await sql`drop table if exists ${sql.id(p.name)}`.execute(db);
    rows += Number(n.rows[0]?.n ?? 0);
  }
  return rows;
}
