import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// The request log keeps each failed attempt of a call that needed more than one (retries, fallbacks).
let primary: FakeUpstream;
let backup: FakeUpstream;
let baimo: TestBaimo;
let client: OpenAI;

const msg = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  primary = await startFakeOpenAI({ fallback: { kind: 'text', text: 'from primary' } });
  backup = await startFakeOpenAI({ fallback: { kind: 'text', text: 'from backup' } });
  baimo = await startBaimo({
    providers: {
      primary: { type: 'openai-compatible', base_url: primary.url, api_key: 'k1' },
      backup: { type: 'openai-compatible', base_url: backup.url, api_key: 'k2' },
    },
    models: [
      { name: 'main', targets: [{ provider: 'primary', model: 'p1' }], fallbacks: ['spare'], retries: 0 },
      { name: 'spare', targets: [{ provider: 'backup', model: 'b1' }] },
    ],
    router: { retries: 0, backoff_base_ms: 5, backoff_max_ms: 20, circuit_failures: 100 },
  });
  client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await baimo?.close();
  await primary?.close();
  await backup?.close();
});

async function lastLogId(): Promise<string> {
  await baimo.runtime.logWriter.flush();
  return (await baimo.runtime.logs.list({ limit: 1 }))[0].id;
}

describe('attempts_detail', () => {
  it('a fallback after a 500 shows the failed attempt in the log detail', async () => {
    const secret = 'sk-abcdefghijklmnopqrstuvwxyz123456';
    primary.queue.push({ kind: 'status', status: 500, message: `upstream exploded (key ${secret}) ${'x'.repeat(300)}` });
    const r = await client.chat.completions.create({ model: 'main', messages: msg });
    expect(r.choices[0].message.content).toBe('from backup');
    const detail = await api(baimo, 'GET', `/api/logs/${await lastLogId()}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: 200, attempts: 2, provider: 'backup', upstream_model: 'b1' });
    const attempts = detail.body.attempts_detail;
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ provider: 'primary', model: 'p1', status: 500, error_type: expect.any(String) });
    expect(attempts[0].latency_ms).toBeGreaterThanOrEqual(0);
    expect(attempts[0].error_message).toContain('upstream exploded');
    expect(attempts[0].error_message.length).toBeLessThanOrEqual(200);
    expect(attempts[0].error_message).not.toContain(secret);
  });

  it('a failure on every target lists both attempts', async () => {
    primary.queue.push({ kind: 'status', status: 500 });
    backup.queue.push({ kind: 'status', status: 502 });
    await expect(client.chat.completions.create({ model: 'main', messages: msg })).rejects.toBeInstanceOf(OpenAI.APIError);
    const detail = (await api(baimo, 'GET', `/api/logs/${await lastLogId()}`)).body;
    expect(detail.attempts).toBe(2);
    expect(detail.attempts_detail.map((a: { provider: string; status: number }) => [a.provider, a.status])).toEqual([
      ['primary', 500],
      ['backup', 502],
    ]);
  });

  it('a call answered at the first attempt has no detail', async () => {
    await client.chat.completions.create({ model: 'main', messages: msg });
    const id = await lastLogId();
    expect((await api(baimo, 'GET', `/api/logs/${id}`)).body).toMatchObject({ attempts: 1, attempts_detail: null });
    const row = await baimo.runtime.database.db.selectFrom('request_logs').selectAll().where('id', '=', id).executeTakeFirst();
    expect(row?.attempts_detail).toBeNull();
  });

  it('a single failed attempt keeps its error in error_message only', async () => {
    primary.queue.push({ kind: 'status', status: 400, message: 'bad parameter' });
    await expect(client.chat.completions.create({ model: 'main', messages: msg })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    const detail = (await api(baimo, 'GET', `/api/logs/${await lastLogId()}`)).body;
    expect(detail).toMatchObject({ attempts: 1, attempts_detail: null, status: 400 });
  });
});
