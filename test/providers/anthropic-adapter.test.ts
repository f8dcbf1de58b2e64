import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/core/chat-types.js';
import { GatewayError } from '../../src/core/errors.js';
import type { CallOptions, Provider } from '../../src/core/provider.js';
import { createAnthropicProvider } from '../../src/providers/anthropic/index.js';
import { convertRequest } from '../../src/providers/anthropic/convert-request.js';
import { parseResponse, type AnthropicResponse } from '../../src/providers/anthropic/parse-response.js';
import { parseStream } from '../../src/providers/anthropic/parse-stream.js';
import { parseSse } from '../../src/providers/shared/sse-parser.js';
import {
  assembleParts,
  collect,
  fixtureChunks,
  fixtureJson,
  startFixtureServer,
  type FakeResponse,
  type FixtureServer,
  testCallOptions,
} from '../helpers/fixture-server.js';

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['location'],
      additionalProperties: false,
    },
    strict: true,
  },
};
const timeTool = { type: 'function' as const, function: { name: 'get_time', description: 'Local time' } };

const conversation: ChatRequest = {
  model: 'claude',
  messages: [
    { role: 'system', content: 'You are a weather assistant.' },
    { role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello! Where are you?' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'San Francisco. Weather and time?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        { type: 'image_url', image_url: { url: 'https://example.com/sky.jpg' } },
      ],
    },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'toolu_01A09q90qw90lq917835lq9',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA"}' },
        },
        { id: 'toolu_01VjbFkPSKpcVwrwzW5Ep2sQ', type: 'function', function: { name: 'get_time', arguments: 'not json' } },
      ],
    },
    { role: 'tool', tool_call_id: 'toolu_01A09q90qw90lq917835lq9', content: '{"temp_c":18}' },
    { role: 'tool', tool_call_id: 'toolu_01VjbFkPSKpcVwrwzW5Ep2sQ', content: '09:30' },
    { role: 'user', content: 'Thanks. And tomorrow?' },
  ],
  tools: [weatherTool, timeTool],
  tool_choice: 'required',
  temperature: 0.3,
  top_p: 0.9,
  max_tokens: 512,
  stop: 'END',
  user: 'user-42',
  frequency_penalty: 0.5,
};

async function* fromArray(chunks: string[]): AsyncGenerator<string> {
  yield* chunks;
}

describe('anthropic convertRequest', () => {
  it('converts an OpenAI conversation into a Messages API body', () => {
    expect(convertRequest(conversation, 'claude-sonnet-4-5', false)).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 512,
      system: 'You are a weather assistant.\n\nBe brief.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello! Where are you?' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'San Francisco. Weather and time?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/sky.jpg' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', input: { location: 'San Francisco, CA' } },
            { type: 'tool_use', id: 'toolu_01VjbFkPSKpcVwrwzW5Ep2sQ', name: 'get_time', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_01A09q90qw90lq917835lq9', content: '{"temp_c":18}' },
            { type: 'tool_result', tool_use_id: 'toolu_01VjbFkPSKpcVwrwzW5Ep2sQ', content: '09:30' },
            { type: 'text', text: 'Thanks. And tomorrow?' },
          ],
        },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city',
          input_schema: weatherTool.function.parameters,
        },
        { name: 'get_time', description: 'Local time', input_schema: { type: 'object', properties: {} } },
      ],
      tool_choice: { type: 'any' },
      temperature: 0.3,
      top_p: 0.9,
      stop_sequences: ['END'],
      metadata: { user_id: 'user-42' },
    });
  });

  it('maps tool_choice, defaults max_tokens, clamps temperature and approximates JSON mode', () => {
    const base: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'x' }], tools: [timeTool] };
    expect(convertRequest({ ...base, tool_choice: 'auto' }, 'm', false).tool_choice).toEqual({ type: 'auto' });
    expect(convertRequest({ ...base, tool_choice: 'none' }, 'm', false).tool_choice).toEqual({ type: 'none' });
    expect(convertRequest({ ...base, tool_choice: { type: 'function', function: { name: 'get_time' } } }, 'm', false).tool_choice).toEqual({
      type: 'tool',
      name: 'get_time',
    });
    expect(convertRequest({ ...base, parallel_tool_calls: false }, 'm', false).tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    const body = convertRequest(
      { ...base, temperature: 1.7, max_completion_tokens: 99, max_tokens: 5, response_format: { type: 'json_object' } },
      'm',
      true,
    );
    expect(body.max_tokens).toBe(99);
    expect(body.temperature).toBe(1);
    expect(body.stream).toBe(true);
    expect(body.system).toMatch(/JSON/);
    expect(convertRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, 'm', false)).toEqual({
      model: 'm',
      max_tokens: 4096,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
    });
  });
});

