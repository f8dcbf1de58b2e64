import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogRow } from '../../src/store/schema.js';
import { api, chat, createKey, login, type Caller } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { logRow } from '../helpers/log-row.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const DEAD_SECRET = 'sk-dead-3b9f1e77-do-not-leak';
const KEYED_SECRET = 'sk-keyed-88c1d2aa-do-not-leak';

let fake: FakeUpstream;
let baimo: TestBaimo;
const ids: Record<string, string> = {};
let ownerA: Caller;
/** Start of the minute the rows were seeded in, minus 5 minutes: the main bucket under test. */
let M5 = 0;

function row(i: number, at: number, over: Partial<RequestLogRow>): RequestLogRow {
  return logRow({
    id: `req_stats_${at}_${i}_${over.model_requested ?? 'chat'}`,
    created_at: at,
    prompt_tokens: 10,
    completion_tokens: 5,
    cost: 0.01,
    currency: 'CNY',
    cost_cny: 0.01,
    latency_ms: 100,
    ...over,
  });
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: {
      fake: { type: 'openai-compatible', base_url: fake.url },
      keyed: { type: 'openai-compatible', base_url: fake.url, api_key: KEYED_SECRET },
      dead: { type: 'openai-compatible', base_url: 'http://127.0.0.1:9/v1', api_key: DEAD_SECRET, models: ['d1'] },
    },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] }],
  });
  for (const t of ['A', 'B']) {
    ids[`ws${t}`] = (await api(baimo, 'POST', '/api/workspaces', { name: `stats ${t}` })).body.id;
    const k = await createKey(baimo, { name: `key ${t}` }, ids[`ws${t}`]);
    ids[`key${t}`] = k.id;
    ids[`secret${t}`] = k.key;
  }
  const u = await api(baimo, 'POST', '/api/users', {
    email: 'stats-a@example.cn',
    name: 'a',
    password: 'correct horse battery',
    workspaces: [{ id: ids.wsA, role: 'viewer' }],
  });
  expect(u.status).toBe(201);
  ownerA = await login(baimo, 'stats-a@example.cn', 'correct horse battery');

  const minute = Math.floor(Date.now() / MINUTE) * MINUTE;
  M5 = minute - 5 * MINUTE;
  const a = { workspace_id: ids.wsA, key_id: ids.keyA };
  const rows: RequestLogRow[] = [];
  // 100 rows of key A five minutes ago: latencies 10 … 1000 ms, every 10th an error, every 25th a
  // cache hit, every other one streamed with TTFT = latency / 2 (10 … 500 ms).
  for (let i = 1; i <= 100; i++) {
    rows.push(
      row(i, M5 + 1_000 + i, {
        ...a,
        latency_ms: i * 10,
        ttft_ms: i % 2 === 0 ? i * 5 : null,
        stream: i % 2 === 0 ? 1 : 0,
        status: i % 10 === 0 ? 500 : 200,
        cache_hit: i % 25 === 0 ? 1 : 0,
      }),
    );
  }
  // 30 slow rows of key B (another workspace and model) twenty minutes ago.
  for (let i = 0; i < 30; i++)
    rows.push(row(i, minute - 20 * MINUTE + 500, { workspace_id: ids.wsB, key_id: ids.keyB, model_requested: 'other', latency_ms: 3_000 }));
  // 5 admin-token rows (no workspace, no key) two minutes ago.
  for (let i = 0; i < 5; i++) rows.push(row(i, minute - 2 * MINUTE, {}));
  // 7 rows of key A three days ago (7d and 30d only), 3 forty days ago (in no range).
  for (let i = 0; i < 7; i++) rows.push(row(i, minute - 3 * DAY, a));
  for (let i = 0; i < 3; i++) rows.push(row(i, minute - 40 * DAY, a));
  // In several batches, as the log writer would send them.
  await baimo.runtime.logs.insertMany(rows.slice(0, 50));
  await baimo.runtime.logs.insertMany(rows.slice(50));
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const overview = (query: string, caller?: Caller) => api(baimo, 'GET', `/api/stats/overview${query}`, undefined, caller);
const bucketAt = (body: any, t: number) => body.series.find((s: { t: string }) => s.t === new Date(t).toISOString());

