import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/core/chat-types.js';
import { GatewayError } from '../../src/core/errors.js';
import type { CallOptions, Provider } from '../../src/core/provider.js';
import { convertRequest } from '../../src/providers/spark-ws/convert-request.js';
import { createSparkWsProvider } from '../../src/providers/spark-ws/index.js';
import { signSparkUrl } from '../../src/providers/spark-ws/sign-url.js';
import { SPARK_VERSIONS, findSparkVersion } from '../../src/providers/spark-ws/versions.js';
import { DEFAULT_CHUNKS, FAKE_SPARK, startFakeSpark, type FakeSpark } from '../fakes/spark-ws-fake.js';
import { assembleParts, collect, firstPart, testCallOptions } from '../helpers/fixture-server.js';
import { validateAgainst } from '../helpers/openai-schema.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

const hi: ChatRequest = { model: 'spark', messages: [{ role: 'user', content: '你好' }] };
const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};
const waitFor = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('spark-ws URL signing', () => {
  it('matches an independent computation with node:crypto', () => {
    const date = 'Tue, 02 Jan 2024 03:04:05 GMT';
    const url = signSparkUrl({ baseUrl: 'wss://spark-api.xf-yun.com', path: '/v3.5/chat', apiKey: 'k-123', apiSecret: 's-456', date });
    const sig = createHmac('sha256', 's-456').update(`host: spark-api.xf-yun.com\ndate: ${date}\nGET /v3.5/chat HTTP/1.1`).digest('base64');
    const auth = Buffer.from(`api_key="k-123", algorithm="hmac-sha256", headers="host date request-line", signature="${sig}"`).toString(
      'base64',
    );
    const expected = `wss://spark-api.xf-yun.com/v3.5/chat?authorization=${encodeURIComponent(auth)}&date=${encodeURIComponent(date).replace(/%20/g, '+')}&host=spark-api.xf-yun.com`;
    expect(url).toBe(expected);
    // A Date object is formatted as RFC 1123 GMT; a port is part of the signed host.
    const local = new URL(
      signSparkUrl({
        baseUrl: 'ws://127.0.0.1:9/',
        path: 'v1.1/chat',
        apiKey: 'k',
        apiSecret: 's',
        date: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      }),
    );
    expect(local.pathname).toBe('/v1.1/chat');
    expect(local.searchParams.get('date')).toBe(date);
    expect(local.searchParams.get('host')).toBe('127.0.0.1:9');
  });

  it("reproduces iFlytek's published example (general URL authentication doc)", () => {
    const url = signSparkUrl({
      baseUrl: 'wss://spark-api.xf-yun.com',
      path: '/v1.1/chat',
      apiKey: 'addd2272b6d8b7c8abdd79531420ca3b',
      apiSecret: 'MjlmNzkzNmZkMDQ2OTc0ZDdmNGE2ZTZi',
      date: 'Fri, 05 May 2023 10:43:39 GMT',
    });
    const auth = new URL(url).searchParams.get('authorization')!;
    expect(Buffer.from(auth, 'base64').toString()).toContain('signature="z5gHdu3pxVV4ADMyk467wOWDQ9q6BQzR3nfMTjc/DaQ="');
    expect(url).toBe(
      'wss://spark-api.xf-yun.com/v1.1/chat?authorization=YXBpX2tleT0iYWRkZDIyNzJiNmQ4YjdjOGFiZGQ3OTUzMTQyMGNhM2IiLCBhbGdvcml0aG09ImhtYWMtc2hhMjU2IiwgaGVhZGVycz0iaG9zdCBkYXRlIHJlcXVlc3QtbGluZSIsIHNpZ25hdHVyZT0iejVnSGR1M3B4VlY0QURNeWs0Njd3T1dEUTlxNkJRelIzbmZNVGpjL0RhUT0i&date=Fri%2C+05+May+2023+10%3A43%3A39+GMT&host=spark-api.xf-yun.com',
    );
  });
});

