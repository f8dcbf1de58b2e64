import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/core/chat-types.js';
import { GatewayError } from '../../src/core/errors.js';
import type { CallOptions, Provider } from '../../src/core/provider.js';
import { createOllamaProvider } from '../../src/providers/ollama/index.js';
import { convertRequest } from '../../src/providers/ollama/convert-request.js';
import { parseResponse, type OllamaChatResponse } from '../../src/providers/ollama/parse-response.js';
import { parseStream } from '../../src/providers/ollama/parse-stream.js';
import { parseNdjson } from '../../src/providers/shared/sse-parser.js';
import {
  assembleParts,
  collect,
  fixtureChunks,
  fixtureJson,
  startFixtureServer,
  type FakeResponse,
  type FixtureServer,
  firstPart,
  testCallOptions,
} from '../helpers/fixture-server.js';

const weatherParams = {
  type: 'object',
  properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
  required: ['city'],
};

const conversation: ChatRequest = {
  model: 'ollama',
  messages: [
    { role: 'system', content: 'You are a weather assistant.' },
    { role: 'developer', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello! Where are you?' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Paris.' },
        { type: 'text', text: 'Weather?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      ],
    },
    {
      role: 'assistant',
      content: null,
      reasoning_content: 'Need the weather tool.',
      tool_calls: [{ id: 'call_9f2c', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
    },
    { role: 'tool', tool_call_id: 'call_9f2c', content: '{"temp_c":22}' },
    { role: 'user', content: 'Thanks!' },
  ],
  tools: [{ type: 'function', function: { name: 'get_weather', description: 'Current weather', parameters: weatherParams } }],
  tool_choice: 'auto',
  temperature: 0.7,
  top_p: 0.8,
  max_tokens: 256,
  stop: ['</s>'],
  seed: 42,
  response_format: {
    type: 'json_schema',
    json_schema: { name: 'w', schema: { type: 'object', properties: { answer: { type: 'string' } } } },
  },
};

describe('ollama convertRequest', () => {
  it('converts an OpenAI conversation into an /api/chat body', () => {
    expect(convertRequest(conversation, 'qwen3:8b', true)).toEqual({
      model: 'qwen3:8b',
      stream: true,
      messages: [
        { role: 'system', content: 'You are a weather assistant.' },
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello! Where are you?' },
        { role: 'user', content: 'Paris.\nWeather?', images: ['iVBORw0KGgo='] },
        {
          role: 'assistant',
          content: '',
          thinking: 'Need the weather tool.',
          tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }],
        },
        { role: 'tool', content: '{"temp_c":22}', tool_name: 'get_weather' },
        { role: 'user', content: 'Thanks!' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Current weather', parameters: weatherParams } }],
      format: { type: 'object', properties: { answer: { type: 'string' } } },
      options: { temperature: 0.7, top_p: 0.8, num_predict: 256, stop: ['</s>'], seed: 42 },
    });
  });

  it('sends stream:false, json format, drops tools for tool_choice none, rejects http images', () => {
    const base: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'x' }], tools: conversation.tools };
    expect(convertRequest({ ...base, tool_choice: 'none', response_format: { type: 'json_object' } }, 'm', false)).toEqual({
      model: 'm',
      stream: false,
      messages: [{ role: 'user', content: 'x' }],
      format: 'json',
    });
    expect(() =>
      convertRequest(
        { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }] },
        'm',
        false,
      ),
    ).toThrow(GatewayError);
  });
});

describe('ollama parseResponse', () => {
  it('parses a text answer with token counts', () => {
    expect(parseResponse('ollama', fixtureJson<OllamaChatResponse>('ollama/text.json'))).toEqual({
      content: 'Hello! How can I help you today?',
      toolCalls: [],
      finishReason: 'stop',
      usage: { promptTokens: 26, completionTokens: 10 },
      model: 'llama3.2',
    });
  });

  it('parses tool calls (object arguments) with generated ids and thinking', () => {
    const r = parseResponse('ollama', fixtureJson<OllamaChatResponse>('ollama/tool-call.json'));
    expect(r.content).toBeNull();
    expect(r.reasoning).toBe('The user asks about the weather in Paris, so I call get_weather.');
    expect(r.finishReason).toBe('tool_calls');
    expect(r.toolCalls).toEqual([
      {
        id: expect.stringMatching(/^call_[0-9a-f]{24}$/),
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
      },
    ]);
    expect(r.usage).toEqual({ promptTokens: 183, completionTokens: 41 });
  });
});

