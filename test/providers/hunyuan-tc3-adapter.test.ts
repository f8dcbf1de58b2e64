import { createHash, createHmac } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/core/errors.js';
import { ConfigError } from '../../src/config/config-error.js';
import type { Provider } from '../../src/core/provider.js';
import { createHunyuanTc3Provider } from '../../src/providers/hunyuan-tc3/index.js';
import { convertRequest } from '../../src/providers/hunyuan-tc3/convert-request.js';
import { mapTencentError } from '../../src/providers/hunyuan-tc3/map-error.js';
import { tc3CanonicalRequest, tc3Date, tc3Headers, tc3Sign } from '../../src/providers/hunyuan-tc3/sign.js';
import { startHunyuanFake, type HunyuanFake } from '../fakes/hunyuan-fake.js';
import { assembleParts, collect, firstPart, testCallOptions } from '../helpers/fixture-server.js';
import { validateAgainst } from '../helpers/openai-schema.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

const tools = [
  {
    type: 'function' as const,
    function: {
      name: 'get_weather',
      description: '天气',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
];

describe('TC3-HMAC-SHA256 signing', () => {
  // Fixed inputs; the expected value is recomputed here with node:crypto, following Tencent's
  // documented procedure step by step, without calling baimo's signer.
  const input = {
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    host: 'hunyuan.tencentcloudapi.com',
    action: 'ChatCompletions',
    body: '{"Model":"hunyuan-lite","Messages":[{"Role":"user","Content":"你好"}],"Stream":false}',
    timestamp: 1_700_000_000, // 2023-11-14T22:13:20Z
  };

  function independent(i: typeof input): string {
    const h = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
    const canonical =
      'POST\n/\n\n' +
      `content-type:application/json\nhost:${i.host}\nx-tc-action:${i.action.toLowerCase()}\n\n` +
      'content-type;host;x-tc-action\n' +
      h(i.body);
    const date = '2023-11-14';
    const sts = `TC3-HMAC-SHA256\n${i.timestamp}\n${date}/hunyuan/tc3_request\n${h(canonical)}`;
    let key: Buffer = createHmac('sha256', 'TC3' + i.secretKey)
      .update(date)
      .digest();
    key = createHmac('sha256', key).update('hunyuan').digest();
    key = createHmac('sha256', key).update('tc3_request').digest();
    return createHmac('sha256', key).update(sts).digest('hex');
  }

  it('matches an independent computation (canonical request, string to sign, key chain, Authorization)', () => {
    const expected = independent(input);
    const out = tc3Sign(input);
    expect(out.signature).toBe(expected);
    // Pinned so a change in either computation shows up.
    expect(expected).toBe(EXPECTED_SIGNATURE);
    expect(out.authorization).toBe(
      `TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2023-11-14/hunyuan/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=${expected}`,
    );
    expect(tc3CanonicalRequest(input).split('\n').slice(0, 7)).toEqual([
      'POST',
      '/',
      '',
      'content-type:application/json',
      'host:hunyuan.tencentcloudapi.com',
      'x-tc-action:chatcompletions',
      '',
    ]);
    expect(tc3Headers(input)).toMatchObject({
      'content-type': 'application/json',
      'x-tc-action': 'ChatCompletions',
      'x-tc-version': '2023-09-01',
      'x-tc-timestamp': '1700000000',
    });
  });

  it('signs the host with its port and uses the UTC date, not local time', () => {
    const local = { ...input, host: '127.0.0.1:8443', timestamp: 1_700_006_399 }; // 23:59:59 UTC
    expect(tc3Date(local.timestamp)).toBe('2023-11-14');
    expect(tc3Date(local.timestamp + 1)).toBe('2023-11-15');
    expect(tc3Sign(local).signature).not.toBe(tc3Sign(input).signature);
    expect(tc3CanonicalRequest(local)).toContain('host:127.0.0.1:8443\n');
  });
});

// Computed once with Python's hmac/hashlib from the same inputs (a third, separate implementation).
const EXPECTED_SIGNATURE = '90c28002abeb5850c5f7722535a57d7460584c2c594ce7b4131b13dab423b779';

describe('hunyuan convertRequest', () => {
  it('maps to PascalCase with tools as JSON strings, tool turns and a named tool choice', () => {
    const body = convertRequest(
      {
        model: 'x',
        messages: [
          { role: 'developer', content: '简洁' },
          { role: 'user', content: '北京天气' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"北京"}' } }],
          },
          { role: 'tool', tool_call_id: 'c1', content: '晴' },
        ],
        tools,
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
        temperature: 0.5,
        top_p: 0.9,
        stop: 'END',
        seed: 3,
        max_tokens: 100,
        enable_enhancement: false,
      },
      'hunyuan-turbos-latest',
      false,
    );
    expect(body).toEqual({
      Model: 'hunyuan-turbos-latest',
      Messages: [
        { Role: 'system', Content: '简洁' },
        { Role: 'user', Content: '北京天气' },
        {
          Role: 'assistant',
          Content: '',
          ToolCalls: [{ Id: 'c1', Type: 'function', Function: { Name: 'get_weather', Arguments: '{"city":"北京"}' } }],
        },
        { Role: 'tool', Content: '晴', ToolCallId: 'c1' },
      ],
      Stream: false,
      Temperature: 0.5,
      TopP: 0.9,
      Stop: ['END'],
      Seed: 3,
      Tools: [
        {
          Type: 'function',
          Function: { Name: 'get_weather', Description: '天气', Parameters: JSON.stringify(tools[0].function.parameters) },
        },
      ],
      ToolChoice: 'custom',
      CustomTool: {
        Type: 'function',
        Function: { Name: 'get_weather', Description: '天气', Parameters: JSON.stringify(tools[0].function.parameters) },
      },
      EnableEnhancement: false,
    });
  });
});

describe('hunyuan-tc3 adapter against the signature-checking fake', () => {
  let fake: HunyuanFake;
  let hy: Provider;
  const opts = testCallOptions('hunyuan-turbos-latest');
  const make = (over: { secretKey?: string; secretId?: string; now?: () => number } = {}) =>
    createHunyuanTc3Provider(
      'hy',
      {
        baseUrl: fake.url,
        headers: {},
        connectTimeoutMs: 2000,
        secretId: over.secretId ?? fake.secretId,
        secretKey: over.secretKey ?? fake.secretKey,
      },
      { now: over.now },
    );
  beforeAll(async () => {
    fake = await startHunyuanFake();
    hy = make();
  });
  afterAll(async () => {
    await hy?.close?.();
    await fake?.close();
  });

  it('chat: a signed ChatCompletions call, PascalCase both ways', async () => {
    fake.queue.push({ kind: 'text', text: '你好！', reasoning: '想一想', usage: { prompt: 4, completion: 3 } });
    const r = await hy.chat({ model: 'hy', messages: [{ role: 'user', content: '你好' }] }, opts);
    expect(r).toMatchObject({
      content: '你好！',
      reasoning: '想一想',
      finishReason: 'stop',
      usage: { promptTokens: 4, completionTokens: 3 },
    });
    const req = fake.requests.at(-1)!;
    expect(req.action).toBe('ChatCompletions');
    expect(req.headers['x-tc-version']).toBe('2023-09-01');
    expect(req.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDfakeSecretId0001\/\d{4}-\d\d-\d\d\/hunyuan\/tc3_request, /);
    expect(req.body).toEqual({ Model: 'hunyuan-turbos-latest', Messages: [{ Role: 'user', Content: '你好' }], Stream: false });
  });

  it('stream: deltas, cumulative usage (declared), finish', async () => {
    fake.queue.push({ kind: 'text', text: '一二三四五六七', usage: { prompt: 9, completion: 6 } });
    const parts = await collect(hy.stream({ model: 'hy', messages: [{ role: 'user', content: 'x' }], stream: true }, opts));
    const usageParts = parts.filter((p) => p.type === 'usage');
    expect(usageParts.every((p) => p.cumulative === true)).toBe(true);
    expect(assembleParts(parts)).toMatchObject({ text: '一二三四五六七', finish: 'stop', usage: { promptTokens: 9, completionTokens: 6 } });
    expect(fake.requests.at(-1)!.body.Stream).toBe(true);
  });

  it('tool calls, whole and streamed (arguments arrive in pieces)', async () => {
    fake.queue.push({ kind: 'tool', name: 'get_weather', args: '{"city":"北京"}' });
    const r = await hy.chat({ model: 'hy', messages: [{ role: 'user', content: '天气' }], tools }, opts);
    expect(r.finishReason).toBe('tool_calls');
    expect(r.content).toBeNull();
    expect(r.toolCalls).toEqual([{ id: 'call_hy_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"北京"}' } }]);
    fake.queue.push({ kind: 'tool', name: 'get_weather', args: '{"city":"上海"}' });
    const a = assembleParts(await collect(hy.stream({ model: 'hy', messages: [{ role: 'user', content: '天气' }], tools }, opts)));
    expect(a).toMatchObject({ finish: 'tool_calls', toolCalls: [{ id: 'call_hy_1', name: 'get_weather', arguments: '{"city":"上海"}' }] });
  });

  it('embed: Input for one text, InputList for several, ordered by Index', async () => {
    const one = await hy.embed!({ model: 'e', input: ['abc'] }, testCallOptions('hunyuan-embedding'));
    expect(fake.requests.at(-1)).toMatchObject({ action: 'GetEmbedding', body: { Input: 'abc' } });
    expect(one).toMatchObject({ embeddings: [[3, 0.5, -0.25]], usage: { promptTokens: 3 } });
    const many = await hy.embed!({ model: 'e', input: ['a', 'bbbb'] }, testCallOptions('hunyuan-embedding'));
    expect(fake.requests.at(-1)!.body).toEqual({ InputList: ['a', 'bbbb'] });
    expect(many.embeddings).toEqual([
      [1, 0.5, -0.25],
      [4, 0.5, -0.25],
    ]);
  });

  it('a wrong SecretKey is rejected by the fake (AuthFailure.SignatureFailure) and becomes a 502', async () => {
    const bad = make({ secretKey: 'wrong' });
    const err = (await bad
      .chat({ model: 'hy', messages: [{ role: 'user', content: 'x' }] }, opts)
      .catch((e: unknown) => e)) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect({ status: err.status, type: err.type, code: err.code, retryable: err.retryable }).toEqual({
      status: 502,
      type: 'upstream_error',
      code: 'AuthFailure.SignatureFailure',
      retryable: false,
    });
    expect(err.message).not.toContain('wrong');
    // Streams fail from the first next(), so the router can still try another target.
    const first = (await firstPart(bad.stream({ model: 'hy', messages: [{ role: 'user', content: 'x' }] }, opts))) as GatewayError;
    expect(first.code).toBe('AuthFailure.SignatureFailure');
    await bad.close?.();
  });

  it('a clock more than 5 minutes off is rejected with AuthFailure.SignatureExpire', async () => {
    const skewed = make({ now: () => Date.now() - 6 * 60_000 });
    const err = (await skewed
      .chat({ model: 'hy', messages: [{ role: 'user', content: 'x' }] }, opts)
      .catch((e: unknown) => e)) as GatewayError;
    expect({ status: err.status, code: err.code }).toEqual({ status: 502, code: 'AuthFailure.SignatureExpire' });
    await skewed.close?.();
  });

  it('content moderation: FinishReason sensitive (whole and streamed) and an OperationDenied refusal → content_filter', async () => {
    fake.queue.push({ kind: 'sensitive' });
    expect((await hy.chat({ model: 'hy', messages: [{ role: 'user', content: 'x' }] }, opts)).finishReason).toBe('content_filter');
    fake.queue.push({ kind: 'sensitive' });
    expect(assembleParts(await collect(hy.stream({ model: 'hy', messages: [{ role: 'user', content: 'x' }] }, opts))).finish).toBe(
      'content_filter',
    );
    fake.queue.push({ kind: 'error', code: 'OperationDenied.ContentRisk', message: 'The input contains sensitive content' });
    expect(await hy.chat({ model: 'hy', messages: [{ role: 'user', content: 'x' }] }, opts)).toMatchObject({
      content: '',
      finishReason: 'content_filter',
    });
  });

  it('a mid-stream ErrorMsg ends the stream with an error part', async () => {
    fake.queue.push({ kind: 'stream-error' });
    const a = assembleParts(await collect(hy.stream({ model: 'hy', messages: [{ role: 'user', content: 'x' }] }, opts)));
    expect(a.text).toBe('部分');
    expect(a.errors[0]).toMatchObject({ status: 502, retryable: true });
  });

  it('missing credentials are a config error at construction', () => {
    expect(() => createHunyuanTc3Provider('hy', { baseUrl: fake.url, headers: {}, connectTimeoutMs: 1000, secretId: 'x' })).toThrow(
      ConfigError,
    );
  });
});

