import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, chat, createKey } from '../helpers/admin-api.js';
import { dumpTables } from '../helpers/db-query.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { runCli } from '../helpers/run-cli.js';
import { POSTGRES_ENV } from '../helpers/test-database.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Identifiers that pass their checksums (resident ID GB 11643, UnionPay card Luhn, mainland mobile).
const ID = '11010519491231002X';
const MOBILE = '13800138000';
const CARD = '6217000010001234569';
const SECRETS = [ID, MOBILE, CARD];
const NOTICE = '（本内容由人工智能生成）';

let fake: FakeUpstream; // a foreign cloud
let local: FakeUpstream; // a self-hosted engine
let judge: FakeUpstream; // a moderation model
let baimo: TestBaimo;

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'echo' } });
  local = await startFakeOpenAI({ fallback: { kind: 'echo' } });
  judge = await startFakeOpenAI({ fallback: { kind: 'text', text: '```json\n{"flagged": false, "risk": null, "reason": "正常"}\n```' } });
  baimo = await startBaimo({
    providers: {
      cloud: { type: 'openai-compatible', base_url: fake.url, trust: 'foreign_cloud' },
      onprem: { type: 'openai-compatible', base_url: local.url, trust: 'self_hosted' },
      judge: { type: 'openai-compatible', base_url: judge.url, trust: 'self_hosted' },
    },
    models: [
      { name: 'echo', targets: [{ provider: 'cloud', model: 'm1' }] },
      { name: 'foreign-only', targets: [{ provider: 'cloud', model: 'm1' }] },
      { name: 'with-fallback', targets: [{ provider: 'cloud', model: 'm1' }], fallbacks: ['onprem-model'] },
      { name: 'onprem-model', targets: [{ provider: 'onprem', model: 'l1' }] },
      { name: 'moderator', targets: [{ provider: 'judge', model: 'guard' }], retries: 0 },
    ],
    security: { pii: { action: 'pseudonymize' }, labels: { provider_code: 'ACME-AI-001' } },
  });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
  await local?.close();
  await judge?.close();
});

const lastSent = (f: FakeUpstream) => JSON.stringify(f.requests.at(-1)?.body);