describe('GET /api/stats/overview', () => {
  it('1h: one-minute buckets with counts, tokens, cost and percentiles from the histograms', async () => {
    const r = await overview('?range=1h');
    expect(r.status).toBe(200);
    expect(r.body.range).toBe('1h');
    expect(r.body.bucket_ms).toBe(MINUTE);
    expect(r.body.series).toHaveLength(60);
    const times = r.body.series.map((s: { t: string }) => Date.parse(s.t));
    expect(times.every((t: number, i: number) => i === 0 || t - times[i - 1] === MINUTE)).toBe(true);
    const b = bucketAt(r.body, M5);
    expect(b).toMatchObject({ requests: 100, errors: 10, cache_hits: 4, prompt_tokens: 960, completion_tokens: 480, cost_cny: 0.96 });
    expect(b.cost_usd).toBeCloseTo(0.96 / 7.2, 6);
    // True p50 500 ms, p95 950 ms; estimates are exact to within the bucket they fall in.
    expect(b.latency_p50_ms).toBeGreaterThanOrEqual(300);
    expect(b.latency_p50_ms).toBeLessThanOrEqual(750);
    expect(Math.abs(b.latency_p50_ms - 500)).toBeLessThanOrEqual(100);
    expect(b.latency_p95_ms).toBeGreaterThanOrEqual(750);
    expect(b.latency_p95_ms).toBeLessThanOrEqual(1_000);
    // TTFT from the 50 streamed rows only: true p50 250 ms, p95 475 ms.
    expect(b.ttft_p50_ms).toBeGreaterThanOrEqual(200);
    expect(b.ttft_p50_ms).toBeLessThanOrEqual(300);
    expect(b.ttft_p95_ms).toBeGreaterThanOrEqual(300);
    expect(b.ttft_p95_ms).toBeLessThanOrEqual(500);
    const empty = bucketAt(r.body, M5 - MINUTE);
    expect(empty).toMatchObject({ requests: 0, latency_p50_ms: null, ttft_p95_ms: null });
    expect(r.body.totals).toMatchObject({ requests: 135, errors: 10, cache_hits: 4 });
    // The 30 slow rows of B (3000 ms, in the 2000-3000 bucket) are 22% of all.
    expect(r.body.totals.latency_p95_ms).toBeGreaterThan(2_000);
    expect(r.body.totals.latency_p95_ms).toBeLessThanOrEqual(3_000);
    expect(r.body.top_models).toEqual([
      { model: 'chat', requests: 105, tokens: 96 * 15 + 5 * 15, cost_cny: 1.01 },
      { model: 'other', requests: 30, tokens: 450, cost_cny: 0.3 },
    ]);
  });

  it('24h, 7d and 30d: 15-minute, hourly and 6-hour buckets over the right rows', async () => {
    const want = { '24h': [15 * MINUTE, 96, 135], '7d': [60 * MINUTE, 168, 142], '30d': [360 * MINUTE, 120, 142] } as const;
    for (const [range, [bucket, n, requests]] of Object.entries(want)) {
      const r = await overview(`?range=${range}`);
      expect(r.status, range).toBe(200);
      expect(r.body.bucket_ms, range).toBe(bucket);
      expect(r.body.series, range).toHaveLength(n);
      expect(r.body.totals.requests, range).toBe(requests);
      expect(
        r.body.series.reduce((s: number, x: { requests: number }) => s + x.requests, 0),
        range,
      ).toBe(requests);
      expect(Date.parse(r.body.series[0].t) % bucket, range).toBe(0);
    }
    expect((await overview('')).body.range).toBe('24h');
  });

  it('is scoped like the logs: a workspace, a key only itself, users only their workspaces', async () => {
    const ws = await overview(`?range=7d&workspace_id=${ids.wsA}`);
    expect(ws.body.totals.requests).toBe(107);
    expect(ws.body.top_models.map((m: { model: string }) => m.model)).toEqual(['chat']);
    const key = await overview('?range=30d', { token: ids.secretA });
    expect(key.status).toBe(200);
    expect(key.body.totals.requests).toBe(107);
    expect(key.body.providers).toEqual([]);
    const keyHour = await overview('?range=1h', { token: ids.secretA });
    expect(bucketAt(keyHour.body, M5).requests).toBe(100);
    expect(keyHour.body.totals.requests).toBe(100);
    expect((await overview(`?range=1h&workspace_id=${ids.wsB}`, { token: ids.secretA })).status).toBe(404);
    const user = await overview('?range=1h', ownerA);
    expect(user.status).toBe(200);
    expect(user.body.totals.requests).toBe(100);
    expect((await overview(`?range=1h&workspace_id=${ids.wsB}`, ownerA)).status).toBe(404);
    const b = await overview(`?range=24h&workspace_id=${ids.wsB}`);
    expect(b.body.totals.requests).toBe(30);
    for (const p of [b.body.totals.latency_p50_ms, b.body.totals.latency_p95_ms]) {
      expect(p).toBeGreaterThan(2_000);
      expect(p).toBeLessThanOrEqual(3_000);
    }
  });

  it('rejects an unknown range with a 400 naming it', async () => {
    for (const q of ['?range=2d', '?range=', '?range=1H']) {
      const r = await overview(q);
      expect(r.status, q).toBe(400);
      expect(r.body.error.param).toBe('range');
    }
    expect((await api(baimo, 'GET', '/api/stats/overview', undefined, null)).status).toBe(401);
  });

  it('lists providers with their live deployments: circuit state and requests in flight', async () => {
    expect((await chat(baimo, ADMIN_TOKEN, { model: 'chat' })).status).toBe(200);
    const r = await overview('?range=1h');
    expect(r.body.providers.map((p: { name: string }) => p.name)).toEqual(['dead', 'fake', 'keyed']);
    expect(r.body.providers.find((p: { name: string }) => p.name === 'fake').targets).toEqual([
      { model: 'm1', circuit: 'closed', in_flight: 0 },
    ]);
    const viewer = await overview('?range=1h', ownerA);
    expect(viewer.body.providers.length).toBe(3);
  });
});

