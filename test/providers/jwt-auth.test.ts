import { createHmac } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { createOpenAICompatibleProvider } from '../../src/providers/openai-compatible/index.js';
import { createJwtAuth, createJwtWireClient, sensenovaJwt, zhipuJwt, type JwtAuth } from '../../src/providers/shared/jwt-auth.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { testCallOptions } from '../helpers/fixture-server.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Independent JWT construction: JSON written out by hand (key order matters for a byte-for-byte
// comparison), base64url and HMAC-SHA256 straight from node:crypto.
const enc = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
function expectedJwt(headerJson: string, payloadJson: string, secret: string): string {
  const input = `${enc(headerJson)}.${enc(payloadJson)}`;
  return `${input}.${createHmac('sha256', Buffer.from(secret, 'utf8')).update(input).digest('base64url')}`;
}
const decode = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

const NOW = 1_700_000_000_123; // a fixed clock in ms

describe('Zhipu JWT', () => {
  it('is byte-for-byte the independent HS256 token: sign_type SIGN, claims in milliseconds', () => {
    const { token, expiresAtMs } = zhipuJwt('myid123.mysecret456', NOW, 1800);
    expect(token).toBe(
      expectedJwt(
        '{"alg":"HS256","sign_type":"SIGN"}',
        '{"api_key":"myid123","exp":1700001800123,"timestamp":1700000000123}',
        'mysecret456',
      ),
    );
    expect(expiresAtMs).toBe(1_700_001_800_123);
  });

  it('is sent as the bare token (no Bearer) and cached until 60 s before exp', () => {
    let t = NOW;
    const auth = createJwtAuth('zp', { style: 'zhipu-jwt', apiKey: 'myid123.mysecret456', now: () => t });
    const first = auth.headers().authorization;
    expect(first).toBe(zhipuJwt('myid123.mysecret456', NOW, 1800).token);
    expect(first.startsWith('Bearer')).toBe(false);
    t = NOW + (1800 - 61) * 1000;
    expect(auth.headers().authorization).toBe(first); // one token shared across calls
    t = NOW + (1800 - 60) * 1000;
    const second = auth.headers().authorization;
    expect(second).not.toBe(first);
    expect(second).toBe(zhipuJwt('myid123.mysecret456', t, 1800).token);
  });

  it('a key without a dot is a config error at construction', () => {
    expect(() => createJwtAuth('zp', { style: 'zhipu-jwt', apiKey: 'nodothere' })).toThrow(ConfigError);
    expect(() => createJwtAuth('zp', { style: 'zhipu-jwt', apiKey: 'id.' })).toThrow(/id>\.<secret/);
    expect(() =>
      createOpenAICompatibleProvider('zp', { baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'nodot', auth: 'zhipu-jwt', connectTimeoutMs: 100 }),
    ).toThrow(ConfigError);
  });
});

describe('SenseNova JWT', () => {
  it('is byte-for-byte the independent HS256 token: typ JWT, iss = AK, exp/nbf in seconds', () => {
    const { token, expiresAtMs } = sensenovaJwt('AK-test', 'SK-test', NOW, 1800);
    expect(token).toBe(expectedJwt('{"alg":"HS256","typ":"JWT"}', '{"iss":"AK-test","exp":1700001800,"nbf":1699999995}', 'SK-test'));
    expect(expiresAtMs).toBe(1_700_001_800_000);
  });

  it('is sent as Bearer and refreshed 60 s before exp', () => {
    let t = NOW;
    const auth = createJwtAuth('sn', { style: 'sensenova-jwt', apiKey: 'AK-test', secretKey: 'SK-test', now: () => t });
    const first = auth.headers().authorization;
    expect(first).toBe(`Bearer ${sensenovaJwt('AK-test', 'SK-test', NOW, 1800).token}`);
    t = 1_700_001_739_999; // exp is 1700001800 s: one ms before the refresh point
    expect(auth.headers().authorization).toBe(first);
    t = 1_700_001_740_000;
    expect(auth.headers().authorization).toBe(`Bearer ${sensenovaJwt('AK-test', 'SK-test', t, 1800).token}`);
  });

  it('AK and SK are both required', () => {
    expect(() => createJwtAuth('sn', { style: 'sensenova-jwt', apiKey: 'AK' })).toThrow(ConfigError);
    expect(() => createJwtAuth('sn', { style: 'sensenova-jwt', secretKey: 'SK' })).toThrow(ConfigError);
  });
});

describe('JWT on the wire', () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('the wire client sends whichever token is current (a refreshed token replaces the old one)', async () => {
    let token = 'tok-a';
    const auth: JwtAuth = { headers: () => ({ authorization: token }) };
    const http = createJwtWireClient('x', { connectTimeoutMs: 1000, headers: { 'x-extra': '1' }, streamAccept: 'text/event-stream' }, auth);
    const body = { model: 'm', messages: [{ role: 'user', content: 'x' }] };
    for (const t of ['tok-a', 'tok-a', 'tok-b', 'tok-b']) {
      token = t;
      await http.postJson(`${fake.url}/chat/completions`, body, testCallOptions('m'));
    }
    expect(fake.requests.slice(-4).map((r) => r.headers.authorization)).toEqual(['tok-a', 'tok-a', 'tok-b', 'tok-b']);
    expect(fake.requests.at(-1)!.headers['x-extra']).toBe('1');
    await http.close();
  });

  it('a rotation does not cut a call still in flight on the previous token', async () => {
    let token = 'tok-old';
    const http = createJwtWireClient(
      'x',
      { connectTimeoutMs: 1000, headers: {}, streamAccept: 'text/event-stream' },
      { headers: () => ({ authorization: token }) },
    );
    fake.queue.push({ kind: 'text', text: 'slow answer', delayMs: 300 });
    const body = { model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true };
    const slow = http.postStream(`${fake.url}/chat/completions`, body, testCallOptions('m'));
    await new Promise((r) => setTimeout(r, 50));
    token = 'tok-new';
    await http.postJson(`${fake.url}/chat/completions`, { ...body, stream: false }, testCallOptions('m'));
    const res = await slow;
    expect(await res.body.text()).toContain('slow');
    expect(fake.requests.slice(-2).map((r) => r.headers.authorization)).toEqual(['tok-old', 'tok-new']);
    await http.close();
  });
});