/** Tencent error code → OpenAI status / type / retryable. */
const ERROR_TABLE: Array<[code: string, message: string, status: number, type: string, retryable: boolean]> = [
  ['AuthFailure.SignatureFailure', 'bad signature', 502, 'upstream_error', false],
  ['AuthFailure.SecretIdNotFound', 'no such id', 502, 'upstream_error', false],
  ['AuthFailure.SignatureExpire', 'expired', 502, 'upstream_error', false],
  ['LimitExceeded', 'too fast', 429, 'rate_limit_error', true],
  ['RequestLimitExceeded', 'too many requests', 429, 'rate_limit_error', true],
  ['ResourceInsufficient.ChargeResourceExhaust', 'quota used up', 429, 'insufficient_quota', false],
  ['FailedOperation.ServiceNotActivated', 'account in Arrears', 429, 'insufficient_quota', false],
  ['ResourceUnavailable.InArrears', 'arrears', 429, 'insufficient_quota', false],
  ['InvalidParameter', 'bad Messages', 400, 'invalid_request_error', false],
  ['InvalidParameterValue.Model', 'no such model', 400, 'invalid_request_error', false],
  ['MissingParameter', 'Model missing', 400, 'invalid_request_error', false],
  ['InternalError', 'oops', 503, 'upstream_error', true],
];

