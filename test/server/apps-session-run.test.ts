import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, api, createKey, login, type Caller } from '../helpers/admin-api.js';
import { chatCalls, roleText, sseEvents, streamedText, type RunResponse } from '../helpers/app-run.js';
import { queryRows } from '../helpers/db-query.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';

// Running scenario apps from the console (issue 18): `POST /api/apps/{appId}/run` and, for built-ins,
// `POST /api/workspaces/{workspaceId}/app-library/{slug}/run` take the console session (or the admin
// token) instead of a virtual key. Readers run published versions, writers may pin drafts, other
// tenants get 404; the run is logged with the user, the app's workspace, slug and version, and the
// app's own security policy applies. The fake upstream echoes the prompt it got.

const MOBILE = '13812345678';
const TEXT = 'The weekly meeting moved the launch to Friday and asked for a budget review.';

let fake: FakeUpstream;
let baimo: TestBaimo;
let wsA: string;
let wsB: string;
const ids: Record<string, string> = {};
const who: Record<'member' | 'viewer' | 'outsider', { cookie: string; csrf: string }> = {} as never;

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'echo' } });
  baimo = await startBaimo({
    providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
    models: [{ name: 'chat', targets: [{ provider: 'up', model: 'm1' }] }],
    apps: { default_model: 'chat' },
  });
  wsA = (await api(baimo, 'POST', '/api/workspaces', { name: 'session runs A' })).body.id;
  wsB = (await api(baimo, 'POST', '/api/workspaces', { name: 'session runs B' })).body.id;
  for (const [name, ws, role] of [
    ['member', wsA, 'member'],
    ['viewer', wsA, 'viewer'],
    ['outsider', wsB, 'owner'],
  ] as const) {
    const email = `run-${name}@example.cn`;
    const r = await api(baimo, 'POST', '/api/users', { email, name, password: 'correct horse battery', workspaces: [{ id: ws, role }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids[name] = r.body.id;
    who[name] = await login(baimo, email, 'correct horse battery');
  }
  // `notes` in A: version 1 published, version 2 a draft; `guarded` in A with its own PII policy; `elsewhere` in B.
  for (const [slug, ws] of [
    ['notes', wsA],
    ['guarded', wsA],
    ['elsewhere', wsB],
  ] as const) {
    const r = await api(baimo, 'POST', `/api/workspaces/${ws}/apps`, { slug, from_builtin: 'summarize', publish: true });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids[slug] = r.body.id;
  }
  const draft = await api(baimo, 'POST', `/api/apps/${ids.notes}/versions`, { note: 'next' });
  expect(draft.body).toMatchObject({ version: 2, status: 'draft' });
  const policy = await api(baimo, 'PUT', `/api/security/policies/app/${ids.guarded}`, { policy: { pii: { action: 'pseudonymize' } } });
  expect(policy.status, JSON.stringify(policy.body)).toBe(200);
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

/** `POST path` as `caller` (a session sends its cookie and, unless `csrf: false`, the CSRF header); streams parsed. */
async function post(path: string, body: unknown, caller: Caller, opts: { csrf?: boolean } = {}): Promise<RunResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (caller && 'token' in caller) headers.authorization = `Bearer ${caller.token}`;
  if (caller && 'cookie' in caller) {
    headers.cookie = caller.cookie;
    if (caller.csrf && opts.csrf !== false) headers['x-csrf-token'] = caller.csrf;
  }
  const res = await fetch(`${baimo.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream'))
    return { status: res.status, headers: res.headers, body: null, ...sseEvents(text) };
  return { status: res.status, headers: res.headers, body: JSON.parse(text), events: [], done: false };
}

const runOf = (appId: string, body: Record<string, unknown>, caller: Caller, opts?: { csrf?: boolean }) =>
  post(`/api/apps/${appId}/run`, body, caller, opts);
const libraryRun = (ws: string, slug: string, body: Record<string, unknown>, caller: Caller) =>
  post(`/api/workspaces/${ws}/app-library/${slug}/run`, body, caller);

interface Row {
  key_id: string | null;
  user_id: string | null;
  workspace_id: string | null;
  app_id: string | null;
  app_slug: string | null;
  app_version: number | null;
  stream: number;
}

/** The request-log row of a run, once written. */
function rowOf(r: RunResponse): Promise<Row> {
  const id = r.headers.get('x-request-id')!;
  return waitFor(
    async () =>
      (
        await queryRows<Row>(
          baimo.runtime.database,
          `select key_id, user_id, workspace_id, app_id, app_slug, app_version, stream from request_logs where id = '${id}'`,
        )
      )[0],
    { what: `the log row of ${id}` },
  );
}

describe('running an app with the console session', () => {
  it('a member runs the published version whole: the chat completion, logged with the user, workspace, slug and version', async () => {
    const r = await runOf(ids.notes, { inputs: { text: TEXT } }, who.member);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ object: 'chat.completion', model: 'app:notes', app: { slug: 'notes', version: 1 } });
    expect(r.body.choices[0].message.content).toContain(TEXT);
    expect(r.headers.get('x-baimo-app')).toBe('notes@1');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(Number(r.body.usage.total_tokens)).toBeGreaterThan(0);
    expect(await rowOf(r)).toEqual({
      key_id: null,
      user_id: ids.member,
      workspace_id: wsA,
      app_id: ids.notes,
      app_slug: 'notes',
      app_version: 1,
      stream: 0,
    });
  });

  it('streamed: chunks with the app on the first, the echoed prompt, [DONE]; logged the same way', async () => {
    const r = await runOf(ids.notes, { inputs: { text: TEXT }, stream: true }, who.member);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/event-stream');
    expect(r.done).toBe(true);
    expect(r.events[0]).toMatchObject({ object: 'chat.completion.chunk', app: { slug: 'notes', version: 1 } });
    expect(streamedText(r.events)).toContain(TEXT);
    expect(await rowOf(r)).toMatchObject({ user_id: ids.member, workspace_id: wsA, app_slug: 'notes', app_version: 1, stream: 1 });
  });

  it('a cookie without the CSRF header is refused before anything is sent', async () => {
    const before = chatCalls(fake).length;
    const r = await runOf(ids.notes, { inputs: { text: TEXT } }, who.member, { csrf: false });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('csrf_failed');
    expect(chatCalls(fake).length).toBe(before);
  });

  it('inputs are checked as on /v1: 400 invalid_inputs', async () => {
    const r = await runOf(ids.notes, { inputs: { text: TEXT, nonsense: 1 } }, who.member);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_inputs');
  });

  it('a viewer runs published versions (pinned or not) but may not pin a draft: 403; a member may', async () => {
    expect((await runOf(ids.notes, { inputs: { text: TEXT } }, who.viewer)).body.app).toEqual({ slug: 'notes', version: 1 });
    const pinned = await runOf(ids.notes, { inputs: { text: TEXT }, version: 1, stream: true }, who.viewer);
    expect(pinned.status).toBe(200);
    expect(pinned.events[0].app).toEqual({ slug: 'notes', version: 1 });
    expect(await rowOf(pinned)).toMatchObject({ user_id: ids.viewer, app_version: 1 });

    const before = chatCalls(fake).length;
    const draft = await runOf(ids.notes, { inputs: { text: TEXT }, version: 2 }, who.viewer);
    expect(draft.status, JSON.stringify(draft.body)).toBe(403);
    expect(draft.body.error.code).toBe('role_insufficient');
    expect(chatCalls(fake).length).toBe(before);

    const member = await runOf(ids.notes, { inputs: { text: TEXT }, version: 2 }, who.member);
    expect(member.status, JSON.stringify(member.body)).toBe(200);
    expect(member.body.app).toEqual({ slug: 'notes', version: 2 });
    expect(await rowOf(member)).toMatchObject({ user_id: ids.member, app_slug: 'notes', app_version: 2 });
    const missing = await runOf(ids.notes, { inputs: { text: TEXT }, version: 9 }, who.member);
    expect(missing.status).toBe(404);
  });

  it('a user of another workspace, and a key, get nowhere: 404 / 403, nothing sent', async () => {
    const before = chatCalls(fake).length;
    for (const r of [
      await runOf(ids.notes, { inputs: { text: TEXT } }, who.outsider),
      await libraryRun(wsA, 'summarize', { inputs: { text: TEXT } }, who.outsider),
    ]) {
      expect(r.status, JSON.stringify(r.body)).toBe(404);
      expect(r.body.error.message).not.toContain('notes');
    }
    const key = await createKey(baimo, { name: 'A key' }, wsA);
    const byKey = await runOf(ids.notes, { inputs: { text: TEXT } }, { token: key.key });
    expect(byKey.status).toBe(403);
    expect(byKey.body.error.code).toBe('key_not_allowed');
    expect((await runOf(ids.elsewhere, { inputs: { text: TEXT } }, who.member)).status).toBe(404);
    expect(chatCalls(fake).length).toBe(before);
    // Its own workspace's app runs for the outsider.
    expect((await runOf(ids.elsewhere, { inputs: { text: TEXT } }, who.outsider)).status).toBe(200);
  });

  it('the admin token runs an app of a non-default workspace, in that workspace', async () => {
    const r = await runOf(ids.elsewhere, { inputs: { text: TEXT }, user: 'ops-desk' }, admin);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.app).toEqual({ slug: 'elsewhere', version: 1 });
    expect(await rowOf(r)).toMatchObject({
      key_id: 'admin',
      user_id: 'ops-desk',
      workspace_id: wsB,
      app_id: ids.elsewhere,
      app_slug: 'elsewhere',
      app_version: 1,
    });
    // The same slug through /v1 with the admin token looks in the default workspace only.
    const v1 = await fetch(`${baimo.baseURL}/apps/elsewhere/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${(admin as { token: string }).token}` },
      body: JSON.stringify({ inputs: { text: TEXT } }),
    });
    expect(v1.status).toBe(404);
  });

  it("the app's own security policy applies to a session run", async () => {
    const before = chatCalls(fake).length;
    const r = await runOf(ids.guarded, { inputs: { text: `Call ${MOBILE} about it. ${TEXT}` } }, who.member);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(roleText(chatCalls(fake)[before], 'user')).not.toContain(MOBILE);
    expect(r.body.choices[0].message.content).toContain(MOBILE);
    expect(await rowOf(r)).toMatchObject({ app_id: ids.guarded, user_id: ids.member });
    // The policy event is audited under the user who ran the app, not as the admin token.
    await baimo.runtime.compliance.audit.flush();
    const entries = (await api(baimo, 'GET', `/api/audit?workspace_id=${wsA}&limit=500`)).body.data as Array<{
      action: string;
      actor_type: string;
      actor_id: string | null;
      target_type: string | null;
    }>;
    const pii = entries.filter((e) => e.action === 'pii.detected');
    expect(pii.length, JSON.stringify(entries.slice(0, 3))).toBe(1);
    expect(pii[0]).toMatchObject({ actor_type: 'user', actor_id: ids.member, target_type: 'request' });
  });
});

describe('running a built-in in a workspace', () => {
  it('a viewer runs a built-in by slug, logged in that workspace with no app; only built-ins', async () => {
    const r = await libraryRun(wsA, 'summarize', { inputs: { text: TEXT }, stream: true }, who.viewer);
    expect(r.status).toBe(200);
    expect(r.events[0].app).toEqual({ slug: 'summarize', version: 1 });
    expect(streamedText(r.events)).toContain(TEXT);
    expect(await rowOf(r)).toMatchObject({
      key_id: null,
      user_id: ids.viewer,
      workspace_id: wsA,
      app_id: null,
      app_slug: 'summarize',
      app_version: 1,
    });
    for (const slug of ['notes', 'no-such-app', 'Bad_Slug']) {
      const miss = await libraryRun(wsA, slug, { inputs: { text: TEXT } }, who.member);
      expect(miss.status, slug).toBe(404);
      expect(miss.body.error.code).toBe('scenario_app_not_found');
    }
    expect((await libraryRun(wsA, 'summarize', { inputs: { text: TEXT }, version: 2 }, who.member)).status).toBe(404);
  });

  it('runs are in the request log, not the audit log', async () => {
    await baimo.runtime.compliance.audit.flush();
    const entries = (await api(baimo, 'GET', `/api/audit?workspace_id=${wsA}&limit=500`)).body.data as Array<{ action: string }>;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((e) => e.action.includes('run'))).toEqual([]);
  });
});
