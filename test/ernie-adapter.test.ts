import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../src/core/chat-types.js';
import { GatewayError } from '../src/core/errors.js';
import { refreshDelayMs, tokenUrl } from '../src/providers/ernie/access-token.js';
import { convertRequest } from '../src/providers/ernie/convert-request.js';
import { createErnieProvider, wenxinUrl } from '../src/providers/ernie/index.js';
import { chatEndpoint, embedEndpoint } from '../src/providers/ernie/models.js';
import { parseResponse } from '../src/providers/ernie/parse-response.js';
import { parseStream } from '../src/providers/ernie/parse-stream.js';
import { ernieError } from '../src/providers/ernie/errors.js';
import { assembleParts, collect, testCallOptions } from './helpers/fixture-server.js';
import { validateAgainst } from './helpers/openai-schema.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from './helpers/start-baimo.js';
import { PROMPT_TOKENS, startErnieFake, vectorOf, type ErnieFake } from './fakes/ernie-fake.js';

const AK = 'qZ8mR2xKfL0aUu7T';
const SK = 'Wp4+vN/9sEc=Hj3yTb6Dk1oQ';

describe('ernie auth URL and endpoints', () => {
  it('builds the OAuth URL exactly as computed independently', () => {
    // Independent computation: form-encoded query in Baidu's documented order.
    const expected =
      'https://aip.baidubce.com/oauth/2.0/token?grant_type=client_credentials' +
      `&client_id=${encodeURIComponent(AK)}&client_secret=${encodeURIComponent(SK)}`;
    expect(tokenUrl('https://aip.baidubce.com', AK, SK)).toBe(expected);
    expect(tokenUrl('https://aip.baidubce.com/', AK, SK)).toBe(expected);
    expect(expected).toContain('client_secret=Wp4%2BvN%2F9sEc%3DHj3yTb6Dk1oQ');
    // Baidu's documented form (placeholders for the console's AK and SK).
    expect(tokenUrl('https://aip.baidubce.com', 'AK', 'SK')).toBe(
      'https://aip.baidubce.com/oauth/2.0/token?grant_type=client_credentials&client_id=AK&client_secret=SK',
    );
  });

  it('builds chat / embeddings URLs and maps model ids case-insensitively', () => {
    expect(wenxinUrl('https://aip.baidubce.com', 'chat', 'completions_pro', '24.t')).toBe(
      'https://aip.baidubce.com/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/completions_pro?access_token=24.t',
    );
    expect(chatEndpoint('ERNIE-4.0-8K')).toBe('completions_pro');
    expect(chatEndpoint('ERNIE-3.5-8K')).toBe('completions');
    expect(chatEndpoint('ernie-4.0-turbo-8k')).toBe('ernie-4.0-turbo-8k');
    expect(chatEndpoint('ERNIE-Speed-128K')).toBe('ernie-speed-128k');
    expect(chatEndpoint('ernie-lite-8k')).toBe('ernie-lite-8k');
    expect(chatEndpoint('ERNIE-Speed-8K')).toBe('ernie_speed');
    expect(chatEndpoint('ernie-x1-turbo-32k')).toBe('ernie-x1-turbo-32k'); // unknown: used as the endpoint
    expect(embedEndpoint('bge-large-zh')).toBe('bge_large_zh');
    expect(embedEndpoint('Embedding-V1')).toBe('embedding-v1');
    expect(embedEndpoint('tao-8k')).toBe('tao_8k');
  });

  it('refreshes a 30-day token one day early, a short one at 90% of its life', () => {
    expect(refreshDelayMs(2_592_000)).toBe(29 * 86_400_000);
    expect(refreshDelayMs(100)).toBe(90_000);
  });
});

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

describe('ernie convertRequest', () => {
  it('moves system to its own field, keeps alternation and maps tool turns to function calls', () => {
    const req: ChatRequest = {
      model: 'x',
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'user', content: [{ type: 'text', text: 'Weather and time in Beijing?' }] },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Beijing"}' } },
            { id: 'c2', type: 'function', function: { name: 'get_time', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: '{"temp":21}' },
        { role: 'tool', tool_call_id: 'c2', content: '14:05' },
        { role: 'assistant', content: 'Sunny, 21°C, 14:05.' },
        { role: 'user', content: 'Thanks' },
      ],
      tools,
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      temperature: 0,
      top_p: 1.5,
      frequency_penalty: 1,
      max_tokens: 1,
      stop: ['a', 'b', 'c', 'd', 'e'],
      user: 'u-42',
      response_format: { type: 'json_object' },
    };
    expect(convertRequest(req, true)).toEqual({
      system: 'You are helpful.\nBe brief.',
      messages: [
        { role: 'user', content: 'Hi\nWeather and time in Beijing?' },
        { role: 'assistant', content: '', function_call: { name: 'get_weather', arguments: '{"city":"Beijing"}' } },
        { role: 'function', name: 'get_weather', content: '{"temp":21}' },
        { role: 'assistant', content: '', function_call: { name: 'get_time', arguments: '{}' } },
        { role: 'function', name: 'get_time', content: '14:05' },
        { role: 'assistant', content: 'Sunny, 21°C, 14:05.' },
        { role: 'user', content: 'Thanks' },
      ],
      functions: [
        tools![0].function as object,
        { name: 'get_time', description: 'get_time', parameters: { type: 'object', properties: {} } },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      temperature: 0.01,
      top_p: 1,
      penalty_score: 1.5,
      max_output_tokens: 2,
      stop: ['a', 'b', 'c', 'd'],
      user_id: 'u-42',
      response_format: 'json_object',
      stream: true,
    });
    expect(convertRequest({ ...req, temperature: 1.7, tool_choice: 'none', frequency_penalty: -1 })).toMatchObject({ temperature: 1 });
    expect(convertRequest({ ...req, tool_choice: 'none' }).functions).toBeUndefined();
    expect(convertRequest({ ...req, frequency_penalty: -1 }).penalty_score).toBeUndefined();
  });
});

