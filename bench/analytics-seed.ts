import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type pg from 'pg';
import { Calendar } from '../src/core/calendar.js';
import { AnalyticsRepository } from '../src/store/analytics-repository.js';
import { prepareInsert, type RollupSettings } from '../src/store/log-insert.js';
import type { OpenedDatabase } from '../src/store/open-database.js';
import { createPool, parsePostgresUrl } from '../src/store/open-postgres.js';
import { preparePgInsert } from '../src/store/pg-log-insert.js';
import type { RequestLogRow } from '../src/store/schema.js';
import { tuneWriterConnection } from '../src/store/tune-connection.js';
import { DAY_MS, TIMEZONE, Traffic } from './analytics-traffic.js';
import { USD_CNY } from './log-rows.js';
import { makeDayPartitions } from './logs-query-pg.js';

/**
 * Seeding `npm run bench:analytics`' database through the log writer's own insert (`prepareInsert` on
 * SQLite — what the writer thread runs on its own connection —, `preparePgInsert` on PostgreSQL over a
 * pool of 2, as the thread makes it): batches of `batch` rows (the writer's batch_size, 500), each one
 * transaction with its stats rollups and usage analytics.
 *
 * Ingest with and without analytics, interleaved: every `pairEvery`-th chunk of `chunkBatches` batches
 * is also written a second time with analytics off (`RollupSettings.analytics: false`), as copies with
 * new ids and `origin: 'bench'` (usage analytics leaves such rows out, so the rollups still match the
 * request rows), the two orders alternating. Each chunk's wall time, this process's CPU and — on
 * PostgreSQL — the CPU of the writer's server processes (/proc, when readable) are recorded.
 */

export type Engine = 'sqlite' | 'postgres';
/** Bumped when the traffic or the seeding changes: a cached database of another version is seeded again. */
export const SEED_VERSION = 2;

export interface SeedPlan {
  engine: Engine;
  location: string;
  rows: number;
  days: number;
  batch: number;
  chunkBatches: number;
  pairEvery: number;
  /** The end of the seeded period (its "now"). */
  end: number;
}

export interface ChunkTime {
  rows: number;
  ms: number;
  /** This process (every thread), µs. */
  cpuUs: number;
  /** The writer's PostgreSQL server processes, µs (0 on SQLite or when /proc is not readable). */
  serverUs: number;
}

export interface SeedResult {
  plan: Omit<SeedPlan, 'location'>;
  /** Analytics-on rows and the time spent inserting them (generation left out). */
  onRows: number;
  onMs: number;
  onCpuUs: number;
  onServerUs: number;
  pairs: Array<{ on: ChunkTime; off: ChunkTime; first: 'on' | 'off' }>;
  /** Wall time of the whole seeding (generation, twins and the end-user metadata included). */
  totalSeconds: number;
  seededAt: string;
}

const META = 'bench_analytics_meta';
const log = (s = ''): void => void process.stdout.write(`${s}\n`);

/** CPU µs of a process from /proc (utime + stime); 0 when not readable. */
function procCpuUs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1e6) / 100;
  } catch {
    return 0;
  }
}

/** The writer: its insert with and without analytics, the server processes behind it, closing. */
export interface Writer {
  on: (rows: RequestLogRow[]) => void | Promise<void>;
  off: (rows: RequestLogRow[]) => void | Promise<void>;
  serverCpuUs: () => number;
  close: () => Promise<void>;
}

export function openWriter(plan: Pick<SeedPlan, 'engine' | 'location'>): Writer {
  const rollup: RollupSettings = { calendar: new Calendar(TIMEZONE), usdToCny: USD_CNY };
  const off: RollupSettings = { ...rollup, analytics: false };
  if (plan.engine === 'sqlite') {
    const conn = new SQLite(plan.location, { fileMustExist: true });
    tuneWriterConnection(conn);
    return {
      on: prepareInsert(conn, rollup),
      off: prepareInsert(conn, off),
      serverCpuUs: () => 0,
      close: async () => void conn.close(),
    };
  }
  const pool: pg.Pool = createPool(parsePostgresUrl(plan.location), 2);
  const pids = new Set<number>();
  pool.on('connect', (client) => {
    void client.query('select pg_backend_pid() as pid').then((r) => pids.add(Number(r.rows[0].pid)));
  });
  return {
    on: preparePgInsert(pool, rollup),
    off: preparePgInsert(pool, off),
    serverCpuUs: () => [...pids].reduce((s, p) => s + procCpuUs(p), 0),
    close: () => pool.end(),
  };
}

/** A copy of the rows the analytics-off insert writes: new ids, and an origin analytics leaves out. */
export const twins = (rows: RequestLogRow[]): RequestLogRow[] => rows.map((r) => ({ ...r, id: `${r.id}~`, origin: 'bench' }));

