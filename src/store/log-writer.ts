import type { RequestLogRow } from './schema.js';

export interface LogSink {
  insertMany(rows: RequestLogRow[]): Promise<void>;
}

/**
 * Collects log rows in memory and writes them in batches off the request path: when `batchSize`
 * rows are waiting or every `flushMs`. `close()` flushes what is left. A failed write is reported
 * and retried once with the next batch; rows are dropped only past `maxQueued` (back-pressure guard).
 */
export class LogWriter {
  private queue: RequestLogRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  dropped = 0;

  constructor(
    private readonly sink: LogSink,
    private readonly opts: { batchSize: number; flushMs: number; maxQueued?: number; onError?: (err: unknown) => void },
  ) {}

  /** Queues one row; never blocks and never throws. */
  write(row: RequestLogRow): void {
    if (this.queue.length >= (this.opts.maxQueued ?? 100_000)) {
      this.dropped++;
      return;
    }
    this.queue.push(row);
    if (this.queue.length >= this.opts.batchSize) void this.flush();
    else if (!this.timer && !this.closed) {
      this.timer = setTimeout(() => void this.flush(), this.opts.flushMs);
      this.timer.unref();
    }
  }

  /** Writes everything queued so far. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.flushing) await this.flushing;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.sink
      .insertMany(batch)
      .catch((err) => {
        this.opts.onError?.(err);
        // Put the batch back once so a transient failure (busy database) loses nothing.
        if (!this.closed) this.queue = batch.concat(this.queue);
      })
      .finally(() => {
        this.flushing = undefined;
      });
    await this.flushing;
    if (this.queue.length >= this.opts.batchSize) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.flush();
  }

  get pending(): number {
    return this.queue.length;
  }
}
