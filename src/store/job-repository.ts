import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { dialectOf } from './dialect.js';
import {
  UNFINISHED,
  FINISHED,
  DEPLOYMENT_KEY,
  MESSAGE_CHARS,
  ERROR_CHARS,
  cut,
  toRecord,
  type JobRecord,
  type NewJob,
  type JobCursor,
  type JobListQuery,
  type ClaimRequest,
  type RunEnd,
} from './job-record.js';
import type { Database } from './schema.js';

export {
  JOB_STATUSES,
  type JobCursor,
  type JobListQuery,
  type JobRecord,
  type JobStatus,
  type NewJob,
  type ClaimRequest,
  type RunEnd,
} from './job-record.js';

/**
 * The `jobs` table (jobs-migration.ts): inserts, the atomic claim of the embedded queue, the writes of
 * a running job (lease, progress, outcome) and the reads of the API. Every write of a running job is
 * conditional on `locked_by` and `status = 'running'`: a worker whose job was cancelled, or whose lease
 * expired and was claimed by another, learns it from the row count and stops.
 */
export class JobRepository {
  private readonly pg: boolean;

  constructor(private readonly db: Kysely<Database>) {
    this.pg = dialectOf(db as unknown as Kysely<unknown>) === 'postgres';
  }

  /** Inserts a queued job; with an id that exists already nothing changes (idempotent enqueue). */
  async insert(job: NewJob): Promise<{ record: JobRecord; created: boolean }> {
    const inserted = await this.db
      .insertInto('jobs')
      .values({
        id: job.id,
        queue: job.queue,
        name: job.name,
        workspace_id: job.workspaceId,
        input: job.input,
        status: 'queued',
        progress: 0,
        progress_message: null,
        result: null,
        error: null,
        attempts: 0,
        max_attempts: job.maxAttempts,
        run_at: job.runAt,
        lease_until: null,
        locked_by: null,
        created_by: job.createdBy,
        created_at: job.now,
        updated_at: job.now,
        started_at: null,
        finished_at: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { record: toRecord(inserted), created: true };
    const existing = await this.get(job.id);
    if (!existing) throw new Error(`job ${job.id} could not be stored`);
    return { record: existing, created: false };
  }

  async get(id: string): Promise<JobRecord | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Newest first, `limit` per page, over the created_at index (never OFFSET). */
  async list(q: JobListQuery): Promise<{ jobs: JobRecord[]; next?: JobCursor }> {
    if (q.workspaceIds !== undefined && q.workspaceIds.length === 0) return { jobs: [] };
    let s = this.db.selectFrom('jobs').selectAll();
    if (q.queue !== undefined) s = s.where('queue', '=', q.queue);
    if (q.name !== undefined) s = s.where('name', '=', q.name);
    if (q.status !== undefined) s = s.where('status', '=', q.status);
    if (q.workspaceIds !== undefined) s = s.where('workspace_id', 'in', q.workspaceIds);
    const c = q.cursor;
    if (c)
      s = s.where((eb) => eb.or([eb('created_at', '<', c.createdAt), eb.and([eb('created_at', '=', c.createdAt), eb('id', '<', c.id)])]));
    const rows = await s
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit + 1)
      .execute();
    const jobs = rows.slice(0, q.limit).map(toRecord);
    const last = jobs[jobs.length - 1];
    return rows.length > q.limit && last ? { jobs, next: { createdAt: last.createdAt, id: last.id } } : { jobs };
  }

  /**
   * Claims up to `limit` jobs of one queue for a worker in one statement: due queued jobs, and running
   * ones whose lease expired (their worker died), oldest due first. Each claim counts an attempt. On
   * SQLite the statement runs under the database's write lock; on PostgreSQL `FOR UPDATE SKIP LOCKED`
   * lets workers claim side by side without waiting on each other or taking the same row.
   */
  async claim(req: ClaimRequest): Promise<JobRecord[]> {
    if (req.names.length === 0 || req.limit <= 0) return [];
    const dueJobs = () =>
      this.db
        .selectFrom('jobs')
        .select('id')
        .where('queue', '=', req.queue)
        .where('name', 'in', req.names)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', req.now)]),
            eb.and([eb('status', '=', 'running'), eb('lease_until', '<', req.now)]),
          ]),
        );
    // An idle poll only reads: no write transaction (and no write lock on SQLite) when nothing is due.
    if (!(await dueJobs().limit(1).executeTakeFirst())) return [];
    let due = dueJobs().orderBy('run_at').orderBy('id').limit(req.limit);
    if (this.pg) due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        attempts: eb('attempts', '+', 1),
        lease_until: req.leaseUntil,
        locked_by: req.workerId,
        started_at: eb.fn.coalesce('started_at', eb.val(req.now)),
        updated_at: req.now,
      }))
      .where('id', 'in', due)
      .returningAll()
      .execute();
    return rows.map(toRecord).sort((a, b) => a.runAt - b.runAt || (a.id < b.id ? -1 : 1));
  }

  /**
   * Marks a job running for a worker that got it from elsewhere (BullMQ): attempt `attempt`, unless it
   * is finished (cancelled meanwhile, say). Returns the record, or undefined when it must not run.
   */
  async startRun(id: string, workerId: string, attempt: number, leaseUntil: number, now: number): Promise<JobRecord | undefined> {
    const row = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        attempts: attempt,
        lease_until: leaseUntil,
        locked_by: workerId,
        started_at: eb.fn.coalesce('started_at', eb.val(now)),
        updated_at: now,
      }))
      .where('id', '=', id)
      .where('status', 'in', UNFINISHED)
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Extends a running job's lease; false when the job is no longer this worker's (cancelled or taken over). */
  async heartbeat(id: string, workerId: string, leaseUntil: number, now: number): Promise<boolean> {
    const r = await this.mine(id, workerId).set({ lease_until: leaseUntil, updated_at: now }).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Records progress (0..1 and a short message); false when the job is no longer this worker's. */
  async progress(id: string, workerId: string, progress: number, message: string | null, now: number): Promise<boolean> {
    const r = await this.mine(id, workerId)
      .set({ progress, progress_message: cut(message, MESSAGE_CHARS), updated_at: now })
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** The job succeeded with `result` (JSON text); false when it was no longer this worker's. */
  async complete(id: string, workerId: string, result: string, end: RunEnd, now: number): Promise<boolean> {
    const r = await this.mine(id, workerId)
      .set({
        status: 'succeeded',
        result,
        error: null,
        progress: 1,
        progress_message: cut(end.progressMessage, MESSAGE_CHARS),
        lease_until: null,
        locked_by: null,
        finished_at: now,
        updated_at: now,
      })
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * The run failed with `error`: queued again for `retryAt` when given (the backoff), else failed for
   * good. False when the job was no longer this worker's.
   */
  async fail(id: string, workerId: string, error: string, retryAt: number | undefined, end: RunEnd, now: number): Promise<boolean> {
    const common = {
      error: cut(error, ERROR_CHARS),
      progress: end.progress,
      progress_message: cut(end.progressMessage, MESSAGE_CHARS),
      lease_until: null,
      locked_by: null,
      updated_at: now,
    };
    const r = await this.mine(id, workerId)
      .set(retryAt === undefined ? { ...common, status: 'failed', finished_at: now } : { ...common, status: 'queued', run_at: retryAt })
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Hands a running job back (the worker is shutting down): queued again now, the attempt not counted. */
  async release(id: string, workerId: string, now: number): Promise<boolean> {
    const r = await this.mine(id, workerId)
      .set((eb) => ({
        status: 'queued',
        run_at: now,
        attempts: eb('attempts', '-', 1),
        lease_until: null,
        locked_by: null,
        updated_at: now,
      }))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Cancels a queued or running job; `changed` is false when it had already finished (or does not exist). */
  async cancel(id: string, now: number): Promise<{ record: JobRecord | undefined; changed: boolean }> {
    const row = await this.db
      .updateTable('jobs')
      .set({ status: 'cancelled', lease_until: null, locked_by: null, finished_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', UNFINISHED)
      .returningAll()
      .executeTakeFirst();
    if (row) return { record: toRecord(row), changed: true };
    return { record: await this.get(id), changed: false };
  }

  /** Fails a job that is not finished yet (BullMQ gave up on it: its worker stalled too often). */
  async failUnfinished(id: string, error: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('jobs')
      .set({ status: 'failed', error: cut(error, ERROR_CHARS), lease_until: null, locked_by: null, finished_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', UNFINISHED)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * A running job whose worker went away waits again (BullMQ noticed the stall and will run it again);
   * only once its lease ran out, so a worker that already took it over keeps it.
   */
  async requeueRunning(id: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('jobs')
      .set({ status: 'queued', lease_until: null, locked_by: null, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('lease_until', '<', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** The workers holding running jobs (to find the ones of processes that died on this machine). */
  async runningLocks(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .select('locked_by')
      .distinct()
      .where('status', '=', 'running')
      .where('locked_by', 'is not', null)
      .execute();
    return rows.map((r) => r.locked_by).filter((l): l is string => l !== null);
  }

  /** Ends the leases of these workers now: their running jobs may be claimed at once. */
  async expireLeases(workerIds: readonly string[], now: number): Promise<number> {
    if (workerIds.length === 0) return 0;
    const r = await this.db
      .updateTable('jobs')
      .set({ lease_until: 0, updated_at: now })
      .where('status', '=', 'running')
      .where('locked_by', 'in', workerIds)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Whether a job of this type is waiting to run (a schedule then skips its turn). */
  async hasQueued(name: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', 'queued')
      .where('name', '=', name)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Deletes up to `limit` finished jobs that finished before `before`; returns how many. */
  async deleteFinishedBefore(before: number, limit: number): Promise<number> {
    const old = this.db.selectFrom('jobs').select('id').where('status', 'in', FINISHED).where('finished_at', '<', before).limit(limit);
    const r = await this.db.deleteFrom('jobs').where('id', 'in', old).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /**
   * A random id of this database, made once: the processes that share the database are one deployment
   * and share its Redis queues (their key prefix carries it); another deployment on the same Redis,
   * with its own database, gets queues of its own instead of taking this one's jobs.
   */
  async deploymentId(): Promise<string> {
    await this.db
      .insertInto('settings')
      .values({ key: DEPLOYMENT_KEY, value: randomBytes(6).toString('hex'), updated_at: Date.now() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', DEPLOYMENT_KEY).executeTakeFirstOrThrow();
    return row.value;
  }

  private mine(id: string, workerId: string) {
    return this.db.updateTable('jobs').where('id', '=', id).where('locked_by', '=', workerId).where('status', '=', 'running');
  }
}
