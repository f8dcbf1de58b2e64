import type { Cancellation } from '../core/cancellation.js';

/** Exponential backoff with full jitter: a random wait in [base·2^n / 2, base·2^n], capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** Waits `ms`, or less if the request is cancelled. */
export function sleep(ms: number, cancellation?: Cancellation): Promise<void> {
  return new Promise((resolve) => {
    if (cancellation?.cancelled) return resolve();
    const t = setTimeout(done, ms);
    const off = cancellation?.onCancel(done);
    function done(): void {
      clearTimeout(t);
      off?.();
      resolve();
    }
  });
}
