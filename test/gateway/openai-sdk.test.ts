import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

let fake: FakeUpstream;
let baimo: TestBaimo;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url, api_key: 'sk-upstream-secret' } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1', weight: 1 }] }],
    router: { retries: 2, backoff_base_ms: 5, backoff_max_ms: 20 },
  });
  client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

describe('the official openai SDK against baimo', () => {
  it('gets a whole answer', async () => {
    fake.queue.push({ kind: 'text', text: '你好，世界' });
    const r = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
    expect(r.choices[0].message.content).toBe('你好，世界');
    expect(r.choices[0].finish_reason).toBe('stop');
    expect(r.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 });
    expect(r.model).toBe('chat');
    const sent = fake.requests.at(-1)!;
    expect(sent.body.model).toBe('m1');
    expect(sent.headers.authorization).toBe('Bearer sk-upstream-secret');
  });

  it('streams with include_usage', async () => {
    fake.queue.push({ kind: 'text', text: 'streamed answer here' });
    const stream = await client.chat.completions.create({
      model: 'chat',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    let finish: string | null = null;
    for await (const c of stream) {
      text += c.choices[0]?.delta?.content ?? '';
      if (c.choices[0]?.finish_reason) finish = c.choices[0].finish_reason;
      if (c.usage) usage = c.usage;
    }
    expect(text).toBe('streamed answer here');
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 });
  });

  it('reports NotFoundError for an unknown model', async () => {
    await expect(client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
  });

  it('reports AuthenticationError for a bad key', async () => {
    const bad = new OpenAI({ apiKey: 'wrong', baseURL: baimo.baseURL, maxRetries: 0 });
    await expect(bad.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
  });
});
