import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/core/chat-types.js';
import { GatewayError } from '../../src/core/errors.js';
import type { CallOptions, Provider } from '../../src/core/provider.js';
import { createGeminiProvider } from '../../src/providers/gemini/index.js';
import { convertRequest } from '../../src/providers/gemini/convert-request.js';
import { parseResponse, type GeminiResponse } from '../../src/providers/gemini/parse-response.js';
import { parseStream } from '../../src/providers/gemini/parse-stream.js';
import { toGeminiSchema } from '../../src/providers/gemini/to-gemini-schema.js';
import { parseSse } from '../../src/providers/shared/sse-parser.js';
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

const conversation: ChatRequest = {
  model: 'gemini',
  messages: [
    { role: 'system', content: 'You are a weather assistant.' },
    { role: 'developer', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello! Where are you?' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Boston. Weather and time?' },
        { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==' } },
      ],
    },
    {
      role: 'assistant',
      content: 'Checking.',
      tool_calls: [
        { id: 'call_a1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Boston, MA"}' } },
        { id: 'call_b2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_a1', content: '{"temp_c":21,"sky":"clear"}' },
    { role: 'tool', tool_call_id: 'call_b2', content: '14:05' },
    { role: 'user', content: 'Thanks!' },
  ],
  tools: [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: {
          $schema: 'http://json-schema.org/draft-07/schema#',
          type: 'object',
          properties: {
            location: { type: 'string', description: 'City and state' },
            unit: { type: ['string', 'null'], enum: ['celsius', 'fahrenheit'] },
            strict: { type: 'boolean' },
          },
          required: ['location'],
          additionalProperties: false,
        },
        strict: true,
      },
    },
    { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
  ],
  tool_choice: { type: 'function', function: { name: 'get_weather' } },
  temperature: 0.4,
  top_p: 0.95,
  max_completion_tokens: 1024,
  stop: ['END'],
  seed: 7,
  n: 1,
  response_format: { type: 'json_object' },
};