describe('ernie parseResponse / parseStream', () => {
  it('maps finish reasons, usage and function calls', () => {
    const usage = { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 };
    expect(parseResponse('e', { result: 'hi', finish_reason: 'normal', usage })).toMatchObject({
      content: 'hi',
      finishReason: 'stop',
      usage: { promptTokens: 5, completionTokens: 3 },
    });
    expect(parseResponse('e', { result: 'hi', is_truncated: true }).finishReason).toBe('length');
    expect(parseResponse('e', { result: '', need_clear_history: true, ban_round: -1 }).finishReason).toBe('content_filter');
    expect(parseResponse('e', { result: '**', finish_reason: 'content_filter' }).finishReason).toBe('content_filter');
    const fc = parseResponse('e', { result: '', function_call: { name: 'f', arguments: '{"a":1}', thoughts: 'need f' } });
    expect(fc).toMatchObject({ content: null, finishReason: 'tool_calls', reasoning: 'need f' });
    expect(fc.toolCalls[0]).toMatchObject({ type: 'function', function: { name: 'f', arguments: '{"a":1}' } });
    expect(() => parseResponse('e', {})).toThrow(GatewayError);
  });

  it('streams deltas with cumulative usage; a stream cut before is_end ends with an error', async () => {
    const lines = async function* (xs: string[]) {
      yield* xs;
    };
    const u = (c: number) => ({ prompt_tokens: 4, completion_tokens: c, total_tokens: 4 + c });
    const toError = (b: object) => ernieError('e', b);
    const ok = await collect(
      parseStream(
        'e',
        lines([
          `data: {"result":"Hel","is_end":false,"usage":${JSON.stringify(u(1))}}`,
          `data: {"result":"lo","is_end":true,"usage":${JSON.stringify(u(2))}}`,
        ]),
        toError,
      ),
    );
    expect(ok.filter((p) => p.type === 'usage').every((p) => p.type === 'usage' && p.cumulative)).toBe(true);
    expect(assembleParts(ok)).toMatchObject({ text: 'Hello', usage: { promptTokens: 4, completionTokens: 2 }, finish: 'stop' });
    const cut = assembleParts(await collect(parseStream('e', lines(['data: {"result":"Hel","is_end":false}']), toError)));
    expect(cut.finish).toBeUndefined();
    expect(cut.errors[0].code).toBe('upstream_bad_response');
    const mid = assembleParts(
      await collect(parseStream('e', lines(['data: {"result":"a"}', '{"error_code":336100,"error_msg":"try again later"}']), toError)),
    );
    expect(mid.errors[0]).toMatchObject({ status: 503, retryable: true });
  });
});

describe('ernie token cache against the fake', () => {
  let fake: ErnieFake;
  beforeAll(async () => {
    fake = await startErnieFake(AK, SK);
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.tokenRequests = 0;
    fake.issued = [];
    fake.chats = [];
    fake.expireFirstToken = false;
    fake.tokenDelayMs = 30;
  });
  const hi: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

  it('concurrent first-time requests fetch the token once', async () => {
    const p = createErnieProvider('ernie', { baseUrl: fake.url, apiKey: AK, secretKey: SK, headers: {}, connectTimeoutMs: 2000 });
    const results = await Promise.all(Array.from({ length: 50 }, () => p.chat(hi, testCallOptions('ERNIE-3.5-8K'))));
    expect(results.every((r) => r.content === 'echo: hi')).toBe(true);
    expect(fake.tokenRequests).toBe(1);
    await p.chat(hi, testCallOptions('ERNIE-3.5-8K'));
    expect(fake.tokenRequests).toBe(1); // cached
    await p.close?.();
  });

  it('an expired ERNIE token is refreshed once under 50 concurrent requests', async () => {
    fake.expireFirstToken = true;
    const p = createErnieProvider('ernie', { baseUrl: fake.url, apiKey: AK, secretKey: SK, headers: {}, connectTimeoutMs: 2000 });
    const opts = () => testCallOptions('ERNIE-4.0-8K');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 ? p.chat(hi, opts()) : collect(p.stream(hi, opts())).then((parts) => assembleParts(parts)),
      ),
    );
    expect(results.every((r) => ('content' in r ? r.content : r.text) === 'echo: hi')).toBe(true);
    // One first fetch, exactly one refresh after error 111; every call then succeeded with token #2.
    expect(fake.tokenRequests).toBe(2);
    expect(fake.chats.every((c) => c.token === fake.issued[1])).toBe(true);
    expect(fake.chats).toHaveLength(50);
    await p.close?.();
  });
});

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
