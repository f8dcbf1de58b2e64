import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_SLUGS } from '../../src/apps/app-types.js';
import { api, chat, createKey, login, type Caller } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { logRow } from '../helpers/log-row.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// The scenario apps' admin API (issue 18) against the real server: the library, creating apps from a
// built-in and from a spec, slug rules, drafts, publishing, the traffic split and roll back, YAML export
// and import, page events and statistics, who may do what, and plain tenancy apps unchanged.

let fake: FakeUpstream;
let baimo: TestBaimo;
let wsA: string;
let wsB: string;
let owner: Caller;
let viewer: Caller;
let outsider: Caller;

const customSpec = (user = '请用{{tone}}的语气回答：{{text}}') => ({
  name: '客服回复',
  description: 'Answers customers',
  variables: [
    { name: 'text', type: 'long_text', required: true },
    { name: 'tone', type: 'enum', options: ['正式', '亲切'], default: '亲切' },
  ],
  prompts: { zh: { system: '你是客服。', user } },
});

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] }],
  });
  wsA = (await api(baimo, 'POST', '/api/workspaces', { name: 'apps A' })).body.id;
  wsB = (await api(baimo, 'POST', '/api/workspaces', { name: 'apps B' })).body.id;
  const user = async (email: string, workspaces: Array<{ id: string; role: string }>) => {
    const r = await api(baimo, 'POST', '/api/users', { email, name: email.split('@')[0], password: 'correct horse battery', workspaces });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return login(baimo, email, 'correct horse battery');
  };
  owner = await user('apps-owner@example.cn', [{ id: wsA, role: 'owner' }]);
  viewer = await user('apps-viewer@example.cn', [{ id: wsA, role: 'viewer' }]);
  outsider = await user('apps-outsider@example.cn', [{ id: wsB, role: 'owner' }]);
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const create = (body: Record<string, unknown>, ws = wsA, caller: Caller = owner) =>
  api(baimo, 'POST', `/api/workspaces/${ws}/apps`, body, caller);

