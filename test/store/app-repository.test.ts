import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppService } from '../../src/apps/app-service.js';
import type { AppSpecInput } from '../../src/apps/app-types.js';
import { Calendar } from '../../src/core/calendar.js';
import { AppRepository, type NewVersion } from '../../src/store/app-repository.js';
import type { OpenedDatabase } from '../../src/store/open-database.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { TenancyRepository } from '../../src/store/tenancy-repository.js';
import { logRow } from '../helpers/log-row.js';
import { openTestDatabaseWithWorkspaces, TEST_DIALECT } from '../helpers/test-database.js';

// Scenario apps' SQL and service on the dialect of this run (the postgres project runs it on
// PostgreSQL): slugs unique per workspace, versions numbered and pruned, drafts only edited, publish and
// traffic together, page statistics, runs per version from the request log, cascading deletes, and the
// service's version cache followed across processes.

let database: OpenedDatabase;
let repo: AppRepository;
let tenancy: TenancyRepository;
let seq = 0;

beforeAll(async () => {
  database = await openTestDatabaseWithWorkspaces('baimo-app-repo-', ['ws_a', 'ws_b']);
  repo = new AppRepository(database.db);
  tenancy = new TenancyRepository(database.db);
});
afterAll(async () => {
  await database?.close();
});

const spec = (user = '总结：{{text}}'): AppSpecInput => ({
  name: 'My app',
  variables: [{ name: 'text', type: 'long_text', required: true }],
  prompts: { zh: { user } },
});
const version = (over: Partial<NewVersion> = {}): NewVersion => ({
  status: 'draft',
  spec: JSON.stringify(spec()),
  note: '',
  created_by: 'usr_x',
  created_at: 1000,
  ...over,
});
const newApp = (slug: string, workspace = 'ws_a') => ({
  id: `app_t${++seq}`,
  workspace_id: workspace,
  slug,
  name: slug,
  description: null,
  source: null,
  created_at: 1000 + seq,
});

