import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { validateAgainst } from '../helpers/openai-schema.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

/** Whatever a client sends, baimo answers 4xx in OpenAI's error shape, never 5xx, and keeps running. */

let fake: FakeUpstream;
let baimo: TestBaimo;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url, api_key: 'sk-upstream-secret', models: ['m1'] } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1', weight: 1 }] }],
    router: { retries: 0, backoff_base_ms: 5, backoff_max_ms: 20, circuit_failures: 1000 },
  });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const AUTH = `Bearer ${ADMIN_TOKEN}`;

async function send(
  body: string | undefined,
  contentType: string | null = 'application/json',
): Promise<{ status: number; json: any; headers: Headers }> {
  const headers: Record<string, string> = { authorization: AUTH };
  if (contentType) headers['content-type'] = contentType;
  const res = await fetch(`${baimo.baseURL}/chat/completions`, { method: 'POST', headers, body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

/** Checks the response is a 4xx (or exactly `status`) in the OpenAI error shape; returns the error. */
function expectClientError(
  r: { status: number; json: any; headers: Headers },
  status?: number,
): { message: string; type: string; param: string | null; code: string | null } {
  if (status !== undefined) expect(r.status, JSON.stringify(r.json)).toBe(status);
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  expect(validateAgainst('ErrorResponse', r.json), JSON.stringify(r.json)).toEqual([]);
  expect(r.headers.get('x-request-id')).toBeTruthy();
  return r.json.error;
}

const user = [{ role: 'user', content: 'hi' }];
const j = (v: unknown): string => JSON.stringify(v);

describe('bad input gets a 4xx in the OpenAI error shape', () => {
  it('malformed JSON', async () => {
    for (const body of ['{"model":', '{model: "chat"}', '{"model":"chat",}', 'nul', '[1,2', '\u0000', '{"a":1}{"b":2}']) {
      const e = expectClientError(await send(body), 400);
      expect(e.type).toBe('invalid_request_error');
    }
  });

  it('a body that is JSON but not an object', async () => {
    for (const body of ['null', '"hi"', '42', 'true', '[]', j([{ model: 'chat', messages: user }])]) {
      expect(expectClientError(await send(body), 400).code).toBe('invalid_body');
    }
  });

  it.each([
    ['messages is a string', { model: 'chat', messages: 'hi' }, 'messages'],
    ['temperature is a string', { model: 'chat', messages: user, temperature: 'hot' }, 'temperature'],
    ['temperature out of range', { model: 'chat', messages: user, temperature: 3 }, 'temperature'],
    ['model is a number', { model: 5, messages: user }, 'model'],
    ['model is empty', { model: '', messages: user }, 'model'],
    ['stream is a string', { model: 'chat', messages: user, stream: 'yes' }, 'stream'],
    ['max_tokens is negative', { model: 'chat', messages: user, max_tokens: -1 }, 'max_tokens'],
    ['seed is a float', { model: 'chat', messages: user, seed: 1.5 }, 'seed'],
    ['stop has too many entries', { model: 'chat', messages: user, stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'],
    ['content is a number', { model: 'chat', messages: [{ role: 'user', content: 5 }] }, 'messages[0].content'],
    [
      'a content part of an unknown type',
      { model: 'chat', messages: [{ role: 'user', content: [{ type: 'video' }] }] },
      'messages[0].content[0].type',
    ],
    ['a message that is not an object', { model: 'chat', messages: ['hi'] }, 'messages[0]'],
    [
      'a bad tool name',
      { model: 'chat', messages: user, tools: [{ type: 'function', function: { name: 'no spaces!' } }] },
      'tools[0].function.name',
    ],
    ['a bad response_format', { model: 'chat', messages: user, response_format: { type: 'yaml' } }, 'response_format.type'],
    ['n > 1', { model: 'chat', messages: user, n: 3 }, 'n'],
  ])('wrong types and values: %s', async (_name, body, param) => {
    const e = expectClientError(await send(j(body)), 400);
    expect(e.param).toBe(param);
    expect(e.type).toBe('invalid_request_error');
  });

  it('missing model or messages is a missing required parameter', async () => {
    let e = expectClientError(await send(j({ model: 'chat' })), 400);
    expect(e.param).toBe('messages');
    expect(e.code).toBe('missing_required_parameter');
    e = expectClientError(await send(j({ messages: user })), 400);
    expect(e.param).toBe('model');
    expect(e.code).toBe('missing_required_parameter');
    e = expectClientError(await send('{}'), 400);
    expect(['model', 'messages']).toContain(e.param);
  });

  it('empty messages', async () => {
    expect(expectClientError(await send(j({ model: 'chat', messages: [] })), 400).param).toBe('messages');
  });

  it('unknown or missing roles', async () => {
    for (const role of ['wizard', 'function', '', 5, null]) {
      expect(expectClientError(await send(j({ model: 'chat', messages: [{ role, content: 'x' }] })), 400).param).toBe('messages[0].role');
    }
    expect(expectClientError(await send(j({ model: 'chat', messages: [{ content: 'x' }] })), 400).param).toBe('messages[0].role');
  });

  it('a tool message without tool_call_id', async () => {
    const e = expectClientError(await send(j({ model: 'chat', messages: [...user, { role: 'tool', content: '42' }] })), 400);
    expect(e.param).toBe('messages[1].tool_call_id');
    expect(e.code).toBe('missing_required_parameter');
  });

  it('a 12 MB body is 413', async () => {
    const big = j({ model: 'chat', messages: [{ role: 'user', content: 'x'.repeat(12 * 1024 * 1024) }] });
    const e = expectClientError(await send(big), 413);
    expect(e.code).toBe('request_too_large');
  });

  it('a non-JSON content type', async () => {
    expectClientError(await send('<chat><model>chat</model></chat>', 'application/xml'), 415);
    expectClientError(await send(j({ model: 'chat', messages: user }), 'application/x-www-form-urlencoded'), 415);
    expectClientError(await send('hello', 'text/plain'), 415);
    expectClientError(await send('--x\r\n\r\n--x--', 'multipart/form-data; boundary=x'));
  });

  it('an empty body', async () => {
    expectClientError(await send('', 'application/json'), 400);
    expectClientError(await send(undefined, 'application/json'), 400);
    expectClientError(await send(undefined, null), 400);
    expectClientError(await send('   ', 'application/json'), 400);
  });

  it('content-type parameters and case do not matter for JSON', async () => {
    for (const ct of ['application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8']) {
      const r = await send(j({ model: 'chat', messages: user }), ct);
      expect(r.status, ct).toBe(200);
    }
  });

  it('embeddings: bad input is a 4xx too', async () => {
    const post = (body: string) =>
      fetch(`${baimo.baseURL}/embeddings`, {
        method: 'POST',
        headers: { authorization: AUTH, 'content-type': 'application/json' },
        body,
      }).then(async (r) => ({
        status: r.status,
        json: await r.json(),
        headers: r.headers,
      }));
    expect(expectClientError(await post(j({ model: 'fake/m1' })), 400).param).toBe('input');
    expect(expectClientError(await post(j({ model: 'fake/m1', input: [] })), 400).param).toBe('input');
    expect(expectClientError(await post(j({ model: 'fake/m1', input: [1, 2, 3] })), 400).param).toBe('input');
    expect(expectClientError(await post(j({ model: 'fake/m1', input: 'x', encoding_format: 'hex' })), 400).param).toBe('encoding_format');
    expectClientError(await post('{"model"'), 400);
  });

  it('the server still answers', async () => {
    const ok = await send(j({ model: 'chat', messages: user }));
    expect(ok.status).toBe(200);
    expect(validateAgainst('CreateChatCompletionResponse', ok.json)).toEqual([]);
  });
});

describe('property: no input makes a 5xx', () => {
  const FIELDS = [
    'model',
    'messages',
    'stream',
    'stream_options',
    'tools',
    'tool_choice',
    'parallel_tool_calls',
    'response_format',
    'temperature',
    'top_p',
    'max_tokens',
    'max_completion_tokens',
    'stop',
    'seed',
    'user',
    'n',
    'frequency_penalty',
    'presence_penalty',
    'logit_bias',
    'logprobs',
    'top_logprobs',
    'metadata',
  ] as const;
  const MESSAGE_FIELDS = ['role', 'content', 'name', 'tool_calls', 'tool_call_id', 'refusal'] as const;

  const value = fc.oneof(
    fc.anything(),
    fc.jsonValue(),
    fc.constantFrom(null, true, false, 0, -1, 1.5, 2, 1e308, '', 'chat', 'user', 'tool', 'function', [], {}),
  );
  /** Up to `max` of `keys`, each with an arbitrary value. */
  const fieldsOf = <K extends string>(keys: readonly K[], max: number) =>
    fc
      .subarray([...keys], { maxLength: max })
      .chain((picked) => fc.record(Object.fromEntries(picked.map((k) => [k, value])) as Record<K, typeof value>));

  /** A valid body, then some of its fields (and of its last message's) replaced or added, some removed. */
  const mutatedBody = fc
    .tuple(
      fieldsOf(FIELDS, 3),
      fieldsOf(MESSAGE_FIELDS, 2),
      fc.subarray([...FIELDS], { maxLength: 2 }),
      fc.subarray([...MESSAGE_FIELDS], { maxLength: 2 }),
      fc.dictionary(fc.string(), value, { maxKeys: 2 }),
    )
    .map(([top, msg, dropTop, dropMsg, extra]) => {
      const message: Record<string, unknown> = { role: 'user', content: 'hi', ...msg };
      for (const k of dropMsg) delete message[k];
      const body: Record<string, unknown> = {
        model: 'chat',
        messages: [{ role: 'system', content: 'be brief' }, message],
        ...extra,
        ...top,
      };
      for (const k of dropTop) delete body[k];
      if (body.stream === true) body.stream = false; // this property is about whole answers
      return body;
    });

  /** A few known-shaped bodies with one field perturbed: the likeliest to get past validation. */
  const nearlyValid = fc
    .tuple(fc.constantFrom(...FIELDS), value)
    .map(([k, v]) => ({ model: 'chat', messages: [{ role: 'user', content: 'hi' }], [k]: k === 'stream' && v === true ? false : v }));

  const statuses = new Map<number, number>();

  async function check(payload: string | undefined): Promise<void> {
    const r = await send(payload);
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    expect(r.status, `${r.status} for ${payload?.slice(0, 300)}: ${JSON.stringify(r.json).slice(0, 300)}`).toBeLessThan(500);
    if (r.status >= 400) expect(validateAgainst('ErrorResponse', r.json), JSON.stringify(r.json)).toEqual([]);
    else expect(validateAgainst('CreateChatCompletionResponse', r.json), JSON.stringify(r.json)).toEqual([]);
  }

  it('arbitrary JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.jsonValue()), async (v) => check(JSON.stringify(v))),
      { numRuns: 150 },
    );
  });

  it('mutated valid bodies', async () => {
    statuses.clear();
    await fc.assert(
      fc.asyncProperty(mutatedBody, async (body) => check(JSON.stringify(body))),
      { numRuns: 150 },
    );
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
  });

  it('valid bodies with one field perturbed', async () => {
    statuses.clear();
    await fc.assert(
      fc.asyncProperty(nearlyValid, async (body) => check(JSON.stringify(body))),
      { numRuns: 150 },
    );
    // Not vacuous: some perturbed bodies are still valid and reach the fake, whose fallback answers.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
  });

  it('/healthz still answers after all that', async () => {
    const res = await fetch(`${baimo.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