describe('anthropic parseResponse', () => {
  it('parses a text answer', () => {
    expect(parseResponse('anthropic', fixtureJson<AnthropicResponse>('anthropic/text.json'))).toEqual({
      content: 'Hello! How can I help you today?',
      toolCalls: [],
      finishReason: 'stop',
      usage: { promptTokens: 21, completionTokens: 12 },
      model: 'claude-sonnet-4-5-20250929',
    });
  });

  it('parses thinking, text and tool_use with cached prompt tokens', () => {
    expect(parseResponse('anthropic', fixtureJson<AnthropicResponse>('anthropic/tool-call.json'))).toEqual({
      content: "I'll check the current weather in San Francisco for you.",
      reasoning: 'The user wants the weather in San Francisco. I should call get_weather.',
      toolCalls: [
        {
          id: 'toolu_01A09q90qw90lq917835lq9',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
        },
      ],
      finishReason: 'tool_calls',
      usage: { promptTokens: 392 + 1536, completionTokens: 91, cachedTokens: 1536 },
      model: 'claude-sonnet-4-5-20250929',
    });
  });

  it('maps max_tokens to length and counts cache writes as prompt', () => {
    const r = parseResponse('anthropic', fixtureJson<AnthropicResponse>('anthropic/max-tokens.json'));
    expect(r.finishReason).toBe('length');
    expect(r.usage).toEqual({ promptTokens: 214, completionTokens: 8 });
  });

  it('maps refusal to content_filter', () => {
    const r = parseResponse('anthropic', { content: [], stop_reason: 'refusal', usage: { input_tokens: 3, output_tokens: 0 } });
    expect(r).toMatchObject({ content: '', finishReason: 'content_filter' });
  });
});

