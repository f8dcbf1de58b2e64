/**
 * A model's share of a run: at most `limit` calls at once, the limit adapting to rate limits (AIMD).
 * A rate-limited call halves it (at most once per `cooldownMs`, so a burst of 429s from calls already
 * in flight counts once), never below 1; every `limit` calls answered in a row raise it by one, back
 * up to `max`. Waiters are served in order.
 */
export class AimdLane {
  private active = 0;
  private current: number;
  private streak = 0;
  private lastCut = -Infinity;
  private readonly waiting: Array<{ go: () => void }> = [];

  constructor(
    readonly max: number,
    private readonly cooldownMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {
    this.current = Math.max(1, Math.floor(max));
  }

  /** Calls allowed at once now. */
  get limit(): number {
    return this.current;
  }

  /** Calls under way. */
  get busy(): number {
    return this.active;
  }

  /** Resolves once a call may start (rejects with the signal's reason when it aborts first). */
  acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.active < this.current && this.waiting.length === 0) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal!.reason);
      };
      const entry = {
        go: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  /** A call ended (however it went). */
  release(): void {
    this.active = Math.max(0, this.active - 1);
    this.pump();
  }

  /** A call was answered: additive increase. */
  succeeded(): void {
    if (this.current >= this.max) return;
    if (++this.streak >= this.current) {
      this.streak = 0;
      this.current++;
      this.pump();
    }
  }

  /** A call was rate limited: multiplicative decrease. */
  rateLimited(): void {
    this.streak = 0;
    const t = this.now();
    if (t - this.lastCut < this.cooldownMs) return;
    this.lastCut = t;
    this.current = Math.max(1, Math.floor(this.current / 2));
  }

  private pump(): void {
    while (this.active < this.current && this.waiting.length > 0) {
      this.active++;
      this.waiting.shift()!.go();
    }
  }
}
