import type { Worker } from 'node:worker_threads';
import { LOG_COLUMNS, rowValues } from './log-insert.js';
import type { LogSink } from './log-writer.js';
import type { LogWorkerData, LogWorkerReply, LogWorkerRequest } from './log-worker.js';
import type { RequestLogRow } from './schema.js';
import { spawnWorker } from '../core/spawn-worker.js';

interface Pending {
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * A LogSink that hands batches to a worker thread (log-worker.ts) with its own SQLite connection:
 * the request thread pays for copying the values, not for SQLite, and never stalls on a batch.
 * The worker starts with `start()` or the first batch. If it cannot start or dies, batches in flight fail (the
 * LogWriter retries them) and every later batch goes to `fallback`, the in-thread repository.
 */
export class WorkerLogSink implements LogSink {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  /** The promises of the batches in flight (close waits for them). */
  private readonly inflight = new Set<Promise<void>>();
  private nextId = 1;
  private failed = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly data: LogWorkerData,
    private readonly fallback: LogSink,
    private readonly onError?: (err: unknown) => void,
  ) {}

  insertMany(rows: RequestLogRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    if (this.failed || this.closing) return this.fallback.insertMany(rows);
    const worker = this.start();
    const width = LOG_COLUMNS.length;
    const values: unknown[] = new Array(rows.length * width);
    for (let r = 0; r < rows.length; r++) rowValues(rows[r], values, r * width);
    const id = this.nextId++;
    const done = new Promise<void>((resolve, reject) => {
      // Referenced while a batch is in flight, so the process cannot exit before it is written.
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'insert', id, values } satisfies LogWorkerRequest);
    });
    this.inflight.add(done);
    const forget = (): void => void this.inflight.delete(done);
    done.then(forget, forget);
    return done;
  }

  /** Where batches are written now: the worker thread, or this thread after the worker failed. */
  get thread(): 'worker' | 'main' {
    return this.failed ? 'main' : 'worker';
  }

  /** Waits for the batches in flight, then closes the worker's connection and ends the thread. */
  close(): Promise<void> {
    return (this.closing ??= this.stop());
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.failed) return;
    await Promise.allSettled(this.inflight);
    worker.ref();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate().finally(resolve), 5000);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage({ type: 'close' } satisfies LogWorkerRequest);
    });
  }

  /**
   * Starts the worker now (idempotent); otherwise the first batch does. The runtime starts it at once,
   * so the first answers' rows are not held up by the thread's start.
   */
  start(): Worker {
    if (this.worker) return this.worker;
    const worker = (this.worker = spawnWorker(import.meta.url, 'log-worker', this.data));
    worker.unref();
    worker.on('message', (msg: LogWorkerReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) worker.unref();
      if (msg.error === undefined) p.resolve();
      else p.reject(new Error(msg.error));
    });
    const fail = (err: Error): void => {
      if (this.failed) return;
      this.failed = true;
      if (!this.closing) this.onError?.(new Error(`the log writer thread stopped, logging continues on the main thread: ${err.message}`));
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return worker;
  }
}
