import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModerationLibraryRepository } from '../../src/store/moderation-library-repository.js';
import { PolicyRepository } from '../../src/store/policy-repository.js';
import { PolicyService } from '../../src/compliance/policy/policy-service.js';
import { openDatabase } from '../../src/store/open-database.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { api, createKey, login, type Caller } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { runCli } from '../helpers/run-cli.js';
import { POSTGRES_ENV } from '../helpers/test-database.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

let fake: FakeUpstream;
let baimo: TestBaimo;
const ids: Record<string, string> = {};
let owner: Caller;
let viewer: Caller;

const PROVIDER_SECRET = 'sk-leak-0123456789abcdefSECRET';
const TEXT = '张三的身份证号是11010519491231002X，手机13812345678，邮箱 zhang@example.cn，项目 PRJ-2024。';

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] }],
  });
  ids.wsA = (await api(baimo, 'POST', '/api/workspaces', { name: 'A' })).body.id;
  ids.wsB = (await api(baimo, 'POST', '/api/workspaces', { name: 'B' })).body.id;
  ids.appA = (await api(baimo, 'POST', `/api/workspaces/${ids.wsA}/apps`, { name: 'app A' })).body.id;
  const key = await createKey(baimo, { name: 'key A', app_id: ids.appA }, ids.wsA);
  ids.keyA = key.id;
  ids.secretA = key.key;
  for (const [email, role] of [
    ['owner@example.cn', 'owner'],
    ['viewer@example.cn', 'viewer'],
  ]) {
    const r = await api(baimo, 'POST', '/api/users', {
      email,
      name: role,
      password: 'correct horse battery',
      workspaces: [{ id: ids.wsA, role }],
    });
    expect(r.status).toBe(201);
  }
  owner = await login(baimo, 'owner@example.cn', 'correct horse battery');
  viewer = await login(baimo, 'viewer@example.cn', 'correct horse battery');
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const policies = () => baimo.runtime.compliance.policies;

