import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { Calendar } from '../src/core/calendar.js';
import { openDatabase, type OpenedDatabase } from '../src/store/open-database.js';
import { LogWriter, type LogSink } from '../src/store/log-writer.js';
import { RequestLogRepository } from '../src/store/request-log-repository.js';
import type { RequestLogRow } from '../src/store/schema.js';
import { STATS_TABLES } from '../src/store/stats-columns.js';
import { WorkerLogSink } from '../src/store/worker-log-sink.js';
import { makeRow, NOW, rand, USD_CNY } from './log-rows.js';
import { dropPgSchema, pgLocation, PG_URL } from './logs-query-pg.js';
import { median, printTable } from './report.js';

/**
 * `npm run bench:log-writer`: the request-log write path as the server runs it — `LogWriter` (batch_size
 * 500, flush_ms 20: the defaults of src/config/schema.ts) over `WorkerLogSink` (the writer thread, which
 * opens SQLite or PostgreSQL by location and writes each batch with its rollups in one transaction).
 *
 * BENCH_ROWS rows from bench/log-rows.ts, timed as if they arrived at 20,000 rows/s up to now, are made
 * before the clock starts; then the producer writes them as fast as it can, yielding to the event loop
 * every 1,000 rows so the worker's replies are handled, and pausing while BENCH_MAX_PENDING rows wait
 * (default 50,000, half the writer's `maxQueued`: past that rows would be dropped, not written). The
 * LogWriter writes one batch at a time and the next takes every row that queued meanwhile, so a
 * producer faster than the database grows the batches up to that bound: the table's `mean batch` says
 * which regime was measured; BENCH_MAX_PENDING=1000 holds batches near batch_size (a server whose
 * traffic the writer keeps up with). The rate runs from the first write
 * to `close()` resolved (every row committed). Each round uses a fresh database — a temp SQLite file, or a
 * fresh PostgreSQL schema (partitions for today made by openDatabase) dropped after the round — and
 * rounds alternate: SQLite, PostgreSQL, SQLite, PostgreSQL… One batch of 500 rows is written and
 * committed before the clock starts, so the thread's start (and PostgreSQL's first plan) are not timed.
 * After each round the rows are counted: every row must be there, none dropped.
 *
 * CPU per row: `main µs/row` is the main thread's busy time (`performance.eventLoopUtilization()`: the
 * producer loop, LogWriter, and the sink copying rows into the message); `process µs/row` is
 * `process.cpuUsage()`, every thread of this process (main, the writer thread with its driver, GC), not
 * the PostgreSQL server's own processes.
 *
 * Env: BENCH_ROWS=200000  BENCH_ROUNDS=3 (per database)  BENCH_BODIES=1 (~1 KB request and response
 *   bodies, as with logging.store_bodies)  BENCH_MIN_ROWS_S=20000 (exit 1 when PostgreSQL's median is
 *   below)  BENCH_MAX_PENDING=50000  BENCH_DATABASES=sqlite,postgres
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test
 */

const ROWS = num('BENCH_ROWS', 200_000);
const ROUNDS = num('BENCH_ROUNDS', 3);
const MIN_ROWS_S = num('BENCH_MIN_ROWS_S', 20_000);
const BODIES = process.env.BENCH_BODIES === '1';
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map((d) => d.trim());
const BATCH_SIZE = 500;
const FLUSH_MS = 20;
const YIELD_EVERY = 1000;
const MAX_PENDING = num('BENCH_MAX_PENDING', 50_000);
const TIMEZONE = 'Asia/Shanghai';
type Db = 'sqlite' | 'postgres';
if (DATABASES.length === 0 || DATABASES.some((d) => d !== 'sqlite' && d !== 'postgres'))
  throw new Error('BENCH_DATABASES: sqlite, postgres or both, comma-separated');

function num(name: string, def: number): number {
  const n = Number(process.env[name] || def);
  if (!(n > 0)) throw new Error(`${name} must be a positive number`);
  return n;
}

const log = (s = ''): void => void process.stdout.write(`${s}\n`);
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const WORDS = 'the a model token request please explain summarize code function data 你好 请 介绍 一下 这个 问题 的 答案'.split(' ');
function text(chars: number): string {
  let s = '';
  while (s.length < chars) s += `${WORDS[Math.floor(rand() * WORDS.length)]} `;
  return s;
}

