import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/core/chat-types.js';
import { GatewayError } from '../../src/core/errors.js';
import type { Provider } from '../../src/core/provider.js';
import { convertRequest, isMultimodalModel } from '../../src/providers/dashscope/convert-request.js';
import { createDashScopeProvider } from '../../src/providers/dashscope/index.js';
import { parseResponse } from '../../src/providers/dashscope/parse-response.js';
import { parseStream } from '../../src/providers/dashscope/parse-stream.js';
import { parseSse } from '../../src/providers/shared/sse-parser.js';
import {
  DASHSCOPE_ERRORS,
  FAKE_ANSWER,
  FAKE_REASONING,
  FAKE_TOOL_ARGS,
  startDashScopeFake,
  type DashScopeFake,
} from '../fakes/dashscope-fake.js';
import { assembleParts, collect, firstPart, testCallOptions } from '../helpers/fixture-server.js';

const KEY = 'sk-dashscope-test-0123456789';
const user = (content: string): ChatRequest => ({ model: 'x', messages: [{ role: 'user', content }] });
const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', description: '查询天气', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
};

/** Feeds a raw SSE text to the parser in small byte pieces (splits lines and UTF-8 characters). */
async function* pieces(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('dashscope convertRequest', () => {
  const conversation: ChatRequest = {
    model: 'qwen',
    messages: [
      { role: 'developer', content: '简短回答。' },
      {
        role: 'user',
        content: [
          { type: 'text', text: '北京' },
          { type: 'text', text: '天气？' },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"北京"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
    ],
    tools: [weatherTool],
    tool_choice: 'required',
    temperature: 0.3,
    top_p: 0.9,
    max_completion_tokens: 512,
    stop: ['END'],
    seed: 42,
    presence_penalty: 0.5,
    frequency_penalty: 0.4,
    repetition_penalty: 1.05,
    enable_search: true,
    response_format: { type: 'json_object' },
  };

  it('builds the text-generation body (string content, tool name on tool results, vendor knobs)', () => {
    expect(convertRequest(conversation, 'qwen-plus', true)).toEqual({
      model: 'qwen-plus',
      input: {
        messages: [
          { role: 'system', content: '简短回答。' },
          { role: 'user', content: '北京\n天气？' },
          {
            role: 'assistant',
            content: '',
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"北京"}' } }],
          },
          { role: 'tool', content: '{"temp":21}', tool_call_id: 'call_1', name: 'get_weather' },
        ],
      },
      parameters: {
        result_format: 'message',
        incremental_output: true,
        temperature: 0.3,
        top_p: 0.9,
        max_tokens: 512,
        stop: ['END'],
        seed: 42,
        presence_penalty: 0.5,
        repetition_penalty: 1.05,
        enable_search: true,
        response_format: { type: 'json_object' },
        tools: [weatherTool],
        // `required` with a single tool forces that tool.
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
      },
    });
    expect(convertRequest(conversation, 'qwen-plus', false).parameters).not.toHaveProperty('incremental_output');
  });

  it('builds multimodal item lists for vision models', () => {
    expect(['qwen-vl-max', 'qwen2.5-vl-72b-instruct', 'qwen3-vl-plus', 'qvq-max'].every(isMultimodalModel)).toBe(true);
    expect(['qwen-plus', 'qwen-max', 'qwq-plus', 'qwen-long'].some(isMultimodalModel)).toBe(false);
    const body = convertRequest(
      {
        model: 'v',
        messages: [
          { role: 'system', content: 'sys' },
          {
            role: 'user',
            content: [
              { type: 'image_url', image_url: { url: 'https://img.example/cat.png' } },
              { type: 'text', text: '这是什么？' },
            ],
          },
        ],
      },
      'qwen-vl-max',
      false,
    );
    expect(body.input.messages).toEqual([
      { role: 'system', content: [{ text: 'sys' }] },
      { role: 'user', content: [{ image: 'https://img.example/cat.png' }, { text: '这是什么？' }] },
    ]);
  });
});

describe('dashscope parsing', () => {
  it('parses a whole answer with reasoning, cached tokens and a multimodal content list', () => {
    const r = parseResponse('ds', {
      output: {
        choices: [{ finish_reason: 'stop', message: { role: 'assistant', content: [{ text: '一只猫' }], reasoning_content: '看图' } }],
      },
      usage: {
        input_tokens: 1200,
        output_tokens: 30,
        total_tokens: 1230,
        prompt_tokens_details: { cached_tokens: 1024 },
        output_tokens_details: { reasoning_tokens: 10 },
      },
      request_id: 'r',
    });
    expect(r).toEqual({
      content: '一只猫',
      reasoning: '看图',
      toolCalls: [],
      finishReason: 'stop',
      usage: { promptTokens: 1200, completionTokens: 30, cachedTokens: 1024, reasoningTokens: 10 },
      model: undefined,
    });
  });

  it('parses `data:` lines without a space, the "null" finish string, and declares usage cumulative', async () => {
    const ev = (n: number, content: string, finish: string, out: number) =>
      `id:${n}\nevent:result\n:HTTP_STATUS/200\ndata:{"output":{"choices":[{"message":{"content":"${content}","role":"assistant"},"finish_reason":"${finish}"}]},"usage":{"total_tokens":${10 + out},"output_tokens":${out},"input_tokens":10},"request_id":"r"}\n\n`;
    const raw = ev(1, '你好', 'null', 1) + ev(2, '，世界', 'null', 3) + ev(3, '', 'stop', 3);
    const parts = await collect(parseStream('ds', parseSse(pieces(raw))));
    const a = assembleParts(parts);
    expect(a.text).toBe('你好，世界');
    expect(a.finish).toBe('stop');
    expect(a.usage).toEqual({ promptTokens: 10, completionTokens: 3 });
    const usages = parts.filter((p) => p.type === 'usage');
    expect(usages).toHaveLength(3);
    expect(usages.every((p) => p.type === 'usage' && p.cumulative === true)).toBe(true);
    // Only one finish part, at the end, although every event carries a finish_reason field.
    expect(parts.filter((p) => p.type === 'finish')).toHaveLength(1);
  });

  it('an error event before any text is thrown (so the router can retry or fall back)', async () => {
    const raw =
      'id:1\nevent:error\n:HTTP_STATUS/429\ndata:{"code":"Throttling.RateQuota","message":"Requests rate limit exceeded, please try again later.","request_id":"r"}\n\n';
    const err = (await firstPart(parseStream('ds', parseSse(pieces(raw))))) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect({ status: err.status, type: err.type, retryable: err.retryable }).toEqual({
      status: 429,
      type: 'rate_limit_error',
      retryable: true,
    });
  });

  it('a stream that ends without a finish reason ends with an error, not a silent stop', async () => {
    const raw =
      'id:1\nevent:result\n:HTTP_STATUS/200\ndata:{"output":{"choices":[{"message":{"content":"半","role":"assistant"},"finish_reason":"null"}]}}\n\n';
    const a = assembleParts(await collect(parseStream('ds', parseSse(pieces(raw)))));
    expect(a.finish).toBeUndefined();
    expect(a.errors[0]?.code).toBe('upstream_bad_response');
  });
});

describe('dashscope adapter against the fake upstream', () => {
  let fake: DashScopeFake;
  let provider: Provider;
  beforeAll(async () => {
    fake = await startDashScopeFake(KEY);
    provider = createDashScopeProvider('ds', { baseUrl: fake.url, apiKey: KEY, headers: {}, connectTimeoutMs: 2000 });
  });
  afterAll(async () => {
    await provider.close?.();
    await fake.close();
  });
  const last = () => fake.requests.at(-1)!;

  it('chat: text-generation path and the Bearer header (checked independently by the fake)', async () => {
    const r = await provider.chat(user('你好'), testCallOptions('qwen-plus'));
    expect(last().url).toBe('/api/v1/services/aigc/text-generation/generation');
    // No signature: DashScope authenticates with the key itself, so the expected header is just this.
    expect(last().headers.authorization).toBe(`Bearer ${KEY}`);
    expect(last().headers['x-dashscope-sse']).toBeUndefined();
    expect(r.content).toBe(FAKE_ANSWER);
    const input = JSON.stringify('你好').length;
    expect(r.usage).toEqual({ promptTokens: input, completionTokens: [...FAKE_ANSWER].length });
  });

  it('stream: SSE headers, incremental deltas, reasoning', async () => {
    const req = { ...user('你好'), enable_thinking: true };
    const a = assembleParts(await collect(provider.stream(req, testCallOptions('qwen-plus'))));
    expect(last().headers['x-dashscope-sse']).toBe('enable');
    expect(last().headers.accept).toBe('text/event-stream');
    expect(last().body.parameters).toMatchObject({ incremental_output: true, enable_thinking: true });
    expect(a.reasoning).toBe(FAKE_REASONING);
    expect(a.text).toBe(FAKE_ANSWER);
    expect(a.finish).toBe('stop');
    expect(a.usage?.completionTokens).toBe([...FAKE_ANSWER].length + [...FAKE_REASONING].length);
  });

  it('stream: tool-call fragments join into one call', async () => {
    const a = assembleParts(await collect(provider.stream({ ...user('北京天气'), tools: [weatherTool] }, testCallOptions('qwen-plus'))));
    expect(a.toolCalls).toHaveLength(1);
    expect(a.toolCalls[0]).toMatchObject({ name: 'get_weather', arguments: FAKE_TOOL_ARGS });
    expect(a.toolCalls[0].id).toMatch(/^call_/);
    expect(a.finish).toBe('tool_calls');
  });

  it('a base URL that already ends in /api/v1 is joined without doubling it', async () => {
    for (const [base, url] of [
      [`${fake.url}/api/v1`, '/api/v1/services/aigc/text-generation/generation'],
      [`${fake.url}/api/v1/`, '/api/v1/services/aigc/text-generation/generation'],
    ]) {
      const p = createDashScopeProvider('ds', { baseUrl: base, apiKey: KEY, headers: {}, connectTimeoutMs: 2000 });
      await p.chat(user('hi'), testCallOptions('qwen-plus'));
      await p.close?.();
      expect(last().url).toBe(url);
    }
  });

  it('vision models go to multimodal-generation', async () => {
    const r = await provider.chat(user('看图'), testCallOptions('qwen-vl-max'));
    expect(last().url).toBe('/api/v1/services/aigc/multimodal-generation/generation');
    expect(r.content).toBe(FAKE_ANSWER);
  });

  it('embeddings: batches of 10, vectors placed by text_index, usage summed', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `文本${'x'.repeat(i)}`);
    const before = fake.requests.length;
    const r = await provider.embed!({ model: 'e', input: texts, dimensions: 3 }, testCallOptions('text-embedding-v3'));
    const calls = fake.requests.slice(before);
    expect(calls.map((c) => c.body.input.texts.length)).toEqual([10, 2]);
    expect(calls[0].url).toBe('/api/v1/services/embeddings/text-embedding/text-embedding');
    expect(calls[0].body.parameters).toEqual({ dimension: 3 });
    expect(r.embeddings).toHaveLength(12);
    expect(r.embeddings[11]).toEqual([texts[11].length + 1, texts[11].length + 2, texts[11].length + 3].map((n) => n / 100));
    expect(r.usage).toEqual({ promptTokens: texts.reduce((n, t) => n + t.length, 0) });
  });

  it('a wrong key is rejected by the fake with InvalidApiKey and reported as baimo’s 502', async () => {
    const bad = createDashScopeProvider('ds', { baseUrl: fake.url, apiKey: 'sk-wrong-key-000000', headers: {}, connectTimeoutMs: 2000 });
    const err = (await bad.chat(user('hi'), testCallOptions('qwen-plus')).catch((e: unknown) => e)) as GatewayError;
    await bad.close?.();
    expect(err).toBeInstanceOf(GatewayError);
    expect({ status: err.status, type: err.type, code: err.code, retryable: err.retryable }).toEqual({
      status: 502,
      type: 'upstream_error',
      code: 'InvalidApiKey',
      retryable: false,
    });
    expect(err.message).not.toContain('sk-wrong-key-000000');
  });

  const table: Array<[string, number, string, string, boolean]> = [
    // [DashScope code, client status, OpenAI type, code, retryable]
    ['InvalidApiKey', 502, 'upstream_error', 'InvalidApiKey', false],
    ['Throttling', 429, 'rate_limit_error', 'rate_limit_exceeded', true],
    ['Throttling.RateQuota', 429, 'rate_limit_error', 'rate_limit_exceeded', true],
    ['Throttling.AllocationQuota', 429, 'insufficient_quota', 'insufficient_quota', false],
    ['Arrearage', 429, 'insufficient_quota', 'insufficient_quota', false],
    ['DataInspectionFailed', 400, 'invalid_request_error', 'content_filter', false],
    ['InvalidParameter', 400, 'invalid_request_error', 'InvalidParameter', false],
    ['InternalError', 500, 'upstream_error', 'InternalError', true],
  ];

  it.each(table)('HTTP error %s → %i %s', async (code, status, type, openaiCode, retryable) => {
    expect(DASHSCOPE_ERRORS[code]).toBeDefined();
    for (const call of [
      () => provider.chat(user(`error:${code}`), testCallOptions('qwen-plus')),
      () => firstPart(provider.stream(user(`error:${code}`), testCallOptions('qwen-plus'))),
    ]) {
      const err = (await call().then(
        (v) => v,
        (e: unknown) => e,
      )) as GatewayError;
      expect(err).toBeInstanceOf(GatewayError);
      expect({ status: err.status, type: err.type, code: err.code, retryable: err.retryable }).toEqual({
        status,
        type,
        code: openaiCode,
        retryable,
      });
    }
  });

  it.each(table.filter(([code]) => code !== 'InvalidApiKey'))(
    'mid-stream error event %s → %i %s',
    async (code, status, type, openaiCode) => {
      const a = assembleParts(await collect(provider.stream(user(`stream-error:${code}`), testCallOptions('qwen-plus'))));
      if (code === 'DataInspectionFailed') {
        // The fake's mid-stream inspection is about the OUTPUT: a filtered stop, not an error.
        expect(a.errors).toEqual([]);
        expect(a.finish).toBe('content_filter');
        return;
      }
      expect(a.text.length).toBeGreaterThan(0);
      expect(a.errors).toHaveLength(1);
      expect({ status: a.errors[0].status, type: a.errors[0].type, code: a.errors[0].code }).toEqual({ status, type, code: openaiCode });
    },
  );

  it('content filter: input → 400 error; output → finish_reason content_filter (whole and streamed)', async () => {
    const input = (await provider.chat(user('filter:input'), testCallOptions('qwen-plus')).catch((e: unknown) => e)) as GatewayError;
    expect(input.status).toBe(400);
    expect(input.message).toContain('input was rejected');
    const whole = await provider.chat(user('filter:output'), testCallOptions('qwen-plus'));
    expect(whole).toMatchObject({ content: '', finishReason: 'content_filter' });
    const streamed = assembleParts(await collect(provider.stream(user('filter:output'), testCallOptions('qwen-plus'))));
    expect(streamed.finish).toBe('content_filter');
    expect(streamed.text).toBe(FAKE_ANSWER.slice(0, 8));
  });
});
