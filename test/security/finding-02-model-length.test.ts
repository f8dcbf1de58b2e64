import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cancellation } from '../../src/core/cancellation.js';
import { LIMITS } from '../../src/core/limits.js';
import type { RequestContext } from '../../src/gateway/request-context.js';
import { api, chat, createKey } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Finding 2: any virtual key could exhaust memory and disk with a long `model`, even one the key may
// not use: routes and targets were built (and cached without bound) before the allow-list check,
// and `model_requested` was logged in full.

let fake: FakeUpstream;
let baimo: TestBaimo;
let narrowKey: string;

const TWO_MB = 2 * 1024 * 1024;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { up: { type: 'openai-compatible', base_url: fake.url, api_key: 'k-up-0123456789' } },
    models: [{ name: 'chat', targets: [{ provider: 'up', model: 'm1' }] }],
  });
  narrowKey = (await createKey(baimo, { models: ['chat'] })).key;
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const targetCount = (): number => baimo.runtime.routes.liveTargets().length;

function storedBytes(): number {
  const db = join(baimo.dir, 'baimo.db');
  let n = 0;
  for (const f of [db, `${db}-wal`]) {
    try {
      n += statSync(f).size;
    } catch {
      // no WAL yet
    }
  }
  return n;
}

describe('finding 2: model names are bounded and checked before any route exists', () => {
  it('40 requests with a 2 MB model name from a key not allowed it: quick 400s, no route, no growth on disk', async () => {
    await baimo.runtime.logWriter.flush();
    const before = { targets: targetCount(), bytes: storedBytes() };
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      const r = await chat(baimo, narrowKey, { model: `up/${String(i).padStart(2, '0')}${'x'.repeat(TWO_MB)}`, stream: i % 2 === 0 });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ param: 'model', type: 'invalid_request_error' });
      expect(r.body.error.message).toContain(`at most ${LIMITS.modelName}`);
      expect(JSON.stringify(r.body).length).toBeLessThan(1_000);
      expect(performance.now() - started).toBeLessThan(2_000);
    }
    const embed = await fetch(`${baimo.baseURL}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${narrowKey}` },
      body: JSON.stringify({ model: `up/${'e'.repeat(TWO_MB)}`, input: 'hi' }),
    });
    expect(embed.status).toBe(400);
    await baimo.runtime.logWriter.flush();
    expect(targetCount()).toBe(before.targets);
    // 40 × 2 MB used to reach the database (309 MB + a 576 MB WAL in the report): now a few KB at most.
    expect(storedBytes() - before.bytes).toBeLessThan(1024 * 1024);
  });

  it('a model name at the limit that the key may not use gets 403 without building a route', async () => {
    const before = targetCount();
    const model = `up/${'y'.repeat(LIMITS.modelName - 3)}`;
    const r = await chat(baimo, narrowKey, { model });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('model_not_allowed');
    expect(targetCount()).toBe(before);
    expect(fake.requests.some((q) => q.body?.model === model.slice(3))).toBe(false);
  });

  it('model names over the limit are refused by the hand check and the schema alike', async () => {
    const long = 'c'.repeat(LIMITS.modelName + 1);
    for (const stream of [false, true]) {
      const r = await chat(baimo, narrowKey, { model: long, stream });
      expect(r.status).toBe(400);
    }
    // Through the schema path (a field the hand check does not take).
    const r = await chat(baimo, narrowKey, { model: long, tools: [{ type: 'function', function: { name: 'f' } }] });
    expect(r.status).toBe(400);
    expect(r.body.error.param).toBe('model');
  });

  it('names nobody configured get routes from a bounded map that never drops configured ones', async () => {
    const routes = baimo.runtime.routes;
    const alias = routes.lookup('chat');
    const aliasTarget = alias?.targets[0].target;
    expect(aliasTarget).toBeDefined();
    for (let i = 0; i < LIMITS.requestKeyedMap + 300; i++) routes.lookup(`up/ad-hoc-${i}`);
    expect(routes.liveTargets().length).toBeLessThanOrEqual(LIMITS.requestKeyedMap + 1);
    expect(routes.lookup('chat')).toBe(alias);
    expect(routes.lookup('up/m1')?.targets[0].target).toBe(aliasTarget);
    // Never a route for a name past the limit, whoever asks (the CLI and internal calls skip the schema).
    expect(routes.lookup(`up/${'z'.repeat(LIMITS.modelName)}`)).toBeUndefined();
  });

  it('a model name that skipped the HTTP schema (the CLI) is logged cut to LIMITS.loggedString', async () => {
    const model = `up/${'q'.repeat(100_000)}`;
    const ctx: RequestContext = {
      requestId: 'req_finding02_cli',
      startedAt: Date.now(),
      cancellation: new Cancellation(),
      keyId: 'admin',
      workspaceId: null,
      appId: null,
      sessionId: null,
      userId: 'u'.repeat(50_000),
      clientIp: null,
      key: null,
      cacheMode: null,
    };
    await expect(baimo.runtime.gateway.chat({ model, messages: [{ role: 'user', content: 'hi' }] }, ctx)).rejects.toMatchObject({
      status: 404,
    });
    await baimo.runtime.logWriter.flush();
    const row = await api(baimo, 'GET', '/api/logs/req_finding02_cli');
    expect(row.status).toBe(200);
    expect(row.body.model.length).toBeLessThanOrEqual(LIMITS.loggedString + 20);
    expect(row.body.model.startsWith('up/qqq')).toBe(true);
    expect(row.body.error_message.length).toBeLessThanOrEqual(1_000);
    const stored = await baimo.runtime.database.db
      .selectFrom('request_logs')
      .select(['model_requested', 'user_id'])
      .where('id', '=', 'req_finding02_cli')
      .executeTakeFirstOrThrow();
    expect(stored.model_requested.length).toBeLessThanOrEqual(LIMITS.loggedString + 20);
    expect(stored.user_id!.length).toBeLessThanOrEqual(LIMITS.loggedString + 20);
  });
});
