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
    providers: { fake: { type: 'openai-compatible', base_url: fake.url, api_key: 'sk-upstream-secret', models: ['m1', 'embed-1'] } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1', weight: 1 }] }],
    router: { retries: 2, backoff_base_ms: 5, backoff_max_ms: 20, circuit_failures: 1000 },
  });
  client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const weatherTool: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

/** The body the fake upstream received last on `path` (startup model discovery also calls it). */
const lastSent = (path = '/chat/completions'): any => fake.requests.filter((r) => r.url.endsWith(path)).at(-1)!.body;
const chatRequests = (): number => fake.requests.filter((r) => r.url.endsWith('/chat/completions')).length;

describe('tool calls through the SDK', () => {
  it('round-trips a tool call and its result (non-stream)', async () => {
    const args = '{"city":"上海","days":[1,2]}';
    fake.queue.push({ kind: 'tool-call', name: 'get_weather', args });
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Weather in Shanghai?' },
    ];
    const first = await client.chat.completions.create({ model: 'chat', messages, tools: [weatherTool], tool_choice: 'auto' });
    const msg = first.choices[0].message;
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(msg.tool_calls).toHaveLength(1);
    const call = msg.tool_calls![0];
    expect(call.type).toBe('function');
    if (call.type !== 'function') throw new Error('expected a function tool call');
    expect(call).toEqual({ id: 'call_fake1', type: 'function', function: { name: 'get_weather', arguments: args } });
    expect(JSON.parse(call.function.arguments)).toEqual({ city: '上海', days: [1, 2] });
    expect(lastSent().tools).toEqual([weatherTool]);
    expect(lastSent().tool_choice).toBe('auto');

    fake.queue.push({ kind: 'text', text: 'Sunny, 25°C.' });
    const assistant: OpenAI.ChatCompletionAssistantMessageParam = { role: 'assistant', content: msg.content, tool_calls: msg.tool_calls };
    const tool: OpenAI.ChatCompletionToolMessageParam = { role: 'tool', tool_call_id: call.id, content: '{"temp":25,"sky":"sunny"}' };
    const second = await client.chat.completions.create({ model: 'chat', messages: [...messages, assistant, tool], tools: [weatherTool] });
    expect(second.choices[0].message.content).toBe('Sunny, 25°C.');
    const sent = lastSent();
    expect(sent.model).toBe('m1');
    expect(sent.messages).toHaveLength(4);
    expect(sent.messages[2]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_fake1', type: 'function', function: { name: 'get_weather', arguments: args } }],
    });
    expect(sent.messages[3]).toEqual({ role: 'tool', tool_call_id: 'call_fake1', content: '{"temp":25,"sky":"sunny"}' });
    expect(sent.messages.slice(0, 2)).toEqual(messages);
  });

  it('reassembles streamed tool-call deltas with the stream helper', async () => {
    const args = '{"city":"Hangzhou","unit":"celsius","note":"西湖 \\"quoted\\""}';
    fake.queue.push({ kind: 'tool-call', name: 'get_weather', args });
    const stream = client.chat.completions.stream({
      model: 'chat',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weatherTool],
    });
    const done: Array<{ name: string; arguments: string }> = [];
    stream.on('tool_calls.function.arguments.done', (e) => done.push({ name: e.name, arguments: e.arguments }));
    const final = await stream.finalChatCompletion();
    const calls = final.choices[0].message.tool_calls ?? [];
    expect(final.choices[0].finish_reason).toBe('tool_calls');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ id: 'call_fake1', type: 'function', function: { name: 'get_weather', arguments: args } });
    expect(done).toEqual([{ name: 'get_weather', arguments: args }]);
    expect(lastSent().stream).toBe(true);
  });

  it('reassembles streamed tool-call deltas by index from the raw iterator', async () => {
    const args = '{"query":"a fairly long argument string, split into many small pieces by the upstream"}';
    fake.queue.push({ kind: 'tool-call', name: 'search', args });
    const stream = await client.chat.completions.create({
      model: 'chat',
      messages: [{ role: 'user', content: 'search' }],
      tools: [{ type: 'function', function: { name: 'search', parameters: { type: 'object' } } }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const byIndex = new Map<number, { id?: string; name?: string; arguments: string }>();
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    let deltas = 0;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      if (choice.finish_reason) finish = choice.finish_reason;
      for (const d of choice.delta.tool_calls ?? []) {
        deltas++;
        const acc = byIndex.get(d.index) ?? { arguments: '' };
        if (d.id) acc.id = d.id;
        if (d.function?.name) acc.name = d.function.name;
        acc.arguments += d.function?.arguments ?? '';
        byIndex.set(d.index, acc);
      }
    }
    expect(deltas).toBeGreaterThan(2);
    expect([...byIndex.entries()]).toEqual([[0, { id: 'call_fake1', name: 'search', arguments: args }]]);
    expect(finish).toBe('tool_calls');
    expect(usage).toMatchObject({ prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 });
  });
});

