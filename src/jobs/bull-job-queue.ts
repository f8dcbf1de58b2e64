import { gatewayError } from '../core/error-codes.js';
import { DelayedError, Queue, QueueEvents, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { JobRepository } from '../store/job-repository.js';
import { BaseJobQueue, type JobQueueOptions } from './base-job-queue.js';
import { JobRun } from './job-run.js';
import type { EnqueueOptions, JobRecord, JobType } from './job-types.js';

export interface BullJobQueueOptions extends JobQueueOptions {
  redisUrl: string;
  /** Redis key prefix of the queues (default `bm`), followed by the database's deployment id. */
  prefix?: string;
}

/** A Redis call that does not answer within this fails the API call instead of hanging it. */
const REDIS_TIMEOUT_MS = 5_000;
/** Finished jobs stay in Redis a while (the `jobs` table keeps the record). */
const KEEP_COMPLETED = { age: 3_600, count: 1_000 };
const KEEP_FAILED = { age: 7 * 86_400, count: 1_000 };

/** `redis://user:pass@host:port/db` (or `rediss://`) as BullMQ connection options. */
export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis: BullMQ wants commands retried until the connection is back.
    maxRetriesPerRequest: null,
  };
}

/** Waits for `p`, but at most `ms`. */
function settleWithin(p: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: Redis did not answer within ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The queue with `redis_url`: BullMQ dispatches (a Redis queue per job queue, prefix `bm`), retries
 * with exponential backoff (`attempts`, `backoff`), runs `concurrency` jobs per queue and process, and
 * publishes progress (`job.updateProgress`). The BullMQ job id is the `jobs` table id; the workers
 * mirror state, progress and result into the table, so any replica answers for any job. Queue events
 * mirror what happens without a handler: a job that stalled too often (its workers died) fails.
 */
export class BullJobQueue extends BaseJobQueue {
  readonly mode = 'redis' as const;
  private readonly connection: ConnectionOptions;
  private readonly basePrefix: string;
  private prefix: Promise<string> | undefined;
  private readonly producers = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private readonly events = new Map<string, QueueEvents>();
  private readonly active = new Map<string, JobRun>();

  constructor(repo: JobRepository, opts: BullJobQueueOptions) {
    super(repo, opts);
    this.connection = redisConnection(opts.redisUrl);
    this.basePrefix = opts.prefix ?? 'bm';
  }

  /**
   * The Redis key prefix of this deployment's queues: `bm-<deployment id>`. Processes sharing the
   * database share the queues; another deployment on the same Redis never takes this one's jobs.
   */
  redisPrefix(): Promise<string> {
    this.prefix ??= this.repo.deploymentId().then((id) => `${this.basePrefix}-${id}`);
    this.prefix.catch(() => (this.prefix = undefined)); // a database hiccup is tried again next time
    return this.prefix;
  }

  protected async dispatch(record: JobRecord, type: JobType, opts: EnqueueOptions): Promise<void> {
    try {
      const producer = await this.producer(record.queue);
      await withTimeout(
        producer.add(
          record.name,
          {},
          {
            jobId: record.id,
            attempts: record.maxAttempts,
            backoff: { type: 'exponential', delay: type.backoffMs ?? 1_000 },
            delay: Math.max(0, opts.delayMs ?? 0),
            removeOnComplete: KEEP_COMPLETED,
            removeOnFail: KEEP_FAILED,
          },
        ),
        'queueing a job',
      );
    } catch (err) {
      const message = `could not be queued: ${(err as Error).message}`;
      await this.repo.failUnfinished(record.id, message, Date.now()).catch(() => undefined);
      throw gatewayError('job_queue_unavailable', `The job queue (Redis) is unreachable; try again shortly: ${(err as Error).message}`);
    }
  }

  protected async startQueue(queue: string): Promise<void> {
    const prefix = await this.redisPrefix();
    const worker = new Worker(queue, (job, token, signal) => this.process(job, token, signal), {
      connection: this.connection,
      prefix,
      concurrency: this.concurrencyOf(queue),
      maxStalledCount: 2,
      autorun: true,
    });
    worker.on('error', (err) => this.warnOnce(`worker:${queue}`, `baimo: job queue "${queue}" (Redis): ${err.message}`));
    this.workers.set(queue, worker);
    // Queue events once Redis answers (closing a QueueEvents that never connected would wait for it forever).
    worker.on('ready', () => {
      this.recovered(`worker:${queue}`);
      if (!this.closed && !this.events.has(queue)) this.listen(queue, prefix);
    });
  }

  /**
   * Mirrors into the table what happens to a job without a handler saying so. Only a job's final failure
   * emits `failed` (a retry emits `delayed`): a job BullMQ gave up on (it stalled too often: its workers
   * died) fails in the table too; a stalled one waits again.
   */
  private listen(queue: string, prefix: string): void {
    const events = new QueueEvents(queue, { connection: this.connection, prefix });
    events.on('error', () => undefined); // the worker reports the connection
    events.on('failed', ({ jobId, failedReason }) => {
      void this.repo.failUnfinished(jobId, failedReason || 'failed', Date.now()).catch(() => undefined);
    });
    events.on('stalled', ({ jobId }) => {
      void this.repo.requeueRunning(jobId, Date.now()).catch(() => undefined);
    });
    this.events.set(queue, events);
  }

  async cancel(id: string): Promise<JobRecord | undefined> {
    const { record, changed } = await this.repo.cancel(id, Date.now());
    if (!changed || !record) return record;
    this.active.get(id)?.stop('cancelled');
    // Waiting or delayed: gone from Redis. Running in another process: its worker finds the row
    // cancelled at its next lease renewal and stops.
    await withTimeout(
      this.producer(record.queue).then((q) => q.remove(id)),
      'cancelling a job',
    ).catch(() => undefined);
    return record;
  }

  protected async stopWorkers(deadlineMs: number): Promise<void> {
    const workers = [...this.workers.values()];
    // A BullMQ connection closed while it is still initialising drops its init commands (CLIENT SETNAME,
    // INFO…) with "Connection is closed" rejections nobody awaits: an unhandled rejection that would end
    // the process. Let them finish first (bounded: a Redis that never answers is not waited on longer).
    const all = [...workers, ...this.events.values(), ...this.producers.values()];
    await settleWithin(Promise.all(all.map((x) => x.waitUntilReady().catch(() => undefined))), 2_000);
    // With nothing running here, nothing to wait for (and a Redis that never answered is not waited on).
    const closing = workers.map((w) => w.close(this.active.size === 0).catch(() => undefined));
    await settleWithin(Promise.all(closing), deadlineMs);
    // Still running: handed back (delayed to now, the attempt not counted) for another worker.
    for (const run of this.active.values()) run.stop('shutdown');
    await settleWithin(Promise.all(closing), 5_000);
    const others = [...this.events.values(), ...this.producers.values()];
    await settleWithin(Promise.all(others.map((x) => x.close().catch(() => undefined))), 2_000);
  }

  private async producer(queue: string): Promise<Queue> {
    const prefix = await this.redisPrefix();
    let q = this.producers.get(queue);
    if (!q) {
      q = new Queue(queue, { connection: this.connection, prefix });
      q.on('error', () => undefined); // enqueue and cancel report their own failures
      this.producers.set(queue, q);
    }
    return q;
  }

  private async process(job: Job, token: string | undefined, signal: AbortSignal | undefined): Promise<void> {
    const id = job.id;
    const type = this.registry.get(job.name);
    if (!id) return;
    if (!type) throw new UnrecoverableError(`no handler for job type "${job.name}" in this process`);
    const now = Date.now();
    const record = await this.repo.startRun(id, this.workerId, job.attemptsMade + 1, now + this.opts.leaseMs, now);
    if (!record) return; // cancelled meanwhile (or not in this database): nothing to run
    const run = new JobRun({
      type,
      record,
      store: this.repo,
      workerId: this.workerId,
      leaseMs: this.opts.leaseMs,
      warn: this.opts.warn,
      onProgress: (f) => void job.updateProgress(Math.round(f * 100)).catch(() => undefined),
    });
    this.active.set(id, run);
    signal?.addEventListener('abort', () => run.stop('cancelled'), { once: true });
    let outcome;
    try {
      outcome = await run.done;
    } finally {
      this.active.delete(id);
    }
    switch (outcome.kind) {
      case 'succeeded':
      case 'lost':
        return;
      case 'released':
        // Shutting down: back to waiting without counting an attempt.
        await job.moveToDelayed(Date.now(), token);
        throw new DelayedError();
      case 'failed':
        if (outcome.permanent || outcome.retryAt === undefined) throw new UnrecoverableError(outcome.error);
        throw new Error(outcome.error);
    }
  }
}
