import type { z } from 'zod';
import type { JobCursor, JobRecord, JobStatus } from '../store/job-repository.js';

export type { JobCursor, JobRecord, JobStatus };
export { JOB_STATUSES } from '../store/job-repository.js';

/** Queue names: what `baimo worker --queues` and `jobs.concurrency` name. */
export const QUEUE_NAME = /^[a-z][a-z0-9_-]{0,63}$/;
/** Job type names (`retention.purge`, `knowledge.ingest`, …). */
export const JOB_NAME = /^[a-z][a-z0-9_.-]{0,99}$/;
/** Job ids: generated (`job_…`) or chosen by the caller for an idempotent enqueue. */
export const JOB_ID = /^job_[A-Za-z0-9_-]{1,95}$/;
/** The largest input a job takes, and the largest result it may return, as JSON. */
export const MAX_INPUT_BYTES = 64 * 1024;
export const MAX_RESULT_BYTES = 64 * 1024;
/** Progress reaches the table at most this often per job (plus the final value). */
export const PROGRESS_WRITE_MS = 250;

/** What a handler gets for one run of a job. */
export interface JobContext<I = unknown> {
  id: string;
  input: I;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  workspaceId: string | null;
  /** Reports progress: `fraction` 0..1 and an optional short message. Cheap: writes are throttled. */
  progress(fraction: number, message?: string): void;
  /** Aborted when the job is cancelled, its lease is lost, its time is up, or the worker shuts down. */
  signal: AbortSignal;
}

/**
 * A kind of job and how to run it. Later issues register theirs (knowledge ingestion, evaluation
 * runs, analytics rollups, dataset cleaning) with `JobQueue.register`.
 */
export interface JobType<I = any, R = unknown> {
  /** The queue it runs on: workers are started per queue (`baimo worker --queues maintenance`). */
  queue: string;
  name: string;
  handler(ctx: JobContext<I>): Promise<R>;
  /** Runs before the job fails for good (default 3). */
  maxAttempts?: number;
  /** The first retry waits this long, each later one twice the one before (default 1,000 ms). */
  backoffMs?: number;
  /** Jobs of its queue that run at once in one process, unless `jobs.concurrency` says otherwise (the largest of the queue's types; default 1). */
  concurrency?: number;
  /** A run taking longer is aborted and counts as failed. */
  timeoutMs?: number;
  /** Checks (and may normalise) the input on enqueue; without it the input must be absent or `{}`. */
  input?: z.ZodType<I>;
  /**
   * Whether `POST /api/jobs` may start it: `instance` (instance administrators, no workspace) or
   * `workspace` (members with write access to the workspace named). Absent: only code enqueues it.
   */
  manual?: 'instance' | 'workspace';
}

export interface EnqueueOptions {
  /** A chosen id (`job_…`): enqueuing an id that exists returns that job instead of a new one. */
  id?: string;
  workspaceId?: string | null;
  /** Not before this many milliseconds from now. */
  delayMs?: number;
  /** Overrides the type's `maxAttempts`. */
  maxAttempts?: number;
  /** Who asked: `usr_…`, `admin`, `system`. */
  createdBy?: string;
}

export interface JobListFilter {
  queue?: string;
  name?: string;
  status?: JobStatus;
  /** Only jobs of these workspaces; undefined: every job (instance administrators). */
  workspaceIds?: readonly string[];
  limit: number;
  cursor?: JobCursor;
}

/** A job type enqueued on a timer by the processes that run its queue's workers. */
export interface JobSchedule {
  name: string;
  everyMs: number;
  /** The first turn after start (default: `everyMs`). */
  firstDelayMs?: number;
  input?: unknown;
}

/**
 * One interface for long work, in both modes: the embedded queue on the database (`DbJobQueue`) and
 * BullMQ on Redis (`BullJobQueue`). The `jobs` table is the record either way.
 */
export interface JobQueue {
  /** `database`: workers claim from the jobs table; `redis`: BullMQ dispatches. */
  readonly mode: 'database' | 'redis';
  register<I, R>(type: JobType<I, R>): void;
  type(name: string): JobType | undefined;
  types(): JobType[];
  /** Queue names with at least one registered type. */
  queues(): string[];
  /** Checks the input against the type and stores the job; it runs when a worker of its queue is free. */
  enqueue(name: string, input?: unknown, opts?: EnqueueOptions): Promise<JobRecord>;
  get(id: string): Promise<JobRecord | undefined>;
  list(filter: JobListFilter): Promise<{ jobs: JobRecord[]; next?: JobCursor }>;
  /** Cancels a queued or running job (a running handler sees its signal abort); a finished job is returned unchanged. */
  cancel(id: string): Promise<JobRecord | undefined>;
  /** Enqueues `name` every `everyMs` while this process runs workers of its queue (once per period across replicas). */
  schedule(s: JobSchedule): void;
  /** Starts workers for these queues (all, including queues registered later, when absent). */
  startWorkers(queues?: readonly string[]): Promise<void>;
  /** Whether this process runs workers. */
  readonly working: boolean;
  /** Stops taking jobs, lets running handlers finish until the deadline, then hands the rest back. Safe to call twice. */
  close(deadlineMs?: number): Promise<void>;
}

/** Thrown by a handler for a failure that retrying cannot fix (bad input): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** An enqueue refused: unknown type, bad or oversized input, bad id. The API answers 400 with it. */
export class JobInputError extends Error {
  constructor(
    message: string,
    readonly param: string = 'input',
  ) {
    super(message);
    this.name = 'JobInputError';
  }
}
