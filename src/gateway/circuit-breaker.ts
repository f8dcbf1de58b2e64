export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Per-target breaker: opens after `threshold` consecutive failures, lets one probe through after
 * `cooldownMs`, closes again on the probe's success and re-opens on its failure.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private stateValue: CircuitState = 'closed';

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    if (this.stateValue === 'open' && this.now() - this.openedAt >= this.cooldownMs) this.stateValue = 'half-open';
    return this.stateValue;
  }

  /** Whether a request may go to this target now; in half-open only one probe at a time. */
  tryAcquire(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  onSuccess(): void {
    this.failures = 0;
    this.probing = false;
    this.stateValue = 'closed';
  }

  onFailure(): void {
    this.probing = false;
    this.failures += 1;
    if (this.stateValue === 'half-open' || this.failures >= this.threshold) {
      this.stateValue = 'open';
      this.openedAt = this.now();
    }
  }

  /** A call that ended without telling us about the target's health (client cancelled, bad request). */
  onNeutral(): void {
    this.probing = false;
  }
}