describe('ollama parseStream', () => {
  it('streams text; the done line carries usage and done_reason', async () => {
    const parts = await collect(parseStream('ollama', parseNdjson(fixtureChunks('ollama/stream-text.ndjson', 19))));
    const a = assembleParts(parts);
    expect(a.text).toBe('Hello! How can I help you today?');
    expect(a.usage).toEqual({ promptTokens: 26, completionTokens: 8 });
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'length' });
  });

  it('emits whole tool calls with generated ids', async () => {
    const parts = await collect(parseStream('ollama', parseNdjson(fixtureChunks('ollama/stream-tool-call.ndjson', 31))));
    const a = assembleParts(parts);
    expect(a.reasoning).toBe('The user wants the weather in Paris.');
    expect(a.toolCalls).toEqual([
      { id: expect.stringMatching(/^call_/), name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
      { id: expect.stringMatching(/^call_/), name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' },
    ]);
    expect(a.toolCalls[0].id).not.toBe(a.toolCalls[1].id);
    expect(a.usage).toEqual({ promptTokens: 183, completionTokens: 52 });
    expect(a.finish).toBe('tool_calls');
  });

  it('turns an {error} line into an error part', async () => {
    const a = assembleParts(await collect(parseStream('ollama', parseNdjson(fixtureChunks('ollama/stream-error.ndjson')))));
    expect(a.text).toBe('Sure');
    expect(a.errors).toHaveLength(1);
    expect(a.errors[0].message).toContain('unexpected EOF');
    expect(a.finish).toBeUndefined();
  });
});

describe('ollama adapter against a fake upstream', () => {
  let server: FixtureServer;
  let provider: Provider;
  let next: FakeResponse = {};
  const opts = (model = 'llama3.2'): CallOptions => testCallOptions(model);

  beforeAll(async () => {
    server = await startFixtureServer(() => next);
    provider = createOllamaProvider('ollama', { baseUrl: `${server.origin}/`, apiKey: 'ollama-key', connectTimeoutMs: 2000 });
  });
  afterAll(async () => {
    await provider.close?.();
    await server.close();
  });

  const lastRequest = () => server.requests[server.requests.length - 1];

  it('chat: posts /api/chat with stream:false', async () => {
    next = { fixture: 'ollama/text.json' };
    const r = await provider.chat(conversation, opts());
    const req = lastRequest();
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/chat');
    expect(req.headers.authorization).toBe('Bearer ollama-key');
    expect(req.json()).toEqual(convertRequest(conversation, 'llama3.2', false));
    expect(r.content).toBe('Hello! How can I help you today?');
  });

  it('stream: parses NDJSON in small chunks', async () => {
    next = { fixture: 'ollama/stream-tool-call.ndjson', chunkSize: 7 };
    const a = assembleParts(await collect(provider.stream(conversation, opts('qwen3:8b'))));
    expect(lastRequest().json()).toMatchObject({ model: 'qwen3:8b', stream: true });
    expect(a.toolCalls.map((c) => c.name)).toEqual(['get_weather', 'get_time']);
    expect(a.finish).toBe('tool_calls');
  });

  it('stream: an {error} line mid-stream ends with an error part', async () => {
    next = { fixture: 'ollama/stream-error.ndjson' };
    const a = assembleParts(await collect(provider.stream(conversation, opts())));
    expect(a.errors).toHaveLength(1);
  });

  it('embed: posts /api/embed', async () => {
    next = { fixture: 'ollama/embed.json' };
    const r = await provider.embed!({ model: 'e', input: ['hello', 'world'] }, opts('nomic-embed-text'));
    expect(lastRequest().url).toBe('/api/embed');
    expect(lastRequest().json()).toEqual({ model: 'nomic-embed-text', input: ['hello', 'world'] });
    expect(r.embeddings).toHaveLength(2);
    expect(r.embeddings[0]).toEqual([0.010071029, -0.0017594862, 0.05007221, 0.04692972]);
    expect(r.usage).toEqual({ promptTokens: 8 });
  });

  it('listModels: GET /api/tags', async () => {
    next = { fixture: 'ollama/tags.json' };
    expect(await provider.listModels?.()).toEqual(['llama3.2:latest', 'nomic-embed-text:latest']);
    expect(lastRequest().method).toBe('GET');
    expect(lastRequest().url).toBe('/api/tags');
  });

  it('maps 429 with retry-after to a retryable error', async () => {
    next = {
      status: 429,
      headers: { 'retry-after': '3' },
      body: '{"error":"server busy, please try again. maximum pending requests exceeded"}',
    };
    const err = (await provider.chat(conversation, opts()).catch((e: unknown) => e)) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.status).toBe(429);
    expect(err.retryable).toBe(true);
    expect(err.retryAfter).toBe(3);
    expect(err.message).toContain('server busy');
  });

  it('maps a 404 {error} to a non-retryable error, thrown from the first next() of a stream', async () => {
    next = { status: 404, fixture: 'ollama/error-model-not-found.json' };
    const err = (await firstPart(provider.stream(conversation, opts('llama9')))) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.status).toBe(404);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('not found');
  });

  it('maps 400 to a non-retryable error', async () => {
    next = { status: 400, body: '{"error":"invalid options: num_predict"}' };
    const err = (await provider.chat(conversation, opts()).catch((e: unknown) => e)) as GatewayError;
    expect(err.status).toBe(400);
    expect(err.retryable).toBe(false);
  });
});
