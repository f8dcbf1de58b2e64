import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { JobRepository } from '../store/job-repository.js';
import { JobRegistry } from './job-registry.js';
import {
  JOB_ID,
  JobInputError,
  MAX_INPUT_BYTES,
  QUEUE_NAME,
  type EnqueueOptions,
  type JobCursor,
  type JobListFilter,
  type JobQueue,
  type JobRecord,
  type JobSchedule,
  type JobType,
} from './job-types.js';

export interface JobQueueOptions {
  /** A running job belongs to its worker this long after each renewal (renewed every third of it). */
  leaseMs: number;
  /** How often idle workers look for due jobs in the table (the embedded queue). */
  pollMs: number;
  /** Jobs run at once per queue in this process (`jobs.concurrency`). */
  concurrency?: Readonly<Record<string, number>>;
  /** Finished jobs are deleted this long after they finished. */
  keepFinishedMs?: number;
  /** Problems worth an operator's attention (each kind said once until it recovers). */
  warn?: (message: string) => void;
  /** This process's worker id (default `host:pid:random`). */
  workerId?: string;
}

const DEFAULT_KEEP_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_FIRST_MS = 60_000;

/** `host:pid:random`: whose lease a running job is under (see DbJobQueue's reclaim of dead processes). */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

export function newJobId(): string {
  return `job_${Date.now().toString(36)}${randomBytes(8).toString('hex')}`;
}

/**
 * What both queues share: the registry, checked enqueues into the `jobs` table, reads, timers for
 * scheduled types, and the deletion of old finished jobs. Subclasses dispatch (or not: the embedded
 * queue's workers claim from the table), run workers and cancel.
 */
