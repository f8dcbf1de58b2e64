import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { startServer } from '../../src/server/start-server.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

let fake: FakeUpstream;
let baimo: TestBaimo;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] }],
  });
  client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

async function lastLog() {
  await baimo.runtime.logWriter.flush();
  return (await baimo.runtime.logs.list({ limit: 1 }))[0];
}

describe('usage', () => {
  it('estimates usage with a tokenizer when the provider reports none, and flags it', async () => {
    fake.queue.push({ kind: 'text', text: '这是一个没有用量信息的回答。', usage: null });
    const stream = await client.chat.completions.create({
      model: 'chat',
      messages: [{ role: 'user', content: '请回答一个问题' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const c of stream) if (c.usage) usage = c.usage;
    expect(usage!.prompt_tokens).toBeGreaterThan(3);
    expect(usage!.completion_tokens).toBeGreaterThan(3);
    const row = await lastLog();
    expect(row).toMatchObject({ estimated: 1, prompt_tokens: usage!.prompt_tokens, completion_tokens: usage!.completion_tokens });
  });

  it('uses reported usage as is (not estimated)', async () => {
    fake.queue.push({ kind: 'text', text: 'x', usage: { prompt_tokens: 11, completion_tokens: 22 } });
    await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'q' }] });
    expect(await lastLog()).toMatchObject({ estimated: 0, prompt_tokens: 11, completion_tokens: 22 });
  });

  it('records ttft, latency, session and client ip for streams', async () => {
    const res = await fetch(`${baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'content-type': 'application/json',
        'x-session-id': 'S-42',
        'x-request-id': 'my-trace-1',
      },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'q' }], stream: true }),
    });
    expect(res.headers.get('x-request-id')).toBe('my-trace-1');
    await res.text();
    const row = await lastLog();
    expect(row).toMatchObject({ id: 'my-trace-1', session_id: 'S-42', client_ip: '127.0.0.1', stream: 1, finish_reason: 'stop' });
    expect(row.ttft_ms).toBeGreaterThanOrEqual(0);
    expect(row.latency_ms).toBeGreaterThanOrEqual(row.ttft_ms!);
  });
});

describe('admin token', () => {
  it('is generated on first start, printed once, stored hashed, and works after a restart', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'baimo-token-'));
    const { config } = loadConfig({ env: {}, cwd: dir });
    config.port = 0;
    config.host = '127.0.0.1';
    config.providers = { fake: { type: 'openai-compatible', base_url: fake.url, models: ['m1'] } };
    const printed: string[] = [];
    const s1 = await startServer(config, { env: {}, announce: (m) => printed.push(m), logLevel: 'silent' });
    const token = /bm-admin-[A-Za-z0-9_-]+/.exec(printed.join('\n'))?.[0];
    expect(token).toBeDefined();
    const ok = await new OpenAI({ apiKey: token!, baseURL: `${s1.url}/v1`, maxRetries: 0 }).models.list();
    expect(ok.data.length).toBeGreaterThan(0);
    const stored = await s1.runtime.settings.get('admin_token_sha256');
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(token!);
    await s1.close();

    const again: string[] = [];
    const s2 = await startServer(config, { env: {}, announce: (m) => again.push(m), logLevel: 'silent' });
    expect(again).toEqual([]);
    await expect(new OpenAI({ apiKey: token!, baseURL: `${s2.url}/v1`, maxRetries: 0 }).models.list()).resolves.toBeDefined();
    await s2.close();
  });

  it('health endpoints need no key', async () => {
    expect((await fetch(`${baimo.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${baimo.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok' } });
  });
});
