import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, chat, createKey } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// The fake answers with 7 prompt + 5 completion tokens; fake/m1 costs 1000 CNY in / 2000 CNY out per
// million tokens, so one answer costs exactly 0.017 CNY.
const COST = 0.017;

let fake: FakeUpstream;
let baimo: TestBaimo;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
    models: [
      { name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] },
      { name: 'other', targets: [{ provider: 'fake', model: 'm2' }] },
    ],
    prices: [{ model: 'fake/m1', input: 1000, output: 2000, currency: 'CNY' }],
  });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

describe('rate limits', () => {
  it('RPM 5: the 6th request in the minute gets 429 rate_limit_exceeded with a sensible retry-after', async () => {
    const { key } = await createKey(baimo, { rpm: 5 });
    for (let i = 0; i < 5; i++) expect((await chat(baimo, key, { model: 'chat' })).status).toBe(200);
    const r = await chat(baimo, key, { model: 'chat' });
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('rate_limit_exceeded');
    const wait = Number(r.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(11);
    expect(wait).toBeLessThanOrEqual(13); // one request comes back every 60/5 = 12 s
  });

  it('TPM counts estimated tokens before the call and real ones after it', async () => {
    // Each call is estimated at 8 prompt tokens and really uses 12: 30 → 18 → 6, then 6 < 8 refuses.
    const { key } = await createKey(baimo, { tpm: 30 });
    expect((await chat(baimo, key, { model: 'chat' })).status).toBe(200);
    expect((await chat(baimo, key, { model: 'chat' })).status).toBe(200);
    const r = await chat(baimo, key, { model: 'chat' });
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('rate_limit_exceeded');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits as large as the API accepts (up to 2^53) are stored and enforced as given, on either database', async () => {
    const big = { rpm: 2 ** 40, tpm: 1e12, token_quota: 2 ** 53 - 1 };
    const { key, id } = await createKey(baimo, big);
    expect((await api(baimo, 'GET', `/api/keys/${id}`)).body).toMatchObject(big);
    expect((await chat(baimo, key, { model: 'chat' })).status).toBe(200);
  });

  it('keys without limits are not limited', async () => {
    const { key } = await createKey(baimo, {});
    const all = await Promise.all(Array.from({ length: 20 }, () => chat(baimo, key, { model: 'chat' })));
    expect(all.every((r) => r.status === 200)).toBe(true);
  });
});

describe('quotas and budgets', () => {
  it('a token quota is hit within one request’s size, then 429 insufficient_quota', async () => {
    const { key, id } = await createKey(baimo, { token_quota: 30, token_quota_period: 'day' });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await chat(baimo, key, { model: 'chat' })).status);
    expect(codes).toEqual([200, 200, 200, 429, 429]); // 0 → 12 → 24 → 36 (≥ 30: closed)
    const r = await chat(baimo, key, { model: 'chat' });
    expect(r.body.error.code).toBe('insufficient_quota');
    expect(r.body.error.type).toBe('insufficient_quota');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0); // until local midnight
    await baimo.runtime.logWriter.flush();
    const used = await baimo.runtime.usage.keyTotals(id);
    expect(used.tokens).toBe(36);
    expect(used.tokens - 30).toBeLessThanOrEqual(12);
  });

  it('a money budget stops spending once reached', async () => {
    const { key } = await createKey(baimo, { budget: 0.05, budget_currency: 'CNY', budget_period: 'month' });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await chat(baimo, key, { model: 'chat' })).status);
    expect(codes).toEqual([200, 200, 200, 429, 429]); // 0.017 · 3 = 0.051 ≥ 0.05
  });

  it('a USD budget is charged at the configured exchange rate', async () => {
    // 0.017 CNY / 7.2 ≈ 0.00236 USD per answer: a 0.005 USD budget allows 3.
    const { key } = await createKey(baimo, { budget: 0.005, budget_currency: 'USD' });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await chat(baimo, key, { model: 'chat' })).status);
    expect(codes).toEqual([200, 200, 200, 429]);
  });

  it('concurrent requests overspend a budget by at most the in-flight requests’ cost', async () => {
    const budget = 0.05;
    const { key, id } = await createKey(baimo, { budget, budget_period: 'total' });
    fake.queue.push(...Array.from({ length: 20 }, () => ({ kind: 'text' as const, text: 'slow answer', delayMs: 150 })));
    const all = await Promise.all(Array.from({ length: 20 }, () => chat(baimo, key, { model: 'chat' })));
    fake.queue.length = 0;
    const ok = all.filter((r) => r.status === 200).length;
    const refused = all.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.body.error.code === 'insufficient_quota')).toBe(true);
    await baimo.runtime.logWriter.flush();
    const spent = (await baimo.runtime.usage.keyTotals(id)).cny;
    expect(spent).toBeCloseTo(ok * COST, 6);
    // Admission reserves each call's prompt, so at most ceil(budget / reservation) calls get in at once.
    expect(spent - budget).toBeLessThanOrEqual(ok * COST);
    expect(ok).toBeLessThanOrEqual(7); // 0.05 / 0.008 reserved per call → at most 7 admitted
    expect((await chat(baimo, key, { model: 'chat' })).status).toBe(429);
  });

  it('a model without a price never bypasses a budget: refused until priced or marked free', async () => {
    const { key } = await createKey(baimo, { budget: 10 });
    const r = await chat(baimo, key, { model: 'fake/unpriced-model' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('model_price_unknown');
    // An alias whose fallback is unpriced is refused too.
    expect((await chat(baimo, key, { model: 'other' })).status).toBe(403);
    // Keys without a budget may still use it.
    const free = await createKey(baimo, {});
    expect((await chat(baimo, free.key, { model: 'fake/unpriced-model' })).status).toBe(200);

    const set = await api(baimo, 'PUT', '/api/prices', { model: 'fake/unpriced-*', free: true });
    expect(set.status).toBe(200);
    const ok = await chat(baimo, key, { model: 'fake/unpriced-model' });
    expect(ok.status).toBe(200);
    await api(baimo, 'DELETE', '/api/prices?model=fake%2Funpriced-*');
    expect((await chat(baimo, key, { model: 'fake/unpriced-model' })).status).toBe(403);
  });
});

