import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import type pg from 'pg';
import { configSchema } from '../src/config/schema.js';
import { Calendar } from '../src/core/calendar.js';
import { startServer } from '../src/server/start-server.js';
import { openDatabase, type OpenedDatabase } from '../src/store/open-database.js';
import { RequestLogRepository, type LogQuery } from '../src/store/request-log-repository.js';
import type { Database, RequestLogRow } from '../src/store/schema.js';
import { APPS, DAY_MS, DAYS, KEYS, makeRow, MODELS, NOW, pickModel, picker, rand, START, USD_CNY, WORKSPACES } from './log-rows.js';
import {
  dropPgSchema,
  explainPg,
  makeDayPartitions,
  pgLocation,
  pgLogRows,
  pgLogSize,
  pgRollupRows,
  pgServerVersion,
  pgStatistics,
} from './logs-query-pg.js';

/**
 * `npm run bench:logs`: the logs query, usage and stats APIs over a large request log, on SQLite
 * (default) or PostgreSQL (`BENCH_DATABASE=postgres`).
 *
 * Seeds the database (migrations by `openDatabase`; rows and their rollups through the log writer's
 * insert path, `RequestLogRepository.insertMany`, 50k rows a batch; rows from `bench/log-rows.ts`): 30
 * days from 20 workspaces (one big), 200 apps, 2000 keys, 30 models, ~3% errors, 10% streams, 2% cache
 * hits. Gathers statistics, starts the real server on it and times sequential GET /api/logs, /api/usage
 * and /api/stats/overview (admin token) after a warm-up. Prints a markdown table; exits 1 when a p95 is
 * over the target, printing the slow logs queries' plans.
 *
 * SQLite: a temp file, or BENCH_DB. PostgreSQL: the schema BENCH_SCHEMA (default bench_logs) of
 * BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test), kept and reused when it holds
 * BENCH_ROWS rows (re-seeded when it holds another count); the day partitions of the 30 days are made
 * before seeding, so rows do not land in the default partition.
 *
 * Env: BENCH_ROWS=1000000  BENCH_REQUESTS=100 (per query)  BENCH_WARMUP=10  BENCH_P95_MS=100
 *   BENCH_DATABASE=sqlite|postgres
 *   BENCH_DB=path     SQLite: use (seed if empty) and keep this database instead of a temp one
 *   BENCH_SCHEMA=name  BENCH_PG_URL=url  PostgreSQL: where;  BENCH_DROP=1  drop the schema at the end
 *   BENCH_ANALYZE=analyze|optimize|none  statistics: ANALYZE; `PRAGMA optimize` as a server could run
 *                     it on open (analysis_limit=400); none (drops them: what the server sees today).
 *                     PostgreSQL: analyze (default), vacuum (VACUUM ANALYZE) or none (autovacuum's)
 *   BENCH_EXPLAIN=1   print every logs query plan (PostgreSQL: EXPLAIN (ANALYZE, BUFFERS))
 *   BENCH_ONLY=text   only queries named so
 */

const ROWS = num('BENCH_ROWS', 1_000_000);
const REQUESTS = num('BENCH_REQUESTS', 100);
const WARMUP = num('BENCH_WARMUP', 10);
const TARGET_MS = num('BENCH_P95_MS', 100);
const ANALYZE = process.env.BENCH_ANALYZE ?? 'analyze';
const EXPLAIN_ALL = process.env.BENCH_EXPLAIN === '1';
const ONLY = process.env.BENCH_ONLY ?? '';
const DATABASE = process.env.BENCH_DATABASE ?? 'sqlite';
const SCHEMA = process.env.BENCH_SCHEMA ?? 'bench_logs';
const DROP = process.env.BENCH_DROP === '1';
const BATCH = 50_000;
const TOKEN = 'sk-baimo-bench-admin-token';
if (DATABASE !== 'sqlite' && DATABASE !== 'postgres') throw new Error('BENCH_DATABASE must be sqlite or postgres');
if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(SCHEMA)) throw new Error('BENCH_SCHEMA must be letters, digits and _');

function num(name: string, def: number): number {
  const n = Number(process.env[name] || def);
  if (!(n > 0)) throw new Error(`${name} must be a positive number`);
  return n;
}

const log = (s = ''): void => void process.stdout.write(`${s}\n`);

/** Where the seeded days begin (an older run's, when BENCH_DB or the schema is reused). */
let dataStart = START;

