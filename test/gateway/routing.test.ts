import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

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
      // Nothing listens on port 9 (discard) on loopback: connections are refused.
      dead: { type: 'openai-compatible', base_url: 'http://127.0.0.1:9/v1', api_key: 'k3' },
    },
    models: [
      { name: 'main', targets: [{ provider: 'primary', model: 'p1' }], fallbacks: ['spare'] },
      { name: 'spare', targets: [{ provider: 'backup', model: 'b1' }] },
      { name: 'unreachable', targets: [{ provider: 'dead', model: 'd1' }], fallbacks: ['spare'], retries: 1 },
      {
        name: 'stally',
        targets: [{ provider: 'primary', model: 'stall' }],
        fallbacks: ['spare'],
        timeouts: { idle_ms: 300, first_byte_ms: 2000 },
      },
      { name: 'breaker', targets: [{ provider: 'primary', model: 'cb' }], retries: 0 },
    ],
    router: { retries: 2, backoff_base_ms: 5, backoff_max_ms: 20, circuit_failures: 3, circuit_cooldown_ms: 400 },
  });
  client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await baimo?.close();
  await primary?.close();
  await backup?.close();
});
afterEach(() => {
  primary.queue.length = 0;
  backup.queue.length = 0;
});

async function lastLog() {
  await baimo.runtime.logWriter.flush();
  return (await baimo.runtime.logs.list({ limit: 1 }))[0];
}

describe('routing', () => {
  it('retries a 500 and then succeeds on the same target', async () => {
    primary.queue.push({ kind: 'status', status: 500 });
    const before = primary.requests.length;
    const r = await client.chat.completions.create({ model: 'main', messages: msg });
    expect(r.choices[0].message.content).toBe('from primary');
    expect(primary.requests.length - before).toBe(2);
    const row = await lastLog();
    expect(row).toMatchObject({ status: 200, attempts: 2, provider: 'primary', upstream_model: 'p1' });
  });

  it('never retries a 400 from the upstream', async () => {
    primary.queue.push({ kind: 'status', status: 400, message: 'bad parameter' });
    const before = primary.requests.length;
    await expect(client.chat.completions.create({ model: 'main', messages: msg })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    expect(primary.requests.length - before).toBe(1);
  });

  it('falls back when the primary is unreachable', async () => {
    const r = await client.chat.completions.create({ model: 'unreachable', messages: msg });
    expect(r.choices[0].message.content).toBe('from backup');
    const row = await lastLog();
    expect(row).toMatchObject({ status: 200, provider: 'backup', attempts: 3 });
  });

  it('falls back after the primary exhausts its retries on 503', async () => {
    primary.queue.push({ kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    const r = await client.chat.completions.create({ model: 'main', messages: msg });
    expect(r.choices[0].message.content).toBe('from backup');
  });

  it('ends a stream that stalls mid-way with an in-stream error and does not retry', async () => {
    primary.queue.push({ kind: 'stall-after', chunks: ['par', 'tial'] });
    const beforePrimary = primary.requests.length;
    const beforeBackup = backup.requests.length;
    const stream = await client.chat.completions.create({ model: 'stally', messages: msg, stream: true });
    let text = '';
    const consume = async () => {
      for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    };
    await expect(consume()).rejects.toBeInstanceOf(OpenAI.APIError);
    expect(text).toBe('partial');
    expect(primary.requests.length - beforePrimary).toBe(1);
    expect(backup.requests.length - beforeBackup).toBe(0);
    const row = await lastLog();
    expect(row).toMatchObject({ stream: 1, status: 504, error_type: 'timeout_error', attempts: 1 });
  });

  it('raw SSE of a stalled stream carries an OpenAI error event', async () => {
    primary.queue.push({ kind: 'stall-after', chunks: ['x'] });
    const res = await fetch(`${baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'stally', messages: msg, stream: true }),
    });
    expect(res.status).toBe(200);
    const body = await res.text();
    const events = body.split('\n\n').filter(Boolean);
    const last = JSON.parse(events.at(-1)!.replace(/^data: /, ''));
    expect(last.error).toMatchObject({ type: 'timeout_error', code: 'idle_timeout' });
    expect(typeof last.error.message).toBe('string');
  });

  it('opens a circuit after repeated failures and recovers after the cooldown', async () => {
    for (let i = 0; i < 3; i++) primary.queue.push({ kind: 'status', status: 500 });
    for (let i = 0; i < 3; i++) {
      await expect(client.chat.completions.create({ model: 'breaker', messages: msg })).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    }
    // Open: answered at once without touching the upstream.
    const before = primary.requests.length;
    const err = await client.chat.completions.create({ model: 'breaker', messages: msg }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('circuit_open');
    expect(primary.requests.length).toBe(before);
    // After the cooldown one probe goes through; its success closes the circuit.
    await new Promise((r) => setTimeout(r, 450));
    const ok = await client.chat.completions.create({ model: 'breaker', messages: msg });
    expect(ok.choices[0].message.content).toBe('from primary');
    const again = await client.chat.completions.create({ model: 'breaker', messages: msg });
    expect(again.choices[0].message.content).toBe('from primary');
    expect(primary.requests.length).toBe(before + 2);
  });

  it('routes provider/model names without an alias', async () => {
    const r = await client.chat.completions.create({ model: 'backup/any-model', messages: msg });
    expect(r.choices[0].message.content).toBe('from backup');
    expect(backup.requests.at(-1)!.body.model).toBe('any-model');
  });
});
