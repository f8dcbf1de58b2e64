import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/core/chat-types.js';

import { validateAgainst } from '../helpers/openai-schema.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { PROMPT_TOKENS, startErnieFake, vectorOf, type ErnieFake } from '../fakes/ernie-fake.js';

const AK = 'qZ8mR2xKfL0aUu7T';
const SK = 'Wp4+vN/9sEc=Hj3yTb6Dk1oQ';

const tools: ChatRequest['tools'] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
  { type: 'function', function: { name: 'get_time' } },
];

describe('ernie through baimo with the official openai SDK', () => {
  let fake: ErnieFake;
  let baimo: TestBaimo;
  let badAuth: TestBaimo;
  let client: OpenAI;
  let script: Parameters<ErnieFake['respond']>[0] extends infer C ? (call: C) => ReturnType<ErnieFake['respond']> : never;

  beforeAll(async () => {
    fake = await startErnieFake(AK, SK);
    fake.respond = (call) => script(call);
    const router = { retries: 0, backoff_base_ms: 5, backoff_max_ms: 10, circuit_failures: 1000 };
    baimo = await startBaimo({ providers: { ernie: { type: 'ernie', base_url: fake.url, api_key: AK, secret_key: SK } }, router });
    badAuth = await startBaimo({
      providers: { ernie: { type: 'ernie', base_url: fake.url, api_key: AK, secret_key: 'wrong-secret-123' } },
      router,
    });
    client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
  });
  afterAll(async () => {
    await baimo?.close();
    await badAuth?.close();
    await fake?.close();
  });
  beforeEach(() => {
    script = () => ({ kind: 'text', text: '你好，我是文心一言。' });
  });

  const ask = (extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
    client.chat.completions.create({
      model: 'ernie/ERNIE-4.0-8K',
      messages: [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'hi' },
      ],
      ...extra,
    });

  it('returns a schema-valid chat completion with the vendor usage', async () => {
    const r = await ask({ temperature: 0, max_tokens: 64, user: 'end-user-1' });
    expect(validateAgainst('CreateChatCompletionResponse', r)).toEqual([]);
    expect(r.choices[0].message.content).toBe('你好，我是文心一言。');
    expect(r.choices[0].finish_reason).toBe('stop');
    expect(r.usage).toMatchObject({ prompt_tokens: PROMPT_TOKENS, completion_tokens: 10, total_tokens: PROMPT_TOKENS + 10 });
    const sent = fake.chats.at(-1)!;
    expect(sent.endpoint).toBe('completions_pro');
    expect(sent.body).toMatchObject({
      system: 'Be kind.',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.01,
      max_output_tokens: 64,
      user_id: 'end-user-1',
    });
  });

  it('streams schema-valid chunks; usage is the vendor total, not a sum of running totals', async () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    script = () => ({ kind: 'text', text });
    const stream = await client.chat.completions.create({
      model: 'ernie/ernie-speed-128k',
      messages: [{ role: 'user', content: 'go' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let out = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const c of stream) {
      expect(validateAgainst('CreateChatCompletionStreamResponse', c)).toEqual([]);
      out += c.choices[0]?.delta?.content ?? '';
      finish = c.choices[0]?.finish_reason ?? finish;
      if (c.usage) usage = c.usage;
    }
    expect(out).toBe(text);
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({
      prompt_tokens: PROMPT_TOKENS,
      completion_tokens: text.length,
      total_tokens: PROMPT_TOKENS + text.length,
    });
    expect(fake.chats.at(-1)).toMatchObject({ endpoint: 'ernie-speed-128k', body: { stream: true } });
  });

  it('returns tool calls whole and streamed, and sends the results back as function turns', async () => {
    script = () => ({ kind: 'function', name: 'get_weather', arguments: '{"city":"北京"}', thoughts: 'I need the weather.' });
    const r = await ask({ tools: tools as OpenAI.ChatCompletionTool[] });
    expect(validateAgainst('CreateChatCompletionResponse', r)).toEqual([]);
    expect(r.choices[0].finish_reason).toBe('tool_calls');
    const call = r.choices[0].message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function).toEqual({ name: 'get_weather', arguments: '{"city":"北京"}' });
    expect(fake.chats.at(-1)!.body.functions).toHaveLength(2);

    const stream = await client.chat.completions.create({
      model: 'ernie/ERNIE-3.5-8K',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: tools as OpenAI.ChatCompletionTool[],
      stream: true,
    });
    let args = '';
    let finish: string | null = null;
    for await (const c of stream) {
      expect(validateAgainst('CreateChatCompletionStreamResponse', c)).toEqual([]);
      for (const t of c.choices[0]?.delta?.tool_calls ?? []) args += t.function?.arguments ?? '';
      finish = c.choices[0]?.finish_reason ?? finish;
    }
    expect(args).toBe('{"city":"北京"}');
    expect(finish).toBe('tool_calls');

    script = () => ({ kind: 'text', text: 'Sunny.' });
    const follow = await ask({
      tools: tools as OpenAI.ChatCompletionTool[],
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: call.function }] },
        { role: 'tool', tool_call_id: call.id, content: '{"sky":"clear"}' },
      ],
    });
    expect(follow.choices[0].message.content).toBe('Sunny.');
    expect(fake.chats.at(-1)!.body.messages.at(-1)).toEqual({ role: 'function', name: 'get_weather', content: '{"sky":"clear"}' });
  });

  it('maps a moderated answer to finish_reason content_filter (whole and streamed)', async () => {
    script = () => ({ kind: 'filter' });
    const r = await ask();
    expect(validateAgainst('CreateChatCompletionResponse', r)).toEqual([]);
    expect(r.choices[0].finish_reason).toBe('content_filter');
    const stream = await client.chat.completions.create({
      model: 'ernie/ERNIE-4.0-8K',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    let finish: string | null = null;
    for await (const c of stream) finish = c.choices[0]?.finish_reason ?? finish;
    expect(finish).toBe('content_filter');
  });

  it('creates schema-valid embeddings, batching 16 texts per call', async () => {
    const input = Array.from({ length: 20 }, (_, i) => `text ${i}`);
    const before = fake.embeds.length;
    const r = await client.embeddings.create({ model: 'ernie/bge-large-zh', input, encoding_format: 'float' });
    expect(validateAgainst('CreateEmbeddingResponse', r)).toEqual([]);
    expect(r.data.map((d) => d.embedding)).toEqual(input.map(vectorOf));
    expect(r.usage.prompt_tokens).toBe(input.reduce((n, t) => n + t.length, 0));
    expect(fake.embeds.slice(before).map((e) => [e.endpoint, e.input.length])).toEqual([
      ['bge_large_zh', 16],
      ['bge_large_zh', 4],
    ]);
  });

  const cases: Array<[string, number, string, number, string]> = [
    ['QPS limit', 18, 'Open api qps request limit reached', 429, 'rate_limit_error'],
    ['cluster limit', 4, 'Open api request limit reached', 429, 'rate_limit_error'],
    ['RPM limit', 336501, 'Rate limit reached for RPM', 429, 'rate_limit_error'],
    ['TPM limit', 336502, 'Rate limit reached for TPM', 429, 'rate_limit_error'],
    ['daily limit', 17, 'Open api daily request limit reached', 429, 'insufficient_quota'],
    ['total limit', 19, 'Open api total request limit reached', 429, 'insufficient_quota'],
    ['arrears', 336999, 'account is in arrears (欠费)', 429, 'insufficient_quota'],
    ['bad parameter', 336003, 'Invalid parameter', 400, 'invalid_request_error'],
    ['no permission', 6, 'No permission to access data', 502, 'upstream_error'],
    ['model not enabled', 336004, 'Permission error', 502, 'upstream_error'],
    ['unknown endpoint', 336005, 'API name not exist', 404, 'not_found_error'],
    ['high load', 336100, 'try again later', 503, 'service_unavailable'],
  ];
  it.each(cases)('maps %s (error_code %i) to %i %s', async (_label, code, msg, status, type) => {
    script = () => ({ kind: 'error', code, msg });
    const err = (await ask().catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.status).toBe(status);
    expect(validateAgainst('ErrorResponse', { error: err.error }), JSON.stringify(err.error)).toEqual([]);
    expect((err.error as { type: string }).type).toBe(type);
    expect(err.message).toContain(msg);
    // The same error on a streamed request is thrown before the first chunk.
    const serr = (await client.chat.completions
      .create({ model: 'ernie/ERNIE-4.0-8K', messages: [{ role: 'user', content: 'x' }], stream: true })
      .then(async (s) => {
        for await (const _c of s) void _c;
      })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(serr.status).toBe(status);
  });

  it('a real bad-parameter check of the fake (even message count) maps to 400', async () => {
    const err = (await client.chat.completions
      .create({ model: 'ernie/ERNIE-4.0-8K', messages: [{ role: 'assistant', content: 'I start' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(400);
    expect(err.message).toContain('336003');
  });

  it('a rejected AK/SK is a 502 upstream auth problem whose message carries no secret', async () => {
    const bad = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: badAuth.baseURL, maxRetries: 0 });
    const err = (await bad.chat.completions
      .create({ model: 'ernie/ERNIE-4.0-8K', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(502);
    expect((err.error as { type: string }).type).toBe('upstream_error');
    expect(err.message).toContain('Client authentication failed');
    expect(err.message).not.toContain('wrong-secret-123');
    expect(err.message).not.toContain(AK);
  });
});
