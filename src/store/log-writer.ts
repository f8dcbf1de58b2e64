import type { RequestLogRow } from './schema.js';

export interface LogSink {
  insertMany(rows: RequestLogRow[]): Promise<void>;
}

/**
 * Collects log rows in memory and writes them in batches off the request path: when `batchSize`
 * rows are waiting or every `flushMs`. `close()` flushes what is left. A failed write is reported
 * and retried once; rows are dropped only when a batch fails twice or past `maxQueued`.
 */
export class LogWriter {
  private queue: RequestLogRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  private retry: RequestLogRow[] | undefined;
  /** Rows given up on (queue overflow, or a batch that failed twice). */
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
    // A batch in flight flushes again when it is done: more waiters would only cost the request thread.
    if (this.queue.length >= this.opts.batchSize) {
      if (!this.flushing) void this.flush();
    } else if (!this.timer && !this.closed) {
      this.timer = setTimeout(() => void this.flush(), this.opts.flushMs);
      this.timer.unref();
    }
  }

  /** Writes everything queued so far (a batch that failed once is tried again first). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.flushing) await this.flushing;
    const isRetry = this.retry !== undefined;
    const batch = this.retry ?? this.queue;
    if (batch.length === 0) return;
    if (isRetry) this.retry = undefined;
    else this.queue = [];
    this.flushing = this.sink
      .insertMany(batch)
      .catch((err) => {
        this.opts.onError?.(err);
        // Retry once (a busy database passes); a batch that fails twice is dropped and counted, so
        // a bad row can never grow memory without bound.
        if (isRetry || this.closed) this.dropped += batch.length;
        else this.retry = batch;
      })
      .finally(() => {
        this.flushing = undefined;
      });
    await this.flushing;
    if (this.retry || this.queue.length >= this.opts.batchSize) await this.flush();
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