describe('gemini convertRequest', () => {
  it('converts an OpenAI conversation into a generateContent body', () => {
    expect(convertRequest(conversation)).toEqual({
      systemInstruction: { parts: [{ text: 'You are a weather assistant.' }, { text: 'Be brief.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello! Where are you?' }] },
        {
          role: 'user',
          parts: [{ text: 'Boston. Weather and time?' }, { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQSkZJRg==' } }],
        },
        {
          role: 'model',
          parts: [
            { text: 'Checking.' },
            { functionCall: { name: 'get_weather', args: { location: 'Boston, MA' } } },
            { functionCall: { name: 'get_time', args: {} } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_weather', response: { content: { temp_c: 21, sky: 'clear' } } } },
            { functionResponse: { name: 'get_time', response: { content: { result: '14:05' } } } },
            { text: 'Thanks!' },
          ],
        },
      ],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'Current weather for a city',
              parameters: {
                type: 'object',
                properties: {
                  location: { type: 'string', description: 'City and state' },
                  unit: { type: 'string', nullable: true, enum: ['celsius', 'fahrenheit'] },
                  strict: { type: 'boolean' },
                },
                required: ['location'],
              },
            },
            { name: 'get_time' },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
      generationConfig: {
        temperature: 0.4,
        topP: 0.95,
        maxOutputTokens: 1024,
        stopSequences: ['END'],
        seed: 7,
        candidateCount: 1,
        responseMimeType: 'application/json',
      },
    });
  });

  it('maps tool_choice modes and json_schema', () => {
    const base: ChatRequest = {
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      tools: [{ type: 'function', function: { name: 'f' } }],
    };
    expect(convertRequest({ ...base, tool_choice: 'auto' }).toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(convertRequest({ ...base, tool_choice: 'none' }).toolConfig).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    expect(convertRequest({ ...base, tool_choice: 'required' }).toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    const schema = {
      type: 'object',
      properties: { a: { const: 'x' }, b: { oneOf: [{ type: 'string', format: 'uri' }, { type: 'integer' }] } },
      additionalProperties: false,
    };
    expect(
      convertRequest({ ...base, response_format: { type: 'json_schema', json_schema: { name: 's', schema, strict: true } } })
        .generationConfig,
    ).toEqual({
      responseMimeType: 'application/json',
      responseSchema: { type: 'object', properties: { a: { enum: ['x'] }, b: { anyOf: [{ type: 'string' }, { type: 'integer' }] } } },
    });
    expect(toGeminiSchema({ type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } })).toEqual({
      type: 'array',
      items: { type: 'object' },
    });
  });
});

describe('gemini parseResponse', () => {
  it('parses text and thoughts with thinking tokens in completion', () => {
    expect(parseResponse('gemini', fixtureJson<GeminiResponse>('gemini/text.json'))).toEqual({
      content: 'Hello! How can I help you today?',
      reasoning: 'The user is greeting me; answer briefly.',
      toolCalls: [],
      finishReason: 'stop',
      usage: { promptTokens: 9, completionTokens: 9 + 28, reasoningTokens: 28 },
      model: 'gemini-2.5-flash',
    });
  });

  it('parses function calls with generated ids, STOP → tool_calls, cached tokens', () => {
    const r = parseResponse('gemini', fixtureJson<GeminiResponse>('gemini/tool-call.json'));
    expect(r.content).toBeNull();
    expect(r.finishReason).toBe('tool_calls');
    expect(r.toolCalls).toHaveLength(1);
    expect(r.toolCalls[0].id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(r.toolCalls[0].function).toEqual({ name: 'get_weather', arguments: '{"location":"Boston, MA","unit":"celsius"}' });
    expect(r.usage).toEqual({ promptTokens: 2154, completionTokens: 21, cachedTokens: 2048 });
  });

  it('maps MAX_TOKENS, SAFETY and a blocked prompt', () => {
    expect(parseResponse('gemini', fixtureJson<GeminiResponse>('gemini/max-tokens.json')).finishReason).toBe('length');
    expect(parseResponse('gemini', fixtureJson<GeminiResponse>('gemini/safety.json'))).toMatchObject({
      content: '',
      finishReason: 'content_filter',
    });
    expect(parseResponse('gemini', fixtureJson<GeminiResponse>('gemini/blocked.json'))).toEqual({
      content: '',
      toolCalls: [],
      finishReason: 'content_filter',
      usage: { promptTokens: 7, completionTokens: 0 },
      model: 'gemini-2.5-flash',
    });
  });
});

describe('gemini parseStream', () => {
  it('streams thoughts and text over CRLF-separated events, usage cumulative', async () => {
    const parts = await collect(parseStream('gemini', parseSse(fixtureChunks('gemini/stream-text.sse.txt', 13))));
    const a = assembleParts(parts);
    expect(a.reasoning).toBe('**Greeting the user**\n\nA short, friendly reply fits.');
    expect(a.text).toBe('Hello! How can I help you today?');
    expect(parts.filter((p) => p.type === 'usage').every((p) => p.type === 'usage' && p.cumulative)).toBe(true);
    expect(a.usage).toEqual({ promptTokens: 9, completionTokens: 40, reasoningTokens: 31 });
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('emits each whole function call as one tool-call-delta', async () => {
    const parts = await collect(parseStream('gemini', parseSse(fixtureChunks('gemini/stream-tool-call.sse.txt'))));
    const deltas = parts.filter((p) => p.type === 'tool-call-delta');
    expect(deltas).toHaveLength(2);
    expect(deltas[0]).toMatchObject({ index: 0, name: 'get_weather', argumentsDelta: '{"location":"Boston, MA","unit":"celsius"}' });
    expect(deltas[1]).toMatchObject({ index: 1, name: 'get_time', argumentsDelta: '{"timezone":"America/New_York"}' });
    expect(deltas.every((d) => d.type === 'tool-call-delta' && /^call_/.test(d.id ?? ''))).toBe(true);
    const a = assembleParts(parts);
    expect(a.usage).toEqual({ promptTokens: 2154, completionTokens: 38, cachedTokens: 2048 });
    expect(a.finish).toBe('tool_calls');
  });

  it('turns an error chunk into an error part', async () => {
    const a = assembleParts(await collect(parseStream('gemini', parseSse(fixtureChunks('gemini/stream-error.sse.txt')))));
    expect(a.text).toBe('Here is the');
    expect(a.errors).toHaveLength(1);
    expect(a.errors[0].status).toBe(503);
    expect(a.errors[0].retryable).toBe(true);
    expect(a.finish).toBeUndefined();
  });
});

describe('gemini adapter against a fake upstream', () => {
  let server: FixtureServer;
  let provider: Provider;
  let next: FakeResponse = {};
  const opts = (model = 'gemini-2.5-flash'): CallOptions => testCallOptions(model);

  beforeAll(async () => {
    server = await startFixtureServer(() => next);
    provider = createGeminiProvider('gemini', { baseUrl: `${server.origin}/v1beta`, apiKey: 'AIza-test', connectTimeoutMs: 2000 });
  });
  afterAll(async () => {
    await provider.close?.();
    await server.close();
  });

  const lastRequest = () => server.requests[server.requests.length - 1];

  it('chat: posts :generateContent with x-goog-api-key', async () => {
    next = { fixture: 'gemini/tool-call.json' };
    const r = await provider.chat(conversation, opts());
    const req = lastRequest();
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(req.headers['x-goog-api-key']).toBe('AIza-test');
    expect(req.json()).toEqual(convertRequest(conversation));
    expect(r.finishReason).toBe('tool_calls');
  });

  it('stream: posts :streamGenerateContent?alt=sse and parses chunks', async () => {
    next = { fixture: 'gemini/stream-text.sse.txt', chunkSize: 9 };
    const a = assembleParts(await collect(provider.stream(conversation, opts('models/gemini-2.5-flash'))));
    expect(lastRequest().url).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(a.text).toBe('Hello! How can I help you today?');
    expect(a.finish).toBe('stop');
  });

  it('embed: posts :batchEmbedContents', async () => {
    next = { fixture: 'gemini/embed.json' };
    const r = await provider.embed!({ model: 'emb', input: ['hello', 'world'], dimensions: 4 }, opts('gemini-embedding-001'));
    const req = lastRequest();
    expect(req.url).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(req.json()).toEqual({
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'hello' }] }, outputDimensionality: 4 },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'world' }] }, outputDimensionality: 4 },
      ],
    });
    expect(r.embeddings).toEqual([
      [0.0123, -0.0456, 0.0789, 0.0012],
      [-0.0321, 0.0654, -0.0987, 0.0034],
    ]);
  });

  it('lists models without the models/ prefix', async () => {
    next = { fixture: 'gemini/models.json' };
    expect(await provider.listModels?.()).toEqual(['gemini-2.5-flash', 'gemini-embedding-001']);
    expect(lastRequest().url).toBe('/v1beta/models?pageSize=1000');
  });

  it('maps 429 with retry-after to a retryable error', async () => {
    next = { status: 429, headers: { 'retry-after': '12' }, fixture: 'gemini/error-rate-limit.json' };
    const err = (await provider.chat(conversation, opts()).catch((e: unknown) => e)) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.status).toBe(429);
    expect(err.retryable).toBe(true);
    expect(err.retryAfter).toBe(12);
    expect(err.message).toContain('Resource has been exhausted');
  });

  it('maps 400 to a non-retryable error, thrown from the first next() of a stream', async () => {
    next = { status: 400, fixture: 'gemini/error-invalid-argument.json' };
    const err = (await firstPart(provider.stream(conversation, opts()))) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.status).toBe(400);
    expect(err.retryable).toBe(false);
  });

  it('stream: a mid-stream error chunk ends with an error part', async () => {
    next = { fixture: 'gemini/stream-error.sse.txt' };
    const a = assembleParts(await collect(provider.stream(conversation, opts())));
    expect(a.errors).toHaveLength(1);
    expect(a.errors[0].message).toContain('overloaded');
  });
});