export abstract class BaseJobQueue implements JobQueue {
  abstract readonly mode: 'database' | 'redis';
  protected readonly registry = new JobRegistry();
  readonly workerId: string;
  protected closed = false;
  private closing: Promise<void> = Promise.resolve();
  private workersFor: 'all' | Set<string> | undefined;
  private readonly started = new Set<string>();
  private readonly schedules: JobSchedule[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly warned = new Set<string>();

  constructor(
    protected readonly repo: JobRepository,
    protected readonly opts: JobQueueOptions,
  ) {
    this.workerId = opts.workerId ?? newWorkerId();
    this.registry.onNewQueue((queue) => {
      if (this.workersFor === 'all' && !this.closed) void this.startQueueOnce(queue);
    });
  }

  /** Hands a stored job to the dispatcher (BullMQ), or wakes this process's idle workers. */
  protected abstract dispatch(record: JobRecord, type: JobType, opts: EnqueueOptions): Promise<void>;
  /** Starts the workers of one queue in this process. */
  protected abstract startQueue(queue: string): Promise<void>;
  /** Runs before the first queue starts (the embedded queue reclaims jobs of dead local processes). */
  protected async beforeStart(): Promise<void> {}
  /** Stops the workers: no new jobs, running ones finish until the deadline, the rest are handed back. */
  protected abstract stopWorkers(deadlineMs: number): Promise<void>;
  abstract cancel(id: string): Promise<JobRecord | undefined>;

  get working(): boolean {
    return this.workersFor !== undefined && !this.closed;
  }

  register<I, R>(type: JobType<I, R>): void {
    this.registry.register(type as JobType);
  }

  type(name: string): JobType | undefined {
    return this.registry.get(name);
  }

  types(): JobType[] {
    return this.registry.all();
  }

  queues(): string[] {
    return this.registry.queues();
  }

  async enqueue(name: string, input: unknown = {}, opts: EnqueueOptions = {}): Promise<JobRecord> {
    if (this.closed) throw new Error('the job queue is closed');
    const type = this.registry.get(name);
    if (!type) throw new JobInputError(`No job type "${name}".`, 'name');
    let value = input ?? {};
    if (type.input) {
      const r = type.input.safeParse(value);
      if (!r.success) {
        const issue = r.error.issues[0];
        const where = ['input', ...issue.path.map(String)].join('.');
        throw new JobInputError(`Invalid ${where}: ${issue.message}`, where);
      }
      value = r.data ?? {};
    } else if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length > 0) {
      throw new JobInputError(`Job type "${name}" takes no input.`);
    }
    const json = JSON.stringify(value);
    if (Buffer.byteLength(json) > MAX_INPUT_BYTES) throw new JobInputError(`The input is larger than ${MAX_INPUT_BYTES} bytes.`);
    if (opts.id !== undefined && !JOB_ID.test(opts.id))
      throw new JobInputError('A job id is job_ and up to 95 letters, digits, _ or -.', 'id');
    const maxAttempts = opts.maxAttempts ?? type.maxAttempts ?? 3;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 1000)
      throw new JobInputError('maxAttempts must be 1..1000.', 'maxAttempts');
    const now = Date.now();
    const { record, created } = await this.repo.insert({
      id: opts.id ?? newJobId(),
      queue: type.queue,
      name,
      workspaceId: opts.workspaceId ?? null,
      input: json,
      maxAttempts,
      runAt: now + Math.max(0, opts.delayMs ?? 0),
      createdBy: opts.createdBy ?? null,
      now,
    });
    if (created) await this.dispatch(record, type, opts);
    return record;
  }

  get(id: string): Promise<JobRecord | undefined> {
    return this.repo.get(id);
  }

  list(filter: JobListFilter): Promise<{ jobs: JobRecord[]; next?: JobCursor }> {
    return this.repo.list(filter);
  }

  schedule(s: JobSchedule): void {
    const type = this.registry.get(s.name);
    if (!type) throw new Error(`cannot schedule "${s.name}": no such job type`);
    if (!(s.everyMs >= 1_000)) throw new Error(`cannot schedule "${s.name}": everyMs must be at least 1,000`);
    this.schedules.push(s);
    if (this.started.has(type.queue)) this.startSchedule(s);
  }

  async startWorkers(queues?: readonly string[]): Promise<void> {
    if (this.closed) throw new Error('the job queue is closed');
    for (const q of queues ?? []) {
      if (!QUEUE_NAME.test(q) || !this.registry.queues().includes(q))
        throw new Error(`no job queue "${q}" (known: ${this.registry.queues().join(', ') || 'none'})`);
    }
    const first = this.workersFor === undefined;
    this.workersFor = queues === undefined || this.workersFor === 'all' ? 'all' : new Set([...(this.workersFor ?? []), ...queues]);
    if (first) {
      await this.beforeStart();
      this.every(PRUNE_FIRST_MS, PRUNE_EVERY_MS, () => this.prune());
    }
    for (const q of queues ?? this.registry.queues()) await this.startQueueOnce(q);
  }

  async close(deadlineMs = 10_000): Promise<void> {
    if (this.closed) return this.closing;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.closing = this.stopWorkers(deadlineMs);
    return this.closing;
  }

  /** Says `message` once per `kind` until `recovered(kind)`. */
  protected warnOnce(kind: string, message: string): void {
    if (this.warned.has(kind)) return;
    this.warned.add(kind);
    this.opts.warn?.(message);
  }

  protected recovered(kind: string): void {
    this.warned.delete(kind);
  }

  protected concurrencyOf(queue: string): number {
    return this.registry.concurrencyOf(queue, this.opts.concurrency);
  }

  private async startQueueOnce(queue: string): Promise<void> {
    if (this.started.has(queue) || this.closed) return;
    this.started.add(queue);
    await this.startQueue(queue);
    for (const s of this.schedules) if (this.registry.get(s.name)?.queue === queue) this.startSchedule(s);
  }

  /** Each turn enqueues one job per period for the whole cluster: the id names the period, so replicas' turns collide into one. */
  private startSchedule(s: JobSchedule): void {
    this.every(s.firstDelayMs ?? s.everyMs, s.everyMs, async () => {
      if (await this.repo.hasQueued(s.name)) return;
      const slot = Math.floor(Date.now() / s.everyMs);
      const id = `job_${s.name.replace(/[^a-z0-9]/g, '_').slice(0, 60)}_${slot}`;
      await this.enqueue(s.name, s.input ?? {}, { id, createdBy: 'system' });
    });
  }

  private async prune(): Promise<void> {
    await this.repo.deleteFinishedBefore(Date.now() - (this.opts.keepFinishedMs ?? DEFAULT_KEEP_MS), 1_000);
  }

  /** Runs `f` after `firstMs`, then every `everyMs` (timers that do not keep the process alive). */
  private every(firstMs: number, everyMs: number, f: () => Promise<void>): void {
    const turn = (delay: number): void => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        void f()
          .catch((err: unknown) => this.opts.warn?.(`baimo: job timer: ${(err as Error).message}`))
          .finally(() => {
            if (!this.closed) turn(everyMs);
          });
      }, delay);
      t.unref();
      this.timers.add(t);
    };
    turn(firstMs);
  }
}
