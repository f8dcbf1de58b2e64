import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { openaiSchemas, validateAgainst } from '../helpers/openai-schema.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

/**
 * baimo's responses against OpenAI's own schemas (extracted from the MIT-licensed OpenAPI spec into
 * test/fixtures/openai-schemas.json), over raw HTTP so nothing is smoothed over by a client library.
 */

let fake: FakeUpstream;
let baimo: TestBaimo;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    body_limit_mb: 1,
    providers: { fake: { type: 'openai-compatible', base_url: fake.url, api_key: 'sk-upstream-secret', models: ['m1'] } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1', weight: 1 }] }],
    router: { retries: 2, backoff_base_ms: 5, backoff_max_ms: 20, circuit_failures: 1000 },
  });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const AUTH = { authorization: `Bearer ${ADMIN_TOKEN}` };
const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' };
const hi = [{ role: 'user', content: 'hi' }];

function post(path: string, body: unknown, headers: Record<string, string> = JSON_AUTH): Promise<Response> {
  return fetch(`${baimo.baseURL}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** The `data:` payloads of an SSE body, in order (the `[DONE]` sentinel included as a string). */
function sseData(text: string): string[] {
  const out: string[] = [];
  for (const event of text.split(/\r?\n\r?\n/)) {
    const data = event
      .split(/\r?\n/)
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).replace(/^ /, ''));
    if (data.length) out.push(data.join('\n'));
  }
  return out;
}

/** Reads a whole stream, checks the SSE framing and validates every chunk; returns the chunks. */
async function streamedChunks(res: Response): Promise<any[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  expect(res.headers.get('x-request-id')).toBeTruthy();
  const payloads = sseData(await res.text());
  expect(payloads.at(-1)).toBe('[DONE]');
  expect(payloads.filter((p) => p === '[DONE]')).toHaveLength(1);
  const chunks = payloads.slice(0, -1).map((p) => JSON.parse(p));
  expect(chunks.length).toBeGreaterThan(1);
  for (const [i, c] of chunks.entries())
    expect(validateAgainst('CreateChatCompletionStreamResponse', c), `chunk ${i}: ${JSON.stringify(c)}`).toEqual([]);
  // One completion: the same id, created and model on every chunk.
  expect(new Set(chunks.map((c) => `${c.id}|${c.created}|${c.model}`)).size).toBe(1);
  return chunks;
}

async function expectError(res: Response, status: number, param?: string | null): Promise<any> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('x-request-id')).toBeTruthy();
  const body: any = await res.json();
  expect(validateAgainst('ErrorResponse', body), JSON.stringify(body)).toEqual([]);
  if (param !== undefined) expect(body.error.param).toBe(param);
  return body;
}

describe('the schema validator is not vacuous', () => {
  const valid = () => ({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content: 'hi', refusal: null }, logprobs: null, finish_reason: 'stop' }],
  });

  it('holds the extracted schemas, with their MIT notice', async () => {
    const { readFile } = await import('node:fs/promises');
    const fixture = JSON.parse(await readFile(new URL('../fixtures/openai-schemas.json', import.meta.url), 'utf8'));
    expect(fixture.license).toMatch(/^MIT License/);
    expect(fixture.license).toContain('Copyright (c) OpenAI');
    const names = Object.keys(openaiSchemas());
    for (const n of [
      'CreateChatCompletionResponse',
      'CreateChatCompletionStreamResponse',
      'CreateEmbeddingResponse',
      'ListModelsResponse',
      'Model',
      'ErrorResponse',
      'ChatCompletionResponseMessage',
      'CompletionUsage',
    ]) {
      expect(names).toContain(n);
    }
  });

  it('accepts a valid completion', () => {
    expect(validateAgainst('CreateChatCompletionResponse', valid())).toEqual([]);
  });

  it('treats required-but-nullable fields as required', () => {
    const noRefusal = valid();
    delete (noRefusal.choices[0].message as Record<string, unknown>).refusal;
    expect(validateAgainst('CreateChatCompletionResponse', noRefusal).join('\n')).toMatch(/refusal/);
    const noLogprobs = valid();
    delete (noLogprobs.choices[0] as Record<string, unknown>).logprobs;
    expect(validateAgainst('CreateChatCompletionResponse', noLogprobs).join('\n')).toMatch(/logprobs/);
    expect(validateAgainst('ErrorResponse', { error: { message: 'm', type: 't', param: null } }).join('\n')).toMatch(/code/);
  });

  it('rejects wrong types, unknown enum values and a wrong nullable', () => {
    expect(validateAgainst('CreateChatCompletionResponse', { ...valid(), created: 'now' })).not.toEqual([]);
    expect(validateAgainst('CreateChatCompletionResponse', { ...valid(), object: 'chat.completion.chunk' })).not.toEqual([]);
    expect(validateAgainst('CreateChatCompletionResponse', { ...valid(), system_fingerprint: null })).not.toEqual([]);
    const badFinish = valid();
    (badFinish.choices[0] as Record<string, unknown>).finish_reason = 'done';
    expect(validateAgainst('CreateChatCompletionResponse', badFinish)).not.toEqual([]);
    const chunk = {
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: {}, finish_reason: null }],
    };
    expect(validateAgainst('CreateChatCompletionStreamResponse', { ...chunk, usage: null })).toEqual([]);
    expect(validateAgainst('CreateChatCompletionStreamResponse', { ...chunk, usage: { prompt_tokens: 1 } })).not.toEqual([]);
    expect(
      validateAgainst('CreateChatCompletionStreamResponse', {
        ...chunk,
        choices: [{ index: 0, delta: { tool_calls: [{ id: 'x' }] }, finish_reason: null }],
      }),
    ).not.toEqual([]);
  });
});

describe('responses match the OpenAI contract', () => {
  it('a whole completion', async () => {
    fake.queue.push({ kind: 'text', text: '你好，世界' });
    const res = await post('/chat/completions', { model: 'chat', messages: hi });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body: any = await res.json();
    expect(validateAgainst('CreateChatCompletionResponse', body), JSON.stringify(body)).toEqual([]);
    expect(body.choices[0].message).toMatchObject({ role: 'assistant', content: '你好，世界', refusal: null });
    expect(body.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 });
    expect(validateAgainst('CompletionUsage', body.usage)).toEqual([]);
  });

  it('a tool-call completion', async () => {
    fake.queue.push({ kind: 'tool-call', name: 'get_weather', args: '{"city":"北京"}' });
    const res = await post('/chat/completions', {
      model: 'chat',
      messages: hi,
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
    });
    expect(res.status).toBe(200);
    const body: any = await res.json();
    expect(validateAgainst('CreateChatCompletionResponse', body), JSON.stringify(body)).toEqual([]);
    expect(body.choices[0].finish_reason).toBe('tool_calls');
    expect(body.choices[0].message.tool_calls).toEqual([
      { id: 'call_fake1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"北京"}' } },
    ]);
  });

  it('every chunk of a stream without include_usage', async () => {
    fake.queue.push({ kind: 'text', text: 'streamed answer here' });
    const chunks = await streamedChunks(await post('/chat/completions', { model: 'chat', messages: hi, stream: true }));
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('streamed answer here');
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
    for (const c of chunks) {
      expect(c.choices).toHaveLength(1);
      expect(c).not.toHaveProperty('usage');
    }
  });

  it('every chunk of a stream with include_usage', async () => {
    fake.queue.push({ kind: 'text', text: 'streamed answer here' });
    const chunks = await streamedChunks(
      await post('/chat/completions', { model: 'chat', messages: hi, stream: true, stream_options: { include_usage: true } }),
    );
    const last = chunks.at(-1);
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 });
    for (const c of chunks.slice(0, -1)) expect(c.usage).toBeNull();
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
  });

  for (const includeUsage of [false, true]) {
    it(`every chunk of a tool-call stream (include_usage ${includeUsage})`, async () => {
      const args = '{"city":"Hangzhou","unit":"celsius"}';
      fake.queue.push({ kind: 'tool-call', name: 'get_weather', args });
      const chunks = await streamedChunks(
        await post('/chat/completions', {
          model: 'chat',
          messages: hi,
          stream: true,
          ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
          tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
        }),
      );
      const calls = chunks.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? []);
      expect(calls.length).toBeGreaterThan(1);
      expect(calls[0]).toMatchObject({ index: 0, id: 'call_fake1', type: 'function', function: { name: 'get_weather' } });
      expect(calls.map((c: any) => c.function?.arguments ?? '').join('')).toBe(args);
      const finish = chunks.find((c) => c.choices[0]?.finish_reason);
      expect(finish.choices[0].finish_reason).toBe('tool_calls');
      if (includeUsage) expect(chunks.at(-1).usage).toMatchObject({ prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 });
      else expect(chunks.some((c) => c.usage)).toBe(false);
    });
  }

  it('an embeddings response (float)', async () => {
    const res = await post('/embeddings', { model: 'fake/m1', input: ['abc', 'hello'], encoding_format: 'float' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body: any = await res.json();
    expect(validateAgainst('CreateEmbeddingResponse', body), JSON.stringify(body)).toEqual([]);
    expect(body.data.map((d: any) => d.embedding)).toEqual([
      [3, 0.5, -0.25],
      [5, 0.5, -0.25],
    ]);
    expect(body.usage).toEqual({ prompt_tokens: 6, total_tokens: 6 });
  });

  it('/v1/models and /v1/models/{id}', async () => {
    const res = await fetch(`${baimo.baseURL}/models`, { headers: AUTH });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body: any = await res.json();
    expect(validateAgainst('ListModelsResponse', body), JSON.stringify(body)).toEqual([]);
    const ids = body.data.map((m: any) => m.id);
    expect(ids).toContain('chat');
    expect(ids).toContain('fake/m1');
    for (const id of ['chat', 'fake/m1']) {
      const one = await fetch(`${baimo.baseURL}/models/${id}`, { headers: AUTH });
      expect(one.status).toBe(200);
      const m: any = await one.json();
      expect(validateAgainst('Model', m), JSON.stringify(m)).toEqual([]);
      expect(m.id).toBe(id);
    }
  });
});

describe('errors match ErrorResponse with the right status', () => {
  it('404 for an unknown model', async () => {
    const body = await expectError(await post('/chat/completions', { model: 'nope', messages: hi }), 404, 'model');
    expect(body.error.code).toBe('model_not_found');
    await expectError(await fetch(`${baimo.baseURL}/models/nope`, { headers: AUTH }), 404, 'model');
  });

  it('401 for a bad or missing key', async () => {
    const body = await expectError(
      await post(
        '/chat/completions',
        { model: 'chat', messages: hi },
        { authorization: 'Bearer wrong', 'content-type': 'application/json' },
      ),
      401,
    );
    expect(body.error.type).toBe('authentication_error');
    await expectError(await fetch(`${baimo.baseURL}/models`), 401);
  });

  it('400 for an invalid body, naming the field', async () => {
    const body = await expectError(await post('/chat/completions', { model: 'chat', messages: 'hi' }), 400, 'messages');
    expect(body.error.type).toBe('invalid_request_error');
    await expectError(await post('/chat/completions', '{"model":'), 400);
    await expectError(await post('/embeddings', { model: 'fake/m1' }), 400, 'input');
  });

  it('413 for a body over the limit', async () => {
    const big = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'x'.repeat(2 * 1024 * 1024) }] });
    const body = await expectError(await post('/chat/completions', big), 413);
    expect(body.error.type).toBe('invalid_request_error');
  });

  it('429 from the upstream, with retry-after', async () => {
    const chatRequests = (): number => fake.requests.filter((r) => r.url.endsWith('/chat/completions')).length;
    const before = chatRequests();
    for (let i = 0; i < 3; i++) fake.queue.push({ kind: 'status', status: 429, message: 'slow down', retryAfter: '7' });
    const res = await post('/chat/completions', { model: 'chat', messages: hi });
    const body = await expectError(res, 429);
    expect(body.error.type).toBe('rate_limit_error');
    expect(res.headers.get('retry-after')).toBe('7');
    expect(chatRequests() - before).toBe(3); // the router's retries were spent first
    expect(fake.queue).toHaveLength(0);
  });

  it('429 on a stream request is a JSON error before any SSE', async () => {
    for (let i = 0; i < 3; i++) fake.queue.push({ kind: 'status', status: 429, retryAfter: '3' });
    const res = await post('/chat/completions', { model: 'chat', messages: hi, stream: true });
    await expectError(res, 429);
    expect(res.headers.get('retry-after')).toBe('3');
  });

  it('404 for an unknown route', async () => {
    const body = await expectError(await fetch(`${baimo.url}/nowhere`), 404);
    expect(body.error.type).toBe('not_found_error');
    await expectError(await fetch(`${baimo.baseURL}/nowhere`, { headers: AUTH }), 404);
  });
});

describe('x-request-id', () => {
  it('is on every response and echoes a well-formed one the client sent', async () => {
    const responses = [
      await post('/chat/completions', { model: 'chat', messages: hi }),
      await post('/chat/completions', { model: 'chat', messages: hi, stream: true }),
      await post('/chat/completions', { model: 'nope', messages: hi }),
      await post('/chat/completions', { model: 'chat' }),
      await fetch(`${baimo.url}/nowhere`),
      await fetch(`${baimo.url}/healthz`),
      await fetch(`${baimo.baseURL}/models`),
    ];
    const ids = [];
    for (const r of responses) {
      const id = r.headers.get('x-request-id');
      expect(id, `${r.status} ${r.url}`).toMatch(/^[A-Za-z0-9._:-]+$/);
      ids.push(id);
      await r.arrayBuffer();
    }
    expect(new Set(ids).size).toBe(ids.length);

    const mine = await post(
      '/chat/completions',
      { model: 'chat', messages: hi, stream: true },
      { ...JSON_AUTH, 'x-request-id': 'trace-123.abc' },
    );
    expect(mine.headers.get('x-request-id')).toBe('trace-123.abc');
    await mine.text();
    const err = await post('/chat/completions', { model: 'nope', messages: hi }, { ...JSON_AUTH, 'x-request-id': 'trace-456' });
    expect(err.headers.get('x-request-id')).toBe('trace-456');
    await err.text();
    const odd = await post('/chat/completions', { model: 'chat', messages: hi }, { ...JSON_AUTH, 'x-request-id': 'bad id with spaces' });
    expect(odd.headers.get('x-request-id')).not.toBe('bad id with spaces');
    expect(odd.headers.get('x-request-id')).toBeTruthy();
    await odd.text();
  });
});