/** Seeds ROWS rows and their rollups through the production insert path, 50k rows a batch. */
async function seed(opened: OpenedDatabase): Promise<void> {
  const repo = new RequestLogRepository(opened, { calendar: new Calendar('Asia/Shanghai'), usdToCny: USD_CNY });
  const t0 = performance.now();
  for (let i = 0; i < ROWS; i += BATCH) {
    const rows: RequestLogRow[] = [];
    for (let j = i; j < Math.min(ROWS, i + BATCH); j++) rows.push(makeRow(j, ROWS));
    await repo.insertMany(rows);
    process.stdout.write(`\r  seeding ${Math.min(ROWS, i + BATCH).toLocaleString('en')} / ${ROWS.toLocaleString('en')}`);
  }
  const s = (performance.now() - t0) / 1000;
  log(
    `\nSeeded ${ROWS.toLocaleString('en')} rows and their rollups in ${s.toFixed(1)} s (${Math.round(ROWS / s).toLocaleString('en')} rows/s)`,
  );
}

/** SQLite: seeds (unless the file already holds rows), gathers statistics, prints the size; returns the row count. */
async function prepareSqlite(path: string): Promise<number> {
  const opened = await openDatabase(path);
  const sqlite = opened.sqlite!;
  const have = (sqlite.prepare('select count(*) n from request_logs').get() as { n: number }).n;
  if (have > 0) {
    log(`Reusing ${path}: ${have.toLocaleString('en')} rows`);
    dataStart = (sqlite.prepare('select min(created_at) t from request_logs').get() as { t: number }).t;
  } else {
    await seed(opened);
  }
  const t1 = performance.now();
  if (ANALYZE === 'none') sqlite.exec('drop table if exists sqlite_stat1; drop table if exists sqlite_stat4');
  else if (ANALYZE === 'optimize') sqlite.exec('pragma analysis_limit = 400; pragma optimize = 0x10002');
  else sqlite.exec('analyze');
  log(`Statistics (${ANALYZE}): ${(performance.now() - t1).toFixed(0)} ms`);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const rollups = (sqlite.prepare('select count(*) n from usage_rollup').get() as { n: number }).n;
  log(`Database: ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB (${rollups.toLocaleString('en')} usage_rollup rows)`);
  await opened.close();
  return have || ROWS;
}

/**
 * PostgreSQL: reuses the schema when it holds ROWS rows, else empties it, makes the 30 days' partitions
 * and seeds; gathers statistics, prints the size; returns the row count.
 */
async function preparePostgres(location: string): Promise<number> {
  let opened = await openDatabase(location);
  const found = await pgLogRows(opened.db);
  let have = found.rows;
  if (have > 0 && have !== ROWS) {
    log(`Schema ${SCHEMA} holds ${have.toLocaleString('en')} rows, not ${ROWS.toLocaleString('en')}: dropping it and seeding again`);
    await opened.close();
    await dropPgSchema(SCHEMA);
    opened = await openDatabase(location);
    have = 0;
  }
  const { db } = opened;
  log(`PostgreSQL ${await pgServerVersion(db)}, schema ${SCHEMA}`);
  if (have > 0) {
    log(`Reusing schema ${SCHEMA}: ${have.toLocaleString('en')} rows`);
    dataStart = found.oldest ?? START;
  } else {
    const made = await makeDayPartitions(db, NOW, DAYS);
    log(`Made ${made} day partitions`);
    await seed(opened);
  }
  const t1 = performance.now();
  await pgStatistics(db, ANALYZE);
  log(`Statistics (${ANALYZE}): ${(performance.now() - t1).toFixed(0)} ms`);
  const size = await pgLogSize(db);
  const rollups = (await pgRollupRows(db)).toLocaleString('en');
  log(
    `request_logs: ${(size.bytes / 2 ** 20).toFixed(0)} MiB over ${size.partitions} partitions (${size.inDefault.toLocaleString('en')} rows in the default one); ${rollups} usage_rollup rows`,
  );
  await opened.close();
  return have || ROWS;
}

type Params = () => Record<string, string>;
interface Query {
  name: string;
  path: '/api/logs' | '/api/usage' | '/api/stats/overview';
  params: Params;
  /** Follow next_cursor this many pages deep, timing only the pages after the first. */
  walk?: number;
}
const logs = (name: string, params: Params, walk?: number): Query => ({ name, path: '/api/logs', params, walk });
const usage = (name: string, params: Params): Query => ({ name, path: '/api/usage', params });
const stats = (name: string, params: Params): Query => ({ name, path: '/api/stats/overview', params });

const [BIG, SMALL] = [WORKSPACES[0], WORKSPACES[19]];
const anyKey = picker(KEYS.map((k) => 1 / (1 + (Number(k.id.slice(4)) % 100)))); // busy keys more often, idle ones too
const oneDay = (): Record<string, string> => {
  const from = dataStart + (10 + Math.floor(rand() * 10)) * DAY_MS;
  return { from: String(from), to: String(from + DAY_MS) };
};
const popularModel = (): string => MODELS[Math.floor(rand() * 10)][0];