describe(`app repository on ${TEST_DIALECT}`, () => {
  it('keeps slugs unique per workspace and leaves plain apps (no slug) alone', async () => {
    const a = newApp('notes');
    expect((await repo.create(a, version()))?.version).toBe(1);
    expect(await repo.create(newApp('notes'), version())).toBeUndefined();
    expect(await repo.create(newApp('notes', 'ws_b'), version())).toBeDefined();
    // Plain tenancy apps have no slug: any number of them.
    await tenancy.createApp({ id: 'app_plain1', workspace_id: 'ws_a', name: 'p1', cache: 0, created_at: 5 });
    await tenancy.createApp({ id: 'app_plain2', workspace_id: 'ws_a', name: 'p2', cache: 0, created_at: 6 });
    expect((await repo.bySlug('ws_a', 'notes'))?.id).toBe(a.id);
    expect((await repo.get(a.id))?.latest_version).toBe(1);
    expect((await repo.get('app_plain1'))?.latest_version).toBeNull();
    const all = await repo.list('ws_a');
    expect(all.map((r) => r.id)).toEqual(expect.arrayContaining(['app_plain1', 'app_plain2', a.id]));
    const scenario = await repo.list('ws_a', true);
    expect(scenario.every((r) => r.slug !== null)).toBe(true);
    expect(scenario.map((r) => r.id)).toContain(a.id);
  });

  it('numbers versions, edits only drafts, and publishes with the traffic in one step', async () => {
    const a = newApp('versions');
    await repo.create(a, version());
    const v2 = await repo.addVersion(a.id, version({ created_at: 2000 }), 200, []);
    expect(v2.version).toBe(2);
    expect(await repo.editDraft(a.id, 2, { spec: JSON.stringify(spec('v2 {{text}}')), note: 'n' }, 2100)).toBe(true);
    expect(await repo.publish(a.id, 2, JSON.stringify([{ version: 2, weight: 100 }]), 2200)).toBe(true);
    expect(await repo.publish(a.id, 2, '[]', 2300)).toBe(false); // not a draft any more
    expect(await repo.editDraft(a.id, 2, { note: 'late' }, 2400)).toBe(false);
    expect(await repo.editDraft(a.id, 9, { note: 'none' }, 2400)).toBe(false);
    const row = (await repo.get(a.id))!;
    expect(JSON.parse(row.traffic!)).toEqual([{ version: 2, weight: 100 }]);
    expect(row.updated_at).toBe(2200);
    expect(row.latest_version).toBe(2);
    const v = (await repo.version(a.id, 2))!;
    expect(v).toMatchObject({ status: 'published', published_at: 2200, note: 'n' });
    expect(JSON.parse(v.spec).prompts.zh.user).toBe('v2 {{text}}');
    expect((await repo.versions(a.id)).map((x) => x.version)).toEqual([2, 1]);
  });

  it('numbers versions added at the same moment without gaps or duplicates', async () => {
    const a = newApp('concurrent');
    await repo.create(a, version());
    const added = await Promise.all(Array.from({ length: 6 }, () => repo.addVersion(a.id, version(), 200, [])));
    expect(added.map((v) => v.version).sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('keeps at most `keep` versions, never one that serves traffic', async () => {
    const a = newApp('pruned');
    await repo.create(a, version());
    for (let i = 0; i < 5; i++) await repo.addVersion(a.id, version(), 4, [1]);
    // 6 versions made, 4 kept: version 1 serves traffic, so 2 and 3 went.
    expect((await repo.versions(a.id)).map((v) => v.version)).toEqual([6, 5, 4, 1]);
  });

  it('counts page views and sessions per day, and reads runs per version from the request log', async () => {
    const a = newApp('stats');
    await repo.create(a, version());
    for (let i = 0; i < 3; i++) await repo.countPageEvent(a.id, '2026-03-01', 'view');
    await repo.countPageEvent(a.id, '2026-03-01', 'session');
    await repo.countPageEvent(a.id, '2026-03-02', 'view');
    await repo.countPageEvent(a.id, '2026-02-20', 'view');
    expect(await repo.pageStats(a.id, '2026-03-01')).toEqual([
      { app_id: a.id, day: '2026-03-01', views: 3, sessions: 1 },
      { app_id: a.id, day: '2026-03-02', views: 1, sessions: 0 },
    ]);
    const now = Date.now();
    const rows = [
      logRow({ id: 'req_s1', app_id: a.id, app_slug: 'stats', app_version: 1, created_at: now }),
      logRow({ id: 'req_s2', app_id: a.id, app_slug: 'stats', app_version: 1, created_at: now }),
      logRow({ id: 'req_s3', app_id: a.id, app_slug: 'stats', app_version: 2, created_at: now }),
      // The app's key calling a plain model: not a run of the app.
      logRow({ id: 'req_s4', app_id: a.id, created_at: now }),
      logRow({ id: 'req_s5', app_id: a.id, app_slug: 'stats', app_version: 2, created_at: now - 100 * 86_400_000 }),
    ];
    await database.db.insertInto('request_logs').values(rows).execute();
    expect(await repo.runsByVersion(a.id, now - 86_400_000)).toEqual([
      { version: 1, runs: 2 },
      { version: 2, runs: 1 },
    ]);
  });

  it('deleting the app deletes its versions and statistics', async () => {
    const a = newApp('doomed');
    await repo.create(a, version());
    await repo.countPageEvent(a.id, '2026-03-01', 'view');
    expect(await tenancy.deleteApp(a.id)).toBe(true);
    expect(await repo.versions(a.id)).toEqual([]);
    expect(await repo.pageStats(a.id, '2000-01-01')).toEqual([]);
    // The slug is free again.
    expect(await repo.create(newApp('doomed'), version())).toBeDefined();
  });
});

describe(`app service on ${TEST_DIALECT}`, () => {
  const service = (random?: () => number) =>
    AppService.create({
      repo,
      tenancy,
      settings: new SettingsRepository(database.db),
      calendar: new Calendar('Asia/Shanghai'),
      poll: false,
      random,
    });

  it('resolves built-ins by slug and a workspace app by its traffic split; a pinned draft needs `drafts`', async () => {
    let dice = 0;
    const s = await service(() => dice);
    const builtin = await s.resolve('ws_a', 'summarize');
    expect(builtin).toMatchObject({ builtin: true, slug: 'summarize', version: 1, app: null });
    const { app } = await s.create('ws_a', { slug: 'ab', spec: spec('A {{text}}'), publish: true }, 'usr_x');
    const v2 = await s.createDraft(app.id, { spec: spec('B {{text}}') }, 'usr_x');
    await expect(s.resolve('ws_a', 'ab', { version: 2 })).rejects.toMatchObject({ code: 'scenario_app_not_found' });
    expect((await s.resolve('ws_a', 'ab', { version: 2, drafts: true })).spec.prompts.zh?.user).toBe('B {{text}}');
    await s.publish(app.id, v2.version, [
      { version: 1, weight: 70 },
      { version: 2, weight: 30 },
    ]);
    dice = 0.69;
    expect((await s.resolve('ws_a', 'ab')).version).toBe(1);
    dice = 0.7;
    expect((await s.resolve('ws_a', 'ab')).version).toBe(2);
    await expect(s.resolve('ws_b', 'ab')).rejects.toMatchObject({ status: 404, code: 'scenario_app_not_found' });
    s.close();
  });

  it('another process notices a change at its next poll (its cache is cleared)', async () => {
    const writer = await service();
    const reader = await service(() => 0);
    const { app } = await writer.create('ws_a', { slug: 'followed', spec: spec('one {{text}}'), publish: true }, null);
    expect((await reader.resolve('ws_a', 'followed')).spec.prompts.zh?.user).toBe('one {{text}}');
    const v2 = await writer.createDraft(app.id, { spec: spec('two {{text}}') }, null);
    await writer.publish(app.id, v2.version);
    // Cached until the reader polls.
    expect((await reader.resolve('ws_a', 'followed')).version).toBe(1);
    await reader.refresh();
    expect((await reader.resolve('ws_a', 'followed')).spec.prompts.zh?.user).toBe('two {{text}}');
    writer.close();
    reader.close();
  });
});