export async function timed(w: Writer, write: Writer['on'], batches: RequestLogRow[][]): Promise<ChunkTime> {
  const cpu0 = process.cpuUsage();
  const srv0 = w.serverCpuUs();
  const t0 = performance.now();
  let rows = 0;
  for (const b of batches) {
    await write(b);
    rows += b.length;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { rows, ms, cpuUs: cpu.user + cpu.system, serverUs: w.serverCpuUs() - srv0 };
}

/** Reads the seed record of a cached database (undefined when it has none or another version's). */
export async function cachedSeed(opened: OpenedDatabase, rows: number, days: number): Promise<SeedResult | undefined> {
  try {
    const r = await sql<{ v: string }>`select v from ${sql.table(META)} where k = 'seed'`.execute(opened.db);
    const s = JSON.parse(r.rows[0]?.v ?? 'null') as (SeedResult & { version: number }) | null;
    if (s && s.version === SEED_VERSION && s.plan.rows === rows && s.plan.days === days) return s;
  } catch {
    // no meta table: not seeded (or seeded by hand)
  }
  return undefined;
}

/** Seeds `plan.location` (empty, migrated by openDatabase) and records the seed in the meta table. */
export async function seed(opened: OpenedDatabase, plan: SeedPlan): Promise<SeedResult> {
  const t0 = performance.now();
  const traffic = new Traffic(plan.rows, plan.end, plan.days * DAY_MS);
  if (plan.engine === 'postgres') await makeDayPartitions(opened.db, plan.end, plan.days + 1);
  // End users' own segment attributes, set before their traffic (they win over the key's and app's).
  const repo = new AnalyticsRepository(opened, { timeZone: TIMEZONE });
  for (const [ws, user, segments] of traffic.pop.endUserSegments())
    await repo.setEndUser({ workspaceId: ws, endUser: user, segments, ts: plan.end - plan.days * DAY_MS });

  const w = openWriter(plan);
  const res: SeedResult = {
    plan: {
      engine: plan.engine,
      rows: plan.rows,
      days: plan.days,
      batch: plan.batch,
      chunkBatches: plan.chunkBatches,
      pairEvery: plan.pairEvery,
      end: plan.end,
    },
    onRows: 0,
    onMs: 0,
    onCpuUs: 0,
    onServerUs: 0,
    pairs: [],
    totalSeconds: 0,
    seededAt: new Date().toISOString(),
  };
  try {
    let nextReport = 0.05;
    for (let chunk = 0; traffic.made < plan.rows; chunk++) {
      const batches: RequestLogRow[][] = [];
      for (let b = 0; b < plan.chunkBatches; b++) {
        const rows = traffic.take(plan.batch);
        if (rows.length === 0) break;
        batches.push(rows);
      }
      const paired = chunk % plan.pairEvery === plan.pairEvery - 1;
      let on: ChunkTime;
      if (paired) {
        const copies = batches.map(twins);
        const first = res.pairs.length % 2 === 0 ? 'on' : 'off';
        let off: ChunkTime;
        if (first === 'on') {
          on = await timed(w, w.on, batches);
          off = await timed(w, w.off, copies);
        } else {
          off = await timed(w, w.off, copies);
          on = await timed(w, w.on, batches);
        }
        res.pairs.push({ on, off, first });
      } else on = await timed(w, w.on, batches);
      res.onRows += on.rows;
      res.onMs += on.ms;
      res.onCpuUs += on.cpuUs;
      res.onServerUs += on.serverUs;
      if (traffic.made >= plan.rows * nextReport) {
        nextReport += 0.05;
        const p = res.pairs.at(-1);
        log(
          `    ${((100 * traffic.made) / plan.rows).toFixed(0).padStart(3)} %  ${traffic.made.toLocaleString('en').padStart(11)} rows, ` +
            `${Math.round((res.onRows * 1000) / res.onMs).toLocaleString('en')} rows/s with analytics so far` +
            (p
              ? `; last pair on ${Math.round((p.on.rows * 1000) / p.on.ms)} / off ${Math.round((p.off.rows * 1000) / p.off.ms)} rows/s`
              : '') +
            ` (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
        );
      }
    }
  } finally {
    await w.close();
  }
  res.totalSeconds = (performance.now() - t0) / 1000;
  await sql`create table if not exists ${sql.table(META)} (k text primary key, v text not null)`.execute(opened.db);
  await sql`delete from ${sql.table(META)} where k = 'seed'`.execute(opened.db);
  await sql`insert into ${sql.table(META)} (k, v) values ('seed', ${JSON.stringify({ ...res, version: SEED_VERSION })})`.execute(opened.db);
  return res;
}
