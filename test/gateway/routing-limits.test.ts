import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

let a: FakeUpstream;
let b: FakeUpstream;
let baimo: TestBaimo;
let client: OpenAI;
const msg = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  a = await startFakeOpenAI({ fallback: { kind: 'text', text: 'A' } });
  b = await startFakeOpenAI({ fallback: { kind: 'text', text: 'B' } });
  baimo = await startBaimo({
    providers: {
      a: { type: 'openai-compatible', base_url: a.url },
      b: { type: 'openai-compatible', base_url: b.url },
    },
    models: [
      {
        name: 'weighted',
        targets: [
          { provider: 'a', model: 'w', weight: 3 },
          { provider: 'b', model: 'w', weight: 1 },
        ],
      },
      {
        name: 'only-a',
        targets: [
          { provider: 'a', model: 'x', weight: 1 },
          { provider: 'b', model: 'x', weight: 0 },
        ],
      },
      { name: 'narrow', targets: [{ provider: 'a', model: 'slow', max_concurrency: 1 }], retries: 0 },
      { name: 'slow-total', targets: [{ provider: 'a', model: 'hang' }], retries: 1, timeouts: { total_ms: 250 } },
      { name: 'slow-first-byte', targets: [{ provider: 'a', model: 'hang-stream' }], retries: 1, timeouts: { first_byte_ms: 250 } },
    ],
    router: { retries: 1, backoff_base_ms: 5, backoff_max_ms: 20 },
  });
  client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await baimo?.close();
  await a?.close();
  await b?.close();
});

describe('load balancing and limits', () => {
  it('spreads traffic by weight (3:1)', async () => {
    const counts = { A: 0, B: 0 };
    for (let i = 0; i < 200; i++) {
      const r = await client.chat.completions.create({ model: 'weighted', messages: msg });
      counts[r.choices[0].message.content as 'A' | 'B']++;
    }
    // Expected 150/50; the bounds are ~5 standard deviations wide so the test is stable.
    expect(counts.A).toBeGreaterThan(120);
    expect(counts.A).toBeLessThan(180);
    expect(counts.B).toBe(200 - counts.A);
  });

  it('never picks a weight-0 target', async () => {
    const before = b.requests.length;
    for (let i = 0; i < 30; i++) await client.chat.completions.create({ model: 'only-a', messages: msg });
    expect(b.requests.length).toBe(before);
  });

  it('caps in-flight requests per target', async () => {
    a.queue.push({ kind: 'text', text: 'slow', delayMs: 300 });
    const first = client.chat.completions.create({ model: 'narrow', messages: msg });
    await new Promise((r) => setTimeout(r, 50));
    const second = await client.chat.completions.create({ model: 'narrow', messages: msg }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(OpenAI.RateLimitError);
    expect((second as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('concurrency_limit');
    expect((second as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('1');
    expect((await first).choices[0].message.content).toBe('slow');
    // The slot is free again.
    expect((await client.chat.completions.create({ model: 'narrow', messages: msg })).choices[0].message.content).toBe('A');
  });

  it('a total timeout is retried, then answered with 504', async () => {
    a.queue.push({ kind: 'hang' }, { kind: 'hang' });
    const before = a.requests.length;
    const t0 = Date.now();
    const err = await client.chat.completions.create({ model: 'slow-total', messages: msg }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(504);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('total_timeout');
    expect(a.requests.length - before).toBe(2);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('a stream whose first byte never comes is retried before anything is sent', async () => {
    a.queue.push({ kind: 'hang' });
    const stream = await client.chat.completions.create({ model: 'slow-first-byte', messages: msg, stream: true });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    expect(text).toBe('A');
  });
});