const QUERIES = [
  logs('newest page (no filter)', () => ({})),
  logs('limit=200', () => ({ limit: '200' })),
  logs('workspace (big, 40%)', () => ({ workspace_id: BIG })),
  logs('workspace (small, <1%)', () => ({ workspace_id: SMALL })),
  logs('key', () => ({ key_id: KEYS[anyKey()].id })),
  logs('app', () => ({ app_id: APPS[Math.floor(rand() * APPS.length)].id })),
  logs('model (any of 30)', () => ({ model: MODELS[pickModel()][0] })),
  logs('status=error', () => ({ status: 'error' })),
  logs('status=500', () => ({ status: '500' })),
  logs('status=401 (rare code)', () => ({ status: '401' })),
  logs('one day in the middle', oneDay),
  logs('big workspace + model + status=error', () => ({ workspace_id: BIG, model: popularModel(), status: 'error' })),
  logs('small workspace + model + status=error', () => ({ workspace_id: SMALL, model: popularModel(), status: 'error' })),
  logs('big workspace + status=401', () => ({ workspace_id: BIG, status: '401' })),
  logs('big workspace + one day', () => ({ workspace_id: BIG, ...oneDay() })),
  logs('status=error + one day', () => ({ status: 'error', ...oneDay() })),
  logs('key + status=error', () => ({ key_id: KEYS[anyKey()].id, status: 'error' })),
  logs('cursor pages 2-20 (no filter)', () => ({}), 20),
  logs('cursor pages 2-20 (big workspace + status=error)', () => ({ workspace_id: BIG, status: 'error' }), 20),
  usage('usage group_by=model (30 days)', () => ({ group_by: 'model' })),
  usage('usage group_by=day (30 days)', () => ({ group_by: 'day' })),
  usage('usage group_by=key (big workspace, 30 days)', () => ({ group_by: 'key', workspace_id: BIG })),
  stats('stats overview range=24h', () => ({ range: '24h' })),
  stats('stats overview range=7d', () => ({ range: '7d' })),
  stats('stats overview range=30d', () => ({ range: '30d' })),
  stats('stats overview range=24h (big workspace)', () => ({ range: '24h', workspace_id: BIG })),
].filter((q) => q.name.includes(ONLY));

interface Result {
  query: Query;
  /** Latencies, sorted. */
  ms: number[];
  rows: number;
  /** The parameters of the slowest request, to explain. */
  slowest: Record<string, string>;
}

async function measure(base: string, q: Query): Promise<Result> {
  const headers = { authorization: `Bearer ${TOKEN}` };
  const ms: number[] = [];
  let rows = 0;
  let slowest: Record<string, string> = {};
  let cursor: string | null = null;
  let depth = 0;
  for (let i = 0; ms.length < REQUESTS; i++) {
    const params = q.params();
    if (q.walk && cursor && depth < q.walk) params.cursor = cursor;
    else depth = 0;
    const url = `${base}${q.path}?${new URLSearchParams(params)}`;
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    const body = (await res.json()) as { data?: unknown[]; next_cursor?: string | null; series?: Array<{ requests: number }> };
    const t = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    depth++;
    if (q.walk) cursor = body.next_cursor ?? null;
    if (i < WARMUP || (q.walk && !params.cursor)) continue;
    if (t > Math.max(0, ...ms)) slowest = params;
    ms.push(t);
    // The stats overview has a fixed number of buckets: count those with traffic.
    rows += body.data?.length ?? body.series?.filter((b) => b.requests > 0).length ?? 0;
  }
  return { query: q, ms: ms.sort((a, b) => a - b), rows: rows / ms.length, slowest };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function printTable(head: string[], body: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  log(line(head));
  log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const b of body) log(line(b));
}

/** The LogQuery the route builds from these parameters (admin: no scope). */
function toLogQuery(p: Record<string, string>): LogQuery {
  const n = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  const [at, id] = Buffer.from(p.cursor ?? '', 'base64url')
    .toString()
    .split(/\.(.*)/s);
  const status = p.status === 'error' || p.status === 'ok' ? p.status : n(p.status);
  const { workspace_id: workspaceId, key_id: keyId, app_id: appId, model } = p;
  const cursor = at ? { createdAt: Number(at), id } : undefined;
  return { workspaceId, keyId, appId, model, status, from: n(p.from), to: n(p.to), limit: n(p.limit) ?? 50, cursor };
}

