import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DbJobQueue } from '../../src/jobs/db-job-queue.js';
import { JobStopped } from '../../src/jobs/job-run.js';
import { JobInputError, PermanentJobError, type JobContext, type JobRecord } from '../../src/jobs/job-types.js';
import { JobRepository } from '../../src/store/job-repository.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { openTestDatabase, postgresAvailable } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';

const pgUp = await postgresAvailable();

/** Short leases and polls: a lost worker is noticed within a second. */
const FAST = { leaseMs: 600, pollMs: 20 };

describe.each(['sqlite', 'postgres'] as const)('the job queue on %s', (dialect) => {
  const skip = dialect === 'postgres' && !pgUp;
  let db: OpenedDatabase & { location: string };
  const queues: DbJobQueue[] = [];
  const extraDbs: OpenedDatabase[] = [];
  let n = 0;
  /** A queue name of its own per test: the table is shared by the file's tests. */
  const qname = () => `q${++n}`;

  const newQueue = (database: OpenedDatabase = db, opts: Partial<ConstructorParameters<typeof DbJobQueue>[1]> = {}) => {
    const q = new DbJobQueue(new JobRepository(database.db), { ...FAST, ...opts });
    queues.push(q);
    return q;
  };

  beforeAll(async () => {
    if (!skip) db = await openTestDatabase(mkdtempSync(join(tmpdir(), 'baimo-jobs-')), dialect);
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.close(200)));
    await Promise.all(extraDbs.splice(0).map((d) => d.close().catch(() => undefined)));
  });
  afterAll(async () => {
    await db?.close();
  });

  it.skipIf(skip)('enqueue → a worker runs it → succeeded, with its result', async () => {
    const queue = qname();
    const q = newQueue();
    const seen: Array<JobContext<{ n: number }>> = [];
    q.register({
      queue,
      name: 'math.double',
      input: z.object({ n: z.number() }).strict(),
      handler: async (ctx: JobContext<{ n: number }>) => {
        seen.push(ctx);
        return { doubled: ctx.input.n * 2 };
      },
    });
    await q.startWorkers();
    const job = await q.enqueue('math.double', { n: 21 }, { createdBy: 'test' });
    expect(job).toMatchObject({ status: 'queued', queue, name: 'math.double', input: { n: 21 }, attempts: 0, maxAttempts: 3 });
    const done = await waitFor(async () => {
      const j = await q.get(job.id);
      return j?.status === 'succeeded' ? j : undefined;
    });
    expect(done).toMatchObject({ result: { doubled: 42 }, progress: 1, attempts: 1, error: null, createdBy: 'test', lockedBy: null });
    expect(done.startedAt).toBeGreaterThanOrEqual(job.createdAt);
    expect(done.finishedAt).toBeGreaterThanOrEqual(done.startedAt!);
    expect(seen.map((c) => [c.id, c.attempt])).toEqual([[job.id, 1]]);
    // Input is checked on enqueue; unknown types and ids are refused.
    await expect(q.enqueue('math.double', { n: 'x' })).rejects.toBeInstanceOf(JobInputError);
    await expect(q.enqueue('nope.nothing', {})).rejects.toThrow(/No job type/);
    await expect(q.enqueue('math.double', { n: 1 }, { id: 'not a job id' })).rejects.toBeInstanceOf(JobInputError);
    // The same id twice is one job.
    const a = await q.enqueue('math.double', { n: 1 }, { id: 'job_once' });
    const b = await q.enqueue('math.double', { n: 2 }, { id: 'job_once' });
    expect(b.id).toBe(a.id);
    expect(b.input).toEqual({ n: 1 });
  });

  it.skipIf(skip)('progress is visible through get while the job runs, and is kept at the end', async () => {
    const queue = qname();
    const q = newQueue();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    q.register({
      queue,
      name: 'slow.steps',
      handler: async ({ progress }) => {
        progress(0.1, 'starting');
        for (let i = 0; i < 50; i++) progress(0.1 + i / 100); // a burst: throttled, the last value wins
        progress(0.5, 'half way');
        await gate;
        return 'ok';
      },
    });
    await q.startWorkers([queue]);
    const job = await q.enqueue('slow.steps');
    const mid = await waitFor(async () => {
      const j = await q.get(job.id);
      return j?.progress === 0.5 ? j : undefined;
    });
    expect(mid).toMatchObject({ status: 'running', progressMessage: 'half way' });
    expect(mid.leaseUntil).toBeGreaterThan(Date.now());
    release();
    const done = await waitFor(async () => {
      const j = await q.get(job.id);
      return j?.status === 'succeeded' ? j : undefined;
    });
    expect(done).toMatchObject({ progress: 1, progressMessage: 'half way', result: 'ok' });
  });

  it.skipIf(skip)('a failing job is retried with exponential backoff, then fails for good', async () => {
    const queue = qname();
    const q = newQueue();
    const starts: number[] = [];
    q.register({
      queue,
      name: 'flaky.always',
      maxAttempts: 3,
      backoffMs: 150,
      handler: async () => {
        starts.push(Date.now());
        throw new Error('upstream said no (key sk-live-abcdefghijklmnop)');
      },
    });
    q.register({
      queue,
      name: 'flaky.permanent',
      maxAttempts: 5,
      handler: async () => {
        throw new PermanentJobError('bad input, retrying cannot help');
      },
    });
    await q.startWorkers();
    const job = await q.enqueue('flaky.always');
    const failed = await waitFor(
      async () => {
        const j = await q.get(job.id);
        return j?.status === 'failed' ? j : undefined;
      },
      { timeoutMs: 8_000 },
    );
    expect(starts).toHaveLength(3);
    expect(failed.attempts).toBe(3);
    expect(failed.error).toMatch(/upstream said no/);
    expect(failed.error).not.toContain('abcdefghijklmnop'); // secrets are masked in stored errors
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(150);
    expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(300);
    const permanent = await q.enqueue('flaky.permanent');
    const p = await waitFor(async () => {
      const j = await q.get(permanent.id);
      return j?.status === 'failed' ? j : undefined;
    });
    expect(p).toMatchObject({ attempts: 1, error: 'bad input, retrying cannot help' });
  });

  it.skipIf(skip)('runs at most `concurrency` jobs of a queue at once; other queues run beside it', async () => {
    const busy = qname();
    const other = qname();
    const q = newQueue(db, { concurrency: { [busy]: 2 } });
    let running = 0;
    let most = 0;
    let otherRanWhileBusy = false;
    q.register({
      queue: busy,
      name: 'busy.sleep',
      concurrency: 5, // the config's value wins
      handler: async () => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 120));
        running--;
      },
    });
    q.register({
      queue: other,
      name: 'other.ping',
      handler: async () => {
        otherRanWhileBusy = running > 0;
      },
    });
    await q.startWorkers();
    const jobs: JobRecord[] = [];
    for (let i = 0; i < 6; i++) jobs.push(await q.enqueue('busy.sleep'));
    await waitFor(() => running > 0 || undefined);
    const ping = await q.enqueue('other.ping');
    await waitFor(async () => {
      const all = await Promise.all([...jobs, ping].map((j) => q.get(j.id)));
      return all.every((j) => j?.status === 'succeeded') || undefined;
    });
    expect(most).toBe(2);
    expect(otherRanWhileBusy).toBe(true);
  });

  it.skipIf(skip)('cancel: a queued job never runs; a running one sees its signal abort; a finished one stays', async () => {
    const queue = qname();
    const q = newQueue();
    const ran: string[] = [];
    let reason: unknown;
    q.register({
      queue,
      name: 'c.work',
      handler: async ({ id, input, signal }) => {
        ran.push(id);
        if ((input as { wait?: boolean }).wait) {
          await new Promise((_, reject) =>
            signal.addEventListener('abort', () => {
              reason = signal.reason;
              reject(signal.reason);
            }),
          );
        }
        return 'done';
      },
      input: z.object({ wait: z.boolean().optional() }),
    });
    const early = await q.enqueue('c.work', {});
    expect((await q.cancel(early.id))?.status).toBe('cancelled');
    await q.startWorkers();
    const running = await q.enqueue('c.work', { wait: true });
    await waitFor(() => ran.includes(running.id) || undefined);
    const cancelled = await q.cancel(running.id);
    expect(cancelled?.status).toBe('cancelled');
    await waitFor(() => reason !== undefined || undefined);
    expect(reason).toBeInstanceOf(JobStopped);
    expect((reason as JobStopped).reason).toBe('cancelled');
    // The worker is free again and the cancelled job never ran.
    const after = await q.enqueue('c.work', {});
    const done = await waitFor(async () => {
      const j = await q.get(after.id);
      return j?.status === 'succeeded' ? j : undefined;
    });
    expect(ran).not.toContain(early.id);
    expect((await q.get(running.id))?.status).toBe('cancelled');
    expect((await q.cancel(done.id))?.status).toBe('succeeded');
    expect(await q.cancel('job_unknown')).toBeUndefined();
  });

  it.skipIf(skip)('a claimed job whose worker stops renewing its lease is claimed again by another process', async () => {
    const queue = qname();
    // "Process" A has its own connection to the database, which it loses mid-job (as a dead process would).
    const dbA = await openDatabase(db.location);
    extraDbs.push(dbA);
    const a = newQueue(dbA);
    const b = newQueue(db);
    let aStarted = false;
    a.register({
      queue,
      name: 'lease.work',
      handler: async () => {
        aStarted = true;
        await new Promise(() => undefined); // never finishes
      },
    });
    const ranByB: number[] = [];
    let bRanAt = 0;
    b.register({
      queue,
      name: 'lease.work',
      handler: async ({ attempt }) => {
        ranByB.push(attempt);
        bRanAt = Date.now();
        return 'finished by b';
      },
    });
    await a.startWorkers();
    const job = await a.enqueue('lease.work');
    await waitFor(() => aStarted || undefined);
    const claimed = await b.get(job.id);
    expect(claimed).toMatchObject({ status: 'running', lockedBy: a.workerId, attempts: 1 });
    await dbA.close(); // A can no longer renew its lease
    const closedAt = Date.now();
    await b.startWorkers();
    const done = await waitFor(
      async () => {
        const j = await b.get(job.id);
        return j?.status === 'succeeded' ? j : undefined;
      },
      { timeoutMs: 5_000 },
    );
    expect(done).toMatchObject({ attempts: 2, result: 'finished by b' });
    expect(ranByB).toEqual([2]);
    // Not before A's lease ran out (renewed every 200 ms for 600 ms).
    expect(bRanAt - closedAt).toBeGreaterThanOrEqual(300);
  });

  it.skipIf(skip)('a schedule enqueues one job per period for all replicas together', async () => {
    const queue = qname();
    const runs: string[] = [];
    for (const q of [newQueue(), newQueue()]) {
      q.register({
        queue,
        name: 'tick.tock',
        handler: async ({ id }) => {
          runs.push(id);
        },
      });
      q.schedule({ name: 'tick.tock', everyMs: 60_000, firstDelayMs: 10 });
      await q.startWorkers();
    }
    await waitFor(() => runs.length > 0 || undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatch(/^job_tick_tock_\d+$/);
    const listed = await queues[0].list({ queue, limit: 10 });
    expect(listed.jobs.map((j) => [j.id, j.status, j.createdBy])).toEqual([[runs[0], 'succeeded', 'system']]);
  });
});
