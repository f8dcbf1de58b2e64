import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/redis-available.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Two replicas on one database and one Redis: an alias created through replica A answers on replica B
// within a second, announced over Redis pub/sub. The database poll (the fallback when Redis is down)
// is set to a minute here, so only the announcement can make it that fast.

let fake: FakeUpstream;
let a: TestBaimo | undefined;
let b: TestBaimo | undefined;
let up = false;

beforeAll(async () => {
  up = await redisAvailable();
  if (!up) return;
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: 'from replica B' } });
  const database = join(mkdtempSync(join(tmpdir(), 'baimo-replicas-')), 'shared.db');
  const config = {
    database,
    redis_url: TEST_REDIS_URL,
    providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
  };
  a = await startBaimo(config, {}, { configPollMs: 60_000 });
  b = await startBaimo(config, {}, { configPollMs: 60_000 });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await fake?.close();
});

async function modelsOf(baimo: TestBaimo): Promise<string[]> {
  const r = await fetch(`${baimo.baseURL}/models`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return ((await r.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id);
}

describe('replicas agree on configuration', () => {
  it('an alias created through replica A answers on replica B within 1 s', async () => {
    if (!up) return; // redisAvailable printed why
    const name = `quick-${Date.now().toString(36)}`;
    expect(await modelsOf(b!)).not.toContain(name);
    const created = await api(a!, 'PUT', `/api/models/${name}`, { targets: [{ provider: 'up', model: 'm1' }] });
    expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
    const t0 = performance.now();
    while (!(await modelsOf(b!)).includes(name)) {
      expect(performance.now() - t0, 'replica B did not see the alias within 1 s').toBeLessThan(1_000);
      await new Promise((r) => setTimeout(r, 20));
    }
    const chat = await fetch(`${b!.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ model: name, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(chat.status).toBe(200);
    expect(((await chat.json()) as { choices: Array<{ message: { content: string } }> }).choices[0].message.content).toBe('from replica B');
  });
});
