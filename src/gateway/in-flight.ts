/** Counts requests that have not left their log row yet; a shutdown waits for them. */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  start(): void {
    this.count++;
  }

  done(): void {
    if (--this.count === 0 && this.waiters.length) for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves once none is in flight, or after `timeoutMs`. */
  settled(timeoutMs: number): Promise<void> {
    if (this.count <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
