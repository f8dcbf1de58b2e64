import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { configSchema } from '../src/config/schema.js';
import { AN } from '../src/store/analytics-columns.js';
import { openDatabase, type OpenedDatabase } from '../src/store/open-database.js';
import { startServer } from '../src/server/start-server.js';
import { liveRun, type LiveResult } from './analytics-live.js';
import { pct, readBreakdown, reportService, timeView, views, type View, type ViewTimes } from './analytics-queries.js';
import { cachedSeed, seed, type ChunkTime, type Engine, type SeedResult } from './analytics-seed.js';
import { writerCpu, type WriterCpu } from './analytics-writer-cpu.js';
import { dropPgSchema, makeDayPartitions, PG_URL, pgLocation, pgStatistics } from './logs-query-pg.js';
import { median, printTable } from './report.js';

/**
 * `npm run bench:analytics`: issue 20's performance targets over 10,000,000 request rows, on SQLite and
 * PostgreSQL —
 *
 * 1. ingest: the rows (bench/analytics-traffic.ts: 90 days, 12 workspaces, 3,000 keys, 60,000 end
 *    users, 30 models, 160 apps of 24 scenarios, segments, sessions, Shanghai working hours) seeded
 *    through the log writer's own insert in its batches, with the usage analytics; every tenth chunk
 *    also without analytics, interleaved (bench/analytics-seed.ts). Target ≥ 5,000 requests/s.
 * 2. dashboards: `AnalyticsService.report()` for the console's views (today, 7, 30, 90 days; the
 *    instance and one workspace; a model filter; Asia/Shanghai and America/New_York), `--runs` runs
 *    each (fewer when a view's runs pass `--view-budget` seconds): target p95 ≤ 200 ms. A key's own
 *    report and a segment filter are measured too (shapes the rollups answer partly from raw rows; no
 *    target). The full report (90 days, 500 rows a table, rendered to HTML): target ≤ 10 s. For the
 *    `--breakdown` views, the time of each kind of read. Then `GET /api/analytics/report` on a real
 *    server over the same database.
 * 3. live ingest (bench/analytics-live.ts): the server's LogWriter and writer thread fed traffic
 *    timed at `--live-rate` requests/s (5,000) for `--live-seconds`, paced (does it keep up?) and flat
 *    out (what it sustains), analytics on and off, on a fresh database.
 * 4. the writer's CPU per row with analytics on and off under the gateway benchmark's traffic
 *    (bench/analytics-writer-cpu.ts): what analytics takes from the gateway's process.
 *
 * Options: --rows 10000000  --engine sqlite|postgres|both  --cache (keep the seeded database —
 *   $BENCH_ANALYTICS_DIR or the temp dir: baimo-bench-analytics-<rows>.db; schema bench_analytics_<rows>
 *   of BENCH_PG_URL — and reuse it when it holds the same seed)  --runs 20  --slow-runs 5 (key, segment,
 *   full)  --view-budget 60  --breakdown '7 d, instance|90 d, instance, New York'  --batch 500
 *   --chunk 20 (batches a chunk)  --pair-every 10  --days 90  --live-rate 5000  --live-seconds 30
 *   --skip-http  --skip-live  --skip-writer  --seed-only.  Exit 1 when a target is missed. Run it on a
 *   quiet machine: it measures this machine's CPU.
 */

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    engine: { type: 'string', default: 'both' },
    cache: { type: 'boolean', default: false },
    runs: { type: 'string', default: '20' },
    'slow-runs': { type: 'string', default: '5' },
    batch: { type: 'string', default: '500' },
    chunk: { type: 'string', default: '20' },
    'pair-every': { type: 'string', default: '10' },
    days: { type: 'string', default: '90' },
    'view-budget': { type: 'string', default: '60' },
    breakdown: { type: 'string', default: '7 d, instance|90 d, instance, New York' },
    'live-seconds': { type: 'string', default: '30' },
    'live-rate': { type: 'string', default: '5000' },
    'skip-live': { type: 'boolean', default: false },
    'skip-http': { type: 'boolean', default: false },
    'skip-writer': { type: 'boolean', default: false },
    'seed-only': { type: 'boolean', default: false },
  },
});
const int = (name: keyof typeof args): number => {
  const n = Number(String(args[name]).replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number`);
  return n;
};
const ROWS = int('rows');
const RUNS = int('runs');
const SLOW_RUNS = int('slow-runs');
const DAYS = int('days');
const VIEW_BUDGET_MS = int('view-budget') * 1000;
if (!['sqlite', 'postgres', 'both'].includes(String(args.engine))) throw new Error('--engine: sqlite, postgres or both');
const ENGINES: Engine[] = args.engine === 'both' ? ['sqlite', 'postgres'] : [args.engine as Engine];
const TARGET = { ingest: 5_000, dashboardP95: 200, fullMs: 10_000 };
const TOKEN = 'sk-baimo-bench-analytics-admin';
const NAMES: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

const log = (s = ''): void => void process.stdout.write(`${s}\n`);
const fmt = (n: number): string => Math.round(n).toLocaleString('en');
const failures: string[] = [];

/** Where an engine's database is, whether it is kept, and how to remove it. */
function locationOf(engine: Engine): { location: string; remove: () => Promise<void> } {
  if (engine === 'postgres') {
    const schema = args.cache ? `bench_analytics_${ROWS}` : `bench_analytics_${process.pid}`;
    return { location: pgLocation(schema), remove: () => dropPgSchema(schema) };
  }
  if (args.cache) {
    const file = join(process.env.BENCH_ANALYTICS_DIR ?? tmpdir(), `baimo-bench-analytics-${ROWS}.db`);
    return { location: file, remove: async () => ['', '-wal', '-shm'].forEach((x) => rmSync(file + x, { force: true })) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'baimo-bench-analytics-'));
  return { location: join(dir, 'baimo.db'), remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function count(opened: OpenedDatabase, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(opened.db);
  return Number(r.rows[0]?.n ?? 0);
}

async function sizeOf(engine: Engine, opened: OpenedDatabase, location: string): Promise<number> {
  if (engine === 'sqlite') return ['', '-wal'].reduce((s, x) => s + (existsSync(location + x) ? statSync(location + x).size : 0), 0);
  const r = await sql<{ b: number }>`select coalesce(sum(pg_total_relation_size(c.oid)), 0) as b from pg_class c
    join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'`.execute(opened.db);
  return Number(r.rows[0]?.b ?? 0);
}

const perS = (c: ChunkTime): number => (c.rows * 1000) / c.ms;

function printSeed(engine: Engine, s: SeedResult, cached: boolean): void {
  log(
    `\n${NAMES[engine]}: ingest of ${fmt(s.plan.rows)} rows (${s.plan.days} days) in batches of ${s.plan.batch}` +
      `${cached ? ` — seeded ${s.seededAt}, read from the cached database` : ''}; ${s.totalSeconds.toFixed(0)} s in all\n`,
  );
  const on = s.pairs.map((p) => p.on);
  const off = s.pairs.map((p) => p.off);
  const us = (xs: ChunkTime[], f: (c: ChunkTime) => number): string => median(xs.map((c) => f(c) / c.rows)).toFixed(1);
  printTable(
    ['insert', 'chunks', 'rows/s (median)', 'rows/s (min)', 'process CPU µs/row', 'server CPU µs/row'],
    [
      [
        'every chunk, analytics on',
        '—',
        fmt((s.onRows * 1000) / s.onMs),
        '—',
        (s.onCpuUs / s.onRows).toFixed(1),
        (s.onServerUs / s.onRows).toFixed(1),
      ],
      [
        'paired chunks, analytics on',
        String(on.length),
        fmt(median(on.map(perS))),
        fmt(Math.min(...on.map(perS))),
        us(on, (c) => c.cpuUs),
        us(on, (c) => c.serverUs),
      ],
      [
        'paired chunks, analytics off',
        String(off.length),
        fmt(median(off.map(perS))),
        fmt(Math.min(...off.map(perS))),
        us(off, (c) => c.cpuUs),
        us(off, (c) => c.serverUs),
      ],
    ],
  );
  const ratio = median(s.pairs.map((p) => perS(p.on) / perS(p.off)));
  log(`\n  on / off (median of the pairs' ratios): ${ratio.toFixed(2)}`);
  const rate = (s.onRows * 1000) / s.onMs;
  if (rate < TARGET.ingest) failures.push(`${NAMES[engine]} ingest ${fmt(rate)} rows/s < ${fmt(TARGET.ingest)}`);
}

function printViews(engine: Engine, times: ViewTimes[]): void {
  log(`\n${NAMES[engine]}: AnalyticsService.report(), sequential, one untimed run first:\n`);
  printTable(
    ['view', 'runs', 'p50 ms', 'p95 ms', 'max ms', 'requests', 'target'],
    times.map((t) => {
      const p95 = pct(t.ms, 95);
      const max = Math.max(...t.ms);
      let target = '—';
      if (t.view.kind === 'dashboard') {
        target = p95 <= TARGET.dashboardP95 ? 'p95 ≤ 200: PASS' : 'p95 ≤ 200: FAIL';
        if (p95 > TARGET.dashboardP95) failures.push(`${NAMES[engine]} ${t.view.name}: p95 ${p95.toFixed(0)} ms`);
      } else if (t.view.kind === 'full') {
        const total = max + (t.renderMs ?? 0);
        target = `${total <= TARGET.fullMs ? 'PASS' : 'FAIL'} (slowest + HTML ${(t.renderMs ?? 0).toFixed(0)} ms)`;
        if (total > TARGET.fullMs) failures.push(`${NAMES[engine]} full report ${total.toFixed(0)} ms`);
      }
      return [t.view.name, String(t.ms.length), pct(t.ms, 50).toFixed(1), p95.toFixed(1), max.toFixed(1), fmt(t.requests), target];
    }),
  );
}

/** `GET /api/analytics/report` for two views on a real server over the database. */
async function http(engine: Engine, location: string, list: View[]): Promise<void> {
  const config = configSchema.parse({ host: '127.0.0.1', port: 0, database: location, discover_env: false, logging: { level: 'silent' } });
  const env = { BAIMO_ADMIN_TOKEN: TOKEN, ...(engine === 'postgres' ? { BAIMO_MASTER_KEY: '5a'.repeat(32) } : {}) };
  const server = await startServer(config, { env, announce: () => undefined, logLevel: 'silent' });
  const rows: string[][] = [];
  try {
    for (const v of list) {
      const q = new URLSearchParams({ from: String(v.opts.from), to: String(v.opts.to), tz: v.opts.timeZone ?? 'Asia/Shanghai' });
      if (v.opts.workspaceId) q.set('workspace', v.opts.workspaceId);
      const url = `${server.url}/api/analytics/report?${q}`;
      const get = async (): Promise<number> => {
        const t0 = performance.now();
        const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${v.name}: HTTP ${res.status} ${body.slice(0, 300)}`);
        return performance.now() - t0;
      };
      await get();
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) ms.push(await get());
      const p95 = pct(ms, 95);
      if (p95 > TARGET.dashboardP95) failures.push(`${NAMES[engine]} HTTP ${v.name}: p95 ${p95.toFixed(0)} ms`);
      rows.push([v.name, String(RUNS), pct(ms, 50).toFixed(1), p95.toFixed(1), Math.max(...ms).toFixed(1)]);
    }
  } finally {
    await server.close();
  }
  log(`\n${NAMES[engine]}: GET /api/analytics/report on a server over the same database (admin token, sequential):\n`);
  printTable(['view', 'runs', 'p50 ms', 'p95 ms', 'max ms'], rows);
}

function printWriter(w: WriterCpu): void {
  const on = w.pairs.map((p) => p.on);
  const off = w.pairs.map((p) => p.off);
  const us = (xs: ChunkTime[], f: (c: ChunkTime) => number): number => median(xs.map((c) => f(c) / c.rows));
  log(
    `\n${NAMES[w.engine]}: the writer under the gateway benchmark's traffic (batches of ${w.batch}, ${w.pairs.length} interleaved pairs):\n`,
  );
  printTable(
    ['analytics', 'rows/s (median)', 'process CPU µs/row', 'server CPU µs/row'],
    [
      ['on', fmt(median(on.map(perS))), us(on, (c) => c.cpuUs).toFixed(1), us(on, (c) => c.serverUs).toFixed(1)],
      ['off', fmt(median(off.map(perS))), us(off, (c) => c.cpuUs).toFixed(1), us(off, (c) => c.serverUs).toFixed(1)],
    ],
  );
  log(`\n  analytics adds ${(us(on, (c) => c.cpuUs) - us(off, (c) => c.cpuUs)).toFixed(1)} µs of this process's CPU a row`);
}

/** The live ingest runs on a fresh database: paced and flat out, analytics on and off (bench/analytics-live.ts). */
async function live(engine: Engine): Promise<LiveResult[]> {
  const { location, remove } =
    engine === 'postgres'
      ? { location: pgLocation(`bench_analytics_live_${process.pid}`), remove: () => dropPgSchema(`bench_analytics_live_${process.pid}`) }
      : (() => {
          const dir = mkdtempSync(join(tmpdir(), 'baimo-bench-an-live-'));
          return { location: join(dir, 'baimo.db'), remove: async () => rmSync(dir, { recursive: true, force: true }) };
        })();
  const opened = await openDatabase(location);
  const out: LiveResult[] = [];
  try {
    if (engine === 'postgres') await makeDayPartitions(opened.db, Date.now(), 2);
    const rate = int('live-rate');
    const seconds = int('live-seconds');
    for (const [mode, analytics] of [
      ['paced', true],
      ['paced', false],
      ['flat', false],
      ['flat', true],
    ] as const) {
      process.stdout.write(`  live ${mode}, analytics ${analytics ? 'on' : 'off'} … `);
      const r = await liveRun(opened, { engine, location, mode, analytics, rate, seconds });
      log(`${fmt(r.rate)} rows/s, at most ${fmt(r.maxPending)} waiting`);
      out.push(r);
    }
  } finally {
    await opened.close();
    await remove();
  }
  return out;
}

function printLive(engine: Engine, rs: LiveResult[]): void {
  const rate = int('live-rate');
  log(
    `\n${NAMES[engine]}: live ingest — LogWriter (batch_size 500, flush_ms 20) over the writer thread, ${int('live-seconds')} s of traffic at ${fmt(rate)} requests/s, fresh database:\n`,
  );
  printTable(
    ['mode', 'analytics', 'rows', 'rows/s', 'most waiting', 'drain ms', 'mean batch', 'process CPU µs/row'],
    rs.map((r) => [
      r.mode,
      r.analytics ? 'on' : 'off',
      fmt(r.rows),
      fmt(r.rate),
      fmt(r.maxPending),
      fmt(r.drainMs),
      fmt(r.meanBatch),
      r.cpuUs.toFixed(1),
    ]),
  );
  const paced = rs.find((r) => r.mode === 'paced' && r.analytics);
  if (paced) {
    log(`\n  waiting rows at each second (paced, analytics on): ${paced.pendingBySecond.map(fmt).join(' ')}`);
    const keptUp = paced.drainMs < 2000 && paced.dropped === 0;
    log(`  ${keptUp ? 'kept up' : 'fell behind'}: every row committed ${fmt(paced.drainMs)} ms after the last arrived`);
    if (!keptUp) failures.push(`${NAMES[engine]} live ingest at ${fmt(rate)}/s: ${fmt(paced.drainMs)} ms behind at the end`);
  }
  const flat = rs.find((r) => r.mode === 'flat' && r.analytics);
  if (flat && flat.rate < TARGET.ingest)
    failures.push(`${NAMES[engine]} live ingest flat out ${fmt(flat.rate)} rows/s < ${fmt(TARGET.ingest)}`);
}

async function runEngine(engine: Engine): Promise<void> {
  const { location, remove } = locationOf(engine);
  const end = Math.floor(Date.now() / 60_000) * 60_000;
  let opened = await openDatabase(location);
  try {
    let s = args.cache ? await cachedSeed(opened, ROWS, DAYS) : undefined;
    const cached = s !== undefined;
    if (!s) {
      if (args.cache) {
        // Whatever is there is not this seed: start over.
        await opened.close();
        await remove();
        opened = await openDatabase(location);
      }
      log(`\n${NAMES[engine]}: seeding ${fmt(ROWS)} rows into ${engine === 'sqlite' ? location : location.replace(/\/\/[^@]*@/, '//')} …`);
      s = await seed(opened, {
        engine,
        location,
        rows: ROWS,
        days: DAYS,
        batch: int('batch'),
        chunkBatches: int('chunk'),
        pairEvery: int('pair-every'),
        end,
      });
      // What autovacuum does in time on a server left running.
      if (engine === 'postgres') await pgStatistics(opened.db, 'analyze');
    }
    printSeed(engine, s, cached);
    const tables = [AN.hour, AN.day, AN.minute, AN.sketchHour, AN.userHour, AN.userDay, AN.sessions, AN.endUsers];
    log(`\n  database ${(Number(await sizeOf(engine, opened, location)) / 2 ** 30).toFixed(2)} GiB; rollup rows:`);
    log(`  ${(await Promise.all(tables.map(async (t) => `${t} ${fmt(await count(opened, t))}`))).join(', ')}`);
    if (args['seed-only']) return;

    const list = views(s.plan.end);
    const service = reportService(opened);
    const times: ViewTimes[] = [];
    for (const v of list) {
      process.stdout.write(`  ${v.name} … `);
      const t = await timeView(service, v, v.kind === 'dashboard' ? RUNS : SLOW_RUNS, VIEW_BUDGET_MS);
      times.push(t);
      log(`p95 ${pct(t.ms, 95).toFixed(1)} ms`);
    }
    printViews(engine, times);
    for (const name of String(args.breakdown).split('|').filter(Boolean)) {
      const v = list.find((x) => x.name === name);
      if (!v) continue;
      log(`\n${NAMES[engine]}: where the time of one "${v.name}" report goes (reads one at a time):\n`);
      const b = await readBreakdown(opened, v);
      printTable(
        ['read', 'calls', 'ms'],
        b.map((r) => [r.read, String(r.calls), r.ms.toFixed(0)]),
      );
    }
    if (!args['skip-http']) await http(engine, location, [list[1], list[5]]);
  } finally {
    await opened.close();
    if (!args.cache) await remove();
  }
  if (args['seed-only']) return;
  if (!args['skip-live']) printLive(engine, await live(engine));
  if (!args['skip-writer']) printWriter(await writerCpu(engine, { batch: 200, chunkBatches: 10, chunks: 30, end }));
}

async function main(): Promise<void> {
  const [l1, l5] = loadavg();
  log(
    `bench:analytics — ${cpus()[0]?.model ?? '?'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ` +
      `load average ${l1.toFixed(2)} / ${l5.toFixed(2)}`,
  );
  if (ENGINES.includes('postgres')) {
    const client = new pg.Client({ connectionString: PG_URL });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const r = await client.query<{ v: string }>("select current_setting('server_version') as v");
      log(`PostgreSQL ${r.rows[0]?.v ?? '?'} at ${PG_URL.replace(/\/\/[^@]*@/, '//')}`);
    } catch (err) {
      throw new Error(`no PostgreSQL at ${PG_URL} (${(err as Error).message}); set BENCH_PG_URL, or --engine sqlite`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  for (const engine of ENGINES) await runEngine(engine);
  if (failures.length > 0) {
    log(`\nFAIL:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  } else if (!args['seed-only']) log('\nPASS: every target met');
}

await main();
