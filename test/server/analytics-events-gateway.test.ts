import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, chat, createKey, userSession } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

/**
 * What real gateway calls (a fake upstream behind) leave for usage analytics: the end user
 * (`x-end-user-id` over the body's `user`), the explicit session (`x-session-id`, `x-conversation-id`,
 * a chat completion's `metadata.conversation_id`, an app run's `conversation_id`; never the end user),
 * bounded and cleaned, and the segment attributes of key, app and end user, on the log row and in the
 * report's sessions and segments.
 */
let fake: FakeUpstream;
let baimo: TestBaimo;
const ws: Record<string, string> = {};

const DAY = 86_400_000;
async function report(workspace: string): Promise<any> {
  const now = Date.now();
  const r = await api(baimo, 'GET', `/api/analytics/report?workspace=${workspace}&from=${now - DAY}&to=${now + 600_000}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

async function logged(id: string) {
  await baimo.runtime.logWriter.flush();
  const row = await baimo.runtime.logs.get(id);
  expect(row, id).toBeDefined();
  return row!;
}

async function call(key: string, headers: Record<string, string>, body: Record<string, unknown> = {}): Promise<string> {
  const r = await chat(baimo, key, { model: 'chat', ...body }, headers);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.headers.get('x-request-id')!;
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: 'ok' } });
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] }],
    apps: { default_model: 'chat' },
  });
  for (const name of ['ids', 'sessions', 'segments', 'apps']) ws[name] = (await api(baimo, 'POST', '/api/workspaces', { name })).body.id;
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

describe('end user and session of a gateway call', () => {
  it('takes x-end-user-id over the body’s user, and the session only from the caller (no fallback to the user)', async () => {
    const { key } = await createKey(baimo, { name: 'ids' }, ws.ids);
    const a = await logged(await call(key, { 'x-end-user-id': 'header-user' }, { user: 'body-user' }));
    expect(a).toMatchObject({ user_id: 'header-user', session_id: null });
    const b = await logged(await call(key, {}, { user: 'body-user' }));
    expect(b).toMatchObject({ user_id: 'body-user', session_id: null });
    const c = await logged(await call(key, { 'x-session-id': 'S-1', 'x-conversation-id': 'C-1' }));
    expect(c).toMatchObject({ user_id: null, session_id: 'S-1' });
    const d = await logged(await call(key, { 'x-conversation-id': 'C-1' }, { metadata: { conversation_id: 'M-1' } }));
    expect(d.session_id).toBe('C-1');
    const e = await logged(await call(key, {}, { metadata: { conversation_id: 'M-1' } }));
    expect(e.session_id).toBe('M-1');
  });

  it('cuts ids to 200 characters and drops control characters (body user and headers alike)', async () => {
    const { key } = await createKey(baimo, { name: 'bounds' }, ws.ids);
    const long = await logged(await call(key, { 'x-session-id': 's'.repeat(300), 'x-end-user-id': `${'u'.repeat(250)}` }));
    expect(long.session_id).toBe('s'.repeat(200));
    expect(long.user_id).toBe('u'.repeat(200));
    const dirty = await logged(
      await call(key, { 'x-session-id': '  \t ' }, { user: 'a\u0000b\u001b[31mc\u2028', metadata: { conversation_id: 'x\ny' } }),
    );
    expect(dirty.user_id).toBe('ab[31mc');
    expect(dirty.session_id).toBe('xy');
  });

  it('an app run takes its conversation_id as the session; a console run’s end user is the signed-in user', async () => {
    const owner = await userSession(baimo, 'gw-owner@example.cn', [{ id: ws.apps, role: 'owner' }]);
    const me = (await api(baimo, 'GET', '/api/auth/me', undefined, owner)).body.user.id;
    const app = (await api(baimo, 'POST', `/api/workspaces/${ws.apps}/apps`, { slug: 'gw-sum', from_builtin: 'summarize', publish: true }))
      .body;
    const { key } = await createKey(baimo, { name: 'apps' }, ws.apps);
    const run = await fetch(`${baimo.url}/v1/apps/gw-sum/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-end-user-id': 'reader-1' },
      body: JSON.stringify({ inputs: { text: '一段文字' }, model: 'chat', conversation_id: 'conv-7', user: 'ignored' }),
    });
    expect(run.status).toBe(200);
    expect(await logged(run.headers.get('x-request-id')!)).toMatchObject({ session_id: 'conv-7', user_id: 'reader-1', app_slug: 'gw-sum' });
    const consoleRun = await fetch(`${baimo.url}/api/apps/${app.id}/run`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json', 'x-end-user-id': 'not-me' },
      body: JSON.stringify({ inputs: { text: '一段文字' }, model: 'chat' }),
    });
    expect(consoleRun.status).toBe(200);
    expect(await logged(consoleRun.headers.get('x-request-id')!)).toMatchObject({ user_id: me, session_id: null });
    const tooLong = await fetch(`${baimo.url}/v1/apps/gw-sum/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: { text: 'x' }, conversation_id: 'c'.repeat(201) }),
    });
    expect(tooLong.status).toBe(400);
  });

  it('counts explicit sessions by id and derives the others per key and end user', async () => {
    const { key } = await createKey(baimo, { name: 'sessions' }, ws.sessions);
    await call(key, { 'x-session-id': 'conv-1', 'x-end-user-id': 'u1' });
    await call(key, { 'x-session-id': 'conv-1', 'x-end-user-id': 'u1' });
    await call(key, { 'x-session-id': 'conv-2', 'x-end-user-id': 'u1' });
    // No session given: one derived session for u2 (two calls within the gap), one for u3.
    await call(key, { 'x-end-user-id': 'u2' });
    await call(key, { 'x-end-user-id': 'u2' });
    await call(key, { 'x-end-user-id': 'u3' });
    await baimo.runtime.logWriter.flush();
    const r = await report(ws.sessions);
    expect(r.totals).toMatchObject({ requests: 6, sessions: 4, users: 3 });
  });
});

describe('segments of a gateway call', () => {
  it('come from key metadata, the app’s over the key’s, the end user’s over both', async () => {
    const app = await api(baimo, 'POST', `/api/workspaces/${ws.segments}/apps`, { name: 'portal', metadata: { region: '华南' } });
    expect(app.status).toBe(201);
    const key = await createKey(
      baimo,
      { name: 'seg', app_id: app.body.id, metadata: { industry: '金融', region: '华北', user_group: 'analysts' } },
      ws.segments,
    );
    const plain = await createKey(baimo, { name: 'plain', metadata: { industry: '教育', team: 'x' } }, ws.segments);
    const set = await api(baimo, 'PUT', `/api/analytics/end-users/vip-1?workspace_id=${ws.segments}`, { industry: '医疗' });
    expect(set.status).toBe(200);

    const first = await logged(await call(key.key, {}));
    expect(JSON.parse(first.segments!)).toEqual({ industry: '金融', region: '华南', user_group: 'analysts' });
    const second = await logged(await call(plain.key, {}));
    expect(JSON.parse(second.segments!)).toEqual({ industry: '教育' });
    await call(key.key, { 'x-end-user-id': 'vip-1' });
    await baimo.runtime.logWriter.flush();

    const r = await report(ws.segments);
    const industries = Object.fromEntries(r.by_segment.industry.map((g: { key: string; requests: number }) => [g.key, g.requests]));
    expect(industries).toEqual({ 金融: 1, 教育: 1, 医疗: 1 });
    const regions = Object.fromEntries(r.by_segment.region.map((g: { key: string; requests: number }) => [g.key, g.requests]));
    expect(regions).toEqual({ 华南: 2 });

    // Changing the app's segments applies to the key's next calls (the key cache is cleared).
    expect((await api(baimo, 'PATCH', `/api/apps/${app.body.id}`, { metadata: { region: '西北' } })).status).toBe(200);
    const later = await logged(await call(key.key, {}));
    expect(JSON.parse(later.segments!)).toMatchObject({ region: '西北' });
    expect((await api(baimo, 'PATCH', `/api/apps/${app.body.id}`, { metadata: { region: 'r'.repeat(65) } })).status).toBe(400);
    expect((await api(baimo, 'PATCH', `/api/apps/${app.body.id}`, { metadata: null })).body.metadata).toBeNull();
  });

  it('a scenario app run carries the scenario app’s segments over the key’s', async () => {
    const app = await api(baimo, 'POST', `/api/workspaces/${ws.segments}/apps`, {
      slug: 'seg-sum',
      from_builtin: 'summarize',
      publish: true,
      metadata: { user_group: 'editors' },
    });
    expect(app.status, JSON.stringify(app.body)).toBe(201);
    expect(app.body.metadata).toEqual({ user_group: 'editors' });
    const key = await createKey(baimo, { name: 'seg2', metadata: { industry: '传媒', user_group: 'writers' } }, ws.segments);
    const id = await call(key.key, {}, { model: 'app:seg-sum' });
    expect(JSON.parse((await logged(id)).segments!)).toEqual({ industry: '传媒', user_group: 'editors' });
  });
});
