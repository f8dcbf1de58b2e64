import { JOB_NAME, QUEUE_NAME, type JobType } from './job-types.js';

/** The registered job types, by name, and the queues they make up. */
export class JobRegistry {
  private readonly byName = new Map<string, JobType>();
  private readonly listeners = new Set<(queue: string) => void>();

  register(type: JobType): void {
    if (!QUEUE_NAME.test(type.queue)) throw new Error(`job queue "${type.queue}": use a-z, 0-9, _ and - (at most 64)`);
    if (!JOB_NAME.test(type.name)) throw new Error(`job type "${type.name}": use a-z, 0-9, _ . and - (at most 100)`);
    if (this.byName.has(type.name)) throw new Error(`job type "${type.name}" is registered already`);
    for (const [k, v] of [
      ['maxAttempts', type.maxAttempts],
      ['concurrency', type.concurrency],
    ] as const)
      if (v !== undefined && (!Number.isInteger(v) || v < 1 || v > 1000)) throw new Error(`job type "${type.name}": ${k} must be 1..1000`);
    if (type.backoffMs !== undefined && (!Number.isFinite(type.backoffMs) || type.backoffMs < 0))
      throw new Error(`job type "${type.name}": backoffMs must be ≥ 0`);
    const isNewQueue = !this.queues().includes(type.queue);
    this.byName.set(type.name, type);
    if (isNewQueue) for (const l of this.listeners) l(type.queue);
  }

  get(name: string): JobType | undefined {
    return this.byName.get(name);
  }

  all(): JobType[] {
    return [...this.byName.values()];
  }

  queues(): string[] {
    return [...new Set(this.all().map((t) => t.queue))].sort();
  }

  /** The type names of one queue (what its workers claim). */
  namesIn(queue: string): string[] {
    return this.all()
      .filter((t) => t.queue === queue)
      .map((t) => t.name);
  }

  /** Jobs of `queue` run at once per process: the config's value, else the largest of its types', else 1. */
  concurrencyOf(queue: string, configured: Readonly<Record<string, number>> = {}): number {
    const own = configured[queue];
    if (own !== undefined) return own;
    return Math.max(1, ...this.all().map((t) => (t.queue === queue ? (t.concurrency ?? 1) : 1)));
  }

  /** Called with each queue that gets its first type (workers started for "all queues" pick it up). */
  onNewQueue(listener: (queue: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The delay before retry number `attempt` (1-based: the first retry follows attempt 1): `backoffMs · 2^(attempt-1)`. */
export function backoffDelay(backoffMs: number, attempt: number): number {
  return Math.min(backoffMs * 2 ** Math.max(0, attempt - 1), 24 * 3_600_000);
}
