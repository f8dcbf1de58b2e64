import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BullJobQueue, redisConnection } from '../../src/jobs/bull-job-queue.js';
import { JobStopped } from '../../src/jobs/job-run.js';
import type { JobRecord, JobType } from '../../src/jobs/job-types.js';
import { JobRepository } from '../../src/store/job-repository.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/redis-available.js';
import { waitFor } from '../helpers/wait-for.js';

const redisUp = await redisAvailable();

/**
 * The job queue with `redis_url`: BullMQ dispatches, two "replicas" share Redis and the database (two
 * connections to one SQLite file). Replica A only enqueues and reads; replica B works.
 */
describe.runIf(redisUp)('the job queue on BullMQ (Redis)', () => {
  const prefix = `bmtest${randomBytes(4).toString('hex')}`;
  let dir: string;
  let dbA: OpenedDatabase;
  let dbB: OpenedDatabase;
  const queues: BullJobQueue[] = [];
  let n = 0;
  const qname = () => `bq${++n}`;
  const make = (db: OpenedDatabase, concurrency: Record<string, number> = {}) => {
    const q = new BullJobQueue(new JobRepository(db.db), { redisUrl: TEST_REDIS_URL, prefix, leaseMs: 600, pollMs: 20, concurrency });
    queues.push(q);
    return q;
  };
  /** Both replicas know the same types (as two processes of one release do). */
  const replicas = (types: JobType[], concurrency: Record<string, number> = {}) => {
    const a = make(dbA);
    const b = make(dbB, concurrency);
    for (const t of types) {
      a.register(t);
      b.register(t);
    }
    return { a, b };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'baimo-bull-'));
    dbA = await openDatabase(join(dir, 'baimo.db'));
    dbB = await openDatabase(join(dir, 'baimo.db'));
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.close(500)));
  });
  afterAll(async () => {
    // Leave nothing of this run in Redis.
    const redisPrefix = `${prefix}-${await new JobRepository(dbA.db).deploymentId()}`;
    for (let i = 1; i <= n; i++) {
      const q = new Queue(`bq${i}`, { connection: redisConnection(TEST_REDIS_URL), prefix: redisPrefix });
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
    await dbA?.close();
    await dbB?.close();
  });

  it('one replica enqueues, the other works it: the BullMQ job id is the table id; progress events and the result reach both', async () => {
    const queue = qname();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { a, b } = replicas([
      {
        queue,
        name: 'r.report',
        input: z.object({ title: z.string() }),
        handler: async ({ input, progress }) => {
          progress(0.25, 'collecting');
          await gate;
          progress(0.75, 'rendering');
          await new Promise((r) => setTimeout(r, 300));
          return { title: input.title, pages: 3 };
        },
      },
    ]);
    expect(a.mode).toBe('redis');
    // This deployment's queues: the prefix carries the database's deployment id.
    const redisPrefix = await a.redisPrefix();
    expect(redisPrefix).toMatch(new RegExp(`^${prefix}-[0-9a-f]{12}$`));
    expect(await b.redisPrefix()).toBe(redisPrefix);
    const events = new QueueEvents(queue, { connection: redisConnection(TEST_REDIS_URL), prefix: redisPrefix });
    const progressEvents: unknown[] = [];
    events.on('progress', ({ data }) => progressEvents.push(data));
    await events.waitUntilReady();
    const redisQueue = new Queue(queue, { connection: redisConnection(TEST_REDIS_URL), prefix: redisPrefix });
    try {
      await b.startWorkers([queue]);
      const job = await a.enqueue('r.report', { title: '月报' });
      const inRedis = await redisQueue.getJob(job.id);
      expect(inRedis?.id).toBe(job.id);
      const mid = await waitFor(async () => {
        const j = await a.get(job.id);
        return j?.progress === 0.25 ? j : undefined;
      });
      expect(mid).toMatchObject({ status: 'running', progressMessage: 'collecting', lockedBy: b.workerId, attempts: 1 });
      release();
      const done = await waitFor(async () => {
        const j = await a.get(job.id);
        return j?.status === 'succeeded' ? j : undefined;
      });
      expect(done).toMatchObject({ result: { title: '月报', pages: 3 }, progress: 1, attempts: 1 });
      await waitFor(() => progressEvents.includes(75) || undefined);
      expect(progressEvents).toContain(25);
    } finally {
      await events.close();
      await redisQueue.close();
    }
  });

  it('retries with exponential backoff (BullMQ attempts), then failed in the table', async () => {
    const queue = qname();
    const starts: number[] = [];
    const { a, b } = replicas([
      {
        queue,
        name: 'r.flaky',
        maxAttempts: 3,
        backoffMs: 150,
        handler: async () => {
          starts.push(Date.now());
          throw new Error('not today');
        },
      },
    ]);
    await b.startWorkers();
    const job = await a.enqueue('r.flaky');
    const failed = await waitFor(
      async () => {
        const j = await a.get(job.id);
        return j?.status === 'failed' ? j : undefined;
      },
      { timeoutMs: 8_000 },
    );
    expect(failed).toMatchObject({ attempts: 3, error: 'not today' });
    expect(starts).toHaveLength(3);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(140);
    expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(290);
  });

  it('runs at most the queue’s concurrency at once per worker process', async () => {
    const queue = qname();
    let running = 0;
    let most = 0;
    const { a, b } = replicas(
      [
        {
          queue,
          name: 'r.sleep',
          handler: async () => {
            most = Math.max(most, ++running);
            await new Promise((r) => setTimeout(r, 150));
            running--;
          },
        },
      ],
      { [queue]: 2 },
    );
    const jobs: JobRecord[] = [];
    for (let i = 0; i < 6; i++) jobs.push(await a.enqueue('r.sleep'));
    await b.startWorkers();
    await waitFor(
      async () => {
        const all = await Promise.all(jobs.map((j) => a.get(j.id)));
        return all.every((j) => j?.status === 'succeeded') || undefined;
      },
      { timeoutMs: 8_000 },
    );
    expect(most).toBe(2);
  });

  it('cancel from the other replica: a waiting job never runs, a running one is stopped', async () => {
    const queue = qname();
    const ran: string[] = [];
    let reason: unknown;
    const { a, b } = replicas([
      {
        queue,
        name: 'r.long',
        input: z.object({ wait: z.boolean().optional() }),
        handler: async ({ id, input, signal }) => {
          ran.push(id);
          if (input.wait)
            await new Promise((_, reject) =>
              signal.addEventListener('abort', () => {
                reason = signal.reason;
                reject(signal.reason);
              }),
            );
          return 'done';
        },
      },
    ]);
    const waiting = await a.enqueue('r.long', {});
    expect((await a.cancel(waiting.id))?.status).toBe('cancelled');
    await b.startWorkers();
    const running = await a.enqueue('r.long', { wait: true });
    await waitFor(() => ran.includes(running.id) || undefined);
    expect((await a.cancel(running.id))?.status).toBe('cancelled');
    // B learns it at its next lease renewal (every 200 ms here).
    await waitFor(() => reason !== undefined || undefined);
    expect(reason).toBeInstanceOf(JobStopped);
    const after = await a.enqueue('r.long', {});
    await waitFor(async () => (await a.get(after.id))?.status === 'succeeded' || undefined);
    expect(ran).not.toContain(waiting.id);
    expect((await a.get(running.id))?.status).toBe('cancelled');
  });
});
