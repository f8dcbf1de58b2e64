import { createServer } from 'node:net';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullJobQueue, redisConnection } from '../../src/jobs/bull-job-queue.js';
import { api, login, type Caller } from '../helpers/admin-api.js';
import { logRow } from '../helpers/log-row.js';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/redis-available.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';

const DAY = 86_400_000;
let baimo: TestBaimo;
let gateway: TestBaimo | undefined;
const ids: Record<string, string> = {};
let memberA: Caller;

/** Polls GET /api/jobs/{id} until the job has finished. */
async function finished(server: TestBaimo, id: string) {
  return waitFor(
    async () => {
      const r = await api(server, 'GET', `/api/jobs/${id}`);
      return ['succeeded', 'failed', 'cancelled'].includes(r.body.status) ? r.body : undefined;
    },
    { timeoutMs: 15_000, what: `job ${id} to finish` },
  );
}

beforeAll(async () => {
  baimo = await startBaimo({ jobs: { poll_ms: 50 }, retention: { request_logs_days: 90, bodies_days: 30 } });
  for (const t of ['A', 'B']) ids[`ws${t}`] = (await api(baimo, 'POST', '/api/workspaces', { name: `jobs ${t}` })).body.id;
  const user = await api(baimo, 'POST', '/api/users', {
    email: 'member-a@example.cn',
    name: 'member a',
    password: 'correct horse battery',
    workspaces: [{ id: ids.wsA, role: 'member' }],
  });
  expect(user.status).toBe(201);
  memberA = await login(baimo, 'member-a@example.cn', 'correct horse battery');
  // A job type of one workspace, registered the way a feature registers its types.
  baimo.runtime.jobs.register({ queue: 'reports', name: 'report.build', handler: async ({ input }) => ({ built: input }) });
  for (const t of ['A', 'B'])
    ids[`job${t}`] = (await baimo.runtime.jobs.enqueue('report.build', {}, { workspaceId: ids[`ws${t}`], createdBy: 'test' })).id;
});
afterAll(async () => {
  await baimo?.close();
  await gateway?.close();
});

