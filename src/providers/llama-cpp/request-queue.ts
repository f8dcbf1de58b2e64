/**
 * A FIFO with a concurrency limit. A loaded model can only evaluate a few sequences at once (on a
 * small CPU: one), so further requests wait here in arrival order instead of competing for cores.
 */

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

export class RequestQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  }

  /** Requests currently holding a slot. */
  get active(): number {
    return this.running;
  }

  /** Requests waiting for a slot. */
  get pending(): number {
    return this.waiting.length;
  }

  /**
   * Waits for a slot and resolves with its release function (idempotent). An aborted waiter leaves
   * the queue at once and rejects with the signal's reason, so it never blocks those behind it.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.running < this.concurrency && this.waiting.length === 0) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(abortReason(signal));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiting.push(waiter);
    });
  }

  /** Runs `fn` inside a slot. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.running--;
      this.next();
    };
  }

  private next(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const waiter = this.waiting.shift()!;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.running++;
      waiter.resolve(this.releaser());
    }
  }
}
