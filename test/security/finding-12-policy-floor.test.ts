import SQLite from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, chat, createKey, login, type Caller } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Finding 12 (part): workspace policies could loosen baimo.yaml's routing and PII rules (turn PII
// handling off, send to a trust level baimo.yaml forbids, drop its moderation rules or its notice).
// baimo.yaml's rules are now a floor: a looser setting is refused when saved (400 naming the
// field) and clamped when policies are merged (a row stored by other means cannot loosen either).

const MOBILE = '13800138000';
const NOTICE = '（本内容由人工智能生成）';
const FORBIDDEN = '机密文件';

let local: FakeUpstream;
let cloud: FakeUpstream;
let baimo: TestBaimo;
let adminA: Caller;
const ids: Record<string, string> = {};

beforeAll(async () => {
  local = await startFakeOpenAI({ fallback: { kind: 'echo' } });
  cloud = await startFakeOpenAI({ fallback: { kind: 'echo' } });
  baimo = await startBaimo({
    providers: {
      onprem: { type: 'openai-compatible', base_url: local.url, trust: 'self_hosted' },
      abroad: { type: 'openai-compatible', base_url: cloud.url, trust: 'foreign_cloud' },
    },
    models: [
      { name: 'local-chat', targets: [{ provider: 'onprem', model: 'l1' }] },
      { name: 'foreign', targets: [{ provider: 'abroad', model: 'f1' }] },
    ],
    security: {
      pii: { action: 'block' },
      routing: { allow: ['self_hosted', 'domestic_cloud'] },
      moderation: { rules: [{ pattern: FORBIDDEN, risk: 'A.3.3' }] },
      labels: { explicit: { text: NOTICE } },
    },
  });
  for (const name of ['A', 'B', 'C']) ids[`ws${name}`] = (await api(baimo, 'POST', '/api/workspaces', { name })).body.id;
  expect(
    (
      await api(baimo, 'POST', '/api/users', {
        email: 'floor-admin@example.cn',
        name: 'A admin',
        password: 'correct horse battery',
        workspaces: [{ id: ids.wsA, role: 'admin' }],
      })
    ).status,
  ).toBe(201);
  adminA = await login(baimo, 'floor-admin@example.cn', 'correct horse battery');
});
afterAll(async () => {
  await baimo?.close();
  await local?.close();
  await cloud?.close();
});