describe('the jobs API', () => {
  it('POST /api/jobs retention.purge → 202; GET /api/jobs/{id} until succeeded, with progress and the purge’s result', async () => {
    const now = Date.now();
    await baimo.runtime.logs.insertMany([
      logRow({ id: 'req_old_1', created_at: now - 100 * DAY }),
      logRow({ id: 'req_old_2', created_at: now - 95 * DAY }),
      logRow({ id: 'req_new', created_at: now - 1_000 }),
    ]);
    const r = await api(baimo, 'POST', '/api/jobs', { name: 'retention.purge' });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ object: 'job', name: 'retention.purge', queue: 'maintenance', workspace_id: null, created_by: 'admin' });
    expect(r.body.id).toMatch(/^job_/);
    const job = await finished(baimo, r.body.id);
    expect(job).toMatchObject({ status: 'succeeded', progress: 1, attempts: 1, error: null });
    expect(job.progress_message).toMatch(/deleted 2 request logs/);
    expect(job.result).toMatchObject({ deleted_logs: 2, cleared_bodies: 0 });
    expect(Date.parse(job.result.logs_before)).toBeCloseTo(now - 90 * DAY, -5);
    expect(Date.parse(job.finished_at)).toBeGreaterThanOrEqual(Date.parse(job.started_at));
    expect((await baimo.runtime.logs.get('req_old_1')) ?? undefined).toBeUndefined();
    expect(await baimo.runtime.logs.get('req_new')).toBeTruthy();
    // The manual run is audited by the purge itself and by the API call.
    await baimo.runtime.compliance.audit.flush();
    const purge = await api(baimo, 'GET', '/api/audit?action=retention.purge');
    expect(purge.body.data[0].detail).toMatchObject({ manual: true, deleted_logs: 2 });
    const created = await api(baimo, 'GET', '/api/audit?action=job.create');
    expect(created.body.data[0]).toMatchObject({ target_id: r.body.id });
    // It is in the list, newest first.
    const list = await api(baimo, 'GET', '/api/jobs?name=retention.purge&limit=5');
    expect(list.body.data[0]).toMatchObject({ id: r.body.id, status: 'succeeded' });
  });

  it('404 for an unknown id', async () => {
    const r = await api(baimo, 'GET', '/api/jobs/job_doesnotexist');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    expect((await api(baimo, 'POST', '/api/jobs/job_doesnotexist/cancel')).status).toBe(404);
  });

  it('a workspace member sees their workspace’s jobs only; instance jobs and other workspaces’ are not found', async () => {
    const own = await api(baimo, 'GET', `/api/jobs/${ids.jobA}`, undefined, memberA);
    expect(own.status).toBe(200);
    expect(own.body.workspace_id).toBe(ids.wsA);
    const other = await api(baimo, 'GET', `/api/jobs/${ids.jobB}`, undefined, memberA);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain(ids.wsB);
    const list = await api(baimo, 'GET', '/api/jobs', undefined, memberA);
    expect(list.status).toBe(200);
    expect(list.body.data.map((j: { id: string }) => j.id)).toEqual([ids.jobA]);
    expect((await api(baimo, 'GET', `/api/jobs?workspace_id=${ids.wsB}`, undefined, memberA)).status).toBe(404);
    const purge = (await api(baimo, 'GET', '/api/jobs?name=retention.purge')).body.data[0];
    expect((await api(baimo, 'GET', `/api/jobs/${purge.id}`, undefined, memberA)).status).toBe(404);
    // Members cannot start instance jobs, nor cancel other workspaces' ones.
    expect((await api(baimo, 'POST', '/api/jobs', { name: 'retention.purge' }, memberA)).status).toBe(403);
    expect((await api(baimo, 'POST', `/api/jobs/${ids.jobB}/cancel`, undefined, memberA)).status).toBe(404);
    // The admin sees both workspaces' jobs.
    const all = (await api(baimo, 'GET', '/api/jobs?name=report.build')).body.data.map((j: { id: string }) => j.id);
    expect(all.sort()).toEqual([ids.jobA, ids.jobB].sort());
    // Paging: one per page, the cursor leads to the next.
    const first = await api(baimo, 'GET', '/api/jobs?name=report.build&limit=1');
    const second = await api(baimo, 'GET', `/api/jobs?name=report.build&limit=1&cursor=${first.body.next_cursor}`);
    expect([first.body.data[0].id, second.body.data[0].id].sort()).toEqual([ids.jobA, ids.jobB].sort());
    expect(second.body.next_cursor).toBeNull();
  });

  it('400 on bad input', async () => {
    const bad = async (body: unknown, param: string) => {
      const r = await api(baimo, 'POST', '/api/jobs', body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.param).toBe(param);
    };
    await bad({}, 'name');
    await bad({ name: 'x'.repeat(101) }, 'name');
    await bad({ name: 'no.such.type' }, 'name');
    await bad({ name: 'report.build' }, 'name'); // registered, but not startable by hand
    await bad({ name: 'retention.purge', input: { bogus: 1 } }, 'input');
    await bad({ name: 'retention.purge', workspace_id: ids.wsA }, 'workspace_id');
    for (const q of ['limit=0', 'limit=101', 'status=stuck', 'cursor=%%%'])
      expect((await api(baimo, 'GET', `/api/jobs?${q}`)).status, q).toBe(400);
  });

  it('API keys cannot use the jobs API', async () => {
    const key = await api(baimo, 'POST', `/api/workspaces/${ids.wsA}/keys`, { name: 'k' });
    const caller = { token: key.body.key as string };
    expect((await api(baimo, 'GET', '/api/jobs', undefined, caller)).status).toBe(403);
    expect((await api(baimo, 'GET', `/api/jobs/${ids.jobA}`, undefined, caller)).status).toBe(403);
  });

  it('serve --no-workers (a pure gateway) takes jobs but leaves them queued; cancel works there', async () => {
    gateway = await startBaimo({ jobs: { poll_ms: 50 } }, {}, { workers: false });
    expect(gateway.runtime.jobs.working).toBe(false);
    const r = await api(gateway, 'POST', '/api/jobs', { name: 'retention.purge' });
    expect(r.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const still = await api(gateway, 'GET', `/api/jobs/${r.body.id}`);
    expect(still.body).toMatchObject({ status: 'queued', attempts: 0, started_at: null });
    const cancelled = await api(gateway, 'POST', `/api/jobs/${r.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect(cancelled.body.finished_at).not.toBeNull();
    // Cancelling a finished job changes nothing.
    expect((await api(gateway, 'POST', `/api/jobs/${r.body.id}/cancel`)).body.status).toBe('cancelled');
  });
});

const redisUp = await redisAvailable(); // prints why when it is not

describe.runIf(redisUp)('the jobs API with redis_url (BullMQ)', () => {
  it('POST /api/jobs → worked through BullMQ → GET /api/jobs/{id} shows it succeeded', async () => {
    const server = await startBaimo({ redis_url: TEST_REDIS_URL, jobs: { poll_ms: 50 } });
    let prefix: string | undefined;
    try {
      expect(server.runtime.jobs.mode).toBe('redis');
      prefix = await (server.runtime.jobs as BullJobQueue).redisPrefix();
      const r = await api(server, 'POST', '/api/jobs', { name: 'retention.purge' });
      expect(r.status).toBe(202);
      const job = await finished(server, r.body.id);
      expect(job).toMatchObject({ status: 'succeeded', progress: 1, attempts: 1, result: { deleted_logs: 0 } });
    } finally {
      await server.close();
      if (prefix) {
        const q = new Queue('maintenance', { connection: redisConnection(TEST_REDIS_URL), prefix });
        await q.obliterate({ force: true }).catch(() => undefined);
        await q.close();
      }
    }
  });
});

describe('the jobs API when the job queue (Redis) is down', () => {
  it('POST /api/jobs answers 503 job_queue_unavailable, and the job is not left queued', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const server = await startBaimo({ redis_url: `redis://127.0.0.1:${port}`, retention: { request_logs_days: 90 } });
    try {
      const r = await api(server, 'POST', '/api/jobs', { name: 'retention.purge' });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('job_queue_unavailable');
      const list = await api(server, 'GET', '/api/jobs');
      expect(list.status).toBe(200);
      expect((list.body.data as Array<{ status: string }>).filter((j) => j.status === 'queued')).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
