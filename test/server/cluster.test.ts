import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, chat, createKey } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/redis-available.js';
import { writeTestConfig, type TestBaimo } from '../helpers/start-baimo.js';
import { freshDatabase, postgresAvailable } from '../helpers/test-database.js';
import { spawnBaimo, type SpawnedBaimo } from '../security/load/spawn-baimo.js';

// The cluster mode as deployed: two `baimo serve --no-workers` replicas and one `baimo worker`, each its
// own process, on one PostgreSQL and one Redis. What a load balancer spreads over A and B must behave as
// one gateway: one RPM limit, one budget, one configuration, one job queue.

// The fake answers with 7 prompt + 5 completion tokens; fake/m1 costs 1000 CNY in / 2000 CNY out per
// million tokens, so one answer costs exactly 0.017 CNY.
const COST = 0.017;

const ready = (await postgresAvailable()) && (await redisAvailable());
let fake: FakeUpstream;
let a: SpawnedBaimo;
let b: SpawnedBaimo;
let worker: SpawnedBaimo;
let dropDatabase: () => Promise<void> = async () => undefined;
const as = (s: SpawnedBaimo): TestBaimo => ({ url: s.url, baseURL: `${s.url}/v1` }) as TestBaimo;

beforeAll(async () => {
  if (!ready) return;
  fake = await startFakeOpenAI();
  const pg = freshDatabase(tmpdir(), 'postgres');
  dropDatabase = pg.drop;
  const shared = writeTestConfig({
    database: pg.location,
    redis_url: TEST_REDIS_URL,
    providers: { fake: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] }],
    prices: [{ model: 'fake/m1', input: 1000, output: 2000, currency: 'CNY' }],
    logging: { level: 'silent', flush_ms: 20 },
    // Retention has work to report (and a job to run); nothing is old enough to delete.
    retention: { request_logs_days: 365, bodies_days: 30, purge_interval_minutes: 600 },
  });
  // The replicas start together: migrations run once under PostgreSQL's advisory lock, the others wait.
  [a, b] = await Promise.all([
    spawnBaimo({}, {}, { args: ['serve', '--no-workers'], shared }),
    spawnBaimo({}, {}, { args: ['serve', '--no-workers'], shared }),
  ]);
  worker = await spawnBaimo({}, {}, { args: ['worker'], shared });
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close(), worker?.close()]);
  await fake?.close();
  await dropDatabase().catch(() => undefined);
});

describe.runIf(ready)('two gateway replicas and a worker on one PostgreSQL and Redis', () => {
  it('both replicas and the worker started on the shared database, the replicas without workers', () => {
    expect(a.stderr()).toMatch(/listening on/);
    expect(b.stderr()).toMatch(/listening on/);
    expect(worker.stderr()).toMatch(/worker/i);
  });

  it('RPM is one limit across replicas: 12 of 24 requests spread over A and B get through', async () => {
    const { key } = await createKey(as(a), { rpm: 12 });
    const all = await Promise.all(Array.from({ length: 24 }, (_, i) => chat(as(i % 2 ? b : a), key, { model: 'chat' })));
    expect(all.filter((r) => r.status === 200)).toHaveLength(12);
    expect(all.filter((r) => r.status === 429).every((r) => r.body.error.code === 'rate_limit_exceeded')).toBe(true);
  });

  it('a budget under concurrent load on both replicas is overspent by at most the calls in flight', async () => {
    const budget = 0.05;
    const { key, id } = await createKey(as(b), { budget, budget_period: 'total' });
    fake.queue.push(...Array.from({ length: 24 }, () => ({ kind: 'text' as const, text: 'slow answer', delayMs: 150 })));
    const all = await Promise.all(Array.from({ length: 24 }, (_, i) => chat(as(i % 2 ? b : a), key, { model: 'chat' })));
    fake.queue.length = 0;
    const ok = all.filter((r) => r.status === 200).length;
    const refused = all.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.body.error.code === 'insufficient_quota')).toBe(true);
    // Admission reserves each call's prompt (≈0.008 CNY): at most ceil(0.05 / 0.008) = 7 calls are admitted at once.
    expect(ok).toBeLessThanOrEqual(7);
    // What was spent, as both replicas logged it into the shared rollups.
    let spent = 0;
    for (let i = 0; i < 50; i++) {
      const r = await api(as(a), 'GET', `/api/usage?group_by=key&key_id=${id}`);
      spent = (r.body.data as Array<{ cost_cny: number }>).reduce((s, x) => s + x.cost_cny, 0);
      if (Math.abs(spent - ok * COST) < 1e-9) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(spent).toBeCloseTo(ok * COST, 6);
    expect(spent - budget).toBeLessThanOrEqual(ok * COST);
    // And it stays spent on both replicas.
    expect((await chat(as(a), key, { model: 'chat' })).status).toBe(429);
    expect((await chat(as(b), key, { model: 'chat' })).status).toBe(429);
  });

  it('an alias created through replica A answers on replica B within 1 s', async () => {
    const { key } = await createKey(as(a), {});
    const name = `alias-${Date.now()}`;
    expect((await chat(as(b), key, { model: name })).status).toBe(404);
    const created = await api(as(a), 'PUT', `/api/models/${name}`, { targets: [{ provider: 'fake', model: 'm1' }] });
    expect(created.status).toBeLessThan(300);
    const t0 = Date.now();
    let status = 0;
    while (Date.now() - t0 < 3000) {
      status = (await chat(as(b), key, { model: name })).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('a job enqueued through A is run by the worker, and B reads its progress and result', async () => {
    const queued = await api(as(a), 'POST', '/api/jobs', { name: 'retention.purge' });
    expect(queued.status).toBe(202);
    const id = queued.body.id as string;
    let job: Record<string, unknown> = {};
    const t0 = Date.now();
    while (Date.now() - t0 < 15_000) {
      const r = await api(as(b), 'GET', `/api/jobs/${id}`);
      expect(r.status).toBe(200);
      job = r.body;
      if (job.status === 'succeeded' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job).toMatchObject({ id, status: 'succeeded', progress: 1 });
    expect(job.result).toBeTruthy();
  });
});