describe('finding 12: baimo.yaml is a floor workspace policies can only tighten', () => {
  const loosening: Array<[string, Record<string, unknown>, string]> = [
    ['PII handling off', { pii: { action: 'allow' } }, 'policy.pii.action'],
    ['block → redact', { pii: { action: 'redact' } }, 'policy.pii.action'],
    ['block → pseudonymize', { pii: { action: 'pseudonymize' } }, 'policy.pii.action'],
    ['fewer PII types', { pii: { types: ['email'] } }, 'policy.pii.types'],
    ['fewer findings', { pii: { min_confidence: 0.95 } }, 'policy.pii.min_confidence'],
    ['a trust level baimo.yaml forbids', { routing: { allow: ['self_hosted', 'foreign_cloud'] } }, 'policy.routing.allow[1]'],
    ['input moderation off', { moderation: { input: 'off' } }, 'policy.moderation.input'],
    ['input moderation only flags', { moderation: { input: 'flag' } }, 'policy.moderation.input'],
    ['output moderation off', { moderation: { output: 'off' } }, 'policy.moderation.output'],
    ['the notice off', { labels: { explicit: null } }, 'policy.labels.explicit'],
  ];
  for (const [what, policy, param] of loosening) {
    it(`refuses ${what} with a 400 naming ${param}`, async () => {
      for (const scope of [`workspace/${ids.wsA}`]) {
        const r = await api(baimo, 'PUT', `/api/security/policies/${scope}`, { policy }, adminA);
        expect(r.status, JSON.stringify(r.body)).toBe(400);
        expect(r.body.error.param).toBe(param);
        expect(r.body.error.message).toContain('baimo.yaml');
      }
      const stored = await api(baimo, 'GET', `/api/security/policies/workspace/${ids.wsA}`, undefined, adminA);
      expect(stored.body.updated_at).toBeNull(); // nothing was stored
    });
  }

  it('accepts what tightens; baimo.yaml rules stay in the merged policy next to the workspace ones', async () => {
    const put = await api(
      baimo,
      'PUT',
      `/api/security/policies/workspace/${ids.wsA}`,
      {
        policy: {
          routing: { allow: ['self_hosted'] },
          moderation: { output: 'cut', rules: [{ pattern: '内部代号\\d+', risk: 'A.3.3' }] },
          labels: { explicit: { text: 'AI generated', position: 'start' } },
        },
      },
      adminA,
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const eff = await api(baimo, 'GET', `/api/security/effective?workspace_id=${ids.wsA}`, undefined, adminA);
    expect(eff.body.policy).toEqual({
      pii: { action: 'block' },
      routing: { allow: ['self_hosted'] },
      moderation: {
        output: 'cut',
        rules: [
          { pattern: FORBIDDEN, risk: 'A.3.3' },
          { pattern: '内部代号\\d+', risk: 'A.3.3' },
        ],
      },
      labels: { explicit: { text: 'AI generated', position: 'start' } },
    });
  });

  it('a loosening policy stored by other means is clamped to the floor on every request', async () => {
    const { key } = await createKey(baimo, {}, ids.wsB);
    const db = new SQLite(join(baimo.dir, 'baimo.db'));
    db.prepare(
      'INSERT INTO security_policies (scope_type, scope_id, workspace_id, policy, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      'workspace',
      ids.wsB,
      ids.wsB,
      JSON.stringify({
        pii: { action: 'allow', types: ['email'] },
        routing: { allow: ['self_hosted', 'foreign_cloud'] },
        moderation: { input: 'off', output: 'off', rules: [] },
        labels: { explicit: null },
      }),
      Date.now(),
      'restore',
    );
    db.close();
    expect((await api(baimo, 'PUT', `/api/security/policies/workspace/${ids.wsC}`, { policy: {} })).status).toBe(200); // reloads

    const eff = await api(baimo, 'GET', `/api/security/effective?workspace_id=${ids.wsB}`);
    expect(eff.body.policy).toEqual({
      pii: { action: 'block' },
      routing: { allow: ['self_hosted'] },
      moderation: { input: 'block', output: 'cut', rules: [{ pattern: FORBIDDEN, risk: 'A.3.3' }] },
      labels: { explicit: { text: NOTICE, position: 'end' } },
    });

    const [localBefore, cloudBefore] = [local.requests.length, cloud.requests.length];
    const pii = await chat(baimo, key, { model: 'local-chat', messages: [{ role: 'user', content: `手机${MOBILE}` }] });
    expect(pii.status).toBe(400);
    expect(pii.body.error.type).toBe('pii_detected');
    const abroad = await chat(baimo, key, { model: 'foreign', messages: [{ role: 'user', content: '你好' }] });
    expect(abroad.status).toBe(403);
    expect(abroad.body.error.type).toBe('data_routing_blocked');
    const word = await chat(baimo, key, { model: 'local-chat', messages: [{ role: 'user', content: `发一份${FORBIDDEN}` }] });
    expect(word.status).toBe(400);
    expect(word.body.error.type).toBe('content_policy_violation');
    expect([local.requests.length, cloud.requests.length]).toEqual([localBefore, cloudBefore]);
    const ok = await chat(baimo, key, { model: 'local-chat', messages: [{ role: 'user', content: '你好' }] });
    expect(ok.status).toBe(200);
    expect(ok.body.choices[0].message.content).toContain(NOTICE);
  });
});
