import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DbJobQueue } from '../../src/jobs/db-job-queue.js';
import { JobRepository } from '../../src/store/job-repository.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { waitFor } from '../helpers/wait-for.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/blocking-worker.ts', import.meta.url));

/**
 * "An unfinished job resumes": a real worker process claims a job on the embedded SQLite file and is
 * killed with SIGKILL mid-job. The queue opened again finds the job still `running` under a lease held
 * by a dead process of this machine, claims it at once (without waiting out the 60 s lease), and runs
 * it to success, the interrupted run counted as the first attempt.
 */
describe('a job interrupted by a crash', () => {
  const dbs: OpenedDatabase[] = [];
  const queues: DbJobQueue[] = [];
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close(200)));
    await Promise.all(dbs.map((d) => d.close()));
  });

  it('runs again to success after the worker process is killed with SIGKILL', { timeout: 60_000 }, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'baimo-crash-')), 'baimo.db');
    const db = await openDatabase(file);
    dbs.push(db);
    const repo = new JobRepository(db.db);
    const producer = new DbJobQueue(repo, { leaseMs: 60_000, pollMs: 20 });
    queues.push(producer);
    producer.register({ queue: 'crash', name: 'crash.work', handler: async () => undefined });
    const job = await producer.enqueue('crash.work');

    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await waitFor(() => out.includes(`started ${job.id} 1`) || undefined, {
      timeoutMs: 30_000,
      what: `the worker to start (stderr: ${err})`,
    });
    const running = await waitFor(async () => {
      const j = await repo.get(job.id);
      return j?.progress === 0.3 ? j : undefined;
    });
    expect(running).toMatchObject({ status: 'running', attempts: 1, progressMessage: 'working' });
    expect(running?.lockedBy).toContain(`:${child.pid}:`);
    expect(running!.leaseUntil!).toBeGreaterThan(Date.now() + 30_000);

    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect((await repo.get(job.id))?.status).toBe('running'); // nobody finished it

    // The restart: the same file, a new queue with the real handler.
    const resumed: number[] = [];
    const restarted = new DbJobQueue(repo, { leaseMs: 60_000, pollMs: 20 });
    queues.push(restarted);
    restarted.register({
      queue: 'crash',
      name: 'crash.work',
      handler: async ({ attempt }) => {
        resumed.push(attempt);
        return { resumed: true };
      },
    });
    const started = Date.now();
    await restarted.startWorkers();
    const done = await waitFor(async () => {
      const j = await repo.get(job.id);
      return j?.status === 'succeeded' ? j : undefined;
    });
    expect(Date.now() - started).toBeLessThan(10_000); // not the 60 s lease
    expect(done).toMatchObject({ attempts: 2, result: { resumed: true }, lockedBy: null });
    expect(resumed).toEqual([2]);
  });
});
