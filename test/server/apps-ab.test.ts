import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createKey } from '../helpers/admin-api.js';
import { chatCalls, roleText, runApp } from '../helpers/app-run.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { countRows, queryRows } from '../helpers/db-query.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';

// A/B tests of scenario apps (issue 18): two published versions share the traffic 70/30; over the
// runs the split is within 3 percentage points of the weights, and every run's log row carries the
// version that served it.

/** Runs: enough that the 3-point bound fails by chance about once in a thousand test runs (±3.3 σ). */
const RUNS = 2_500;
const SLUG = 'greeter';

const spec = (greeting: string) => ({
  name: 'Greeter',
  variables: [{ name: 'text', type: 'text', required: true }],
  prompts: { en: { system: greeting, user: '{{text}}' } },
});

let fake: FakeUpstream;
let baimo: TestBaimo;
let appId: string;

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: 'hi' } });
  baimo = await startBaimo({
    providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
    models: [{ name: 'chat', targets: [{ provider: 'up', model: 'm1' }] }],
    apps: { default_model: 'chat' },
  });
  const created = await api(baimo, 'POST', '/api/workspaces/ws_default/apps', {
    slug: SLUG,
    spec: spec('Version one says hello.'),
    publish: true,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  appId = created.body.id;
  const draft = await api(baimo, 'POST', `/api/apps/${appId}/versions`, { spec: spec('Version two says good day.') });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const published = await api(baimo, 'POST', `/api/apps/${appId}/versions/2/publish`, {
    split: [
      { version: 1, weight: 70 },
      { version: 2, weight: 30 },
    ],
  });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

describe('two published versions at 70/30', () => {
  it(`split ${RUNS} runs within 3 points of the weights, each run logged with its version`, { timeout: 120_000 }, async () => {
    const { key } = await createKey(baimo, { name: 'ab' });
    const served = { 1: 0, 2: 0 } as Record<number, number>;
    const firstCall = chatCalls(fake).length;
    const ids: string[] = [];
    for (let i = 0; i < RUNS; i += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, RUNS - i) }, (_, j) => runApp(baimo, SLUG, { inputs: { text: `run ${i + j}` } }, key)),
      );
      for (const r of batch) {
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(r.headers.get('x-baimo-app')).toBe(`${SLUG}@${r.body.app.version}`);
        served[r.body.app.version]++;
        ids.push(r.headers.get('x-request-id')!);
      }
    }
    expect(served[1] + served[2]).toBe(RUNS);
    expect(Math.abs((served[1] / RUNS) * 100 - 70)).toBeLessThanOrEqual(3);
    expect(Math.abs((served[2] / RUNS) * 100 - 30)).toBeLessThanOrEqual(3);

    // The upstream saw each version's own prompt as often as the runs say.
    const calls = chatCalls(fake).slice(firstCall);
    expect(calls).toHaveLength(RUNS);
    expect(calls.filter((c) => roleText(c, 'system') === 'Version two says good day.')).toHaveLength(served[2]);

    // Every run's row: the app's id, slug and the version that served it.
    const db = baimo.runtime.database;
    await waitFor(async () => (await countRows(db, `select count(*) as n from request_logs where app_slug = '${SLUG}'`)) === RUNS, {
      timeoutMs: 15_000,
      what: 'the log rows of every run',
    });
    const byVersion = await queryRows<{ app_version: number; app_id: string; n: number }>(
      db,
      `select app_version, app_id, count(*) as n from request_logs where app_slug = '${SLUG}' group by app_version, app_id order by app_version`,
    );
    expect(byVersion.map((r) => [Number(r.app_version), r.app_id, Number(r.n)])).toEqual([
      [1, appId, served[1]],
      [2, appId, served[2]],
    ]);
    const untagged = await countRows(
      db,
      `select count(*) as n from request_logs where model_requested = 'app:${SLUG}' and app_version is null`,
    );
    expect(untagged).toBe(0);
    expect(new Set(ids).size).toBe(RUNS);
  });

  it('a run may pin a published version; only the admin token may pin a draft', async () => {
    const { key } = await createKey(baimo, { name: 'pin' });
    for (const version of [1, 2]) {
      const r = await runApp(baimo, SLUG, { inputs: { text: 'pinned' }, version }, key);
      expect(r.status).toBe(200);
      expect(r.body.app).toEqual({ slug: SLUG, version });
    }
    const draft = await api(baimo, 'POST', `/api/apps/${appId}/versions`, { spec: spec('Draft three.') });
    expect(draft.status).toBe(201);
    const asKey = await runApp(baimo, SLUG, { inputs: { text: 'draft?' }, version: 3 }, key);
    expect(asKey.status).toBe(404);
    expect(asKey.body.error.code).toBe('scenario_app_not_found');
    const asAdmin = await runApp(baimo, SLUG, { inputs: { text: 'draft!' }, version: 3 });
    expect(asAdmin.status, JSON.stringify(asAdmin.body)).toBe(200);
    expect(asAdmin.body.app).toEqual({ slug: SLUG, version: 3 });
    expect(roleText(chatCalls(fake).at(-1)!, 'system')).toBe('Draft three.');
    // A draft never takes unpinned traffic.
    for (let i = 0; i < 20; i++) expect((await runApp(baimo, SLUG, { inputs: { text: 'x' } }, key)).body.app.version).not.toBe(3);
  });

  it('a rollback sends all traffic back to one version at once', async () => {
    const r = await api(baimo, 'POST', `/api/apps/${appId}/rollback`, { version: 1 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    for (let i = 0; i < 20; i++) expect((await runApp(baimo, SLUG, { inputs: { text: 'x' } })).body.app.version).toBe(1);
  });
});
