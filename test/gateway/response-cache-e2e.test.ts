import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, chat, createKey } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

let fake: FakeUpstream;
let baimo: TestBaimo;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] }],
    prices: [{ model: 'fake/m1', input: 1000, output: 2000, currency: 'CNY' }],
  });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

function sseText(raw: string): string {
  let out = '';
  for (const line of raw.split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    const c = JSON.parse(line.slice(6));
    out += c.choices?.[0]?.delta?.content ?? '';
  }
  return out;
}

async function logsOf(keyId: string) {
  await baimo.runtime.logWriter.flush();
  return (await api(baimo, 'GET', `/api/logs?key_id=${keyId}`)).body.data as Array<Record<string, unknown>>;
}

describe('exact-match response cache', () => {
  it('serves a second identical request from cache at cost 0, logged as a hit', async () => {
    const { key, id } = await createKey(baimo, { cache: true });
    const before = fake.requests.length;
    const body = { model: 'chat', temperature: 0.2, messages: [{ role: 'user', content: '缓存测试：一加一等于几？' }] };
    const a = await chat(baimo, key, body);
    const b = await chat(baimo, key, { ...body, messages: [{ content: '缓存测试：一加一等于几？', role: 'user' }] }); // same request, keys reordered
    expect(a.headers.get('x-baimo-cache')).toBe('miss');
    expect(b.headers.get('x-baimo-cache')).toBe('hit');
    expect(fake.requests.length - before).toBe(1);
    expect(b.body.choices[0].message.content).toBe(a.body.choices[0].message.content);
    const rows = await logsOf(id);
    const hit = rows.find((r) => r.cache_hit === true)!;
    const miss = rows.find((r) => r.cache_hit === false)!;
    expect(hit).toMatchObject({ cost: 0, cost_cny: 0, status: 200, provider: 'fake' });
    expect(miss.cost_cny).toBeGreaterThan(0);
    const usage = (await api(baimo, 'GET', `/api/usage?group_by=key&key_id=${id}`)).body.data[0];
    expect(usage).toMatchObject({ requests: 2, cache_hits: 1 });
  });

  it('replays a cached answer as a stream', async () => {
    const { key } = await createKey(baimo, { cache: true });
    const before = fake.requests.length;
    const body = { model: 'chat', stream: true, messages: [{ role: 'user', content: 'stream me, please' }] };
    fake.queue.push({ kind: 'text', text: 'A streamed answer that is longer than sixty-four characters, so the replay comes in pieces.' });
    const a = await chat(baimo, key, body);
    const b = await chat(baimo, key, body);
    expect(a.headers.get('x-baimo-cache')).toBe('miss');
    expect(b.headers.get('x-baimo-cache')).toBe('hit');
    expect(b.headers.get('content-type')).toContain('text/event-stream');
    expect(fake.requests.length - before).toBe(1);
    expect(sseText(b.body as string)).toBe(sseText(a.body as string));
    expect((b.body as string).trim().endsWith('data: [DONE]')).toBe(true);
    // A stream and a whole answer share the entry: only `stream` differs.
    const c = await chat(baimo, key, { ...body, stream: false });
    expect(c.headers.get('x-baimo-cache')).toBe('hit');
  });

  it('different parameters miss', async () => {
    const { key } = await createKey(baimo, { cache: true });
    const base = { model: 'chat', messages: [{ role: 'user', content: 'params' }] };
    await chat(baimo, key, base);
    expect((await chat(baimo, key, { ...base, temperature: 0.9 })).headers.get('x-baimo-cache')).toBe('miss');
    expect((await chat(baimo, key, { ...base, max_tokens: 10 })).headers.get('x-baimo-cache')).toBe('miss');
    expect((await chat(baimo, key, { ...base, messages: [{ role: 'user', content: 'params!' }] })).headers.get('x-baimo-cache')).toBe(
      'miss',
    );
    expect((await chat(baimo, key, base)).headers.get('x-baimo-cache')).toBe('hit');
  });

  it('is opt-in: off by default, on per request, off per request, on per app', async () => {
    const plain = await createKey(baimo, {});
    const body = { model: 'chat', messages: [{ role: 'user', content: 'opt in' }] };
    expect((await chat(baimo, plain.key, body)).headers.get('x-baimo-cache')).toBeNull();
    expect((await chat(baimo, plain.key, body, { 'x-baimo-cache': 'on' })).headers.get('x-baimo-cache')).toBe('miss');
    expect((await chat(baimo, plain.key, body, { 'x-baimo-cache': 'on' })).headers.get('x-baimo-cache')).toBe('hit');
    const cached = await createKey(baimo, { cache: true });
    expect((await chat(baimo, cached.key, body, { 'x-baimo-cache': 'off' })).headers.get('x-baimo-cache')).toBeNull();
    const app = await api(baimo, 'POST', '/api/workspaces/ws_default/apps', { name: 'faq-bot', cache: true });
    const appKey = await createKey(baimo, { app_id: app.body.id });
    // Same workspace, same request: the entry made through the other key is shared.
    expect((await chat(baimo, appKey.key, body)).headers.get('x-baimo-cache')).toBe('hit');
  });

  it('never shares answers across workspaces', async () => {
    const ws = await api(baimo, 'POST', '/api/workspaces', { name: 'other tenant' });
    const a = await createKey(baimo, { cache: true });
    const b = await createKey(baimo, { cache: true }, ws.body.id);
    const body = { model: 'chat', messages: [{ role: 'user', content: 'tenant secret question' }] };
    expect((await chat(baimo, a.key, body)).headers.get('x-baimo-cache')).toBe('miss');
    expect((await chat(baimo, b.key, body)).headers.get('x-baimo-cache')).toBe('miss');
  });

  it('a hit costs no quota or budget', async () => {
    const { key } = await createKey(baimo, { cache: true, token_quota: 20 });
    const body = { model: 'chat', messages: [{ role: 'user', content: 'quota and cache' }] };
    for (let i = 0; i < 5; i++) expect((await chat(baimo, key, body)).status).toBe(200); // 12 tokens once, then hits
    expect((await chat(baimo, ADMIN_TOKEN, body, { 'x-baimo-cache': 'on' })).status).toBe(200);
  });
});
