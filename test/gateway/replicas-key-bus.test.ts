import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, chat, createKey, type ApiResponse } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/redis-available.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Two replicas on one database and one Redis: a key revoked, disabled or narrowed, or a security
// policy or keyword library changed through replica A, applies on replica B within a second,
// announced over Redis pub/sub. B remembers keys for a minute and polls the database once a minute
// here, so only the announcement can make it that fast.

let fake: FakeUpstream;
let a: TestBaimo | undefined;
let b: TestBaimo | undefined;
let up = false;

beforeAll(async () => {
  up = await redisAvailable();
  if (!up) return;
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: 'fine' } });
  const database = join(mkdtempSync(join(tmpdir(), 'baimo-replicas-')), 'shared.db');
  const config = {
    database,
    redis_url: TEST_REDIS_URL,
    providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
    models: [
      { name: 'chat', targets: [{ provider: 'up', model: 'm1' }] },
      { name: 'other', targets: [{ provider: 'up', model: 'm2' }] },
    ],
  };
  const slow = { configPollMs: 60_000, keyCacheMs: 60_000 };
  a = await startBaimo(config, {}, slow);
  b = await startBaimo(config, {}, slow);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await fake?.close();
});

/** Asks `ask` every 20 ms until `done` holds; returns how long that took after the change (fails past 1 s). */
async function within1s(ask: () => Promise<ApiResponse>, done: (r: ApiResponse) => boolean, what: string): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const r = await ask();
    const ms = performance.now() - t0;
    if (done(r)) return ms;
    expect(
      ms,
      `replica B still answered ${r.status} ${(r.body as { error?: { code?: string } })?.error?.code ?? ''} after ${Math.round(ms)} ms: ${what}`,
    ).toBeLessThan(1_000);
    await new Promise((res) => setTimeout(res, 20));
  }
}

const ok = (status: number) => (r: ApiResponse) => r.status === status;

describe('replicas agree on keys', () => {
  it('a key revoked through replica A is refused by replica B within 1 s', async () => {
    if (!up) return; // redisAvailable printed why
    const { key, id } = await createKey(a!, {});
    expect((await chat(b!, key, { model: 'chat' })).status).toBe(200); // B now remembers the key
    expect((await api(a!, 'POST', `/api/keys/${id}/revoke`)).status).toBe(200);
    const ms = await within1s(() => chat(b!, key, { model: 'chat' }), ok(401), 'revoked key');
    expect(ms).toBeLessThan(1_000);
    const r = await chat(b!, key, { model: 'chat' });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('key_revoked');
  });

  it('a key disabled, or its model list narrowed, through replica A takes effect on replica B within 1 s', async () => {
    if (!up) return;
    const narrowed = await createKey(a!, {});
    const disabled = await createKey(a!, {});
    for (const k of [narrowed, disabled]) expect((await chat(b!, k.key, { model: 'other' })).status).toBe(200);

    expect((await api(a!, 'PATCH', `/api/keys/${narrowed.id}`, { models: ['chat'] })).status).toBe(200);
    await within1s(() => chat(b!, narrowed.key, { model: 'other' }), ok(403), 'model list narrowed');
    expect((await chat(b!, narrowed.key, { model: 'other' })).body.error.code).toBe('model_not_allowed');
    expect((await chat(b!, narrowed.key, { model: 'chat' })).status).toBe(200);

    expect((await api(a!, 'PATCH', `/api/keys/${disabled.id}`, { enabled: false })).status).toBe(200);
    await within1s(() => chat(b!, disabled.key, { model: 'other' }), ok(401), 'key disabled');
    expect((await chat(b!, disabled.key, { model: 'other' })).body.error.code).toBe('key_disabled');
  });
});

describe('replicas agree on security policies', () => {
  it('a blocking rule set for the workspace through replica A applies on replica B within 1 s', async () => {
    if (!up) return;
    const ws = await api(a!, 'POST', '/api/workspaces', { name: 'bus-policy' });
    expect(ws.status).toBe(201);
    const { key } = await createKey(a!, {}, ws.body.id);
    const ask = () => chat(b!, key, { model: 'chat', messages: [{ role: 'user', content: 'say bus-forbidden-word' }] });
    expect((await ask()).status).toBe(200);
    const put = await api(a!, 'PUT', `/api/security/policies/workspace/${ws.body.id}`, {
      policy: { moderation: { input: 'block', rules: [{ pattern: 'bus-forbidden-word', risk: 'A.1.1' }] } },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await within1s(ask, ok(400), 'policy rule');
    expect((await ask()).body.error.type).toBe('content_policy_violation');
  });

  it('a keyword library uploaded through replica A blocks on replica B within 1 s', async () => {
    if (!up) return;
    const ws = await api(a!, 'POST', '/api/workspaces', { name: 'bus-library' });
    const { key } = await createKey(a!, {}, ws.body.id);
    const ask = () => chat(b!, key, { model: 'chat', messages: [{ role: 'user', content: 'say bus-library-term' }] });
    expect((await ask()).status).toBe(200);
    const put = await api(a!, 'PUT', `/api/security/policies/workspace/${ws.body.id}`, { policy: { moderation: { input: 'block' } } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await new Promise((res) => setTimeout(res, 200)); // the policy alone blocks nothing
    expect((await ask()).status).toBe(200);
    const lib = await api(a!, 'POST', '/api/moderation/libraries', {
      workspace_id: ws.body.id,
      name: 'bus',
      text: 'bus-library-term\tA.1.1',
    });
    expect(lib.status, JSON.stringify(lib.body)).toBe(201);
    await within1s(ask, ok(400), 'keyword library');
    expect((await ask()).body.error.type).toBe('content_policy_violation');
  });
});

describe('without Redis', () => {
  it('announcing changes fails no API call, and this replica still applies them at once', async () => {
    const upstream = await startFakeOpenAI({ fallback: { kind: 'text', text: 'fine' } });
    const alone = await startBaimo(
      {
        redis_url: 'redis://127.0.0.1:1', // nothing listens there
        providers: { up: { type: 'openai-compatible', base_url: upstream.url, trust: 'self_hosted' } },
        models: [{ name: 'chat', targets: [{ provider: 'up', model: 'm1' }] }],
      },
      {},
      { keyCacheMs: 60_000 },
    );
    try {
      const { key, id } = await createKey(alone, {});
      const ask = () => chat(alone, key, { model: 'chat', messages: [{ role: 'user', content: 'say bus-down-word' }] });
      expect((await ask()).status).toBe(200);
      const put = await api(alone, 'PUT', '/api/security/policies/workspace/ws_default', {
        policy: { moderation: { input: 'block', rules: [{ pattern: 'bus-down-word', risk: 'A.1.1' }] } },
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect((await ask()).status).toBe(400);
      expect((await api(alone, 'POST', `/api/keys/${id}/revoke`)).status).toBe(200);
      expect((await ask()).body.error.code).toBe('key_revoked');
    } finally {
      await alone.close();
      await upstream.close();
    }
  });
});