describe('security policies', () => {
  it('an unset scope reads as an empty policy; PUT stores it and GET lists it', async () => {
    const empty = await api(baimo, 'GET', `/api/security/policies/workspace/${ids.wsA}`, undefined, viewer);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ scope_type: 'workspace', scope_id: ids.wsA, workspace_id: ids.wsA, policy: {}, updated_at: null });

    const policy = {
      pii: { action: 'redact', custom: [{ name: 'proj', pattern: 'PRJ-\\d+', label: '项目代号' }] },
      labels: { explicit: { text: '（本内容由人工智能生成）', position: 'end' } },
    };
    const put = await api(baimo, 'PUT', `/api/security/policies/workspace/${ids.wsA}`, { policy }, owner);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.policy).toEqual(policy);
    expect(put.body.updated_by).toMatch(/^usr_/);
    expect(put.body.updated_at).toMatch(/^\d{4}-/);

    const list = await api(baimo, 'GET', `/api/security/policies?workspace_id=${ids.wsA}`, undefined, viewer);
    expect(list.body.data.map((p: { scope_id: string }) => p.scope_id)).toEqual([ids.wsA]);
  });

  it('rejects bad policies with a 400 naming the field', async () => {
    const path = `/api/security/policies/workspace/${ids.wsA}`;
    const badRegex = await api(baimo, 'PUT', path, { policy: { pii: { custom: [{ name: 'x', pattern: '([a-z' }] } } });
    expect(badRegex.status).toBe(400);
    expect(badRegex.body.error.param).toBe('policy.pii.custom[0].pattern');
    const badRule = await api(baimo, 'PUT', path, {
      policy: {
        moderation: {
          rules: [
            { pattern: 'ok', risk: 'A.1.1' },
            { pattern: '*x', risk: 'A.1.1' },
          ],
        },
      },
    });
    expect(badRule.status).toBe(400);
    expect(badRule.body.error.param).toBe('policy.moderation.rules[1].pattern');
    const unknown = await api(baimo, 'PUT', path, { policy: { pii: { action: 'shred' } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe('policy.pii.action');
    const noLib = await api(baimo, 'PUT', path, { policy: { moderation: { libraries: ['lib_nope'] } } });
    expect(noLib.status).toBe(400);
    expect(noLib.body.error.param).toBe('policy.moderation.libraries[0]');
    const noModel = await api(baimo, 'PUT', path, { policy: { moderation: { model: { name: 'no-such-model' } } } });
    expect(noModel.body.error.param).toBe('policy.moderation.model.name');
    // Nothing of it was stored; viewers may not write.
    expect((await api(baimo, 'GET', path)).body.policy.pii.action).toBe('redact');
    expect((await api(baimo, 'PUT', path, { policy: {} }, viewer)).status).toBe(403);
    expect((await api(baimo, 'PUT', `/api/security/policies/app/app_nope`, { policy: {} })).status).toBe(404);
  });

  it('merges deployment defaults ← workspace ← app ← key, and the request path sees changes at once', async () => {
    const app = await api(baimo, 'PUT', `/api/security/policies/app/${ids.appA}`, {
      policy: { pii: { action: 'pseudonymize' }, routing: { pii: ['self_hosted'] } },
    });
    expect(app.status).toBe(200);
    const key = await api(baimo, 'PUT', `/api/security/policies/key/${ids.keyA}`, { policy: { labels: { explicit: null } } }, owner);
    expect(key.status, JSON.stringify(key.body)).toBe(200);

    const merged = await api(baimo, 'GET', `/api/security/effective?key_id=${ids.keyA}`, undefined, viewer);
    expect(merged.status).toBe(200);
    expect(merged.body.policy).toEqual({
      pii: { action: 'pseudonymize', custom: [{ name: 'proj', pattern: 'PRJ-\\d+', label: '项目代号' }] },
      routing: { pii: ['self_hosted'] },
      labels: { explicit: null },
    });
    const wsOnly = await api(baimo, 'GET', `/api/security/effective?workspace_id=${ids.wsA}`);
    expect(wsOnly.body.policy.labels.explicit.text).toBe('（本内容由人工智能生成）');
    expect((await api(baimo, 'GET', `/api/security/effective?workspace_id=${ids.wsB}&app_id=${ids.appA}`)).status).toBe(400);

    const eff = policies().effective({ workspaceId: ids.wsA, appId: ids.appA, keyId: ids.keyA });
    expect(eff.piiAction).toBe('pseudonymize');
    expect(eff.scanner?.scan(TEXT).map((f) => f.type)).toEqual(['id_card', 'mobile', 'email', 'proj']);
    expect(eff.routing.pii ? [...eff.routing.pii] : null).toEqual(['self_hosted']);
    expect(eff.routing.allow).toBeNull();
    expect(eff.explicitLabel).toBeNull();
    expect(Object.isFrozen(eff) && Object.isFrozen(eff.doc)).toBe(true);
    // Cached: the same object for the same ids.
    expect(policies().effective({ workspaceId: ids.wsA, appId: ids.appA, keyId: ids.keyA })).toBe(eff);
    const wsEff = policies().effective({ workspaceId: ids.wsA, appId: null, keyId: null });
    expect(wsEff.explicitLabel).toEqual({ text: '（本内容由人工智能生成）', position: 'end' });
    expect(wsEff.piiAction).toBe('redact');

    // Without any stored policy: one shared object, nothing to do.
    const none = policies().effective({ workspaceId: ids.wsB, appId: null, keyId: null });
    expect(policies().effective({ workspaceId: 'ws_default', appId: 'app_x', keyId: 'key_y' })).toBe(none);
    expect(none).toMatchObject({ piiAction: 'allow', scanner: null, explicitLabel: null, routing: { allow: null, pii: null } });
    expect(none.moderation).toMatchObject({ input: 'off', output: 'off', moderator: null });

    // A change is visible to the very next request.
    await api(baimo, 'DELETE', `/api/security/policies/key/${ids.keyA}`, undefined, owner);
    expect(policies().effective({ workspaceId: ids.wsA, appId: ids.appA, keyId: ids.keyA }).explicitLabel?.position).toBe('end');
    expect((await api(baimo, 'DELETE', `/api/security/policies/key/${ids.keyA}`)).status).toBe(404);
  });
});

describe('replicas', () => {
  it('another process sharing the database follows policy changes within a few seconds', async () => {
    const db = await openDatabase(baimo.runtime.config.database);
    const other = await PolicyService.create({
      security: baimo.runtime.config.security,
      policies: new PolicyRepository(db.db),
      libraries: new ModerationLibraryRepository(db),
      settings: new SettingsRepository(db.db),
    });
    try {
      const ids2 = { workspaceId: ids.wsB, appId: null, keyId: null };
      expect(other.effective(ids2).piiAction).toBe('allow');
      await api(baimo, 'PUT', `/api/security/policies/workspace/${ids.wsB}`, { policy: { pii: { action: 'block' } } });
      const deadline = Date.now() + 5_000;
      while (other.effective(ids2).piiAction !== 'block' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(other.effective(ids2).piiAction).toBe('block');
      await api(baimo, 'DELETE', `/api/security/policies/workspace/${ids.wsB}`);
    } finally {
      other.close();
      await db.close();
    }
  });
});

describe('PII scan and moderation check', () => {
  it("scans with the effective policy's recognizers and shows both masks", async () => {
    const r = await api(baimo, 'POST', '/api/security/pii/scan', { text: TEXT, workspace_id: ids.wsA }, viewer);
    expect(r.status).toBe(200);
    expect(r.body.findings.map((f: { type: string; label: string }) => [f.type, f.label])).toEqual([
      ['id_card', '身份证号'],
      ['mobile', '手机号'],
      ['email', '邮箱'],
      ['proj', '项目代号'],
    ]);
    expect(r.body.findings[0]).toMatchObject({ start: 8, end: 26 });
    expect(r.body.findings[0].value).toBeUndefined();
    expect(r.body.redacted).toBe('张三的身份证号是[身份证号]，手机[手机号]，邮箱 [邮箱]，项目 [项目代号]。');
    expect(r.body.pseudonymized).toBe('张三的身份证号是[身份证号_1]，手机[手机号_1]，邮箱 [邮箱_1]，项目 [项目代号_1]。');
    // Without a workspace: the built-in types only.
    const plain = await api(baimo, 'POST', '/api/security/pii/scan', { text: TEXT }, viewer);
    expect(plain.body.findings.map((f: { type: string }) => f.type)).toEqual(['id_card', 'mobile', 'email']);
    const long = await api(baimo, 'POST', '/api/security/pii/scan', { text: 'x'.repeat(100_001) });
    expect(long.status).toBe(400);
  });

  it('imports a 10,000-term library from text, lists, searches and deletes terms, and moderates with it', async () => {
    const lines = ['# test library', '违禁品甲\tA.1.6', '测试词,A.3.1', 'Bad Word'];
    for (let i = 0; i < 10_000; i++) lines.push(`词条${String(i).padStart(5, '0')}\tA.2.1`);
    lines.push('x'.repeat(65)); // a bad line (too long): reported, skipped
    const started = performance.now();
    const r = await api(baimo, 'POST', '/api/moderation/libraries', { workspace_id: ids.wsA, name: '示例', text: lines.join('\n') }, owner);
    const ms = performance.now() - started;
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(201);
    expect(r.body).toMatchObject({ workspace_id: ids.wsA, name: '示例', enabled: true, term_count: 10_003, added: 10_003, skipped: 0 });
    expect(r.body.errors).toEqual([expect.stringMatching(/^line 10005: /)]);
    expect(ms).toBeLessThan(3_000);
    ids.lib = r.body.id;

    const list = await api(baimo, 'GET', `/api/moderation/libraries?workspace_id=${ids.wsA}`, undefined, viewer);
    expect(list.body.data.find((l: { id: string }) => l.id === ids.lib).term_count).toBe(10_003);
    expect((await api(baimo, 'POST', '/api/moderation/libraries', { workspace_id: ids.wsA, name: 'x' }, viewer)).status).toBe(403);
    expect((await api(baimo, 'POST', '/api/moderation/libraries', { workspace_id: null, name: 'x' }, owner)).status).toBe(403);

    const page1 = await api(baimo, 'GET', `/api/moderation/libraries/${ids.lib}/terms?limit=100`, undefined, viewer);
    expect(page1.body.data).toHaveLength(100);
    expect(page1.body.next_cursor).toBeTruthy();
    const page2 = await api(
      baimo,
      'GET',
      `/api/moderation/libraries/${ids.lib}/terms?limit=100&cursor=${page1.body.next_cursor}`,
      undefined,
      viewer,
    );
    const terms = [...page1.body.data, ...page2.body.data].map((t: { term: string }) => t.term);
    expect(terms).toEqual([...terms].sort());
    expect(new Set(terms).size).toBe(200);
    const found = await api(baimo, 'GET', `/api/moderation/libraries/${ids.lib}/terms?q=${encodeURIComponent('违禁')}`);
    expect(found.body).toEqual({ object: 'list', data: [{ term: '违禁品甲', risk: 'A.1.6' }], next_cursor: null });
    const pct = await api(baimo, 'GET', `/api/moderation/libraries/${ids.lib}/terms?q=%25`);
    expect(pct.body.data).toEqual([]);

    const check = await api(
      baimo,
      'POST',
      '/api/security/moderation/check',
      { text: '这里有違禁品甲和BAD WORD', workspace_id: ids.wsA },
      viewer,
    );
    expect(check.status).toBe(200);
    expect(check.body.hits.map((h: { term: string; risk: string; library: string }) => [h.term, h.risk, h.library])).toEqual([
      ['违禁品甲', 'A.1.6', ids.lib],
      ['Bad Word', 'A.1.8', ids.lib],
    ]);
    const eff = policies().effective({ workspaceId: ids.wsA, appId: null, keyId: null });
    expect(eff.moderation).toMatchObject({ input: 'block', output: 'cut', windowChars: 64 });
    expect(eff.moderation.moderator?.check('一个词条00042')).toMatchObject({ risk: 'A.2.1' });
    // Other workspaces do not get workspace A's library.
    expect(policies().effective({ workspaceId: ids.wsB, appId: null, keyId: null }).moderation.moderator).toBeNull();

    const added = await api(
      baimo,
      'POST',
      `/api/moderation/libraries/${ids.lib}/terms`,
      {
        terms: [
          { term: '新词', risk: 'A.4.1' },
          { term: '违禁品甲', risk: 'A.1.1' },
        ],
        text: '另一个词',
      },
      owner,
    );
    expect(added.body).toEqual({ added: 2, skipped: 1, errors: [] });
    const del = await api(baimo, 'DELETE', `/api/moderation/libraries/${ids.lib}/terms`, { terms: ['违禁品甲', 'not there'] }, owner);
    expect(del.body).toEqual({ deleted: 1 });
    const after = await api(baimo, 'POST', '/api/security/moderation/check', { text: '违禁品甲 新词', workspace_id: ids.wsA });
    expect(after.body.hits.map((h: { term: string }) => h.term)).toEqual(['新词']);

    const off = await api(baimo, 'PATCH', `/api/moderation/libraries/${ids.lib}`, { enabled: false }, owner);
    expect(off.body).toMatchObject({ enabled: false, term_count: 10_004 });
    expect(policies().effective({ workspaceId: ids.wsA, appId: null, keyId: null }).moderation.moderator).toBeNull();
  });

  it('stores 10,000 terms in one transaction well under a second', async () => {
    const repo = policies().libraries;
    const terms = Array.from({ length: 10_000 }, (_, i) => ({ term: `批量${i}`, risk: 'A.1.8' }));
    const started = performance.now();
    expect(await repo.addTerms(ids.lib, terms)).toEqual({ added: 10_000, skipped: 0 });
    expect(performance.now() - started).toBeLessThan(500);
    expect(
      await repo.deleteTerms(
        ids.lib,
        terms.map((t) => t.term),
      ),
    ).toBe(10_000);
  });
});

describe('audit log of admin actions', () => {
  it('records writes with their actor, without secrets; verify passes; export is JSON lines', async () => {
    const put = await api(baimo, 'PUT', '/api/providers/leaky', { type: 'deepseek', api_key: PROVIDER_SECRET });
    expect(put.status).toBe(200);
    const k = await createKey(baimo, { name: 'audited' }, ids.wsA);

    const provider = await api(baimo, 'GET', '/api/audit?action=provider.*');
    expect(provider.status).toBe(200);
    expect(provider.body.data).toHaveLength(1);
    expect(provider.body.data[0]).toMatchObject({
      actor_type: 'admin_token',
      action: 'provider.create',
      target_type: 'provider',
      target_id: 'leaky',
      detail: { body: { type: 'deepseek', api_key: '[redacted]' } },
    });
    const keyEntry = (await api(baimo, 'GET', '/api/audit?action=key.create')).body.data.find(
      (e: { target_id: string }) => e.target_id === k.id,
    );
    expect(keyEntry).toMatchObject({ workspace_id: ids.wsA, target_type: 'key' });
    const policy = (await api(baimo, 'GET', `/api/audit?action=policy.update&workspace_id=${ids.wsA}`)).body.data;
    expect(policy.some((e: { actor_type: string; actor_id: string }) => e.actor_type === 'user' && e.actor_id.startsWith('usr_'))).toBe(
      true,
    );
    expect(policy.find((e: { target_id: string }) => e.target_id === ids.keyA)).toMatchObject({
      workspace_id: ids.wsA,
      target_type: 'policy',
    });

    // Read-only POSTs, reads and failed writes leave nothing.
    const all = (await api(baimo, 'GET', '/api/audit?limit=1000')).body.data as Array<{ action: string }>;
    const actions = all.map((e) => e.action);
    expect(actions).not.toContain('POST /api/security/pii/scan');
    expect(actions.filter((a) => !/^[a-z_]+\.[a-z_]+$/.test(a))).toEqual([]);
    expect(actions).toContain('library.terms_delete');

    // Secrets appear nowhere: not in the API, not in the table, not in the export.
    const dump = JSON.stringify(await baimo.runtime.database.db.selectFrom('audit_log').selectAll().execute());
    expect(dump).not.toContain(PROVIDER_SECRET);
    expect(dump).not.toContain(k.key);
    expect(JSON.stringify(all)).not.toContain(PROVIDER_SECRET);

    const verify = await api(baimo, 'POST', '/api/audit/verify', {});
    expect(verify.body).toMatchObject({ ok: true, first_bad: null });
    expect(verify.body.checked).toBeGreaterThan(5);

    const res = await fetch(`${baimo.url}/api/audit/export`, { headers: { authorization: 'Bearer sk-baimo-test-admin' } });
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const text = await res.text();
    expect(text).not.toContain(PROVIDER_SECRET);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; hash: string });
    expect(lines.length).toBe(verify.body.checked);
    expect(lines.map((l) => l.seq)).toEqual([...lines.map((l) => l.seq)].sort((a, b) => a - b));
  });

  it("workspace admins read their workspace's entries only; others may not read, verify or export", async () => {
    const mine = await api(baimo, 'GET', '/api/audit', undefined, owner);
    expect(mine.status).toBe(200);
    expect(mine.body.data.length).toBeGreaterThan(0);
    expect(mine.body.data.every((e: { workspace_id: string }) => e.workspace_id === ids.wsA)).toBe(true);
    expect((await api(baimo, 'GET', `/api/audit?workspace_id=${ids.wsB}`, undefined, owner)).status).toBe(404);
    expect((await api(baimo, 'GET', '/api/audit', undefined, viewer)).status).toBe(403);
    expect((await api(baimo, 'GET', '/api/audit', undefined, { token: ids.secretA })).status).toBe(403);
    expect((await api(baimo, 'POST', '/api/audit/verify', {}, owner)).status).toBe(403);
    expect((await api(baimo, 'GET', '/api/audit/export', undefined, owner)).status).toBe(403);
  });

  it('CLI admin commands are recorded as actor cli, in the same chain', async () => {
    // The server's master key (on PostgreSQL it comes from the environment), so the CLI's entry joins the same chain.
    const r = await runCli(['workspaces', 'create', 'CLI 审计', '--config', baimo.configPath], { env: POSTGRES_ENV });
    expect(r.stderr).toBe('');
    const wsId = r.stdout.trim();
    const entries = (await api(baimo, 'GET', '/api/audit?action=workspace.create')).body.data;
    const entry = entries.find((e: { target_id: string }) => e.target_id === wsId);
    expect(entry).toMatchObject({ actor_type: 'cli', workspace_id: wsId, detail: { body: { name: 'CLI 审计' } } });
    expect(entry.actor_id).toBeTruthy();
    await api(baimo, 'PATCH', `/api/workspaces/${wsId}`, { name: 'after cli' });
    expect((await api(baimo, 'POST', '/api/audit/verify', {})).body).toMatchObject({ ok: true, first_bad: null });
  });

  it('pages with next_cursor, newest first', async () => {
    const p1 = await api(baimo, 'GET', '/api/audit?limit=2');
    const p2 = await api(baimo, 'GET', `/api/audit?limit=2&cursor=${p1.body.next_cursor}`);
    const seqs = [...p1.body.data, ...p2.body.data].map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(4);
  });
});