describe('spark-ws request frame', () => {
  const convo: ChatRequest = {
    model: 'x',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Hefei?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Hefei"}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
    ],
    tools: [weatherTool],
    temperature: 0.3,
    max_tokens: 100,
    max_completion_tokens: 200,
    top_k: 3,
    user: 'u'.repeat(40),
  };

  it('has the version table as data and builds the v3+ frame with system and functions', () => {
    expect(SPARK_VERSIONS.map((v) => [v.domain, v.path])).toEqual([
      ['lite', '/v1.1/chat'],
      ['generalv3', '/v3.1/chat'],
      ['pro-128k', '/chat/pro-128k'],
      ['generalv3.5', '/v3.5/chat'],
      ['max-32k', '/chat/max-32k'],
      ['4.0Ultra', '/v4.0/chat'],
    ]);
    expect(convertRequest(convo, findSparkVersion('4.0Ultra')!, 'app')).toEqual({
      header: { app_id: 'app', uid: 'u'.repeat(32) },
      parameter: { chat: { domain: '4.0Ultra', temperature: 0.3, max_tokens: 200, top_k: 3 } },
      payload: {
        message: {
          text: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: 'Weather in Hefei?' },
            { role: 'assistant', content: 'Calling get_weather({"city":"Hefei"})' },
            { role: 'user', content: 'Result of get_weather: sunny' },
          ],
        },
        functions: { text: [{ name: 'get_weather', description: 'Weather of a city', parameters: weatherTool.function.parameters }] },
      },
    });
  });

  it('folds the system text into the first user turn on Lite', () => {
    const f = convertRequest({ model: 'x', messages: convo.messages.slice(0, 2) }, findSparkVersion('lite')!, 'app');
    expect(f.payload.message.text).toEqual([{ role: 'user', content: 'Be brief.\n\nWeather in Hefei?' }]);
  });
});