/** Streams a chat call and returns the SSE events (parsed), the joined content and the headers. */
async function streamChat(key: string, body: Record<string, unknown>) {
  const res = await fetch(`${baimo.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ stream: true, ...body }),
  });
  const raw = await res.text();
  const events = raw
    .split('\n\n')
    .map((e) => e.replace(/^data: /, '').trim())
    .filter((e) => e && e !== '[DONE]')
    .map((e) => JSON.parse(e));
  const content = events.map((e) => e.choices?.[0]?.delta?.content ?? '').join('');
  const finish = events.map((e) => e.choices?.[0]?.finish_reason).find((r) => r);
  return { status: res.status, headers: res.headers, events, content, finish };
}

/** The log row's `compliance` (the API returns it parsed). */
const comp = (row: Record<string, any>) => (typeof row.compliance === 'string' ? JSON.parse(row.compliance) : row.compliance);

async function logRow(requestId: string): Promise<Record<string, any>> {
  for (let i = 0; i < 50; i++) {
    const r = await api(baimo, 'GET', `/api/logs/${requestId}`);
    if (r.status === 200) return r.body;
    await new Promise((res) => setTimeout(res, 30));
  }
  throw new Error(`no log row for ${requestId}`);
}

describe('PII: reversible pseudonymisation (deployment default from baimo.yaml)', () => {
  const text = `客户张三的身份证号是${ID}，手机${MOBILE}，银行卡${CARD}。请复述。`;

  it('the upstream never sees the values; the client gets them back (whole answer)', async () => {
    const { key } = await createKey(baimo, {});
    const r = await chat(baimo, key, {
      model: 'echo',
      messages: [
        { role: 'system', content: `备用号码${MOBILE}` },
        { role: 'user', content: text },
      ],
    });
    expect(r.status).toBe(200);
    const sent = lastSent(fake);
    for (const v of SECRETS) expect(sent).not.toContain(v);
    expect(sent).toContain('[身份证号_1]');
    expect(sent).toContain('[手机号_1]'); // the same value gets the same placeholder in both messages
    expect(sent).not.toContain('[手机号_2]');
    expect(r.body.choices[0].message.content).toBe(`备用号码${MOBILE}\n${text}`);
    const row = await logRow(r.headers.get('x-request-id')!);
    expect(comp(row).pii).toMatchObject({ action: 'pseudonymize', types: { id_card: 1, mobile: 2, bank_card: 1 } });
  });

  it('tool-call arguments are masked too and stay valid JSON', async () => {
    const { key } = await createKey(baimo, {});
    const args = JSON.stringify({ phone: MOBILE, note: `身份证${ID}` });
    const r = await chat(baimo, key, {
      model: 'echo',
      messages: [
        { role: 'user', content: '查一下这个号码' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: args } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: `号码${MOBILE}属于北京` },
      ],
    });
    expect(r.status).toBe(200);
    const body = fake.requests.at(-1)!.body;
    const sentArgs = body.messages[1].tool_calls[0].function.arguments;
    expect(JSON.parse(sentArgs)).toEqual({ phone: '[手机号_1]', note: '身份证[身份证号_1]' });
    expect(JSON.stringify(body)).not.toContain(MOBILE);
  });

  it('streams restore placeholders split across chunks at any boundary (property)', async () => {
    const { key } = await createKey(baimo, {});
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 }), async (cuts) => {
        fake.queue.push({ kind: 'echo', cuts });
        const s = await streamChat(key, { model: 'echo', messages: [{ role: 'user', content: text }] });
        expect(s.status).toBe(200);
        expect(s.content).toBe(text);
        expect(s.finish).toBe('stop');
        for (const v of SECRETS) expect(lastSent(fake)).not.toContain(v);
      }),
      { numRuns: 25 },
    );
  });

  it('a key policy can redact instead (markers are not restored)', async () => {
    const { key, id } = await createKey(baimo, {});
    expect((await api(baimo, 'PUT', `/api/security/policies/key/${id}`, { policy: { pii: { action: 'redact' } } })).status).toBe(200);
    const r = await chat(baimo, key, { model: 'echo', messages: [{ role: 'user', content: text }] });
    expect(r.status).toBe(200);
    expect(r.body.choices[0].message.content).toBe(`客户张三的身份证号是[身份证号]，手机[手机号]，银行卡[银行卡号]。请复述。`);
  });

  it('a block policy refuses with 400 pii_detected, names types but never values, and calls no upstream', async () => {
    const { key, id } = await createKey(baimo, {});
    await api(baimo, 'PUT', `/api/security/policies/key/${id}`, { policy: { pii: { action: 'block' } } });
    const before = fake.requests.length;
    const r = await chat(baimo, key, { model: 'echo', messages: [{ role: 'user', content: text }] });
    expect(r.status).toBe(400);
    expect(r.body.error.type).toBe('pii_detected');
    expect(r.body.error.message).toContain('id_card');
    for (const v of SECRETS) expect(JSON.stringify(r.body)).not.toContain(v);
    expect(fake.requests.length).toBe(before);
    const row = await logRow(r.headers.get('x-request-id')!);
    expect(comp(row).blocked).toBe('pii');
  });
});

describe('data routing by trust level', () => {
  let key: string;
  beforeAll(async () => {
    const ws = await api(baimo, 'POST', '/api/workspaces', { name: 'routing' });
    // baimo.yaml's pii.action (pseudonymize) is a floor: a workspace cannot set `allow` (see policy-floor.ts).
    const put = await api(baimo, 'PUT', `/api/security/policies/workspace/${ws.body.id}`, {
      policy: { routing: { pii: ['self_hosted'] } },
    });
    expect(put.status).toBe(200);
    key = (await createKey(baimo, {}, ws.body.id)).key;
  });

  it('a request with PII to a foreign-cloud-only alias is blocked before any call', async () => {
    const before = fake.requests.length;
    const r = await chat(baimo, key, { model: 'foreign-only', messages: [{ role: 'user', content: `手机${MOBILE}` }] });
    expect(r.status).toBe(403);
    expect(r.body.error.type).toBe('data_routing_blocked');
    expect(r.body.error.message).not.toContain(MOBILE);
    expect(fake.requests.length).toBe(before);
  });

  it('with a self-hosted fallback it goes there (and only there)', async () => {
    const [cloudBefore, localBefore] = [fake.requests.length, local.requests.length];
    const r = await chat(baimo, key, { model: 'with-fallback', messages: [{ role: 'user', content: `手机${MOBILE}` }] });
    expect(r.status).toBe(200);
    expect(fake.requests.length).toBe(cloudBefore);
    expect(local.requests.length).toBe(localBefore + 1);
    expect(r.body.choices[0].message.content).toBe(`手机${MOBILE}`);
  });

  it('requests without PII may still use the foreign cloud', async () => {
    const r = await chat(baimo, key, { model: 'foreign-only', messages: [{ role: 'user', content: '你好' }] });
    expect(r.status).toBe(200);
  });

  it('"never send anything to foreign clouds" blocks every request to them, streams too', async () => {
    const ws = await api(baimo, 'POST', '/api/workspaces', { name: 'no-foreign' });
    await api(baimo, 'PUT', `/api/security/policies/workspace/${ws.body.id}`, {
      policy: { routing: { allow: ['self_hosted', 'domestic_cloud'] } },
    });
    const k = (await createKey(baimo, {}, ws.body.id)).key;
    expect((await chat(baimo, k, { model: 'foreign-only' })).status).toBe(403);
    expect((await streamChat(k, { model: 'foreign-only', messages: [{ role: 'user', content: 'hi' }] })).status).toBe(403);
    expect((await chat(baimo, k, { model: 'with-fallback' })).status).toBe(200);
  });
});

describe('moderation', () => {
  let key: string;
  const TERM = '示例违禁词';
  beforeAll(async () => {
    const ws = await api(baimo, 'POST', '/api/workspaces', { name: 'moderated' });
    const lib = await api(baimo, 'POST', '/api/moderation/libraries', {
      workspace_id: ws.body.id,
      name: 'demo',
      text: `${TERM}\tA.1.6\nforbidden-example\tA.2.1`,
    });
    expect(lib.status).toBe(201);
    key = (await createKey(baimo, {}, ws.body.id)).key;
  });

  it('input with a library term is refused with content_policy_violation (width and case folded)', async () => {
    const before = fake.requests.length;
    const r = await chat(baimo, key, { model: 'echo', messages: [{ role: 'user', content: `请写：ＦＯＲＢＩＤＤＥＮ-EXAMPLE 相关内容` }] });
    expect(r.status).toBe(400);
    expect(r.body.error.type).toBe('content_policy_violation');
    expect(fake.requests.length).toBe(before);
  });

  it('a stream is cut within one window of the offending term, with finish_reason content_filter', async () => {
    const head = '这是一段很长的正常回答，'.repeat(10);
    fake.queue.push({ kind: 'text', text: `${head}${TERM}以及之后不应出现的内容。` });
    const s = await streamChat(key, { model: 'echo', messages: [{ role: 'user', content: '讲个故事' }] });
    expect(s.status).toBe(200);
    expect(s.finish).toBe('content_filter');
    expect(s.content).not.toContain(TERM);
    expect(s.content).not.toContain('之后不应出现');
    expect(s.content.length).toBeGreaterThanOrEqual(head.length - 64); // within one window (64 chars)
    expect(head.startsWith(s.content)).toBe(true);
  });

  it('a whole answer is cut at the term too', async () => {
    fake.queue.push({ kind: 'text', text: `开头正常。${TERM}结尾。` });
    const r = await chat(baimo, key, { model: 'echo', messages: [{ role: 'user', content: '讲个故事' }] });
    expect(r.body.choices[0].finish_reason).toBe('content_filter');
    expect(r.body.choices[0].message.content).toBe('开头正常。');
  });
});

describe('model-based moderation', () => {
  it('asks the configured model and refuses what it flags; a failing model blocks only when the policy says so', async () => {
    const ws = await api(baimo, 'POST', '/api/workspaces', { name: 'model-moderated' });
    const put = await api(baimo, 'PUT', `/api/security/policies/workspace/${ws.body.id}`, {
      policy: { moderation: { model: { name: 'moderator', on_error: 'block', timeout_ms: 5000 } } },
    });
    expect(put.status).toBe(200);
    const { key } = await createKey(baimo, {}, ws.body.id);

    const ok = await chat(baimo, key, { model: 'echo', messages: [{ role: 'user', content: `今天天气怎么样？我的手机${MOBILE}` }] });
    expect(ok.status).toBe(200);
    expect(ok.body.choices[0].message.content).toContain(MOBILE);
    // The moderation model sees what a provider would: the masked text.
    const asked = JSON.stringify(judge.requests.at(-1)!.body.messages);
    expect(asked).toContain('今天天气怎么样');
    expect(asked).toContain('[手机号_1]');
    expect(asked).not.toContain(MOBILE);

    judge.queue.push({ kind: 'text', text: '{"flagged": true, "risk": "A.2.4", "reason": "地域歧视"}' });
    const flagged = await chat(baimo, key, { model: 'echo', messages: [{ role: 'user', content: '某地人都不行' }] });
    expect(flagged.status).toBe(400);
    expect(flagged.body.error.type).toBe('content_policy_violation');
    expect(flagged.body.error.message).toContain('A.2.4');

    judge.queue.push({ kind: 'status', status: 500 });
    const down = await chat(baimo, key, { model: 'echo', messages: [{ role: 'user', content: '你好' }] });
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('moderation_unavailable');
  });
});

describe('AIGC labels', () => {
  it('every answer carries a signed implicit label: header, body extension and log', async () => {
    const { key } = await createKey(baimo, {});
    const r = await chat(baimo, key, { model: 'echo', messages: [{ role: 'user', content: '你好' }] });
    const header = r.headers.get('x-aigc-label')!;
    expect(header).toMatch(/^v=1; aigc=1; cid=chatcmpl-/);
    expect(header).toContain('pc=ACME-AI-001');
    expect(r.body.aigc_label).toMatchObject({ aigc: true, provider_code: 'ACME-AI-001', content_id: r.body.id, model: 'cloud/m1' });
    const row = await logRow(r.headers.get('x-request-id')!);
    expect(row.aigc_label).toBe(header);

    const ok = await runCli(['label', 'verify', header, '--config', baimo.configPath], { env: POSTGRES_ENV });
    expect(ok.code).toBe(0);
    const forged = header.replace('pc=ACME-AI-001', 'pc=OTHER-AI-002');
    const bad = await runCli(['label', 'verify', forged, '--config', baimo.configPath], { env: POSTGRES_ENV });
    expect(bad.code).not.toBe(0);
    const body = await runCli(['label', 'verify', JSON.stringify(r.body), '--config', baimo.configPath], { env: POSTGRES_ENV });
    expect(body.code).toBe(0);
  });

  it('streams carry the label in the header and the first chunk', async () => {
    const { key } = await createKey(baimo, {});
    const s = await streamChat(key, { model: 'echo', messages: [{ role: 'user', content: '你好' }] });
    expect(s.headers.get('x-aigc-label')).toContain('aigc=1');
    expect(s.events[0].aigc_label.content_id).toBe(s.events[0].id);
  });

  it('explicit notices appear exactly once, at the end or the start, whole and streamed', async () => {
    const { key, id } = await createKey(baimo, {});
    await api(baimo, 'PUT', `/api/security/policies/key/${id}`, { policy: { labels: { explicit: { text: NOTICE, position: 'end' } } } });
    const r = await chat(baimo, key, { model: 'echo', messages: [{ role: 'user', content: '你好世界' }] });
    const content: string = r.body.choices[0].message.content;
    expect(content.endsWith(NOTICE)).toBe(true);
    expect(content.split(NOTICE).length).toBe(2);
    const s = await streamChat(key, { model: 'echo', messages: [{ role: 'user', content: '你好世界' }] });
    expect(s.content.endsWith(NOTICE)).toBe(true);
    expect(s.content.split(NOTICE).length).toBe(2);

    await api(baimo, 'PUT', `/api/security/policies/key/${id}`, { policy: { labels: { explicit: { text: NOTICE, position: 'start' } } } });
    const s2 = await streamChat(key, { model: 'echo', messages: [{ role: 'user', content: '你好世界' }] });
    expect(s2.content.startsWith(NOTICE)).toBe(true);
    expect(s2.content.split(NOTICE).length).toBe(2);
  });

  it('a cached answer gets the notice once too (the cache keeps the provider’s answer)', async () => {
    const { key, id } = await createKey(baimo, { cache: true });
    await api(baimo, 'PUT', `/api/security/policies/key/${id}`, { policy: { labels: { explicit: { text: NOTICE, position: 'end' } } } });
    const body = { model: 'echo', messages: [{ role: 'user', content: '缓存测试' }] };
    const first = await chat(baimo, key, body);
    const second = await chat(baimo, key, body);
    expect(second.headers.get('x-baimo-cache')).toBe('hit');
    for (const r of [first, second]) expect(r.body.choices[0].message.content.split(NOTICE).length).toBe(2);
    expect(second.body.aigc_label.content_id).toBe(second.body.id);
    expect(second.body.id).not.toBe(first.body.id);
  });
});

describe('audit trail of policy events', () => {
  it('PII findings, blocks and moderation hits are in the audit chain, which verifies', async () => {
    const r = await api(baimo, 'GET', '/api/audit?limit=200');
    expect(r.status).toBe(200);
    const actions = new Set(r.body.data.map((e: { action: string }) => e.action));
    for (const a of ['pii.detected', 'request.blocked', 'moderation.flagged', 'policy.update']) expect(actions).toContain(a);
    const dump = JSON.stringify(r.body);
    for (const v of SECRETS) expect(dump).not.toContain(v);
    await baimo.runtime?.compliance?.audit.flush?.();
    const v = await runCli(['audit', 'verify', '--config', baimo.configPath], { env: POSTGRES_ENV });
    expect(v.code).toBe(0);
  });

  it('no stored row anywhere holds the original values', async () => {
    const tables = await dumpTables(baimo.runtime.database);
    expect(tables.map((t) => t.name)).toContain('request_logs');
    for (const { name, text } of tables) for (const v of SECRETS) expect(text, name).not.toContain(v);
  });
});