describe('key rules', () => {
  it('allowed models are globs over aliases and provider/model', async () => {
    const { key } = await createKey(baimo, { models: ['chat', 'fake/m*'] });
    expect((await chat(baimo, key, { model: 'chat' })).status).toBe(200);
    expect((await chat(baimo, key, { model: 'fake/m9' })).status).toBe(200);
    const r = await chat(baimo, key, { model: 'other' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('model_not_allowed');
    const listed = await fetch(`${baimo.baseURL}/models`, { headers: { authorization: `Bearer ${key}` } }).then(
      (x) => x.json() as Promise<{ data: Array<{ id: string }> }>,
    );
    const ids = listed.data.map((m) => m.id);
    expect(ids).toContain('chat');
    expect(ids).not.toContain('other'); // a key limited to some models sees only those
    expect(ids.every((id) => id === 'chat' || id.startsWith('fake/m'))).toBe(true);
  });

  it('a revoked key stops working at once', async () => {
    const { key, id } = await createKey(baimo, {});
    expect((await chat(baimo, key, { model: 'chat' })).status).toBe(200);
    expect((await api(baimo, 'POST', `/api/keys/${id}/revoke`)).body.status).toBe('revoked');
    const r = await chat(baimo, key, { model: 'chat' });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('key_revoked');
  });

  it('an expired or disabled key is refused', async () => {
    const { key } = await createKey(baimo, { expires_at: Date.now() + 800 });
    expect((await chat(baimo, key, { model: 'chat' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 900));
    const r = await chat(baimo, key, { model: 'chat' });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('key_expired');
    const d = await createKey(baimo, { enabled: false });
    expect((await chat(baimo, d.key, { model: 'chat' })).body.error.code).toBe('key_disabled');
  });

  it('logs every call with its key, workspace and app', async () => {
    const appRes = await api(baimo, 'POST', '/api/workspaces/ws_default/apps', { name: 'crm' });
    const { key, id } = await createKey(baimo, { app_id: appRes.body.id, metadata: { industry: 'finance', scenario_tags: ['客服'] } });
    await chat(baimo, key, { model: 'chat' });
    await baimo.runtime.logWriter.flush();
    const logs = await api(baimo, 'GET', `/api/logs?key_id=${id}`);
    expect(logs.body.data).toHaveLength(1);
    expect(logs.body.data[0]).toMatchObject({
      key_id: id,
      workspace_id: 'ws_default',
      app_id: appRes.body.id,
      status: 200,
      cost_cny: COST,
    });
  });
});