/** ~1 KB each (UTF-8): a chat request and its answer, different for every row. */
function withBodies(row: RequestLogRow): RequestLogRow {
  const request = { model: row.model_requested, messages: [{ role: 'user', content: text(700) }], stream: row.stream === 1 };
  const answer = {
    id: `chatcmpl-${row.id}`,
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: text(640) } }],
  };
  return { ...row, request_body: JSON.stringify(request), response_body: JSON.stringify(answer) };
}

/** The rows, timed as if they arrived at 20,000 rows/s until just now. */
function makeRows(): RequestLogRow[] {
  const t0 = performance.now();
  const span = Math.max(1000, (ROWS / 20_000) * 1000);
  const rows = Array.from({ length: ROWS }, (_, i) => makeRow(i, ROWS, NOW - span, NOW));
  const out = BODIES ? rows.map(withBodies) : rows;
  const bytes = BODIES ? out.reduce((s, r) => s + Buffer.byteLength(r.request_body!) + Buffer.byteLength(r.response_body!), 0) / ROWS : 0;
  log(
    `Made ${ROWS.toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s${BODIES ? ` (bodies: ${Math.round(bytes)} bytes a row)` : ' (no bodies)'}`,
  );
  return out;
}

interface Round {
  db: Db;
  rowsPerS: number;
  seconds: number;
  mainUsPerRow: number;
  processUsPerRow: number;
  batches: number;
  meanBatch: number;
  maxBatch: number;
  rollups: Record<string, number>;
}

/** Counts the batches that reach the sink (the LogWriter joins what waits while a batch is written). */
class CountingSink implements LogSink {
  batches = 0;
  rows = 0;
  maxBatch = 0;
  constructor(private readonly sink: LogSink) {}
  insertMany(rows: RequestLogRow[]): Promise<void> {
    this.batches++;
    this.rows += rows.length;
    this.maxBatch = Math.max(this.maxBatch, rows.length);
    return this.sink.insertMany(rows);
  }
}

const ROLLUP_TABLES = [
  'usage_rollup',
  'usage_rollup_models',
  STATS_TABLES.minute,
  STATS_TABLES.hour,
  STATS_TABLES.keyMinute,
  STATS_TABLES.minuteAll,
  STATS_TABLES.hourAll,
];

async function countRows(opened: OpenedDatabase, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(opened.db);
  return Number(r.rows[0]?.n ?? 0);
}