describe('spark-ws adapter against a fake Spark WebSocket server', () => {
  let fake: FakeSpark;
  let provider: Provider;
  const opts = (model = 'generalv3.5', over: Partial<CallOptions['timeouts']> = {}): CallOptions => {
    const o = testCallOptions(model);
    return { ...o, timeouts: { ...o.timeouts, ...over } };
  };
  const make = (over: Partial<typeof FAKE_SPARK> = {}) => {
    const c = { ...FAKE_SPARK, ...over };
    return createSparkWsProvider('spark', {
      baseUrl: fake.url,
      headers: {},
      connectTimeoutMs: 2000,
      appId: c.appId,
      apiKey: c.apiKey,
      apiSecret: c.apiSecret,
    });
  };
  const failure = async (p: Promise<unknown>): Promise<GatewayError> => {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(GatewayError);
    return e as GatewayError;
  };

  beforeAll(async () => {
    fake = await startFakeSpark();
    provider = make();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('streams a multi-frame answer with cumulative usage from the last frame, then closes', async () => {
    const closed = fake.closed;
    const parts = await collect(provider.stream({ ...hi, messages: [{ role: 'system', content: 'S' }, ...hi.messages] }, opts('max-32k')));
    const a = assembleParts(parts);
    expect(a.text).toBe(DEFAULT_CHUNKS.join(''));
    expect(parts.filter((p) => p.type === 'text-delta')).toHaveLength(DEFAULT_CHUNKS.length);
    expect(parts.filter((p) => p.type === 'usage')).toEqual([
      { type: 'usage', usage: { promptTokens: 12, completionTokens: 9 }, cumulative: true },
    ]);
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    const req = fake.requests.at(-1)!;
    expect(req.path).toBe('/chat/max-32k');
    expect(req.frame.payload.message.text[0]).toEqual({ role: 'system', content: 'S' });
    await waitFor(() => fake.closed > closed);
  });

  it('collects a whole answer and a function call', async () => {
    expect(await provider.chat(hi, opts('lite'))).toEqual({
      content: DEFAULT_CHUNKS.join(''),
      toolCalls: [],
      finishReason: 'stop',
      usage: { promptTokens: 12, completionTokens: 9 },
      model: 'lite',
    });
    fake.queue.push({ kind: 'function-call', name: 'get_weather', arguments: '{"city":"合肥"}' });
    const r = await provider.chat({ ...hi, tools: [weatherTool] }, opts());
    expect(r).toMatchObject({ content: null, finishReason: 'tool_calls', usage: { promptTokens: 120, completionTokens: 18 } });
    expect(r.toolCalls[0]).toMatchObject({ type: 'function', function: { name: 'get_weather', arguments: '{"city":"合肥"}' } });
    expect(fake.requests.at(-1)!.frame.payload.functions.text[0].name).toBe('get_weather');
  });

  it('rejects an unknown model with a 404 listing the known ones, without connecting', async () => {
    const before = fake.requests.length + fake.rejected.length;
    const e = (await firstPart(provider.stream(hi, opts('generalv9')))) as GatewayError;
    expect(e).toMatchObject({ status: 404, type: 'not_found_error', code: 'model_not_found' });
    expect(e.message).toContain('lite, generalv3, pro-128k, generalv3.5, max-32k, 4.0Ultra');
    expect(fake.requests.length + fake.rejected.length).toBe(before);
  });

  it('maps a refused handshake (bad signature 401, stale date 403) to a 502 without secrets', async () => {
    const e = await failure(make({ apiSecret: 'wrong-secret-value-xyz' }).chat(hi, opts()));
    expect(fake.rejected.at(-1)).toBe(401);
    expect(e).toMatchObject({ status: 502, type: 'upstream_error', retryable: false });
    expect(e.message).toContain('HMAC signature does not match');
    for (const s of ['wrong-secret-value-xyz', FAKE_SPARK.apiKey, 'authorization=']) expect(e.message).not.toContain(s);
    fake.clockSkewMs = 301_000;
    try {
      const stale = (await firstPart(provider.stream(hi, opts()))) as GatewayError;
      expect(fake.rejected.at(-1)).toBe(403);
      expect(stale).toMatchObject({ status: 502, type: 'upstream_error', retryable: false });
    } finally {
      fake.clockSkewMs = 0;
    }
    const wrongApp = await failure(make({ appId: 'other-app' }).chat(hi, opts()));
    expect(wrongApp).toMatchObject({ status: 502, type: 'upstream_error', code: 'spark_10313' });
  });

  it.each([
    [10013, 'input audit', 400, 'invalid_request_error', 'content_policy_violation', false],
    [11200, 'no authorization', 502, 'upstream_error', 'spark_11200', false],
    [11201, 'daily limit', 429, 'insufficient_quota', 'insufficient_quota', false],
    [11202, 'second limit', 429, 'rate_limit_error', 'rate_limit_exceeded', true],
    [11203, 'concurrency', 429, 'rate_limit_error', 'rate_limit_exceeded', true],
    [10907, 'token too long', 400, 'invalid_request_error', 'context_length_exceeded', false],
    [10163, 'schema check failed', 400, 'invalid_request_error', 'spark_10163', false],
    [10160, 'bad data format', 400, 'invalid_request_error', 'spark_10160', false],
    [10110, 'no license', 503, 'upstream_error', 'spark_10110', true],
    [10003, 'busy', 503, 'upstream_error', 'spark_10003', true],
  ])('maps code %i (%s) to %i %s', async (code, message, status, type, errCode, retryable) => {
    fake.queue.push({ kind: 'code', code, message });
    const e = await failure(provider.chat(hi, opts()));
    expect(e).toMatchObject({ status, type, code: errCode, retryable });
    expect(e.message).toContain(`code ${code}`);
    fake.queue.push({ kind: 'code', code, message });
    expect(await firstPart(provider.stream(hi, opts()))).toMatchObject({ status, code: errCode });
  });

  it('ends with content_filter on an output audit code, and yields a later error as a part', async () => {
    for (const code of [10014, 10019]) {
      fake.queue.push({ kind: 'code', code, message: 'output audit', before: ['部分', '回答'] });
      expect(await provider.chat(hi, opts())).toMatchObject({ content: '部分回答', finishReason: 'content_filter' });
    }
    fake.queue.push({ kind: 'code', code: 10003, message: 'busy', before: ['半'] });
    const a = assembleParts(await collect(provider.stream(hi, opts())));
    expect(a.text).toBe('半');
    expect(a.errors.map((e) => [e.status, e.retryable])).toEqual([[503, true]]);
  });

  it('times out on first byte and idle, and on a connect that never upgrades', async () => {
    fake.queue.push({ kind: 'silent' });
    expect(await firstPart(provider.stream(hi, opts('generalv3.5', { firstByte: 150 })))).toMatchObject({
      status: 504,
      code: 'first_byte_timeout',
    });
    fake.queue.push({ kind: 'stall', chunks: ['a'] });
    expect(await failure(provider.chat(hi, opts('generalv3.5', { idle: 150 })))).toMatchObject({ status: 504, code: 'idle_timeout' });
    // Accepts TCP but never answers the upgrade; it reads (and drops) bytes so it sees the client's FIN.
    const mute: Server = createServer((socket) => socket.resume());
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    try {
      const port = (mute.address() as { port: number }).port;
      const p = createSparkWsProvider('spark', { ...FAKE_SPARK, baseUrl: `ws://127.0.0.1:${port}`, headers: {}, connectTimeoutMs: 100 });
      expect(await failure(p.chat(hi, opts('lite', { connect: 150 })))).toMatchObject({
        status: 504,
        code: 'connect_timeout',
        retryable: true,
      });
    } finally {
      await new Promise<void>((r) => mute.close(() => r()));
    }
  });

  it('closes the socket when the call is aborted', async () => {
    fake.queue.push({ kind: 'stall', chunks: ['x'] });
    const ctl = new AbortController();
    const closed = fake.closed;
    const it = provider.stream(hi, { ...opts(), signal: ctl.signal })[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual({ type: 'text-delta', text: 'x' });
    ctl.abort();
    await expect(it.next()).rejects.toMatchObject({ code: 'cancelled' });
    await waitFor(() => fake.closed > closed);
  });
});

describe('spark-ws through baimo with the official openai SDK', () => {
  let fake: FakeSpark;
  let baimo: TestBaimo;
  let client: OpenAI;
  const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

  beforeAll(async () => {
    fake = await startFakeSpark();
    const creds = { app_id: FAKE_SPARK.appId, api_key: FAKE_SPARK.apiKey, api_secret: FAKE_SPARK.apiSecret };
    baimo = await startBaimo({
      providers: {
        spark: { type: 'spark-ws', base_url: fake.url, ...creds },
        'spark-bad': { type: 'spark-ws', base_url: fake.url, ...creds, api_secret: 'not-the-secret-123' },
      },
      models: [
        { name: 'spark', targets: [{ provider: 'spark', model: 'generalv3.5' }] },
        { name: 'spark-bad', targets: [{ provider: 'spark-bad', model: 'lite' }] },
      ],
      router: { retries: 0, circuit_failures: 1000 },
    });
    client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
  });
  afterAll(async () => {
    await baimo?.close();
    await fake?.close();
  });

  it('gets a schema-valid whole answer with the vendor total as usage', async () => {
    const r = await client.chat.completions.create({ model: 'spark', messages: [{ role: 'user', content: 'hi' }] });
    expect(validateAgainst('CreateChatCompletionResponse', json(r))).toEqual([]);
    expect(r.choices[0].message.content).toBe(DEFAULT_CHUNKS.join(''));
    expect(r.choices[0].finish_reason).toBe('stop');
    expect(r.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 });
  });

  it('streams schema-valid chunks (text and tool calls) with usage', async () => {
    const run = async (body: Parameters<typeof client.chat.completions.create>[0]) => {
      const stream = await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } });
      const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
      for await (const c of stream) chunks.push(c);
      for (const c of chunks) expect(validateAgainst('CreateChatCompletionStreamResponse', json(c)), JSON.stringify(c)).toEqual([]);
      return chunks;
    };
    const text = await run({ model: 'spark', messages: [{ role: 'user', content: 'hi' }] });
    expect(text.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(DEFAULT_CHUNKS.join(''));
    expect(text.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe('stop');
    expect(text.at(-1)!.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 });

    fake.queue.push({ kind: 'function-call', name: 'get_weather', arguments: '{"city":"合肥"}' });
    const tools = await run({ model: 'spark', messages: [{ role: 'user', content: 'weather?' }], tools: [weatherTool] });
    const call = tools.flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])[0];
    expect(call).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather', arguments: '{"city":"合肥"}' } });
    expect(call.id).toMatch(/^call_/);
    expect(tools.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe('tool_calls');
    expect(tools.at(-1)!.usage).toMatchObject({ total_tokens: 138 });
  });

  it('maps an output audit stop to finish_reason content_filter', async () => {
    fake.queue.push({ kind: 'code', code: 10014, message: 'output audit', before: ['部分'] });
    const r = await client.chat.completions.create({ model: 'spark', messages: [{ role: 'user', content: 'x' }] });
    expect(r.choices[0]).toMatchObject({ finish_reason: 'content_filter', message: { content: '部分' } });
  });

  it.each([
    ['spark', 11201, 429, 'insufficient_quota'],
    ['spark', 11202, 429, 'rate_limit_error'],
    ['spark', 10013, 400, 'invalid_request_error'],
    ['spark', 10907, 400, 'invalid_request_error'],
    ['spark', 11200, 502, 'upstream_error'],
    ['spark-bad', 0, 502, 'upstream_error'],
  ])('maps %s code %i to HTTP %i %s', async (model, code, status, type) => {
    if (code) fake.queue.push({ kind: 'code', code, message: 'scripted' });
    const res = await fetch(`${baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'x' }] }),
    });
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(res.status).toBe(status);
    expect(validateAgainst('ErrorResponse', body)).toEqual([]);
    expect(body.error.type).toBe(type);
    expect(body.error.message).not.toContain('not-the-secret-123');
  });

  it('closes the upstream WebSocket when the client disconnects', async () => {
    fake.queue.push({ kind: 'stall', chunks: ['慢'] });
    const closed = fake.closed;
    const ctl = new AbortController();
    const res = await fetch(`${baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'spark', messages: [{ role: 'user', content: 'x' }], stream: true }),
      signal: ctl.signal,
    });
    const reader = res.body!.getReader();
    let seen = '';
    while (!seen.includes('慢')) seen += new TextDecoder().decode((await reader.read()).value);
    ctl.abort();
    await waitFor(() => fake.closed > closed);
  });
});
