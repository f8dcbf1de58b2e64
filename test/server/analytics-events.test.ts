import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createKey, userSession, type Caller } from '../helpers/admin-api.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

/**
 * Page views (`POST /api/events`) and end users' segment attributes (`PUT /api/analytics/end-users/{id}`)
 * through the real server and store, read back through the usage report: counted once per event id,
 * times bounded, batches bounded, workspaces kept apart, the app page's own page event counted too.
 */
let baimo: TestBaimo;
let member: Caller;
let viewer: Caller;
let outsider: Caller;
let memberId: string;
const ws: Record<string, string> = {};

const DAY = 86_400_000;
const view = (over: Record<string, unknown> = {}) => ({ type: 'page_view', id: randomUUID(), page: '/overview', ...over });

async function report(workspace: string, extra = ''): Promise<any> {
  const now = Date.now();
  const r = await api(baimo, 'GET', `/api/analytics/report?workspace=${workspace}&from=${now - 8 * DAY}&to=${now + 600_000}${extra}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

beforeAll(async () => {
  baimo = await startBaimo({});
  for (const name of ['pages', 'segments', 'apps', 'other']) ws[name] = (await api(baimo, 'POST', '/api/workspaces', { name })).body.id;
  const roles = Object.values(ws)
    .filter((id) => id !== ws.other)
    .map((id) => ({ id, role: 'member' }));
  member = await userSession(baimo, 'pv-member@example.cn', roles);
  memberId = (await api(baimo, 'GET', '/api/auth/me', undefined, member)).body.user.id;
  viewer = await userSession(baimo, 'pv-viewer@example.cn', [{ id: ws.pages, role: 'viewer' }]);
  outsider = await userSession(baimo, 'pv-outsider@example.cn', [{ id: ws.other, role: 'owner' }]);
});
afterAll(async () => baimo?.close());

describe('POST /api/events', () => {
  it('counts each page view once, by its id, with the session and the console user as end user', async () => {
    const batch = [view({ session_id: 'tab-1' }), view({ session_id: 'tab-1', page: '/playground' }), view({ session_id: 'tab-1' })];
    const first = await api(baimo, 'POST', '/api/events', { workspace_id: ws.pages, events: batch }, member);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ object: 'events', accepted: 3 });
    // A retry of the same batch (the page did not see the answer) plus one new view.
    const again = await api(
      baimo,
      'POST',
      '/api/events',
      { workspace_id: ws.pages, events: [...batch, view({ session_id: 'tab-1' })] },
      member,
    );
    expect(again.status).toBe(200);
    // A viewer reports too (page views are reads); one id repeated inside a batch counts once.
    const twin = view({ session_id: 'tab-2' });
    expect((await api(baimo, 'POST', '/api/events', { workspace_id: ws.pages, events: [twin, twin] }, viewer)).status).toBe(200);
    const r = await report(ws.pages);
    expect(r.totals.page_views).toBe(5);
    expect(r.totals.requests).toBe(0);
    expect(r.totals.sessions).toBe(2);
    expect(r.totals.users).toBe(2);
    expect(r.rows).toBe(5);
  });

  it('takes ts as epoch ms or ISO 8601 within [now − 7 d, now + 5 min], and refuses the rest naming the event', async () => {
    const now = Date.now();
    const ok = [view({ ts: now - 6 * DAY }), view({ ts: new Date(now - 3_600_000).toISOString() }), view({ ts: now + 60_000 })];
    expect((await api(baimo, 'POST', '/api/events', { workspace_id: ws.other, events: ok }, outsider)).status).toBe(200);
    for (const [ts, at] of [
      [now - 8 * DAY, 0],
      [now + 10 * 60_000, 1],
      ['2020-01-01T00:00:00Z', 1],
    ] as const) {
      const events = at === 0 ? [view({ ts })] : [view(), view({ ts })];
      const r = await api(baimo, 'POST', '/api/events', { workspace_id: ws.other, events }, outsider);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'event_time_out_of_range', param: `events[${at}].ts` });
    }
    // Nothing of a refused batch is kept: still the three above.
    expect((await report(ws.other)).totals.page_views).toBe(3);
  });

  it('bounds batches and fields with clear 400s', async () => {
    const send = (body: unknown) => api(baimo, 'POST', '/api/events', body, outsider);
    const many = Array.from({ length: 51 }, () => view());
    const cases: Array<[unknown, string, string]> = [
      [{ events: many }, 'events', 'invalid_value'],
      [{ events: [] }, 'events', 'invalid_value'],
      [{}, 'events', 'missing_required_parameter'],
      [{ events: [view({ id: 'not-a-uuid' })] }, 'events[0].id', 'invalid_value'],
      [{ events: [view({ page: 'p'.repeat(201) })] }, 'events[0].page', 'invalid_value'],
      [{ events: [view({ session_id: 's'.repeat(201) })] }, 'events[0].session_id', 'invalid_value'],
      [{ events: [view({ type: 'click' })] }, 'events[0].type', 'invalid_value'],
      [{ events: [view({ extra: 1 })] }, 'events[0]', 'invalid_value'],
      [{ events: [view({ ts: -5 })] }, 'events[0].ts', 'invalid_value'],
    ];
    for (const [body, param, code] of cases) {
      const r = await send({ workspace_id: ws.other, ...(body as object) });
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.error, JSON.stringify(body).slice(0, 80)).toMatchObject({ param, code });
    }
    expect((await send({ workspace_id: ws.other, events: Array.from({ length: 50 }, () => view()) })).status).toBe(200);
    const huge = await send({ workspace_id: ws.other, events: [view({ page: 'x'.repeat(300_000) })] });
    expect(huge.status).toBe(413);
  });

  it('keeps workspaces apart: keys report for their own, users for theirs, end users only for keys', async () => {
    const key = await createKey(baimo, { name: 'pages key' }, ws.pages);
    const byKey = await api(baimo, 'POST', '/api/events', { events: [view({ end_user: 'visitor-9' })] }, { token: key.key });
    expect(byKey.status, JSON.stringify(byKey.body)).toBe(200);
    const elsewhere = await api(baimo, 'POST', '/api/events', { workspace_id: ws.other, events: [view()] }, { token: key.key });
    expect(elsewhere.status).toBe(404);
    const intruder = await api(baimo, 'POST', '/api/events', { workspace_id: ws.other, events: [view()] }, member);
    expect(intruder.status).toBe(404);
    const nowhere = await api(baimo, 'POST', '/api/events', { workspace_id: 'ws_missing', events: [view()] });
    expect(nowhere.status).toBe(404);
    // No workspace named: a console user who is not in the default workspace reports for their first.
    const before = (await report(ws.other)).totals.page_views;
    expect((await api(baimo, 'POST', '/api/events', { events: [view({ page: '/first' })] }, outsider)).status).toBe(200);
    expect((await report(ws.other)).totals.page_views).toBe(before + 1);
    const claim = await api(baimo, 'POST', '/api/events', { workspace_id: ws.pages, events: [view({ end_user: 'someone-else' })] }, member);
    expect(claim.status).toBe(403);
    expect(claim.body.error).toMatchObject({ code: 'end_user_not_allowed', param: 'events[0].end_user' });
    const own = await api(baimo, 'POST', '/api/events', { workspace_id: ws.pages, events: [view({ end_user: memberId })] }, member);
    expect(own.status).toBe(200);
    // The key's visitor is one more user; the member was counted before.
    const r = await report(ws.pages);
    expect(r.totals.users).toBe(3);
    expect(r.by_key.map((g: { key: string }) => g.key)).toContain(key.id);
  });

  it('attributes a page view to its app (by id or slug, a built-in by slug) and refuses another workspace’s app', async () => {
    const plain = await api(baimo, 'POST', `/api/workspaces/${ws.apps}/apps`, { name: 'portal', metadata: { region: '华东' } }, member);
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    expect(plain.body.metadata).toEqual({ region: '华东' });
    const scenario = await api(baimo, 'POST', `/api/workspaces/${ws.apps}/apps`, { slug: 'pv-sum', from_builtin: 'summarize' }, member);
    expect(scenario.status).toBe(201);
    const foreign = (await api(baimo, 'POST', `/api/workspaces/${ws.other}/apps`, { name: 'theirs' }, outsider)).body.id;
    const events = [view({ app: plain.body.id }), view({ app: 'pv-sum' }), view({ app: 'translate' })];
    expect((await api(baimo, 'POST', '/api/events', { workspace_id: ws.apps, events }, member)).status).toBe(200);
    for (const app of [foreign, 'no-such-app', '../../etc']) {
      const r = await api(baimo, 'POST', '/api/events', { workspace_id: ws.apps, events: [view({ app })] }, member);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'app_not_found', param: 'events[0].app' });
    }
    const r = await report(ws.apps);
    const scenarios = Object.fromEntries(r.by_scenario.map((g: { key: string; page_views: number }) => [g.key, g.page_views]));
    expect(scenarios).toEqual({ direct_api: 1, 'pv-sum': 1, translate: 1 });
    expect(r.by_app.find((g: { key: string }) => g.key === plain.body.id)?.page_views).toBe(1);
    expect(r.by_segment.region).toEqual([expect.objectContaining({ key: '华东', page_views: 1 })]);
    // An app named by id takes its page view to its own workspace (the member sees both).
    expect(
      (await api(baimo, 'POST', '/api/events', { workspace_id: ws.pages, events: [view({ app: plain.body.id })] }, member)).status,
    ).toBe(200);
    expect((await report(ws.apps)).by_app.find((g: { key: string }) => g.key === plain.body.id)?.page_views).toBe(2);
  });

  it('counts the end-user app page’s own page event as an analytics page view as well (one call for both)', async () => {
    const app = (
      await api(baimo, 'POST', `/api/workspaces/${ws.apps}/apps`, { slug: 'pv-use', from_builtin: 'summarize', publish: true }, member)
    ).body;
    const id = randomUUID();
    for (let i = 0; i < 2; i++) {
      const r = await api(baimo, 'POST', `/api/apps/${app.id}/page-events`, { kind: 'view', session_id: 'tab-9', id }, member);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    expect((await api(baimo, 'POST', `/api/apps/${app.id}/page-events`, { kind: 'view', session_id: 'tab-9' }, member)).status).toBe(200);
    const stats = (await api(baimo, 'GET', `/api/apps/${app.id}/stats`, undefined, member)).body;
    expect(stats.days[0].views).toBe(3);
    const r = await report(ws.apps, '&scenario=pv-use');
    expect(r.totals.page_views).toBe(1);
  });
});

describe('PUT /api/analytics/end-users/{id}', () => {
  it('sets an end user’s segments (bounded), for members and keys of the workspace only', async () => {
    const put = (id: string, body: unknown, caller: Caller, query = `?workspace_id=${ws.segments}`) =>
      api(baimo, 'PUT', `/api/analytics/end-users/${encodeURIComponent(id)}${query}`, body, caller);
    const r = await put('buyer-1', { industry: '教育', region: ' 北京\u0007 ' }, member);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({
      object: 'end_user',
      id: 'buyer-1',
      workspace_id: ws.segments,
      industry: '教育',
      region: '北京',
      user_group: null,
    });
    expect((await put('buyer-1', { industry: 'x'.repeat(65) }, member)).status).toBe(400);
    expect((await put('buyer-1', { age: '30' }, member)).status).toBe(400);
    expect((await put('buyer-1', { industry: 'x' }, outsider)).status).toBe(404);
    const viewerR = await put('buyer-1', { industry: 'x' }, viewer, `?workspace_id=${ws.pages}`);
    expect(viewerR.status).toBe(403);
    const key = await createKey(baimo, { name: 'segments key' }, ws.segments);
    const byKey = await put('buyer-2', { user_group: 'teachers' }, { token: key.key }, '');
    expect(byKey.status).toBe(200);
    expect(byKey.body.workspace_id).toBe(ws.segments);
    expect((await put('buyer-2', { user_group: 'x' }, { token: key.key }, `?workspace_id=${ws.other}`)).status).toBe(404);

    // The end user's page views are grouped by the end user's segments.
    const events = [view({ end_user: 'buyer-1' }), view({ end_user: 'buyer-2' })];
    expect((await api(baimo, 'POST', '/api/events', { events }, { token: key.key })).status).toBe(200);
    const rep = await report(ws.segments);
    expect(rep.by_segment.industry).toEqual([expect.objectContaining({ key: '教育', page_views: 1, users: 1 })]);
    expect(rep.by_segment.user_group).toEqual([expect.objectContaining({ key: 'teachers', page_views: 1 })]);
    // The audit log has the change (not the page views).
    const audit = await api(baimo, 'GET', `/api/audit?workspace_id=${ws.segments}`);
    const actions = audit.body.data.map((e: { action: string }) => e.action);
    expect(actions).toContain('end_user.update');
    expect(actions.some((a: string) => a.includes('events'))).toBe(false);
  });
});