/** Runs the repository query in this process, capturing its SQL, and prints SQLite's plan and time. */
async function explain(sqlite: SQLite.Database, r: Result): Promise<void> {
  let captured: CompiledQuery | undefined;
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: (e) => void (captured = e.query) });
  const t0 = performance.now();
  await new RequestLogRepository({ db, sqlite, pool: undefined }).query(toLogQuery(r.slowest));
  const t = performance.now() - t0;
  if (!captured) return;
  const plan = sqlite.prepare(`explain query plan ${captured.sql}`).all(...(captured.parameters as unknown[])) as { detail: string }[];
  log(`\n${r.query.name} — ${JSON.stringify(r.slowest)} (${t.toFixed(1)} ms in process)`);
  log(`  ${captured.sql}`);
  for (const p of plan) log(`    ${p.detail}`);
}

/** The same on PostgreSQL: the query's time in process, its SQL and EXPLAIN (ANALYZE, BUFFERS). */
async function explainPostgres(pool: pg.Pool, r: Result): Promise<void> {
  const e = await explainPg(pool, toLogQuery(r.slowest));
  if (!e) return;
  log(`\n${r.query.name} — ${JSON.stringify(r.slowest)} (${e.ms.toFixed(1)} ms in process)`);
  log(`  ${e.sql}`);
  for (const line of e.plan) log(`    ${line}`);
}

const LABEL: Record<Query['path'], string> = { '/api/logs': 'logs: ', '/api/usage': '', '/api/stats/overview': '' };

async function main(): Promise<void> {
  const postgres = DATABASE === 'postgres';
  const keep = process.env.BENCH_DB;
  const dir = postgres || keep ? undefined : mkdtempSync(join(tmpdir(), 'baimo-bench-logs-'));
  const location = postgres ? pgLocation(SCHEMA) : (keep ?? join(dir!, 'baimo.db'));
  try {
    const rows = postgres ? await preparePostgres(location) : await prepareSqlite(location);
    const config = configSchema.parse({
      host: '127.0.0.1',
      port: 0,
      database: location,
      discover_env: false,
      logging: { level: 'silent' },
    });
    // PostgreSQL has no data folder for a generated master key: replicas take it from the environment.
    const env = { BAIMO_ADMIN_TOKEN: TOKEN, ...(postgres ? { BAIMO_MASTER_KEY: '5a'.repeat(32) } : {}) };
    const server = await startServer(config, { env, announce: () => undefined, logLevel: 'silent' });
    const results: Result[] = [];
    const failed: string[] = [];
    try {
      for (const q of QUERIES) {
        process.stdout.write(`  ${q.name} … `);
        try {
          const r = await measure(server.url, q);
          results.push(r);
          log(`p95 ${pct(r.ms, 95).toFixed(1)} ms`);
        } catch (err) {
          // A query the server cannot answer is a failure of the run, not the end of it.
          failed.push(q.name);
          log(`FAILED: ${(err as Error).message}`);
        }
      }
    } finally {
      await server.close();
    }

    const on = postgres ? 'PostgreSQL' : 'SQLite';
    log(
      `\nGET latency over ${rows.toLocaleString('en')} log rows on ${on}, sequential fetch, ${REQUESTS} requests each after ${WARMUP} warm-up:\n`,
    );
    const slow: Result[] = [];
    printTable(
      ['query', 'rows/page', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      results.map((r) => {
        if (pct(r.ms, 95) > TARGET_MS) slow.push(r);
        return [`${LABEL[r.query.path]}${r.query.name}`, r.rows.toFixed(0), ...[50, 95, 99, 100].map((p) => pct(r.ms, p).toFixed(1))];
      }),
    );

    const toExplain = results.filter((r) => r.query.path === '/api/logs' && (EXPLAIN_ALL || slow.includes(r)));
    if (toExplain.length > 0) {
      const opened = await openDatabase(location);
      for (const r of toExplain) await (postgres ? explainPostgres(opened.pool!, r) : explain(opened.sqlite!, r));
      await opened.close();
    }
    if (failed.length > 0) log(`\nFAIL: no answer (see above): ${failed.join(', ')}`);
    if (slow.length > 0) log(`\nFAIL: p95 over ${TARGET_MS} ms: ${slow.map((r) => r.query.name).join(', ')}`);
    if (failed.length > 0 || slow.length > 0) {
      process.exitCode = 1;
    } else {
      log(`\nPASS: every p95 ≤ ${TARGET_MS} ms`);
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (postgres && DROP) {
      await dropPgSchema(SCHEMA);
      log(`Dropped schema ${SCHEMA}`);
    }
  }
}

await main();