describe('scenario apps: the admin API', () => {
  it('lists the built-in library with specs and samples, to users and keys alike', async () => {
    const r = await api(baimo, 'GET', '/api/app-library', undefined, viewer);
    expect(r.status).toBe(200);
    expect(r.body.data.map((a: { slug: string }) => a.slug)).toEqual([...BUILTIN_SLUGS]);
    const translate = r.body.data.find((a: { slug: string }) => a.slug === 'translate');
    expect(translate.spec.variables.map((v: { name: string }) => v.name)).toEqual(expect.arrayContaining(['text', 'target_language']));
    expect(Object.keys(translate.samples).sort()).toEqual(['en', 'zh']);
    const key = await createKey(baimo, { name: 'lib reader' }, wsA);
    expect((await api(baimo, 'GET', '/api/app-library', undefined, { token: key.key })).status).toBe(200);
  });

  it('creates an app from a built-in: a draft copy of its spec, with the slug and source', async () => {
    const r = await create({ slug: 'my-summary', from_builtin: 'summarize', name: '我的总结' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      object: 'app',
      workspace_id: wsA,
      slug: 'my-summary',
      source: 'summarize',
      name: '我的总结',
      traffic: null,
      latest_version: 1,
    });
    const versions = await api(baimo, 'GET', `/api/apps/${r.body.id}/versions`, undefined, viewer);
    expect(versions.body.data).toHaveLength(1);
    expect(versions.body.data[0]).toMatchObject({ version: 1, status: 'draft', published_at: null });
    const library = (await api(baimo, 'GET', '/api/app-library')).body.data.find((a: { slug: string }) => a.slug === 'summarize');
    expect(versions.body.data[0].spec.prompts).toEqual(library.spec.prompts);
    expect(versions.body.data[0].spec.name).toBe('我的总结');
    const scenario = await api(baimo, 'GET', `/api/workspaces/${wsA}/apps?kind=scenario`, undefined, viewer);
    expect(scenario.body.data.map((a: { slug: string }) => a.slug)).toContain('my-summary');
  });

  it('refuses a taken slug, a built-in slug, a malformed slug, and a spec whose template names an unknown variable', async () => {
    expect((await create({ slug: 'dupe', spec: customSpec() })).status).toBe(201);
    const taken = await create({ slug: 'dupe', spec: customSpec() });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'app_slug_taken', param: 'slug' });
    // Another workspace may use the same slug.
    expect((await create({ slug: 'dupe', spec: customSpec() }, wsB, outsider)).status).toBe(201);
    const builtin = await create({ slug: 'translate', spec: customSpec() });
    expect(builtin.status).toBe(409);
    expect(builtin.body.error.code).toBe('app_slug_taken');
    const malformed = await create({ slug: 'Bad_Slug', spec: customSpec() });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.param).toBe('slug');
    const unknown = await create({ slug: 'broken', spec: customSpec('{{text}} {{missing}}') });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('missing');
    const neither = await create({ slug: 'empty' });
    expect(neither.status).toBe(400);
    expect(neither.body.error.code).toBe('missing_required_parameter');
  });

  it('edits drafts, publishes, splits traffic between two published versions and rolls back', async () => {
    const app = (await create({ slug: 'support', spec: customSpec() })).body;
    const base = `/api/apps/${app.id}`;
    const edited = await api(baimo, 'PUT', `${base}/versions/1`, { spec: customSpec('v1: {{text}}'), note: 'first' }, owner);
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ version: 1, status: 'draft', note: 'first' });
    expect(edited.body.spec.prompts.zh.user).toBe('v1: {{text}}');

    const published = await api(baimo, 'POST', `${base}/versions/1/publish`, {}, owner);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 1, status: 'published' });
    expect((await api(baimo, 'GET', base, undefined, viewer)).body.traffic).toEqual([{ version: 1, weight: 100 }]);
    const late = await api(baimo, 'PUT', `${base}/versions/1`, { note: 'too late' }, owner);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('version_not_draft');
    expect((await api(baimo, 'POST', `${base}/versions/1/publish`, {}, owner)).body.error.code).toBe('version_not_draft');

    // A new draft copies the newest version.
    const v2 = await api(baimo, 'POST', `${base}/versions`, { note: 'second' }, owner);
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, status: 'draft', note: 'second' });
    expect(v2.body.spec.prompts.zh.user).toBe('v1: {{text}}');
    await api(baimo, 'PUT', `${base}/versions/2`, { spec: customSpec('v2: {{text}}') }, owner);
    // Only published versions take traffic.
    const draftTraffic = await api(baimo, 'PUT', `${base}/traffic`, { traffic: [{ version: 2, weight: 100 }] }, owner);
    expect(draftTraffic.status).toBe(400);
    expect(draftTraffic.body.error.message).toContain('not published');
    const split = await api(
      baimo,
      'POST',
      `${base}/versions/2/publish`,
      {
        split: [
          { version: 1, weight: 70 },
          { version: 2, weight: 30 },
        ],
      },
      owner,
    );
    expect(split.status, JSON.stringify(split.body)).toBe(200);
    const view = (await api(baimo, 'GET', base, undefined, viewer)).body;
    expect(view).toMatchObject({
      latest_version: 2,
      traffic: [
        { version: 1, weight: 70 },
        { version: 2, weight: 30 },
      ],
    });
    // The run path resolves both versions.
    const seen = new Set<number>();
    for (let i = 0; i < 200 && seen.size < 2; i++) seen.add((await baimo.runtime.apps.resolve(wsA, 'support')).version);
    expect([...seen].sort()).toEqual([1, 2]);

    const v3 = (await api(baimo, 'POST', `${base}/versions`, {}, owner)).body;
    const bad = async (traffic: unknown) => {
      const r = await api(baimo, 'PUT', `${base}/traffic`, { traffic }, owner);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      return r.body.error;
    };
    expect(
      (
        await bad([
          { version: 1, weight: 60 },
          { version: 2, weight: 30 },
        ])
      ).message,
    ).toContain('sum to 90');
    expect(
      (
        await bad([
          { version: 1, weight: 50 },
          { version: 2, weight: 25 },
          { version: 3, weight: 25 },
        ])
      ).param,
    ).toContain('traffic');
    expect(
      (
        await bad([
          { version: 1, weight: 50 },
          { version: 1, weight: 50 },
        ])
      ).message,
    ).toContain('twice');
    expect((await bad([{ version: v3.version, weight: 100 }])).message).toContain('not published');

    const traffic = await api(
      baimo,
      'PUT',
      `${base}/traffic`,
      {
        traffic: [
          { version: 1, weight: 50 },
          { version: 2, weight: 50 },
        ],
      },
      owner,
    );
    expect(traffic.status).toBe(200);
    expect(traffic.body.traffic).toEqual([
      { version: 1, weight: 50 },
      { version: 2, weight: 50 },
    ]);
    const rollback = await api(baimo, 'POST', `${base}/rollback`, { version: 1 }, owner);
    expect(rollback.status).toBe(200);
    expect(rollback.body.traffic).toEqual([{ version: 1, weight: 100 }]);
    expect((await baimo.runtime.apps.resolve(wsA, 'support')).spec.prompts.zh?.user).toBe('v1: {{text}}');
    expect((await api(baimo, 'POST', `${base}/rollback`, { version: 3 }, owner)).status).toBe(400);
    const list = (await api(baimo, 'GET', `${base}/versions`, undefined, viewer)).body.data;
    expect(list.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [3, 'draft'],
      [2, 'published'],
      [1, 'published'],
    ]);
    expect((await api(baimo, 'GET', `${base}/versions/9`, undefined, viewer)).status).toBe(404);
  });

  it('exports YAML and imports it back: a new app elsewhere, a new version where the slug exists', async () => {
    const app = (await create({ slug: 'round-trip', spec: customSpec('导出：{{text}}\n第二行'), publish: true })).body;
    const exported = await api(baimo, 'GET', `/api/apps/${app.id}/export`, undefined, viewer);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('application/yaml');
    const doc = parse(exported.body as string);
    expect(doc).toMatchObject({ slug: 'round-trip', name: '客服回复', description: 'Answers customers' });
    expect(doc.spec.prompts.zh.user).toBe('导出：{{text}}\n第二行');

    const imported = await api(baimo, 'POST', `/api/workspaces/${wsB}/apps/import`, { yaml: exported.body }, outsider);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({ slug: 'round-trip', workspace_id: wsB, created: true, imported_version: 1 });
    const copy = (await api(baimo, 'GET', `/api/apps/${imported.body.id}/versions/1`, undefined, outsider)).body;
    const original = (await api(baimo, 'GET', `/api/apps/${app.id}/versions/1`, undefined, viewer)).body;
    expect(copy.spec).toEqual(original.spec);
    expect(copy.status).toBe('draft');

    const again = await api(baimo, 'POST', `/api/workspaces/${wsA}/apps/import`, { yaml: exported.body, publish: true }, owner);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: app.id, created: false, imported_version: 2, traffic: [{ version: 2, weight: 100 }] });

    const broken = await api(baimo, 'POST', `/api/workspaces/${wsA}/apps/import`, { yaml: 'slug: [unclosed' }, owner);
    expect(broken.status).toBe(400);
    expect(broken.body.error.param).toBe('yaml');
    const badSpec = await api(baimo, 'POST', `/api/workspaces/${wsA}/apps/import`, { yaml: 'slug: x-y\nname: n\nspec: {}\n' }, owner);
    expect(badSpec.status).toBe(400);
    expect(badSpec.body.error.message).toContain('spec');
  });

  it('counts page views and sessions per day, and reads runs per version from the request log', async () => {
    const app = (await create({ slug: 'stats-page', spec: customSpec(), publish: true })).body;
    const event = (kind: string, session_id: string, caller: Caller = viewer) =>
      api(baimo, 'POST', `/api/apps/${app.id}/page-events`, { kind, session_id }, caller);
    expect((await event('view', 's1')).status).toBe(200);
    expect((await event('view', 's1')).status).toBe(200);
    expect((await event('session', 's1')).status).toBe(200);
    expect((await event('session', 's1')).status).toBe(200); // a session counts once
    expect((await event('session', 's2', owner)).status).toBe(200);
    expect((await event('click', 's1')).status).toBe(400);
    const now = Date.now();
    await baimo.runtime.database.db
      .insertInto('request_logs')
      .values([
        logRow({ id: 'req_app1', app_id: app.id, workspace_id: wsA, app_slug: 'stats-page', app_version: 1, created_at: now }),
        logRow({ id: 'req_app2', app_id: app.id, workspace_id: wsA, app_slug: 'stats-page', app_version: 1, created_at: now }),
      ])
      .execute();
    const stats = await api(baimo, 'GET', `/api/apps/${app.id}/stats`, undefined, viewer);
    expect(stats.status).toBe(200);
    expect(stats.body.days).toEqual([{ day: baimo.runtime.calendar.day(Date.now()), views: 2, sessions: 2 }]);
    expect(stats.body.runs).toEqual([{ version: 1, runs: 2 }]);
  });

  it('keeps workspaces apart, lets viewers read but not write, and keys neither', async () => {
    const app = (await create({ slug: 'guarded', spec: customSpec() })).body;
    const base = `/api/apps/${app.id}`;
    for (const [method, path, body] of [
      ['GET', base, undefined],
      ['GET', `${base}/versions`, undefined],
      ['GET', `${base}/versions/1`, undefined],
      ['GET', `${base}/export`, undefined],
      ['GET', `${base}/stats`, undefined],
      ['PUT', `${base}/versions/1`, { note: 'x' }],
      ['POST', `${base}/versions/1/publish`, {}],
      ['POST', `${base}/page-events`, { kind: 'view', session_id: 'x' }],
    ] as const) {
      const r = await api(baimo, method, path, body, outsider);
      expect(r.status, `${method} ${path}`).toBe(404);
    }
    const key = await createKey(baimo, { name: 'reader' }, wsA);
    expect((await api(baimo, 'GET', `${base}/versions`, undefined, { token: key.key })).status).toBe(403);
    for (const [method, path, body] of [
      ['PUT', `${base}/versions/1`, { note: 'x' }],
      ['POST', `${base}/versions`, {}],
      ['POST', `${base}/versions/1/publish`, {}],
      ['POST', `${base}/rollback`, { version: 1 }],
      ['PUT', `${base}/traffic`, { traffic: [{ version: 1, weight: 100 }] }],
      ['PATCH', base, { name: 'x' }],
      ['DELETE', base, undefined],
    ] as const) {
      const r = await api(baimo, method, path, body, viewer);
      expect(r.status, `${method} ${path}`).toBe(403);
    }
    expect((await create({ slug: 'viewer-made', spec: customSpec() }, wsA, viewer)).status).toBe(403);
    expect((await api(baimo, 'POST', `/api/workspaces/${wsA}/apps/import`, { yaml: 'x' }, viewer)).status).toBe(403);
    expect((await api(baimo, 'GET', `${base}/versions`, undefined, viewer)).status).toBe(200);
    const versions = (await api(baimo, 'GET', `${base}/versions`, undefined, owner)).body.data;
    expect(versions).toHaveLength(1);
    expect(versions[0].note).toBe('');
  });

  it('deleting a scenario app removes its versions and frees the slug; runs no longer find it', async () => {
    const app = (await create({ slug: 'short-lived', spec: customSpec(), publish: true })).body;
    expect((await baimo.runtime.apps.resolve(wsA, 'short-lived')).version).toBe(1);
    expect((await api(baimo, 'DELETE', `/api/apps/${app.id}`, undefined, owner)).status).toBe(200);
    expect((await api(baimo, 'GET', `/api/apps/${app.id}/versions`, undefined, owner)).status).toBe(404);
    await expect(baimo.runtime.apps.resolve(wsA, 'short-lived')).rejects.toMatchObject({ code: 'scenario_app_not_found' });
    expect((await create({ slug: 'short-lived', spec: customSpec() })).status).toBe(201);
  });

  it('leaves plain tenancy apps (no slug) as they were: keys, cache settings, no versions', async () => {
    const plain = await create({ name: 'backend team', cache: true, cache_ttl_s: 60 });
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({
      name: 'backend team',
      cache: true,
      cache_ttl_s: 60,
      slug: null,
      source: null,
      traffic: null,
      latest_version: null,
    });
    expect((await create({ description: 'no name' })).body.error).toMatchObject({ code: 'missing_required_parameter', param: 'name' });
    expect((await create({ name: 'x', spec: customSpec() })).body.error).toMatchObject({ param: 'slug' });
    const patched = await api(baimo, 'PATCH', `/api/apps/${plain.body.id}`, { cache: false, name: 'backend' }, owner);
    expect(patched.body).toMatchObject({ name: 'backend', cache: false, slug: null });
    const versions = await api(baimo, 'GET', `/api/apps/${plain.body.id}/versions`, undefined, owner);
    expect(versions.status).toBe(404);
    expect(versions.body.error.code).toBe('scenario_app_not_found');
    const key = await createKey(baimo, { name: 'plain app key', app_id: plain.body.id }, wsA);
    expect((await chat(baimo, key.key, { model: 'chat' })).status).toBe(200);
    const all = (await api(baimo, 'GET', `/api/workspaces/${wsA}/apps`, undefined, viewer)).body.data;
    expect(all.map((a: { id: string }) => a.id)).toContain(plain.body.id);
    const scenario = (await api(baimo, 'GET', `/api/workspaces/${wsA}/apps?kind=scenario`, undefined, viewer)).body.data;
    expect(scenario.map((a: { id: string }) => a.id)).not.toContain(plain.body.id);
    expect((await api(baimo, 'DELETE', `/api/apps/${plain.body.id}`, undefined, owner)).status).toBe(200);
  });

  it('records the studio writes in the audit log, and not the page events', async () => {
    await baimo.runtime.compliance.audit.flush();
    const entries = (await api(baimo, 'GET', `/api/audit?workspace_id=${wsA}&limit=500`)).body.data as Array<{ action: string }>;
    const actions = new Set(entries.map((e) => e.action));
    for (const a of [
      'app.create',
      'app_version.update',
      'app_version.publish',
      'app_version.create',
      'app.traffic',
      'app.rollback',
      'app.import',
    ])
      expect(actions, a).toContain(a);
    expect([...actions].some((a) => a.includes('page-events'))).toBe(false);
  });
});
