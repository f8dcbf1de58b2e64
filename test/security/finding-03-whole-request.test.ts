import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, chat, createKey } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Finding 3: PII masking, PII routing and input moderation looked only at message content, reasoning
// and tool-call arguments, while the adapters forward the rest of the request as is. PII and a
// forbidden word in tool descriptions, parameter descriptions, `messages[].name`, `metadata`,
// `prediction.content`, `response_format`, `user`, `stop` or any other field reached a
// foreign_cloud provider under a `block` policy.

// Identifiers that pass their checksums (GB 11643 resident ID, UnionPay Luhn, mainland mobile).
const ID = '11010519491231002X';
const MOBILE = '13800138000';
const CARD = '6217000010001234569';
const EMAIL = 'zhang.san@example.com';
const IP = '203.0.113.77';
const VALUES = [ID, MOBILE, CARD, EMAIL, IP];
const WORD = '违禁样本词';

let cloud: FakeUpstream; // foreign cloud
let baimo: TestBaimo;
let blockKey: string;
let routeKey: string;
let pseudoKey: string;
let plainKey: string;

beforeAll(async () => {
  cloud = await startFakeOpenAI({ fallback: { kind: 'text', text: 'ok' } });
  const lib = join(mkdtempSync(join(tmpdir(), 'baimo-f3-')), 'terms.txt');
  writeFileSync(lib, `${WORD}\tA.1.1\n`);
  baimo = await startBaimo({
    providers: { cloud: { type: 'openai-compatible', base_url: cloud.url, trust: 'foreign_cloud' } },
    models: [{ name: 'foreign', targets: [{ provider: 'cloud', model: 'm1' }] }],
    security: { moderation: { library_files: [lib] } },
  });
  const withPolicy = async (policy: Record<string, unknown>): Promise<string> => {
    const { key, id } = await createKey(baimo, {});
    expect((await api(baimo, 'PUT', `/api/security/policies/key/${id}`, { policy })).status).toBe(200);
    return key;
  };
  blockKey = await withPolicy({ pii: { action: 'block' } });
  routeKey = await withPolicy({ routing: { pii: ['self_hosted'] } });
  pseudoKey = await withPolicy({ pii: { action: 'pseudonymize' } });
  plainKey = (await createKey(baimo, {})).key;
});
afterAll(async () => {
  await baimo?.close();
  await cloud?.close();
});

/** A chat body with `text` placed in one field other than message content. */
const FIELDS: Record<string, (text: string) => Record<string, unknown>> = {
  'tools[].function.description': (t) => ({ tools: [{ type: 'function', function: { name: 'lookup', description: t } }] }),
  'tools[].function.parameters (nested description)': (t) => ({
    tools: [
      {
        type: 'function',
        function: {
          name: 'lookup',
          parameters: { type: 'object', properties: { q: { type: 'object', properties: { v: { type: 'string', description: t } } } } },
        },
      },
    ],
  }),
  'tools[].function.parameters (enum value)': (t) => ({
    tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { v: { enum: [t] } } } } }],
  }),
  'messages[].name': (t) => ({ messages: [{ role: 'user', content: 'hi', name: t }] }),
  'metadata value': (t) => ({ metadata: { note: t } }),
  'metadata key': (t) => ({ metadata: { [t]: 'x' } }),
  'prediction.content': (t) => ({ prediction: { type: 'content', content: t } }),
  'response_format.json_schema.description': (t) => ({
    response_format: { type: 'json_schema', json_schema: { name: 's', description: t, schema: { type: 'object' } } },
  }),
  'response_format.json_schema.schema (property description)': (t) => ({
    response_format: {
      type: 'json_schema',
      json_schema: { name: 's', schema: { type: 'object', properties: { a: { type: 'string', description: t } } } },
    },
  }),
  user: (t) => ({ user: t }),
  stop: (t) => ({ stop: ['END', t] }),
  'an unknown (future) field': (t) => ({ x_future_field: { deep: [{ notes: [t] }] } }),
  'an image URL': (t) => ({
    messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `https://img.example/${t}.png` } }] }],
  }),
};

async function send(key: string, body: Record<string, unknown>) {
  const before = cloud.requests.length;
  const r = await chat(baimo, key, { model: 'foreign', ...body });
  return { ...r, reached: cloud.requests.length > before };
}

describe('finding 3: every text of the request is checked, not only message content', () => {
  for (const [field, build] of Object.entries(FIELDS)) {
    it(`pii.action block: PII in ${field} is refused (400 pii_detected) and no provider is called`, async () => {
      const r = await send(blockKey, build(`客户手机${MOBILE}`));
      expect(r.reached).toBe(false);
      expect(r.status).toBe(400);
      expect(r.body.error.type).toBe('pii_detected');
      expect(JSON.stringify(r.body)).not.toContain(MOBILE);
    });

    it(`routing.pii [self_hosted]: PII in ${field} never goes to the foreign cloud (403)`, async () => {
      const r = await send(routeKey, build(`身份证${ID}`));
      expect(r.reached).toBe(false);
      expect(r.status).toBe(403);
      expect(r.body.error.type).toBe('data_routing_blocked');
    });

    it(`moderation input block: a library term in ${field} is refused (400 content_policy_violation)`, async () => {
      const r = await send(plainKey, build(`这里有${WORD}。`));
      expect(r.reached).toBe(false);
      expect(r.status).toBe(400);
      expect(r.body.error.type).toBe('content_policy_violation');
    });
  }

  it('the block error names the place without the value (keys are request data: written as *)', async () => {
    const r = await send(blockKey, FIELDS['tools[].function.parameters (nested description)'](`手机${MOBILE}`));
    expect(r.body.error.message).toContain('mobile in tools[0].function.parameters.properties.*.properties.*.description');
    const k = await send(blockKey, FIELDS['metadata key'](`邮箱${EMAIL}`));
    expect(k.body.error.message).toContain('email in metadata.<key>');
    expect(JSON.stringify(k.body)).not.toContain(EMAIL);
  });

  it('requests without PII or forbidden words in those fields still pass', async () => {
    const body = { ...FIELDS['tools[].function.description']('查询订单'), ...FIELDS['metadata value']('普通备注'), user: 'u-42' };
    for (const key of [blockKey, routeKey, plainKey]) expect((await send(key, body)).status).toBe(200);
  });
});