describe('embeddings and models through the SDK', () => {
  it('decodes the base64 the SDK asks for into the upstream floats', async () => {
    const r = await client.embeddings.create({ model: 'fake/embed-1', input: ['abc', 'hello world'] });
    const sent = lastSent('/embeddings');
    expect(sent.model).toBe('embed-1');
    expect(sent.encoding_format).toBe('float'); // baimo asks upstream for floats and encodes itself
    expect(r.object).toBe('list');
    expect(r.data.map((d) => d.index)).toEqual([0, 1]);
    expect(r.data.map((d) => d.embedding)).toEqual([
      [3, 0.5, -0.25],
      [11, 0.5, -0.25],
    ]);
    expect(r.usage).toEqual({ prompt_tokens: 6, total_tokens: 6 });
  });

  it('gives floats when asked for floats, and a single string input works', async () => {
    const r = await client.embeddings.create({ model: 'fake/embed-1', input: 'hey', encoding_format: 'float' });
    expect(r.data).toHaveLength(1);
    expect(r.data[0].embedding).toEqual([3, 0.5, -0.25]);
  });

  it('lists the alias and provider/model ids', async () => {
    const ids: string[] = [];
    for await (const m of client.models.list()) {
      expect(m.object).toBe('model');
      expect(typeof m.created).toBe('number');
      expect(typeof m.owned_by).toBe('string');
      ids.push(m.id);
    }
    expect(ids).toContain('chat');
    expect(ids).toContain('fake/m1');
    expect(ids).toContain('fake/embed-1');
    const one = await client.models.retrieve('fake/m1');
    expect(one).toMatchObject({ id: 'fake/m1', object: 'model', owned_by: 'fake' });
  });
});

describe('errors through the SDK', () => {
  it('throws RateLimitError with retry-after once the upstream keeps answering 429', async () => {
    // baimo tries 3 times (retries: 2) per SDK attempt, and the SDK retries once itself: 6 in all.
    const retrying = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 1 });
    const before = chatRequests();
    for (let i = 0; i < 6; i++) fake.queue.push({ kind: 'status', status: 429, message: 'rate limited upstream', retryAfter: '1' });
    const err = await retrying.chat.completions
      .create({ model: 'chat', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const e = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.status).toBe(429);
    expect(e.headers.get('retry-after')).toBe('1');
    expect(e.headers.get('x-request-id')).toBeTruthy();
    expect(e.type).toBe('rate_limit_error');
    expect(e.message).toMatch(/rate limited upstream/);
    expect(chatRequests() - before).toBe(6);
    expect(fake.queue).toHaveLength(0);
    // The target recovers right away once the upstream does.
    const ok = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'again' }] });
    expect(ok.choices[0].message.content).toBe('Hello from the fake upstream.');
  });

  it('throws BadRequestError naming the field for an invalid parameter', async () => {
    const err = await client.chat.completions
      .create({ model: 'chat', messages: [{ role: 'user', content: 'x' }], temperature: 7 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('temperature');
  });
});