describe('anthropic parseStream', () => {
  it('streams text with usage and finish', async () => {
    const parts = await collect(parseStream('anthropic', parseSse(fixtureChunks('anthropic/stream-text.sse.txt', 17))));
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => (p as { text: string }).text)).toEqual([
      'Hello',
      '! How can I help',
      ' you today?',
    ]);
    expect(parts[0]).toEqual({ type: 'usage', usage: { promptTokens: 25, completionTokens: 1 }, cumulative: true });
    expect(parts.at(-2)).toEqual({ type: 'usage', usage: { promptTokens: 25, completionTokens: 12 }, cumulative: true });
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('reassembles input_json_delta fragments into tool calls numbered among tool_use blocks', async () => {
    const parts = await collect(parseStream('anthropic', parseSse(fixtureChunks('anthropic/stream-tool-call.sse.txt', 29))));
    expect(parts).toContainEqual({ type: 'tool-call-delta', index: 0, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather' });
    expect(parts).toContainEqual({ type: 'tool-call-delta', index: 1, id: 'toolu_01VjbFkPSKpcVwrwzW5Ep2sQ', name: 'get_time' });
    const a = assembleParts(parts);
    expect(a.reasoning).toBe('I need the weather and the local time in San Francisco.');
    expect(a.text).toBe('Let me check that for you.');
    expect(a.toolCalls).toEqual([
      { id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', arguments: '{"location": "San Francisco, CA", "unit": "fahrenheit"}' },
      { id: 'toolu_01VjbFkPSKpcVwrwzW5Ep2sQ', name: 'get_time', arguments: '{"timezone": "America/Los_Angeles"}' },
    ]);
    expect(JSON.parse(a.toolCalls[0].arguments)).toEqual({ location: 'San Francisco, CA', unit: 'fahrenheit' });
    expect(a.usage).toEqual({ promptTokens: 472 + 1536, completionTokens: 89, cachedTokens: 1536 });
    expect(a.finish).toBe('tool_calls');
    expect(a.errors).toEqual([]);
  });

  it('turns an error event into an error part (overloaded → 529, retryable)', async () => {
    const parts = await collect(parseStream('anthropic', parseSse(fixtureChunks('anthropic/stream-error.sse.txt'))));
    const last = parts.at(-1);
    expect(last?.type).toBe('error');
    const err = (last as { error: GatewayError }).error;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.status).toBe(529);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('Overloaded');
    expect(parts.some((p) => p.type === 'finish')).toBe(false);
  });

  it('gives a tool without arguments a parseable {} and reports a truncated stream', async () => {
    const sse = [
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_x","name":"get_time","input":{}}}\n\n',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
    ];
    const a = assembleParts(await collect(parseStream('anthropic', parseSse(fromArray(sse)))));
    expect(a.toolCalls).toEqual([{ id: 'toolu_x', name: 'get_time', arguments: '{}' }]);
    expect(a.errors[0]?.code).toBe('upstream_stream_truncated');
  });
});

describe('anthropic adapter against a fake upstream', () => {
  let server: FixtureServer;
  let provider: Provider;
  let next: FakeResponse = {};
  const opts = (): CallOptions => testCallOptions('claude-sonnet-4-5');

  beforeAll(async () => {
    server = await startFixtureServer(() => next);
    provider = createAnthropicProvider('anthropic', { baseUrl: `${server.origin}/v1`, apiKey: 'sk-ant-test', connectTimeoutMs: 2000 });
  });
  afterAll(async () => {
    await provider.close?.();
    await server.close();
  });

  const lastRequest = () => server.requests[server.requests.length - 1];

  it('chat: posts /v1/messages with the key and version headers', async () => {
    next = { fixture: 'anthropic/tool-call.json' };
    const r = await provider.chat(conversation, opts());
    const req = lastRequest();
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1/messages');
    expect(req.headers['x-api-key']).toBe('sk-ant-test');
    expect(req.headers['anthropic-version']).toBe('2023-06-01');
    expect(req.headers.authorization).toBeUndefined();
    expect(req.json()).toEqual(convertRequest(conversation, 'claude-sonnet-4-5', false));
    expect(r.finishReason).toBe('tool_calls');
    expect(r.toolCalls[0].function.name).toBe('get_weather');
    expect(r.usage?.cachedTokens).toBe(1536);
  });

  it('stream: parses the SSE answer in small chunks', async () => {
    next = { fixture: 'anthropic/stream-tool-call.sse.txt', chunkSize: 11 };
    const a = assembleParts(await collect(provider.stream(conversation, opts())));
    expect(lastRequest().json()).toMatchObject({ stream: true, model: 'claude-sonnet-4-5' });
    expect(lastRequest().headers.accept).toBe('text/event-stream');
    expect(a.toolCalls.map((c) => JSON.parse(c.arguments))).toEqual([
      { location: 'San Francisco, CA', unit: 'fahrenheit' },
      { timezone: 'America/Los_Angeles' },
    ]);
    expect(a.finish).toBe('tool_calls');
  });

  it('stream: a mid-stream error event ends with an error part', async () => {
    next = { fixture: 'anthropic/stream-error.sse.txt' };
    const a = assembleParts(await collect(provider.stream(conversation, opts())));
    expect(a.text).toBe('Sure, here');
    expect(a.errors).toHaveLength(1);
    expect(a.errors[0].retryable).toBe(true);
  });

  it('has no embeddings, lists models', async () => {
    expect(provider.embed).toBeUndefined();
    next = { fixture: 'anthropic/models.json' };
    expect(await provider.listModels?.()).toEqual(['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001']);
    expect(lastRequest().method).toBe('GET');
    expect(lastRequest().url).toBe('/v1/models?limit=1000');
  });

  it('maps 429 with retry-after to a retryable rate limit error', async () => {
    next = { status: 429, headers: { 'retry-after': '30' }, fixture: 'anthropic/error-rate-limit.json' };
    const err = (await provider.chat(conversation, opts()).catch((e: unknown) => e)) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.status).toBe(429);
    expect(err.type).toBe('rate_limit_error');
    expect(err.retryable).toBe(true);
    expect(err.retryAfter).toBe(30);
    expect(err.code).toBe('rate_limit_error');
    expect(err.message).toContain('rate limit');
  });

  it('maps 400 to a non-retryable error', async () => {
    next = { status: 400, fixture: 'anthropic/error-invalid-request.json' };
    const err = (await provider.chat(conversation, opts()).catch((e: unknown) => e)) as GatewayError;
    expect(err.status).toBe(400);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('roles must alternate');
  });

  it('maps 529 overloaded to a retryable error, thrown from the first next() of a stream', async () => {
    next = { status: 529, fixture: 'anthropic/error-overloaded.json' };
    const it = provider.stream(conversation, opts())[Symbol.asyncIterator]();
    const err = (await it.next().catch((e: unknown) => e)) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.status).toBe(529);
    expect(err.retryable).toBe(true);
    expect(err.code).toBe('overloaded_error');
  });
});