describe('finding 3: pseudonymize masks every field; the answer is restored', () => {
  const body = {
    messages: [
      { role: 'system', content: '你是客服。', name: EMAIL },
      { role: 'user', content: '请复述占位符。' },
    ],
    tools: [
      {
        type: 'function',
        function: {
          name: 'lookup',
          description: `查询手机${MOBILE}的订单`,
          parameters: {
            type: 'object',
            properties: { [`身份证${ID}`]: { type: 'string', description: `例如 ${MOBILE}` } },
          },
        },
      },
    ],
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'card',
        description: `卡号${CARD}`,
        schema: { type: 'object', properties: { card: { type: 'string', description: `如${CARD}` } } },
      },
    },
    metadata: { note: `客户手机${MOBILE}`, [`邮箱${EMAIL}`]: 'x' },
    prediction: { type: 'content', content: `身份证${ID}` },
    user: EMAIL,
    stop: [`IP ${IP}`],
    x_future_field: { deep: [{ notes: [`来自 ${IP}`] }] },
  };
  const answer = 'A [身份证号_1] B [手机号_1] C [邮箱_1] D [银行卡号_1] E [IP地址_1]';
  const restored = `A ${ID} B ${MOBILE} C ${EMAIL} D ${CARD} E ${IP}`;

  it('the provider receives no raw value in any field, and the client gets the values back', async () => {
    cloud.queue.push({ kind: 'text', text: answer });
    const r = await send(pseudoKey, body);
    expect(r.status).toBe(200);
    const sent = cloud.requests.at(-1)!.body;
    const wire = JSON.stringify(sent);
    for (const v of VALUES) expect(wire).not.toContain(v);
    expect(sent.messages[0].name).toBe('[邮箱_1]');
    expect(sent.user).toBe('[邮箱_1]');
    expect(sent.tools[0].function.description).toBe('查询手机[手机号_1]的订单');
    expect(Object.keys(sent.tools[0].function.parameters.properties)).toEqual(['身份证[身份证号_1]']);
    expect(sent.tools[0].function.parameters.properties['身份证[身份证号_1]'].description).toBe('例如 [手机号_1]');
    expect(sent.response_format.json_schema.description).toBe('卡号[银行卡号_1]');
    expect(sent.metadata).toEqual({ note: '客户手机[手机号_1]', '邮箱[邮箱_1]': 'x' });
    expect(sent.prediction.content).toBe('身份证[身份证号_1]');
    expect(sent.stop).toEqual(['IP [IP地址_1]']);
    expect(sent.x_future_field).toEqual({ deep: [{ notes: ['来自 [IP地址_1]'] }] });
    expect(r.body.choices[0].message.content).toBe(restored);
  });

  it('streamed too', async () => {
    cloud.queue.push({ kind: 'text', text: answer });
    const r = await send(pseudoKey, { ...body, stream: true });
    expect(r.status).toBe(200);
    for (const v of VALUES) expect(JSON.stringify(cloud.requests.at(-1)!.body)).not.toContain(v);
    const content = String(r.body)
      .split('\n\n')
      .map((e) => e.replace(/^data: /, '').trim())
      .filter((e) => e && e !== '[DONE]')
      .map((e) => JSON.parse(e).choices?.[0]?.delta?.content ?? '')
      .join('');
    expect(content).toBe(restored);
  });
});

describe('finding 3: embeddings are checked the same way (input, user, any field)', () => {
  async function embed(key: string, body: Record<string, unknown>) {
    const before = cloud.requests.length;
    const res = await fetch(`${baimo.baseURL}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: 'foreign', ...body }),
    });
    return { status: res.status, body: (await res.json()) as any, reached: cloud.requests.length > before };
  }

  it('pseudonymize redacts input and user (a vector cannot be restored)', async () => {
    const r = await embed(pseudoKey, { input: [`手机${MOBILE}`, '无'], user: EMAIL });
    expect(r.status).toBe(200);
    const sent = cloud.requests.at(-1)!.body;
    expect(sent.input).toEqual(['手机[手机号]', '无']);
    expect(sent.user).toBe('[邮箱]');
  });

  it('block refuses PII in user; routing and moderation cover embeddings too', async () => {
    const blocked = await embed(blockKey, { input: 'hello', user: EMAIL });
    expect([blocked.status, blocked.body.error.type, blocked.reached]).toEqual([400, 'pii_detected', false]);
    const routed = await embed(routeKey, { input: 'hello', user: EMAIL });
    expect([routed.status, routed.body.error.type, routed.reached]).toEqual([403, 'data_routing_blocked', false]);
    const moderated = await embed(plainKey, { input: [`${WORD}`] });
    expect([moderated.status, moderated.body.error.type, moderated.reached]).toEqual([400, 'content_policy_violation', false]);
  });
});
