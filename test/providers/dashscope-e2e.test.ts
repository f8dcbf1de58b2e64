import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FAKE_ANSWER, FAKE_TOOL_ARGS, startDashScopeFake, type DashScopeFake } from '../fakes/dashscope-fake.js';

import { validateAgainst } from '../helpers/openai-schema.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

const KEY = 'sk-dashscope-test-0123456789';
const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', description: '查询天气', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
};

/** Feeds a raw SSE text to the parser in small byte pieces (splits lines and UTF-8 characters). */

describe('dashscope through baimo with the official openai SDK', () => {
  let fake: DashScopeFake;
  let baimo: TestBaimo;
  let client: OpenAI;
  beforeAll(async () => {
    fake = await startDashScopeFake(KEY);
    baimo = await startBaimo({
      providers: { ds: { type: 'dashscope', api_key: KEY, base_url: fake.url } },
      router: { retries: 1, backoff_base_ms: 5, backoff_max_ms: 20 },
    });
    client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
  });
  afterAll(async () => {
    await baimo?.close();
    await fake?.close();
  });
  const fakePromptTokens = async (): Promise<number> => {
    // The fake's own figures for the last call: what DashScope would bill.
    const body = fake.requests.at(-1)!.body;
    return body.input.messages.reduce((n: number, m: any) => n + JSON.stringify(m.content).length, 0);
  };

  it('whole answer: schema-valid, usage equals the vendor total', async () => {
    const r = await client.chat.completions.create({
      model: 'ds/qwen-plus',
      messages: [
        { role: 'system', content: '你是助手。' },
        { role: 'user', content: '你好' },
      ],
    });
    expect(validateAgainst('CreateChatCompletionResponse', r), JSON.stringify(r)).toEqual([]);
    expect(r.choices[0].message.content).toBe(FAKE_ANSWER);
    expect(r.choices[0].finish_reason).toBe('stop');
    const prompt = await fakePromptTokens();
    const completion = [...FAKE_ANSWER].length;
    expect(r.usage).toMatchObject({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion });
    expect(r.usage?.prompt_tokens_details?.cached_tokens).toBe(4);
  });

  it('stream: schema-valid chunks, usage equals the vendor total (cumulative, not summed)', async () => {
    const stream = await client.chat.completions.create({
      model: 'ds/qwen-turbo',
      messages: [{ role: 'user', content: '你好' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const c of stream) {
      expect(validateAgainst('CreateChatCompletionStreamResponse', c), JSON.stringify(c)).toEqual([]);
      text += c.choices[0]?.delta?.content ?? '';
      finish = c.choices[0]?.finish_reason ?? finish;
      if (c.usage) usage = c.usage;
    }
    expect(text).toBe(FAKE_ANSWER);
    expect(finish).toBe('stop');
    const prompt = await fakePromptTokens();
    const completion = [...FAKE_ANSWER].length;
    // Summing the 5 cumulative reports would give far more than this.
    expect(usage).toMatchObject({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion });
    // The request log (and so quotas, budgets and reports) carries the same real total, not an estimate.
    await baimo.runtime.logWriter.flush();
    const [row] = await baimo.runtime.logs.list({ limit: 1 });
    expect(row).toMatchObject({ provider: 'ds', prompt_tokens: prompt, completion_tokens: completion, estimated: 0, stream: 1 });
  });

  it('tool calls: whole and streamed', async () => {
    const base = { model: 'ds/qwen-max', messages: [{ role: 'user' as const, content: '北京天气' }], tools: [weatherTool] };
    const whole = await client.chat.completions.create(base);
    expect(validateAgainst('CreateChatCompletionResponse', whole), JSON.stringify(whole)).toEqual([]);
    expect(whole.choices[0].finish_reason).toBe('tool_calls');
    const call = whole.choices[0].message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(JSON.parse(call.function.arguments)).toEqual(JSON.parse(FAKE_TOOL_ARGS));

    const stream = await client.chat.completions.create({ ...base, stream: true, stream_options: { include_usage: true } });
    let args = '';
    let name = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const c of stream) {
      expect(validateAgainst('CreateChatCompletionStreamResponse', c), JSON.stringify(c)).toEqual([]);
      const tc = c.choices[0]?.delta?.tool_calls?.[0];
      if (tc?.function?.name) name = tc.function.name;
      args += tc?.function?.arguments ?? '';
      finish = c.choices[0]?.finish_reason ?? finish;
      if (c.usage) usage = c.usage;
    }
    expect({ name, args, finish }).toEqual({ name: 'get_weather', args: FAKE_TOOL_ARGS, finish: 'tool_calls' });
    expect(usage?.completion_tokens).toBe(FAKE_TOOL_ARGS.length);
  });

  it('embeddings: schema-valid with the vendor token count', async () => {
    const r = await client.embeddings.create({
      model: 'ds/text-embedding-v3',
      input: ['你好', '世界！'],
      dimensions: 4,
      encoding_format: 'float',
    });
    expect(validateAgainst('CreateEmbeddingResponse', r), JSON.stringify(r)).toEqual([]);
    expect(r.data.map((d) => d.embedding.length)).toEqual([4, 4]);
    expect(r.data[1].embedding[0]).toBeCloseTo((3 + 1) / 100);
    expect(r.usage).toMatchObject({ prompt_tokens: 5, total_tokens: 5 });
  });

  it('content filter on the output → finish_reason content_filter (whole and streamed)', async () => {
    const whole = await client.chat.completions.create({ model: 'ds/qwen-plus', messages: [{ role: 'user', content: 'filter:output' }] });
    expect(validateAgainst('CreateChatCompletionResponse', whole), JSON.stringify(whole)).toEqual([]);
    expect(whole.choices[0].finish_reason).toBe('content_filter');
    const stream = await client.chat.completions.create({
      model: 'ds/qwen-plus',
      messages: [{ role: 'user', content: 'filter:output' }],
      stream: true,
    });
    let finish: string | null = null;
    for await (const c of stream) finish = c.choices[0]?.finish_reason ?? finish;
    expect(finish).toBe('content_filter');
  });

  const errors: Array<[string, number, string]> = [
    ['InvalidApiKey', 502, 'upstream_error'],
    ['Throttling.RateQuota', 429, 'rate_limit_error'],
    ['Throttling.AllocationQuota', 429, 'insufficient_quota'],
    ['Arrearage', 429, 'insufficient_quota'],
    ['DataInspectionFailed', 400, 'invalid_request_error'],
    ['InvalidParameter', 400, 'invalid_request_error'],
    ['InternalError', 500, 'upstream_error'],
  ];
  it.each(errors)('vendor error %s → HTTP %i, type %s', async (code, status, type) => {
    const err = (await client.chat.completions
      .create({ model: 'ds/qwen-plus', messages: [{ role: 'user', content: `error:${code}` }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.status).toBe(status);
    expect((err.error as { type?: string }).type).toBe(type);
    expect(JSON.stringify(err.error)).not.toContain(KEY);
  });
});