describe('parameters reach the upstream unchanged', () => {
  const base = { model: 'chat', messages: [{ role: 'user' as const, content: 'hi' }] };

  it('response_format json_object', async () => {
    fake.queue.push({ kind: 'text', text: '{"ok":true}' });
    const r = await client.chat.completions.create({ ...base, response_format: { type: 'json_object' } });
    expect(JSON.parse(r.choices[0].message.content!)).toEqual({ ok: true });
    expect(lastSent().response_format).toEqual({ type: 'json_object' });
  });

  it('response_format json_schema', async () => {
    const response_format = {
      type: 'json_schema' as const,
      json_schema: {
        name: 'weather_report',
        description: 'A report',
        strict: true,
        schema: {
          type: 'object',
          properties: { city: { type: 'string' }, temp: { type: ['number', 'null'] }, tags: { type: 'array', items: { type: 'string' } } },
          required: ['city', 'temp', 'tags'],
          additionalProperties: false,
        },
      },
    };
    fake.queue.push({ kind: 'text', text: '{"city":"Beijing","temp":null,"tags":[]}' });
    const r = await client.chat.completions.create({ ...base, response_format });
    expect(r.choices[0].message.content).toBe('{"city":"Beijing","temp":null,"tags":[]}');
    expect(lastSent().response_format).toEqual(response_format);
  });

  it('stop, seed, max_completion_tokens, temperature, top_p, user (and a few more)', async () => {
    const params = {
      stop: ['\n\n', 'END'],
      seed: 424242,
      max_completion_tokens: 321,
      temperature: 0.35,
      top_p: 0.9,
      user: 'user-123',
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      logit_bias: { '50256': -100 },
      metadata: { purpose: 'test' },
      parallel_tool_calls: false,
    };
    await client.chat.completions.create({ ...base, ...params });
    const sent = lastSent();
    for (const [k, v] of Object.entries(params)) expect(sent[k], k).toEqual(v);
    expect(sent.stream).toBe(false);
    expect(sent).not.toHaveProperty('stream_options');

    await client.chat.completions.create({ ...base, stop: 'STOP', max_tokens: 17 });
    expect(lastSent().stop).toBe('STOP');
    expect(lastSent().max_tokens).toBe(17);
  });

  it('the same parameters on a stream', async () => {
    const params = {
      stop: 'END',
      seed: 7,
      max_completion_tokens: 64,
      temperature: 1.2,
      top_p: 0.5,
      user: 'u-9',
      response_format: { type: 'json_object' as const },
    };
    const stream = await client.chat.completions.create({ ...base, ...params, stream: true });
    for await (const _ of stream) void _;
    const sent = lastSent();
    for (const [k, v] of Object.entries(params)) expect(sent[k], k).toEqual(v);
  });

  it('forces stream_options.include_usage upstream, without giving the client a usage chunk it did not ask for', async () => {
    fake.queue.push({ kind: 'text', text: 'no usage for you' });
    const stream = await client.chat.completions.create({ ...base, stream: true });
    let text = '';
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) {
      chunks.push(c);
      text += c.choices[0]?.delta?.content ?? '';
    }
    expect(text).toBe('no usage for you');
    expect(lastSent().stream).toBe(true);
    expect(lastSent().stream_options).toEqual({ include_usage: true });
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.some((c) => 'usage' in c)).toBe(false);
  });

  it('include_usage: false from the client is still forced on upstream, and no usage chunk comes back', async () => {
    fake.queue.push({ kind: 'text', text: 'still none' });
    const stream = await client.chat.completions.create({ ...base, stream: true, stream_options: { include_usage: false } });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    expect(lastSent().stream_options).toEqual({ include_usage: true });
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('still none');
  });
});
