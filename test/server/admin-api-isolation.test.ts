import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, api, chat, createKey, login, type Caller } from '../helpers/admin-api.js';
import { fightBattle } from '../helpers/arena-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { CASES, ids } from './admin-api-isolation-cases.js';

let fake: FakeUpstream;
let baimo: TestBaimo;
const callers: Record<string, Caller> = {};

async function makeUser(email: string, workspaces: Array<{ id: string; role: string }>): Promise<string> {
  const r = await api(baimo, 'POST', '/api/users', { email, name: email.split('@')[0], password: 'correct horse battery', workspaces });
  expect(r.status).toBe(201);
  return r.body.id;
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] }],
  });
  for (const t of ['A', 'B']) {
    ids[`ws${t}`] = (await api(baimo, 'POST', '/api/workspaces', { name: `tenant ${t}` })).body.id;
    ids[`app${t}`] = (await api(baimo, 'POST', `/api/workspaces/${ids[`ws${t}`]}/apps`, { name: `app ${t}` })).body.id;
    const k = await createKey(baimo, { name: `key ${t}`, app_id: ids[`app${t}`] }, ids[`ws${t}`]);
    ids[`key${t}`] = k.id;
    ids[`secret${t}`] = k.key;
    expect((await chat(baimo, k.key, { model: 'chat' })).status).toBe(200);
  }
  ids.ownerA = await makeUser('owner-a@example.cn', [{ id: ids.wsA, role: 'owner' }]);
  ids.viewerA = await makeUser('viewer-a@example.cn', [{ id: ids.wsA, role: 'viewer' }]);
  ids.ownerB = await makeUser('owner-b@example.cn', [{ id: ids.wsB, role: 'owner' }]);
  callers.ownerA = await login(baimo, 'owner-a@example.cn', 'correct horse battery');
  callers.viewerA = await login(baimo, 'viewer-a@example.cn', 'correct horse battery');
  callers.keyA = { token: ids.secretA };
  await baimo.runtime.logWriter.flush();
  ids.logB = (await api(baimo, 'GET', `/api/logs?key_id=${ids.keyB}`)).body.data[0].id;
  for (const t of ['A', 'B']) {
    const lib = await api(baimo, 'POST', '/api/moderation/libraries', {
      workspace_id: ids[`ws${t}`],
      name: `lib ${t}`,
      text: `词${t}\tA.1.1`,
    });
    expect(lib.status).toBe(201);
    ids[`lib${t}`] = lib.body.id;
  }
  expect((await api(baimo, 'PUT', `/api/security/policies/workspace/${ids.wsB}`, { policy: { pii: { action: 'redact' } } })).status).toBe(
    200,
  );
  // A pull job to poll (nothing listens on port 9: it fails at once, which is fine for reading it).
  ids.pullJob = (await api(baimo, 'POST', '/api/local-models/pull', { source: 'http://127.0.0.1:9/x.gguf' })).body.job_id;
  // A background job in each workspace (a type registered the way a feature registers its own), due
  // in an hour: it stays queued, so a cancel that got through would show.
  baimo.runtime.jobs.register({ queue: 'isolation', name: 'isolation.noop', handler: async () => ({}) });
  for (const t of ['A', 'B'])
    ids[`job${t}`] = (await baimo.runtime.jobs.enqueue('isolation.noop', {}, { workspaceId: ids[`ws${t}`], delayMs: 3_600_000 })).id;
  // A scenario app in each workspace (issue 18), published.
  for (const t of ['A', 'B']) {
    const app = await api(baimo, 'POST', `/api/workspaces/${ids[`ws${t}`]}/apps`, {
      slug: `scenario-${t.toLowerCase()}`,
      from_builtin: 'summarize',
      publish: true,
    });
    expect(app.status, JSON.stringify(app.body)).toBe(201);
    ids[`sapp${t}`] = app.body.id;
  }
  ids.appYaml = (await api(baimo, 'GET', `/api/apps/${ids.sappA}/export`)).body;
  // A knowledge base in each workspace, with one document (embedded through `chat`).
  for (const t of ['A', 'B']) {
    const ws = ids[`ws${t}`];
    const kb = await api(baimo, 'POST', `/api/kb?workspace_id=${ws}`, { name: `kb-${t.toLowerCase()}`, embedding_model: 'chat' });
    expect(kb.status, JSON.stringify(kb.body)).toBe(201);
    ids[`kb${t}`] = kb.body.id;
    const doc = await api(baimo, 'POST', `/api/kb/${kb.body.id}/documents?workspace_id=${ws}`, {
      urls: ['https://example.com/handbook.html'],
    });
    expect(doc.status, JSON.stringify(doc.body)).toBe(202);
    ids[`doc${t}`] = doc.body.data[0].id;
  }
  // A pending blind arena battle in each workspace (issue 19): `chat` against the same model by its provider name.
  for (const t of ['A', 'B']) {
    const battle = await fightBattle(baimo, { prompt: 'hi', models: ['chat', 'fake/m1'] }, { workspace: ids[`ws${t}`] });
    expect(battle.events.at(-1)?.event, battle.raw).toBe('end');
    ids[`battle${t}`] = battle.id!;
  }
  // An evaluation dataset in each workspace (issue 19).
  for (const t of ['A', 'B']) {
    const file = { name: 'qa.jsonl', bytes: Buffer.from('{"input":"1+1=?","reference":"2"}\n') };
    const r = await baimo.runtime.evalDatasets.importUpload(ids[`ws${t}`], `ds-${t.toLowerCase()}`, [file], { createdBy: null });
    ids[`ds${t}`] = r.dataset.id;
  }
  // A finished evaluation run on that dataset in each workspace (issue 19).
  for (const t of ['A', 'B']) {
    const ws = ids[`ws${t}`];
    const run = await api(baimo, 'POST', `/api/eval/runs?workspace_id=${ws}`, {
      suite: { name: `run-${t.toLowerCase()}`, type: 'qa', dataset: `ds-${t.toLowerCase()}`, models: ['chat'] },
    });
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    ids[`run${t}`] = run.body.id;
    for (let i = 0; i < 200 && (await api(baimo, 'GET', `/api/eval/runs/${run.body.id}`)).body.run.status !== 'completed'; i++)
      await new Promise((r) => setTimeout(r, 50));
  }
  // A usage report file of workspace B (issue 20), made by its job.
  const report = await api(baimo, 'POST', '/api/analytics/reports', { workspace_id: ids.wsB, format: 'json' });
  expect(report.status, JSON.stringify(report.body)).toBe(202);
  ids.reportB = report.body.id;
  let reportStatus = '';
  for (let i = 0; i < 600 && !['succeeded', 'failed'].includes(reportStatus); i++) {
    reportStatus = (await api(baimo, 'GET', `/api/analytics/reports/${ids.reportB}`)).body.status;
    if (reportStatus !== 'succeeded') await new Promise((r) => setTimeout(r, 50));
  }
  expect(reportStatus).toBe('succeeded');
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const OUTSIDERS = ['ownerA', 'viewerA', 'keyA'] as const;