describe('POST /api/providers/{name}/test', () => {
  const test = (name: string, body: unknown = {}, caller?: Caller) => api(baimo, 'POST', `/api/providers/${name}/test`, body, caller);

  it('lists the models of a reachable provider', async () => {
    const r = await test('fake');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, models: ['m1'] });
    expect(r.body.latency_ms).toBeGreaterThanOrEqual(0);
    expect(r.body.error).toBeUndefined();
  });

  it('sends a 1-token chat when a model is named', async () => {
    const before = fake.requests.length;
    const r = await test('fake', { model: 'm1' });
    expect(r.body).toMatchObject({ ok: true });
    expect(fake.requests[before].body).toMatchObject({ model: 'm1', max_tokens: 1 });
  });

  it('reports a failing provider as ok: false with status 200, never with its secret', async () => {
    const dead = await test('dead');
    expect(dead.status).toBe(200);
    expect(dead.body.ok).toBe(false);
    expect(dead.body.error.code).toBe('upstream_unreachable');
    expect(typeof dead.body.error.message).toBe('string');
    expect(JSON.stringify(dead.body)).not.toContain(DEAD_SECRET);
    const deadChat = await test('dead', { model: 'd1' });
    expect(deadChat.body.ok).toBe(false);
    expect(JSON.stringify(deadChat.body)).not.toContain(DEAD_SECRET);
    // An upstream that echoes the key in its error.
    fake.queue.push({ kind: 'status', status: 401, message: `Incorrect API key provided: ${KEYED_SECRET}` });
    const keyed = await test('keyed', { model: 'm1' });
    expect(keyed.status).toBe(200);
    expect(keyed.body.ok).toBe(false);
    expect(keyed.body.error.message).toMatch(/Incorrect API key/);
    expect(JSON.stringify(keyed.body)).not.toContain(KEYED_SECRET);
    expect(JSON.stringify(keyed.body)).not.toContain(KEYED_SECRET.slice(8));
  });

  it('is for instance administrators; unknown providers are 404', async () => {
    expect((await test('fake', {}, { token: ids.secretA })).status).toBe(403);
    expect((await test('fake', {}, ownerA)).status).toBe(403);
    expect((await test('nope')).status).toBe(404);
  });
});
