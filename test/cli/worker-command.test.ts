import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbJobQueue } from '../../src/jobs/db-job-queue.js';
import { JobRepository } from '../../src/store/job-repository.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { waitFor } from '../helpers/wait-for.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'src/cli/main.ts');
const ENV = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'en_US.UTF-8', BAIMO_MASTER_KEY: '1'.repeat(64) };

/** `baimo worker` from the sources, as `node --import tsx src/cli/main.ts worker …`. */
function worker(args: string[]): { child: ChildProcessWithoutNullStreams; out: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', ...args], { cwd: ROOT, env: ENV });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, exit };
}

let dir: string;
let configPath: string;
let db: OpenedDatabase;
let repo: JobRepository;
/** Enqueues like a gateway replica would (it knows the type; it runs no workers). */
let producer: DbJobQueue;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baimo-worker-'));
  configPath = join(dir, 'baimo.yaml');
  const database = join(dir, 'baimo.db');
  writeFileSync(
    configPath,
    stringify({ database, discover_env: false, logging: { level: 'silent' }, jobs: { poll_ms: 50 }, shutdown_timeout_s: 5 }),
  );
  db = await openDatabase(database);
  repo = new JobRepository(db.db);
  producer = new DbJobQueue(repo, { leaseMs: 30_000, pollMs: 50 });
  producer.register({ queue: 'maintenance', name: 'retention.purge', handler: async () => undefined });
});
afterAll(async () => {
  await producer?.close();
  await db?.close();
});

const succeeded = (id: string) =>
  waitFor(
    async () => {
      const j = await repo.get(id);
      return j?.status === 'succeeded' ? j : undefined;
    },
    { timeoutMs: 30_000, what: `job ${id} to succeed` },
  );

describe('baimo worker', () => {
  it('works jobs enqueued before and after it started, and drains on SIGTERM with exit code 0', { timeout: 90_000 }, async () => {
    const before = await producer.enqueue('retention.purge', {}, { createdBy: 'test' });
    const w = worker(['--config', configPath, '--queues', 'maintenance']);
    try {
      const done = await succeeded(before.id);
      expect(done.result).toMatchObject({ deleted_logs: 0, cleared_bodies: 0 });
      expect(done.lockedBy).toBeNull();
      expect(w.out()).toMatch(/worker started: queues maintenance \(database queue\)/);
      const after = await producer.enqueue('retention.purge');
      await succeeded(after.id);
    } finally {
      w.child.kill('SIGTERM');
    }
    expect(await w.exit).toBe(0);
    expect(w.out()).toContain('worker stopped');
  });

  it('refuses an unknown queue with exit code 2', { timeout: 60_000 }, async () => {
    const w = worker(['--config', configPath, '--queues', 'maintenance,nope']);
    expect(await w.exit).toBe(2);
    expect(w.out()).toContain('unknown job queue: nope (known: analytics, eval, knowledge, maintenance)');
  });
});