describe('JWT auth through baimo', () => {
  let fake: FakeUpstream;
  let baimo: TestBaimo;
  let client: OpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    baimo = await startBaimo({
      providers: {
        zp: { type: 'zhipu', base_url: fake.url, api_key: 'zpid42.zpsecret42', auth: 'jwt' },
        sn: { type: 'sensenova', base_url: fake.url, api_key: 'AK-e2e', secret_key: 'SK-e2e', auth: 'jwt' },
      },
    });
    client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
  });
  afterAll(async () => {
    await baimo?.close();
    await fake?.close();
  });

  /** Checks a received token with node:crypto only: header, claims, and the HMAC over its first two parts. */
  function verify(token: string, secret: string): { header: unknown; payload: Record<string, number | string> } {
    const [h, p, sig] = token.split('.');
    expect(createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')).toBe(sig);
    return { header: decode(h), payload: decode(p) as Record<string, number | string> };
  }

  it('zhipu: Authorization is the bare JWT, claims in ms, one token reused across calls', async () => {
    const before = Date.now();
    await client.chat.completions.create({ model: 'zp/glm-4-flash', messages: [{ role: 'user', content: 'x' }] });
    await client.chat.completions.create({ model: 'zp/glm-4-flash', messages: [{ role: 'user', content: 'y' }], stream: false });
    const [a, b] = fake.requests.slice(-2).map((r) => String(r.headers.authorization));
    expect(a).toBe(b);
    expect(a).not.toMatch(/^Bearer /);
    const { header, payload } = verify(a, 'zpsecret42');
    expect(header).toEqual({ alg: 'HS256', sign_type: 'SIGN' });
    expect(Object.keys(payload)).toEqual(['api_key', 'exp', 'timestamp']);
    expect(payload.api_key).toBe('zpid42');
    expect(payload.timestamp).toBeGreaterThanOrEqual(before - 1000);
    expect(payload.timestamp).toBeLessThanOrEqual(Date.now());
    expect(Number(payload.exp) - Number(payload.timestamp)).toBe(1_800_000);
  });

  it('sensenova: Authorization is Bearer <JWT> with iss/exp/nbf in seconds (also for streams)', async () => {
    const stream = await client.chat.completions.create({
      model: 'sn/SenseNova-V6-Pro',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    for await (const _ of stream) void _;
    const auth = String(fake.requests.at(-1)!.headers.authorization);
    expect(auth).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const { header, payload } = verify(auth.slice('Bearer '.length), 'SK-e2e');
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(Object.keys(payload)).toEqual(['iss', 'exp', 'nbf']);
    const now = Math.floor(Date.now() / 1000);
    expect(payload.iss).toBe('AK-e2e');
    expect(Math.abs(Number(payload.nbf) - (now - 5))).toBeLessThanOrEqual(2);
    expect(Number(payload.exp) - Number(payload.nbf)).toBe(1805);
  });
});
