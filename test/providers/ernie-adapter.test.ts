import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/core/chat-types.js';
import { GatewayError } from '../../src/core/errors.js';
import { refreshDelayMs, tokenUrl } from '../../src/providers/ernie/access-token.js';
import { convertRequest } from '../../src/providers/ernie/convert-request.js';
import { createErnieProvider, wenxinUrl } from '../../src/providers/ernie/index.js';
import { chatEndpoint, embedEndpoint } from '../../src/providers/ernie/models.js';
import { parseResponse } from '../../src/providers/ernie/parse-response.js';
import { parseStream } from '../../src/providers/ernie/parse-stream.js';
import { ernieError } from '../../src/providers/ernie/errors.js';
import { assembleParts, collect, testCallOptions } from '../helpers/fixture-server.js';

import { startErnieFake, type ErnieFake } from '../fakes/ernie-fake.js';

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
