import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { purgeExpired } from '../../src/compliance/audit/retention-job.js';
import { Calendar } from '../../src/core/calendar.js';
import { AN } from '../../src/store/analytics-columns.js';
import { AnalyticsRepository } from '../../src/store/analytics-repository.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { RequestLogRepository } from '../../src/store/request-log-repository.js';
import { RetentionRepository } from '../../src/store/retention-repository.js';
import { countRows, queryRows } from '../helpers/db-query.js';
import { logRow } from '../helpers/log-row.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { DAY, HOUR, MINUTE, naiveEvents, naiveSums, rounded, traffic, type PageView } from './analytics-fixture.js';

// Page views (idempotent by id), feedback (one per request and end user, moving its count), end users'
// metadata, rows baimo's own calls left, retention, and replicas writing at once.

const ZONE = 'Asia/Shanghai';
const START = Date.UTC(2026, 0, 20, 2, 0, 0);
const GAP = 30 * MINUTE;
const whole = { from: START - DAY, to: START + 3 * DAY };

describe('analytics writes', () => {
  const dbs: OpenedDatabase[] = [];
  afterEach(async () => {
    for (const d of dbs.splice(0).reverse()) await d.close();
  });

  async function open() {
    const db = await openTestDatabase(mkdtempSync(join(tmpdir(), 'baimo-an-writes-')));
    dbs.push(db);
    const logs = new RequestLogRepository(db, { calendar: new Calendar(ZONE), usdToCny: 7.2, sessionGapMs: GAP });
    const store = new AnalyticsRepository(db, { timeZone: ZONE, sessionGapMs: GAP });
    return { db, logs, store };
  }
  const totals = async (store: AnalyticsRepository, workspaceId?: string) => (await store.sums({ ...whole, workspaceId }))[0]?.sums;

  it('counts a page view once however often it is sent, and derives its session and end user', async () => {
    const { store } = await open();
    const pv = (id: string, ts: number, over: Partial<PageView> = {}): PageView => ({
      id,
      ts,
      workspaceId: 'ws_a',
      page: '/playground',
      sessionId: null,
      endUser: 'u1',
      appId: null,
      scenario: null,
      keyId: null,
      segments: { industry: 'edu' },
      ...over,
    });
    await store.recordPageViews([pv('p1', START), pv('p2', START + MINUTE), pv('p1', START)]);
    await store.recordPageViews([pv('p2', START + MINUTE), pv('p3', START + 2 * MINUTE, { workspaceId: 'ws_b' })]);
    // The same id in another workspace is another page view.
    await store.recordPageViews([pv('p1', START, { workspaceId: 'ws_b' })]);
    expect(await totals(store, 'ws_a')).toMatchObject({ page_views: 2, requests: 0, sessions: 1, sessions_with_requests: 0, new_users: 1 });
    expect(await store.rowCount({ ...whole, workspaceId: 'ws_a' })).toBe(2);
    expect(await store.rowCount(whole)).toBe(4);
    expect(await store.distinctUsers(whole, 'industry')).toEqual(new Map([['edu', 2]]));
  });

  it('moves a rating in the rated request’s bucket, once per request and end user; refuses foreign requests', async () => {
    const { logs, store } = await open();
    await logs.insertMany([
      logRow({ id: 'req_1', created_at: START + 5 * HOUR, workspace_id: 'ws_a', key_id: 'key_1', model_requested: 'qwen', user_id: 'u1' }),
      logRow({ id: 'req_2', created_at: START, workspace_id: 'ws_b', key_id: 'key_9' }),
    ]);
    const rate = (rating: 'like' | 'dislike' | null, endUser: string | null = 'u1', workspaceId = 'ws_a', requestId = 'req_1') =>
      store.recordFeedback({ requestId, workspaceId, rating, comment: rating ? `said ${rating}` : null, endUser, ts: START + 6 * HOUR });
    const at = async () => {
      const r = await store.sums({ workspaceId: 'ws_a', ...whole }, { grain: 'hour', groupBy: 'model' });
      return r.filter((x) => x.sums.likes || x.sums.dislikes).map((x) => [x.t, x.group, x.sums.likes, x.sums.dislikes]);
    };
    expect(await rate('like')).toBe(true);
    expect(await rate('like')).toBe(true);
    expect(await at()).toEqual([[START + 5 * HOUR, 'qwen', 1, 0]]);
    expect(await rate('dislike')).toBe(true);
    expect(await rate('like', 'u2')).toBe(true);
    expect(await rate('like', null)).toBe(true);
    expect(await at()).toEqual([[START + 5 * HOUR, 'qwen', 2, 1]]);
    expect(await rate(null)).toBe(true);
    expect(await at()).toEqual([[START + 5 * HOUR, 'qwen', 2, 0]]);
    // Another workspace's request, and one that does not exist.
    expect(await rate('like', 'u1', 'ws_a', 'req_2')).toBe(false);
    expect(await rate('like', 'u1', 'ws_a', 'req_404')).toBe(false);
    expect(await at()).toEqual([[START + 5 * HOUR, 'qwen', 2, 0]]);
    const live = await queryRows(dbs[0], `select * from ${AN.hour} order by hour, model`);
    await store.rebuild(START - DAY, START + 2 * DAY);
    expect(await queryRows(dbs[0], `select * from ${AN.hour} order by hour, model`)).toEqual(live);
  });

  it('leaves baimo’s own calls out, and lets end users’ metadata win over the row’s segments', async () => {
    const { logs, store } = await open();
    await store.setEndUser({ workspaceId: 'ws_a', endUser: 'u1', segments: { region: 'west', user_group: 'vip' }, ts: START });
    const seg = JSON.stringify({ industry: 'it', region: 'east' });
    await logs.insertMany([
      logRow({ id: 'a', created_at: START, workspace_id: 'ws_a', key_id: 'k', user_id: 'u1', segments: seg, cost_cny: 1 }),
      logRow({ id: 'b', created_at: START + 1, workspace_id: 'ws_a', key_id: 'k', user_id: 'u2', segments: seg, cost_cny: 1 }),
      logRow({ id: 'c', created_at: START + 2, workspace_id: 'ws_a', key_id: 'k', user_id: 'u3', origin: 'eval', cost_cny: 5 }),
      logRow({ id: 'd', created_at: START + 3, workspace_id: 'ws_a', key_id: 'k', user_id: 'u3', origin: 'analytics', cost_cny: 5 }),
    ]);
    expect(await totals(store)).toMatchObject({ requests: 2, cost: 2, new_users: 2 });
    expect(await store.distinctUsers(whole)).toEqual(new Map([['', 2]]));
    const byRegion = await store.sums(whole, { groupBy: 'region' });
    expect(Object.fromEntries(byRegion.map((r) => [r.group, r.sums.requests]))).toEqual({ west: 1, east: 1 });
    const byGroup = await store.sums(whole, { groupBy: 'user_group' });
    expect(Object.fromEntries(byGroup.map((r) => [r.group, r.sums.requests]))).toEqual({ vip: 1, '': 1 });
    // The log and the cost rollups keep them.
    expect(await countRows(dbs[0], `select count(*) as n from request_logs`)).toBe(4);
    expect(await countRows(dbs[0], `select sum(requests) as n from usage_rollup`)).toBe(4);
  });

  it('keeps every rollup, session and end user when retention purges raw logs, page views and feedback', async () => {
    const { db, logs, store } = await open();
    const now = START + 200 * DAY;
    const t = traffic(9, START, 2 * DAY, 150);
    await logs.insertMany([...t.rows, logRow({ id: 'fresh', created_at: now - HOUR, workspace_id: 'ws_a' })]);
    await store.recordPageViews(t.pageViews);
    const rated = t.rows.find((r) => !r.origin)!;
    expect(
      await store.recordFeedback({
        requestId: rated.id,
        workspaceId: rated.workspace_id!,
        rating: 'like',
        comment: 'good',
        endUser: null,
        ts: START,
      }),
    ).toBe(true);
    const tables = Object.values(AN).filter((x) => x !== AN.pageViews && x !== AN.feedback);
    const dump = async () => Promise.all(tables.map((x) => queryRows(db, `select * from ${x} order by 1, 2, 3`)));
    const before = await dump();
    const sums = await store.sums(whole);
    const result = await purgeExpired(new RetentionRepository(db), { requestLogsDays: 90 }, now);
    expect(result).toMatchObject({ deletedLogs: t.rows.length, deletedEvents: t.pageViews.length + 1 });
    expect(await countRows(db, `select count(*) as n from request_logs`)).toBe(1);
    expect(await countRows(db, `select count(*) as n from ${AN.pageViews}`)).toBe(0);
    expect(await countRows(db, `select count(*) as n from ${AN.feedback}`)).toBe(0);
    expect(await dump()).toEqual(before);
    expect(await store.sums(whole)).toEqual(sums);
    expect(sums[0].sums).toMatchObject({ requests: t.rows.filter((r) => !r.origin).length, likes: 1 });
  });

  it('stays consistent while replicas write the same users’ sessions at once', async () => {
    const { db, store } = await open();
    // A second and third connection to the same database: separate writers, as replicas have.
    const replicas = await Promise.all([1, 2].map(() => openDatabase(db.location)));
    dbs.push(...replicas);
    const writers = [db, ...replicas].map(
      (d) => new RequestLogRepository(d, { calendar: new Calendar(ZONE), usdToCny: 7.2, sessionGapMs: GAP }),
    );
    // Few streams, dense: adjacent batches (written at once by different writers) extend the same sessions.
    const t = traffic(21, START, 6 * HOUR, 60);
    for (let i = 0; i < 300; i++)
      t.rows.push(
        logRow({
          id: `z${i}`,
          created_at: START + i * 20_000 + (i % 7) * 1000,
          workspace_id: 'ws_a',
          key_id: 'key_1',
          user_id: `u${i % 3}`,
        }),
      );
    const batches: Array<typeof t.rows> = [];
    for (let i = 0; i < t.rows.length; i += 3) batches.push(t.rows.slice(i, i + 3));
    await Promise.all(
      writers.map(async (w, k) => {
        for (let i = k; i < batches.length; i += writers.length) await w.insertMany(batches[i]);
      }),
    );
    const events = naiveEvents({ rows: t.rows, pageViews: [] });
    const got = await store.sums({ from: START - HOUR, to: START + 7 * HOUR }, { grain: 'hour', groupBy: 'key' });
    const hourOf = (x: number) => x - (x % HOUR);
    const want = naiveSums(events, { from: START - HOUR, to: START + 7 * HOUR, groupBy: 'key', bucket: hourOf }, GAP);
    expect(new Map(got.map((r) => [`${r.t}\u0000${r.group}`, rounded(r.sums as never)]))).toEqual(
      new Map([...want].map(([k, v]) => [k, rounded(v)])),
    );
  });
});
