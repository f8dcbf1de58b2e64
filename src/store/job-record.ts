import type { Selectable } from 'kysely';
import type { JobStatus, JobTable } from './schema.js';

/** The job record as the queue and the API see it, and the conversions from a `jobs` row. */

export type { JobStatus };
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const satisfies readonly JobStatus[];
export const UNFINISHED: JobStatus[] = ['queued', 'running'];
export const FINISHED: JobStatus[] = ['succeeded', 'failed', 'cancelled'];

/** `settings` key: this database's job deployment id (see `deploymentId`). */
export const DEPLOYMENT_KEY = 'jobs_deployment_id';

/** Characters kept of a progress message and of an error. */
export const MESSAGE_CHARS = 500;
export const ERROR_CHARS = 2_000;

/** One job as the queues and the API see it (times in epoch ms; `input` and `result` parsed). */
export interface JobRecord {
  id: string;
  queue: string;
  name: string;
  workspaceId: string | null;
  input: unknown;
  status: JobStatus;
  /** 0..1. */
  progress: number;
  progressMessage: string | null;
  result: unknown;
  error: string | null;
  attempts: number;
  maxAttempts: number;
  runAt: number;
  leaseUntil: number | null;
  lockedBy: string | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface NewJob {
  id: string;
  queue: string;
  name: string;
  workspaceId: string | null;
  /** JSON text. */
  input: string;
  maxAttempts: number;
  runAt: number;
  createdBy: string | null;
  now: number;
}

/** A position in the newest-first list. */
export interface JobCursor {
  createdAt: number;
  id: string;
}

export interface JobListQuery {
  queue?: string;
  name?: string;
  status?: JobStatus;
  /** Only jobs of these workspaces (instance-wide jobs excluded); undefined: every job. */
  workspaceIds?: readonly string[];
  limit: number;
  cursor?: JobCursor;
}

export interface ClaimRequest {
  queue: string;
  /** The job types this worker can run. */
  names: readonly string[];
  workerId: string;
  now: number;
  leaseUntil: number;
  limit: number;
}

/** How a run ends in the table: done, retried later (`retryAt`) or failed for good. */
export interface RunEnd {
  progress: number;
  progressMessage: string | null;
}

export const cut = (s: string | null | undefined, n: number): string | null =>
  s == null ? null : s.length > n ? `${s.slice(0, n - 1)}…` : s;

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

export function toRecord(r: Selectable<JobTable>): JobRecord {
  return {
    id: r.id,
    queue: r.queue,
    name: r.name,
    workspaceId: r.workspace_id,
    input: parse(r.input),
    status: r.status,
    progress: Number(r.progress),
    progressMessage: r.progress_message,
    result: parse(r.result),
    error: r.error,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: r.run_at,
    leaseUntil: r.lease_until,
    lockedBy: r.locked_by,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}
