import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { LogSink } from './log-writer.js';
import { INSERT_LOG_SQL, LOG_COLUMNS } from './request-log-repository.js';
import type { RequestLogRow } from './schema.js';

// The worker's code, as a CommonJS script: it works the same from `dist/` and under a TS test runner.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const stmt = db.prepare(workerData.sql);
const insert = db.transaction((rows) => { for (const r of rows) stmt.run(r); });
parentPort.on('message', (m) => {
  if (m.type === 'close') { db.close(); parentPort.close(); return; }
  try { insert(m.rows); parentPort.postMessage({ id: m.id }); }
  catch (err) { parentPort.postMessage({ id: m.id, error: String(err && err.message || err) }); }
});
`;

/**
 * Writes request-log batches from a worker thread with its own SQLite connection, so inserts and WAL
 * checkpoints never block the event loop that serves requests. Rows travel as value arrays (cheaper
 * to copy than objects). `insertMany` resolves once the rows are committed.
 */
export class WorkerLogSink implements LogSink {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor(path: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, driver, sql: INSERT_LOG_SQL },
      // A small heap: the worker only ever holds one batch.
      resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 },
    });
    this.worker.unref();
    this.worker.on('message', (m: { id: number; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(new Error(m.error));
      else p?.resolve();
    });
    this.worker.on('error', (err) => this.failAll(err));
    this.worker.on('exit', () => this.failAll(new Error('the request-log worker stopped')));
  }

  insertMany(rows: RequestLogRow[]): Promise<void> {
    const values = rows.map((row) => LOG_COLUMNS.map((c) => row[c] ?? null));
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref(); // keep the process alive until the batch is committed
      this.worker.postMessage({ type: 'rows', id, rows: values });
    }).finally(() => {
      if (this.pending.size === 0) this.worker.unref();
    });
  }

  /** Stops the worker; the worker commits what it has received before it reads the close message. */
  async close(): Promise<void> {
    const exited = new Promise<void>((r) => this.worker.once('exit', () => r()));
    this.worker.postMessage({ type: 'close' });
    await Promise.race([exited, new Promise<void>((r) => setTimeout(r, 5000).unref())]);
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
