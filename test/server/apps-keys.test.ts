import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, chat, createKey } from '../helpers/admin-api.js';
import { runApp } from '../helpers/app-run.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { queryRows } from '../helpers/db-query.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';

// Keys and scenario apps (issue 18): a key scoped to a scenario app may run that app only (403
// `app_forbidden` on any other, built-ins included); apps resolve in the key's own workspace; a run's
// log row carries the scenario app's id.

let fake: FakeUpstream;
let baimo: TestBaimo;
const app: Record<string, string> = {};

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: 'done' } });
  baimo = await startBaimo({
    providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
    models: [{ name: 'chat', targets: [{ provider: 'up', model: 'm1' }] }],
    apps: { default_model: 'chat' },
  });
  for (const slug of ['notes-a', 'notes-b']) {
    const r = await api(baimo, 'POST', '/api/workspaces/ws_default/apps', { slug, from_builtin: 'summarize', publish: true });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    app[slug] = r.body.id;
  }
  const plain = await api(baimo, 'POST', '/api/workspaces/ws_default/apps', { name: 'a team' });
  expect(plain.status).toBe(201);
  app.plain = plain.body.id;
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const inputs = { text: 'Please summarize this short note about the weekly meeting.' };

async function rowOf(id: string): Promise<{ app_id: string | null; app_slug: string | null; key_id: string | null }> {
  return waitFor(async () => {
    const rows = await queryRows<{ app_id: string | null; app_slug: string | null; key_id: string | null }>(
      baimo.runtime.database,
      `select app_id, app_slug, key_id from request_logs where id = '${id}'`,
    );
    return rows[0];
  });
}

describe('a key scoped to a scenario app', () => {
  it('runs its app (run API and app:{slug}), and nothing else: 403 app_forbidden', async () => {
    const { key, id } = await createKey(baimo, { name: 'notes-a only', app_id: app['notes-a'] });
    const own = await runApp(baimo, 'notes-a', { inputs }, key);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const row = await rowOf(own.headers.get('x-request-id')!);
    expect(row).toEqual({ app_id: app['notes-a'], app_slug: 'notes-a', key_id: id });
    expect((await chat(baimo, key, { model: 'app:notes-a', messages: [{ role: 'user', content: inputs.text }] })).status).toBe(200);

    const before = fake.requests.length;
    for (const slug of ['notes-b', 'summarize']) {
      const r = await runApp(baimo, slug, { inputs }, key);
      expect(r.status, slug).toBe(403);
      expect(r.body.error.code).toBe('app_forbidden');
      expect(r.body.error.type).toBe('permission_error');
      const c = await chat(baimo, key, { model: `app:${slug}`, messages: [{ role: 'user', content: inputs.text }] });
      expect(c.status, slug).toBe(403);
      expect(c.body.error.code).toBe('app_forbidden');
    }
    expect(fake.requests.length).toBe(before);
  });

  it('a key of a plain app (no slug) runs any app; a built-in run keeps the key’s app', async () => {
    const { key } = await createKey(baimo, { name: 'team key', app_id: app.plain });
    const builtin = await runApp(baimo, 'summarize', { inputs }, key);
    expect(builtin.status).toBe(200);
    expect((await rowOf(builtin.headers.get('x-request-id')!)).app_id).toBe(app.plain);
    const scenario = await runApp(baimo, 'notes-b', { inputs }, key);
    expect(scenario.status).toBe(200);
    expect(await rowOf(scenario.headers.get('x-request-id')!)).toMatchObject({ app_id: app['notes-b'], app_slug: 'notes-b' });
  });
});

describe('workspaces', () => {
  it("a key sees its own workspace's apps only; built-ins everywhere", async () => {
    const ws = await api(baimo, 'POST', '/api/workspaces', { name: 'elsewhere' });
    expect(ws.status).toBe(201);
    const { key } = await createKey(baimo, { name: 'other ws' }, ws.body.id);
    const r = await runApp(baimo, 'notes-a', { inputs }, key);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('scenario_app_not_found');
    expect((await runApp(baimo, 'summarize', { inputs }, key)).status).toBe(200);
    // Its own app of the same slug is its own.
    const mine = await api(baimo, 'POST', `/api/workspaces/${ws.body.id}/apps`, {
      slug: 'notes-a',
      from_builtin: 'translate',
      publish: true,
    });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    const again = await runApp(baimo, 'notes-a', { inputs: { text: 'Bonjour', target_language: 'en' } }, key);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect((await rowOf(again.headers.get('x-request-id')!)).app_id).toBe(mine.body.id);
  });
});