describe('keyword library files from baimo.yaml', () => {
  it('load as instance-wide libraries; a bad line stops the start naming the file and line', async () => {
    const good = join(baimo.dir, 'lib.txt');
    writeFileSync(good, '# file library\n文件词\tA.1.2\n');
    const other = await startBaimo({ security: { moderation: { library_files: [good] } } });
    try {
      const libs = await api(other, 'GET', '/api/moderation/libraries');
      expect(libs.body.data[0]).toMatchObject({ id: 'file:lib', workspace_id: null, source: 'file', term_count: 1 });
      const hits = await api(other, 'POST', '/api/security/moderation/check', { text: '含有文件词' });
      expect(hits.body.hits).toMatchObject([{ term: '文件词', risk: 'A.1.2', library: 'file:lib' }]);
      expect((await api(other, 'DELETE', '/api/moderation/libraries/file:lib')).status).toBe(409);
      expect(other.runtime.compliance.policies.effective({ workspaceId: null, appId: null, keyId: null }).moderation.input).toBe('block');
    } finally {
      await other.close();
    }
    const bad = join(baimo.dir, 'bad.txt');
    writeFileSync(bad, 'ok\tA.1.1\n,A.1.1\n');
    await expect(startBaimo({ security: { moderation: { library_files: [bad] } } })).rejects.toThrow(/bad\.txt line 2: empty term/);
  });
});