/** A fresh database of `db`: where it is, and how to remove it. */
function freshLocation(db: Db, round: number): { location: string; remove: () => Promise<void> } {
  if (db === 'postgres') {
    const schema = `bench_writer_${process.pid}_${round}`;
    return { location: pgLocation(schema), remove: () => dropPgSchema(schema) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'baimo-bench-writer-'));
  return { location: join(dir, 'baimo.db'), remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function runRound(db: Db, round: number, rows: RequestLogRow[]): Promise<Round> {
  const { location, remove } = freshLocation(db, round);
  const errors: string[] = [];
  const onError = (err: unknown): void => void errors.push((err as Error).message);
  let opened: OpenedDatabase | undefined;
  try {
    opened = await openDatabase(location);
    const rollup = { calendar: new Calendar(TIMEZONE), usdToCny: USD_CNY };
    const workerSink = new WorkerLogSink(
      { path: location, timezone: TIMEZONE, usdToCny: USD_CNY },
      new RequestLogRepository(opened, rollup),
      onError,
    );
    const sink = new CountingSink(workerSink);
    const writer = new LogWriter(sink, { batchSize: BATCH_SIZE, flushMs: FLUSH_MS, onError });
    workerSink.start();
    // One committed batch before the clock: the thread has started and holds its connection.
    const warm = rows.slice(0, BATCH_SIZE).map((r) => ({ ...r, id: `${r.id}w` }));
    for (const r of warm) writer.write(r);
    await writer.flush();
    if (workerSink.thread !== 'worker' || errors.length > 0) throw new Error(`the writer thread did not start: ${errors.join('; ')}`);
    const [batches0, rows0] = [sink.batches, sink.rows];

    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i++) {
      writer.write(rows[i]);
      if ((i + 1) % YIELD_EVERY === 0) await yieldToLoop();
      while (writer.pending >= MAX_PENDING) await sleep(1);
    }
    await writer.close();
    const seconds = (performance.now() - t0) / 1000;
    const elu = performance.eventLoopUtilization(elu0);
    const cpu = process.cpuUsage(cpu0);
    await workerSink.close();

    if (writer.dropped > 0 || errors.length > 0) throw new Error(`${writer.dropped} rows dropped; errors: ${errors.join('; ') || 'none'}`);
    const stored = await countRows(opened, 'request_logs');
    if (stored !== rows.length + warm.length) throw new Error(`${stored} rows stored, ${rows.length + warm.length} written`);
    const rollups: Record<string, number> = {};
    for (const t of ROLLUP_TABLES) rollups[t] = await countRows(opened, t);
    const batches = sink.batches - batches0;
    return {
      db,
      rowsPerS: rows.length / seconds,
      seconds,
      mainUsPerRow: (elu.active * 1000) / rows.length,
      processUsPerRow: (cpu.user + cpu.system) / rows.length,
      batches,
      meanBatch: (sink.rows - rows0) / batches,
      maxBatch: sink.maxBatch,
      rollups,
    };
  } finally {
    await opened?.close();
    await remove();
  }
}

const NAMES: Record<Db, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

async function main(): Promise<void> {
  if (DATABASES.includes('postgres')) {
    // Fail early and clearly when PostgreSQL is not there (dropping a schema that does not exist yet).
    await dropPgSchema(`bench_writer_${process.pid}_1`).catch((err: Error) => {
      throw new Error(`no PostgreSQL at ${PG_URL} (${err.message}); set BENCH_PG_URL, or BENCH_DATABASES=sqlite`);
    });
  }
  const rows = makeRows();
  const results: Round[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const db of DATABASES as Db[]) {
      const r = await runRound(db, round, rows);
      results.push(r);
      log(
        `  round ${round} ${NAMES[db].padEnd(10)} ${Math.round(r.rowsPerS).toLocaleString('en').padStart(9)} rows/s  (${r.seconds.toFixed(2)} s, ` +
          `main ${r.mainUsPerRow.toFixed(2)} µs/row, process ${r.processUsPerRow.toFixed(2)} µs/row, ${r.batches} batches, largest ${r.maxBatch})`,
      );
    }
  }

  log(
    `\nLog writer: ${ROWS.toLocaleString('en')} rows a round${BODIES ? ' with ~1 KB bodies' : ''}, batch_size ${BATCH_SIZE}, flush_ms ${FLUSH_MS}, at most ${MAX_PENDING.toLocaleString('en')} pending, ${ROUNDS} interleaved rounds:\n`,
  );
  const of = (db: Db): Round[] => results.filter((r) => r.db === db);
  const dbs = DATABASES as Db[];
  printTable(
    ['database', 'median rows/s', 'min rows/s', 'max rows/s', 'main µs/row', 'process µs/row', 'mean batch'],
    dbs.map((db) => {
      const rs = of(db);
      const speeds = rs.map((r) => r.rowsPerS);
      return [
        NAMES[db],
        ...[median(speeds), Math.min(...speeds), Math.max(...speeds)].map((v) => Math.round(v).toLocaleString('en')),
        median(rs.map((r) => r.mainUsPerRow)).toFixed(2),
        median(rs.map((r) => r.processUsPerRow)).toFixed(2),
        Math.round(median(rs.map((r) => r.meanBatch))).toLocaleString('en'),
      ];
    }),
  );
  const med = (db: Db): number => median(of(db).map((r) => r.rowsPerS));
  if (dbs.length === 2) log(`\nPostgreSQL / SQLite (medians): ${(med('postgres') / med('sqlite')).toFixed(2)}`);
  log('\nRows in the rollup tables after the last round (the same rows each round):\n');
  printTable(
    ['table', ...dbs.map((db) => NAMES[db])],
    ROLLUP_TABLES.map((t) => [t, ...dbs.map((db) => of(db).at(-1)!.rollups[t].toLocaleString('en'))]),
  );
  log('\nmain µs/row: main-thread busy time (event-loop utilization); process µs/row: CPU of every thread of this process.');

  if (dbs.includes('postgres')) {
    if (med('postgres') < MIN_ROWS_S) {
      log(`\nFAIL: PostgreSQL ${Math.round(med('postgres')).toLocaleString('en')} rows/s, below ${MIN_ROWS_S.toLocaleString('en')}`);
      process.exitCode = 1;
    } else {
      log(`\nPASS: PostgreSQL ≥ ${MIN_ROWS_S.toLocaleString('en')} rows/s`);
    }
  }
}

await main();