describe('tenant isolation over every /api route', () => {
  it('the table covers every route of /openapi.json', async () => {
    const doc = (await api(baimo, 'GET', '/openapi.json', undefined, null)).body;
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(listed.sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [route, c] of Object.entries(CASES)) {
    const [method] = route.split(' ');
    if (c.kind === 'tenant') {
      it(`${route}: principals of workspace A cannot reach workspace B`, async () => {
        for (const who of OUTSIDERS) {
          const r = await api(baimo, method, c.path(), c.body?.(), callers[who]);
          expect([403, 404], `${who} → ${r.status} ${JSON.stringify(r.body)}`).toContain(r.status);
          expect(JSON.stringify(r.body)).not.toContain(ids.secretB);
        }
      });
    }
    if (c.kind === 'instance-write') {
      it(`${route}: only instance administrators may change instance settings`, async () => {
        for (const who of OUTSIDERS) {
          const r = await api(baimo, method, c.path(), c.body?.(), callers[who]);
          expect(r.status, `${who}: ${JSON.stringify(r.body)}`).toBe(403);
        }
      });
    }
    if (c.kind === 'instance-read') {
      it(`${route}: users may read instance settings (never secrets), keys may not`, async () => {
        const r = await api(baimo, method, c.path(), undefined, callers.viewerA);
        expect(r.status).toBe(200);
        // No secret fields (the catalog lists credential field *names* as values, which is fine).
        expect(JSON.stringify(r.body)).not.toMatch(/"(api_key|secret)":/);
        expect((await api(baimo, method, c.path(), undefined, callers.keyA)).status).toBe(403);
      });
    }
    if (c.pathA) {
      it(`${route}: viewers cannot write`, async () => {
        const r = await api(baimo, method, c.pathA!(), c.body?.(), callers.viewerA);
        expect(r.status, JSON.stringify(r.body)).toBe(403);
      });
    }
  }

  it('lists show only the caller’s tenants', async () => {
    const ws = await api(baimo, 'GET', '/api/workspaces', undefined, callers.ownerA);
    expect(ws.body.data.map((w: { id: string }) => w.id)).toEqual([ids.wsA]);
    const users = await api(baimo, 'GET', '/api/users', undefined, callers.ownerA);
    const emails = users.body.data.map((u: { email: string }) => u.email).sort();
    expect(emails).toEqual(['owner-a@example.cn', 'viewer-a@example.cn']);
    const logs = await api(baimo, 'GET', `/api/logs?workspace_id=${ids.wsA}`, undefined, callers.viewerA);
    expect(logs.status).toBe(200);
    expect(logs.body.data.every((l: { workspace_id: string }) => l.workspace_id === ids.wsA)).toBe(true);
    const own = await api(baimo, 'GET', '/api/logs', undefined, callers.keyA);
    expect(own.body.data.length).toBeGreaterThan(0);
    expect(own.body.data.every((l: { key_id: string }) => l.key_id === ids.keyA)).toBe(true);
    expect((await api(baimo, 'GET', `/api/keys/${ids.keyA}`, undefined, callers.keyA)).status).toBe(200);
    const libs = await api(baimo, 'GET', '/api/moderation/libraries', undefined, callers.viewerA);
    expect(libs.body.data.map((l: { id: string }) => l.id)).toEqual([ids.libA]);
    const pols = await api(baimo, 'GET', '/api/security/policies', undefined, callers.ownerA);
    expect(pols.body.data.every((p: { workspace_id: string }) => p.workspace_id === ids.wsA)).toBe(true);
    const jobs = await api(baimo, 'GET', '/api/jobs', undefined, callers.viewerA);
    expect(jobs.body.data.every((j: { workspace_id: string }) => j.workspace_id === ids.wsA)).toBe(true);
    const noop = await api(baimo, 'GET', '/api/jobs?queue=isolation', undefined, callers.viewerA);
    expect(noop.body.data.map((j: { id: string }) => j.id)).toEqual([ids.jobA]);
    const audit = await api(baimo, 'GET', '/api/audit', undefined, callers.ownerA);
    expect(audit.status).toBe(200);
    expect(audit.body.data.every((e: { workspace_id: string }) => e.workspace_id === ids.wsA)).toBe(true);
  });

  it('workspace B is untouched after all those attempts', async () => {
    expect((await api(baimo, 'GET', `/api/workspaces/${ids.wsB}`)).body.name).toBe('tenant B');
    expect((await api(baimo, 'GET', `/api/apps/${ids.appB}`)).body.name).toBe('app B');
    const key = (await api(baimo, 'GET', `/api/keys/${ids.keyB}`)).body;
    expect(key).toMatchObject({ status: 'active', name: 'key B', rpm: null });
    const members = (await api(baimo, 'GET', `/api/workspaces/${ids.wsB}/members`)).body.data;
    expect(members.map((m: { user_id: string; role: string }) => [m.user_id, m.role])).toEqual([[ids.ownerB, 'owner']]);
    expect((await api(baimo, 'GET', `/api/users/${ids.ownerB}`)).body.name).toBe('owner-b');
    expect((await api(baimo, 'GET', `/api/security/policies/workspace/${ids.wsB}`)).body.policy).toEqual({ pii: { action: 'redact' } });
    expect((await api(baimo, 'GET', `/api/security/policies/app/${ids.appB}`)).body.policy).toEqual({});
    const libB = (await api(baimo, 'GET', `/api/moderation/libraries?workspace_id=${ids.wsB}`)).body.data.find(
      (l: { id: string }) => l.id === ids.libB,
    );
    expect(libB).toMatchObject({ name: 'lib B', enabled: true, term_count: 1 });
    expect((await api(baimo, 'GET', `/api/jobs/${ids.jobB}`)).body.status).toBe('queued');
    expect((await api(baimo, 'GET', `/api/kb/${ids.kbB}?workspace_id=${ids.wsB}`)).body).toMatchObject({ name: 'kb-b', description: '' });
    const docsB = (await api(baimo, 'GET', `/api/kb/${ids.kbB}/documents?workspace_id=${ids.wsB}`)).body.data;
    expect(docsB.map((d: { id: string }) => d.id)).toEqual([ids.docB]);
    const battlesB = (await api(baimo, 'GET', `/api/arena/battles?workspace_id=${ids.wsB}`)).body.data;
    expect(battlesB.map((b: { id: string; status: string }) => [b.id, b.status])).toEqual([[ids.battleB, 'pending']]);
    expect((await api(baimo, 'GET', `/api/eval/datasets/${ids.dsB}`)).body).toMatchObject({
      name: 'ds-b',
      description: '',
      latest_version: 1,
    });
    const reportB = await api(baimo, 'GET', `/api/analytics/reports/${ids.reportB}/file`);
    expect(reportB.status).toBe(200);
    expect(reportB.body.workspace).toBe(ids.wsB);
    const runB = (await api(baimo, 'GET', `/api/eval/runs/${ids.runB}`)).body;
    expect(runB.run).toMatchObject({ name: 'run-b', status: 'completed', done_items: 1 });
    expect((await api(baimo, 'GET', `/api/eval/runs?workspace_id=${ids.wsB}`)).body.data.map((r: { id: string }) => r.id)).toEqual([
      ids.runB,
    ]);
    const sappB = (await api(baimo, 'GET', `/api/apps/${ids.sappB}`)).body;
    expect(sappB).toMatchObject({ slug: 'scenario-b', latest_version: 1, traffic: [{ version: 1, weight: 100 }] });
    expect((await api(baimo, 'GET', `/api/apps/${ids.sappB}/versions/1`)).body.note).toBe('');
    const statsB = (await api(baimo, 'GET', `/api/apps/${ids.sappB}/stats`)).body;
    expect(statsB.days).toEqual([]);
    expect(statsB.runs).toEqual([]);
    const appsB = (await api(baimo, 'GET', `/api/workspaces/${ids.wsB}/apps?kind=scenario`)).body.data;
    expect(appsB.map((a: { slug: string }) => a.slug)).toEqual(['scenario-b']);
    // No page view, rating or end-user attribute of the intruders reached B's usage analytics.
    const usageB = (
      await api(baimo, 'GET', `/api/analytics/report?workspace=${ids.wsB}&from=${Date.now() - 86_400_000}&to=${Date.now() + 60_000}`)
    ).body;
    expect(usageB.totals).toMatchObject({ likes: 0, dislikes: 0 });
    expect(usageB.by_segment.industry).toEqual([]);
    expect(usageB.by_scenario.map((g: { key: string }) => g.key)).not.toContain('scenario-b');
    expect((await chat(baimo, ids.secretB, { model: 'chat' })).status).toBe(200);
  });

  it('members of a workspace can work in it', async () => {
    const r = await api(baimo, 'POST', `/api/workspaces/${ids.wsA}/keys`, { name: 'by owner' }, callers.ownerA);
    expect(r.status).toBe(201);
    expect(r.body.key).toMatch(/^sk-bm-[A-Za-z0-9]{40}$/);
    // The workspace's key and this one (the evaluation key the arena made, baimo-eval, is listed too).
    const keysA = (await api(baimo, 'GET', `/api/workspaces/${ids.wsA}/keys`, undefined, callers.viewerA)).body.data;
    expect(keysA.filter((k: { name: string }) => k.name !== 'baimo-eval')).toHaveLength(2);
  });
});

describe('console sessions', () => {
  it('cookie-authenticated writes need the CSRF token; cross-site origins are refused', async () => {
    const s = callers.ownerA as { cookie: string; csrf: string };
    const noToken = await api(baimo, 'POST', `/api/workspaces/${ids.wsA}/apps`, { name: 'csrf' }, { cookie: s.cookie });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('csrf_failed');
    const res = await fetch(`${baimo.url}/api/workspaces/${ids.wsA}/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'csrf' }),
    });
    expect(res.status).toBe(403);
    expect((await api(baimo, 'POST', `/api/workspaces/${ids.wsA}/apps`, { name: 'ok' }, s)).status).toBe(201);
  });

  it('the session cookie is httpOnly and SameSite; logout ends it', async () => {
    const r = await api(baimo, 'POST', '/api/auth/login', { email: 'viewer-a@example.cn', password: 'correct horse battery' }, null);
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const s = { cookie: cookie.split(';')[0], csrf: r.body.csrf_token };
    expect((await api(baimo, 'GET', '/api/auth/me', undefined, s)).body.user.email).toBe('viewer-a@example.cn');
    expect((await api(baimo, 'POST', '/api/auth/logout', {}, s)).status).toBe(200);
    expect((await api(baimo, 'GET', '/api/auth/me', undefined, s)).status).toBe(401);
  });

  it('wrong passwords get 401, and repeated failures are throttled', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await api(baimo, 'POST', '/api/auth/login', { email: 'owner-b@example.cn', password: 'wrong' }, null)).status);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const none = await api(baimo, 'POST', '/api/auth/login', { email: 'nobody@example.cn', password: 'x' }, null);
    expect(none.status).toBe(401);
    expect(none.body.error.message).toBe('Wrong e-mail or password.');
  });

  it('unauthenticated calls get 401; the admin token sees everything', async () => {
    expect((await api(baimo, 'GET', '/api/workspaces', undefined, null)).status).toBe(401);
    expect((await api(baimo, 'GET', '/api/workspaces', undefined, { token: 'wrong' })).status).toBe(401);
    const all = await api(baimo, 'GET', '/api/workspaces', undefined, admin);
    expect(all.body.data.length).toBeGreaterThanOrEqual(3);
  });

  it('many failures from one address are throttled across accounts (runs last: it blocks this address)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 30; i++)
      codes.push((await api(baimo, 'POST', '/api/auth/login', { email: `guess${i}@example.cn`, password: 'x' }, null)).status);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
    const r = await api(baimo, 'POST', '/api/auth/login', { email: 'owner-a@example.cn', password: 'correct horse battery' }, null);
    expect(r.status).toBe(429);
    expect(r.body.error.message).toMatch(/from this address/);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