describe('Tencent error mapping (table)', () => {
  it.each(ERROR_TABLE)('%s (%s) → %i %s', (code, message, status, type, retryable) => {
    const e = mapTencentError('hy', { Code: code, Message: message }, 'rid');
    expect({ status: e.status, type: e.type, retryable: e.retryable, code: e.code }).toEqual({ status, type, retryable, code });
  });
});

describe('hunyuan-tc3 through baimo with the openai SDK', () => {
  let fake: HunyuanFake;
  let baimo: TestBaimo;
  let client: OpenAI;
  beforeAll(async () => {
    fake = await startHunyuanFake();
    baimo = await startBaimo({
      router: { retries: 0, circuit_failures: 1000 },
      providers: { hy: { type: 'hunyuan-tc3', base_url: fake.url, secret_id: fake.secretId, secret_key: fake.secretKey } },
    });
    client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
  });
  afterAll(async () => {
    await baimo?.close();
    await fake?.close();
  });

  it('chat completion: schema-valid, usage as the vendor reported it', async () => {
    fake.queue.push({ kind: 'text', text: '你好！', usage: { prompt: 12, completion: 5 } });
    const r = await client.chat.completions.create({ model: 'hy/hunyuan-turbos-latest', messages: [{ role: 'user', content: '你好' }] });
    expect(validateAgainst('CreateChatCompletionResponse', r)).toEqual([]);
    expect(r.choices[0].message.content).toBe('你好！');
    expect(r.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 });
  });

  it('stream: schema-valid chunks; cumulative usage is not summed', async () => {
    fake.queue.push({ kind: 'text', text: '一二三四五六七八九', usage: { prompt: 11, completion: 7 } });
    const stream = await client.chat.completions.create({
      model: 'hy/hunyuan-turbos-latest',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const c of stream) {
      expect(validateAgainst('CreateChatCompletionStreamResponse', c), JSON.stringify(c)).toEqual([]);
      text += c.choices[0]?.delta?.content ?? '';
      if (c.choices[0]?.finish_reason) finish = c.choices[0].finish_reason;
      if (c.usage) usage = c.usage;
    }
    expect({ text, finish }).toEqual({ text: '一二三四五六七八九', finish: 'stop' });
    expect(usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
  });

  it('tool calls: whole and streamed', async () => {
    fake.queue.push({ kind: 'tool', name: 'get_weather', args: '{"city":"北京"}' });
    const r = await client.chat.completions.create({
      model: 'hy/hunyuan-turbos-latest',
      messages: [{ role: 'user', content: '天气' }],
      tools,
    });
    expect(validateAgainst('CreateChatCompletionResponse', r)).toEqual([]);
    expect(r.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: { tool_calls: [{ function: { name: 'get_weather', arguments: '{"city":"北京"}' } }] },
    });
    fake.queue.push({ kind: 'tool', name: 'get_weather', args: '{"city":"深圳"}' });
    const stream = await client.chat.completions.create({
      model: 'hy/hunyuan-turbos-latest',
      messages: [{ role: 'user', content: '天气' }],
      tools,
      stream: true,
    });
    let args = '';
    let name = '';
    let finish = '';
    for await (const c of stream) {
      expect(validateAgainst('CreateChatCompletionStreamResponse', c)).toEqual([]);
      const tc = c.choices[0]?.delta?.tool_calls?.[0];
      if (tc?.function?.name) name = tc.function.name;
      args += tc?.function?.arguments ?? '';
      if (c.choices[0]?.finish_reason) finish = c.choices[0].finish_reason;
    }
    expect({ name, args, finish }).toEqual({ name: 'get_weather', args: '{"city":"深圳"}', finish: 'tool_calls' });
  });

  it('embeddings: schema-valid, vendor usage', async () => {
    const r = await client.embeddings.create({ model: 'hy/hunyuan-embedding', input: ['你好', '世界和平'] });
    expect(validateAgainst('CreateEmbeddingResponse', r)).toEqual([]);
    expect(r.data.map((d) => d.embedding)).toEqual([
      [2, 0.5, -0.25],
      [4, 0.5, -0.25],
    ]);
    expect(r.usage.prompt_tokens).toBe(6);
  });

  it('content filter: finish_reason content_filter for a whole answer and a stream', async () => {
    fake.queue.push({ kind: 'sensitive' });
    const r = await client.chat.completions.create({ model: 'hy/hunyuan-turbos-latest', messages: [{ role: 'user', content: 'x' }] });
    expect(r.choices[0].finish_reason).toBe('content_filter');
    fake.queue.push({ kind: 'sensitive' });
    const stream = await client.chat.completions.create({
      model: 'hy/hunyuan-turbos-latest',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    let finish = '';
    for await (const c of stream) if (c.choices[0]?.finish_reason) finish = c.choices[0].finish_reason;
    expect(finish).toBe('content_filter');
  });

  it.each(ERROR_TABLE.filter(([code]) => !code.startsWith('AuthFailure')))(
    'vendor error %s (%s) reaches the client as %i %s',
    async (code, message, status, type) => {
      fake.queue.push({ kind: 'error', code, message });
      const err = (await client.chat.completions
        .create({ model: 'hy/hunyuan-turbos-latest', messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
      expect(err).toBeInstanceOf(OpenAI.APIError);
      expect({ status: err.status, type: err.type }).toEqual({ status, type });
      expect(validateAgainst('ErrorResponse', { error: err.error })).toEqual([]);
    },
  );
});

describe('hunyuan-tc3 through baimo with a wrong key', () => {
  it('the fake rejects the signature; the client sees 502 upstream_error without the secret', async () => {
    const fake = await startHunyuanFake();
    const baimo = await startBaimo({
      router: { retries: 0 },
      providers: { hy: { type: 'hunyuan-tc3', base_url: fake.url, secret_id: fake.secretId, secret_key: 'not-the-key-123' } },
    });
    try {
      const client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
      const err = (await client.chat.completions
        .create({ model: 'hy/hunyuan-lite', messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
      expect({ status: err.status, type: err.type }).toEqual({ status: 502, type: 'upstream_error' });
      expect(JSON.stringify(err.error)).not.toContain('not-the-key-123');
    } finally {
      await baimo.close();
      await fake.close();
    }
  });
});
