import { performance } from 'node:perf_hooks';
import { Calendar } from '../src/core/calendar.js';
import { LogWriter, type LogSink } from '../src/store/log-writer.js';
import type { OpenedDatabase } from '../src/store/open-database.js';
import { RequestLogRepository } from '../src/store/request-log-repository.js';
import type { RequestLogRow } from '../src/store/schema.js';
import { WorkerLogSink } from '../src/store/worker-log-sink.js';
import { twins, type Engine } from './analytics-seed.js';
import { TIMEZONE, Traffic } from './analytics-traffic.js';
import { USD_CNY } from './log-rows.js';

/**
 * Live ingest for `npm run bench:analytics`: the server's own write path — `LogWriter` (batch_size 500,
 * flush_ms 20, the defaults) over `WorkerLogSink` (the writer thread: its connection, the insert with
 * stats rollups and usage analytics in one transaction per batch) — fed traffic whose timestamps are
 * the wall clock at `rate` requests/s (the population and sessions of bench/analytics-traffic.ts, the
 * pauses scaled so sessions fit in the run). Two ways:
 *
 * - `paced`: each row is written when its time comes: the writer keeps up when the rows waiting stay
 *   bounded and everything is committed soon after the last row (`drain`).
 * - `flat`: the same rows as fast as the writer takes them (the producer pauses while 50,000 wait, as
 *   bench/log-writer.ts does): the LogWriter's batches grow to whatever waited during the last write,
 *   and the rate is what the write path sustains on traffic of that density.
 *
 * With analytics off (`LogWorkerData.analytics: false`), the rows go in as copies with `origin: 'bench'`
 * so the analytics of a seeded database are not disturbed.
 */

export interface LiveResult {
  mode: 'paced' | 'flat';
  analytics: boolean;
  rows: number;
  /** Rows per second from the first write to every row committed. */
  rate: number;
  /** Most rows waiting in the LogWriter at once. */
  maxPending: number;
  /** Rows waiting at the end of each second of the run. */
  pendingBySecond: number[];
  /** From the last row written to the last batch committed, ms. */
  drainMs: number;
  batches: number;
  meanBatch: number;
  /** This process's CPU (the writer thread included) per row, µs. */
  cpuUs: number;
  dropped: number;
}

const MAX_PENDING = 50_000;

class CountingSink implements LogSink {
  batches = 0;
  rows = 0;
  constructor(private readonly sink: LogSink) {}
  insertMany(rows: RequestLogRow[]): Promise<void> {
    this.batches++;
    this.rows += rows.length;
    return this.sink.insertMany(rows);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** One run of `seconds` × `rate` rows into `location`. */
export async function liveRun(
  opened: OpenedDatabase,
  o: { engine: Engine; location: string; mode: 'paced' | 'flat'; analytics: boolean; rate: number; seconds: number },
): Promise<LiveResult> {
  const rows = Math.round(o.rate * o.seconds);
  const spanMs = o.seconds * 1000;
  // Sessions of ~5 turns last about a third of the run.
  const traffic = new Traffic(rows, Date.now() + spanMs + 200, spanMs, spanMs / 3 / 350_000);
  const all: RequestLogRow[] = [];
  for (let b = traffic.take(10_000); b.length > 0; b = traffic.take(10_000)) all.push(...(o.analytics ? b : twins(b)));
  const errors: string[] = [];
  const onError = (err: unknown): void => void errors.push((err as Error).message);
  const rollup = { calendar: new Calendar(TIMEZONE), usdToCny: USD_CNY, analytics: o.analytics };
  const worker = new WorkerLogSink(
    { path: o.location, timezone: TIMEZONE, usdToCny: USD_CNY, analytics: o.analytics },
    new RequestLogRepository(opened, rollup),
    onError,
  );
  const sink = new CountingSink(worker);
  const writer = new LogWriter(sink, { batchSize: 500, flushMs: 20, onError });
  worker.start();
  let maxPending = 0;
  const pendingBySecond: number[] = [];
  const sampler = setInterval(() => pendingBySecond.push(writer.pending), 1000);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const base = Date.now();
  const first = all[0]?.created_at ?? base;
  try {
    for (let i = 0; i < all.length; i++) {
      if (o.mode === 'paced') {
        const due = all[i].created_at - first;
        if (Date.now() - base < due) await sleep(Math.max(1, due - (Date.now() - base)));
      } else {
        while (writer.pending >= MAX_PENDING) await sleep(1);
        if ((i + 1) % 1000 === 0) await yieldToLoop();
      }
      writer.write(all[i]);
      if (writer.pending > maxPending) maxPending = writer.pending;
    }
    const tLast = performance.now();
    clearInterval(sampler);
    await writer.close();
    const t1 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    if (errors.length > 0) throw new Error(`write errors: ${errors.slice(0, 3).join('; ')}`);
    return {
      mode: o.mode,
      analytics: o.analytics,
      rows: all.length,
      rate: (all.length * 1000) / (t1 - t0),
      maxPending,
      pendingBySecond,
      drainMs: t1 - tLast,
      batches: sink.batches,
      meanBatch: sink.rows / Math.max(1, sink.batches),
      cpuUs: (cpu.user + cpu.system) / all.length,
      dropped: writer.dropped,
    };
  } finally {
    clearInterval(sampler);
    await worker.close();
  }
}
