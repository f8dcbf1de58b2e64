import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

/** Whatever the admin API is sent, it answers 2xx or 4xx in the OpenAI error shape, never 5xx, and keeps running. */

let fake: FakeUpstream;
let baimo: TestBaimo;
let writes: Array<{ method: string; path: string }> = [];

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] }],
  });
  const app = (await api(baimo, 'POST', '/api/workspaces/ws_default/apps', { name: 'fuzz' })).body.id as string;
  const key = (await api(baimo, 'POST', '/api/workspaces/ws_default/keys', { name: 'fuzz' })).body.id as string;
  const user = (await api(baimo, 'POST', '/api/users', { email: 'fuzz@example.cn', name: 'fuzz', password: 'long enough pw' })).body
    .id as string;
  const doc = (await api(baimo, 'GET', '/openapi.json', undefined, null)).body as { paths: Record<string, Record<string, unknown>> };
  const fill = (p: string): string =>
    p
      .replace('{workspaceId}', 'ws_default')
      .replace('{appId}', app)
      .replace('{keyId}', key)
      .replace('{userId}', user)
      .replace('{name}', 'fuzzed')
      .replace('{id}', 'req_none');
  writes = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.keys(ops)
      .filter((m) => m !== 'get' && !p.startsWith('/api/auth/logout'))
      .map((m) => ({ method: m.toUpperCase(), path: fill(p) })),
  );
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const hostile = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      'name',
      'email',
      'password',
      'role',
      'rpm',
      'budget',
      'models',
      'expires_at',
      'metadata',
      'type',
      'targets',
      'api_key',
      'model',
      'free',
      '__proto__',
      'constructor',
    ),
    fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.array(fc.anything({ maxDepth: 1 })), fc.object({ maxDepth: 1 })),
  ),
);

describe('admin API under hostile input', () => {
  it('never answers 5xx to any JSON body on any write route', async () => {
    expect(writes.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), hostile, async (route, body) => {
        const r = await api(baimo, route.method, route.path, body);
        expect(r.status, `${route.method} ${route.path} ${JSON.stringify(body)} → ${JSON.stringify(r.body)}`).toBeLessThan(500);
        if (r.status >= 400) expect(r.body.error.message).toEqual(expect.any(String));
      }),
      { numRuns: 300 },
    );
  });

  it('answers malformed JSON, wrong content types and odd query strings with 4xx', async () => {
    for (const path of ['/api/workspaces', '/api/users', '/api/prices']) {
      const res = await fetch(`${baimo.url}${path}`, {
        method: path === '/api/prices' ? 'PUT' : 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-baimo-test-admin' },
        body: '{"name": ',
      });
      expect(res.status).toBe(400);
    }
    for (const q of ['limit=-1', 'limit=abc', 'from=2026-13-45', 'status=999999', 'cursor=%00%ff', 'group_by=nonsense']) {
      const r = await api(baimo, 'GET', `/api/${q.startsWith('group_by') ? 'usage' : 'logs'}?${q}`);
      expect(r.status, q).toBe(400);
    }
    expect((await api(baimo, 'GET', '/api/workspaces')).status).toBe(200); // still up
  });
});
