import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Calendar } from '../../src/core/calendar.js';
import { DbJobQueue } from '../../src/jobs/db-job-queue.js';
import { ANALYTICS_REBUILD_JOB, registerAnalyticsRebuildJob } from '../../src/runtime/analytics-store-wiring.js';
import { AN, SKETCH_COUNTS, SUMS } from '../../src/store/analytics-columns.js';
import { AnalyticsRepository } from '../../src/store/analytics-repository.js';
import { JobRepository } from '../../src/store/job-repository.js';
import type { OpenedDatabase } from '../../src/store/open-database.js';
import { RequestLogRepository } from '../../src/store/request-log-repository.js';
import { logRow } from '../helpers/log-row.js';
import { queryRows } from '../helpers/db-query.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';
import { DAY, HOUR, MINUTE, localDayStart, traffic } from './analytics-fixture.js';

// rebuild(from, to) recomputes the rollups of a range from raw rows: after the live write path it
// finds nothing to change, a second run changes nothing, and it repairs rollups that went wrong.
// Late events move sessions, new users and counts into the right buckets.

const ZONE = 'Asia/Shanghai';
const GAP = 30 * MINUTE;
const START = Date.UTC(2026, 4, 3, 13, 0, 0);
const ROLLUPS = [AN.hour, AN.day, AN.minute, AN.sketchHour, AN.sketchDay, AN.userHour, AN.userDay] as const;

/** Every analytics row (rollups without rows that add nothing, sessions, end users), in one order. */
async function snapshot(db: OpenedDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of [...ROLLUPS, AN.sessions, AN.endUsers]) {
    const rows = await queryRows(db, `select * from ${t}`);
    out[t] = rows
      .map((r) => {
        const o: Record<string, unknown> = {};
        for (const k of Object.keys(r).sort()) {
          if (k === 'updated_at') continue;
          const v = r[k];
          o[k] =
            typeof v === 'number' || (typeof v === 'string' && k !== 'value' && /^-?\d+(\.\d+)?$/.test(v) && SUMS.includes(k as never))
              ? Math.round(Number(v) * 1e6) / 1e6
              : v;
        }
        return o;
      })
      .filter((o) => !(SUMS[0] in o) || SUMS.some((c) => o[c] !== 0))
      .filter((o) => !('page' in o) || SKETCH_COUNTS.some((c) => o[c] !== 0))
      .map((o) => JSON.stringify(o))
      .sort();
  }
  return out;
}

describe('analytics rebuild and late events', () => {
  let db: OpenedDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  async function open() {
    db = await openTestDatabase(mkdtempSync(join(tmpdir(), 'baimo-an-rebuild-')));
    const logs = new RequestLogRepository(db, { calendar: new Calendar(ZONE), usdToCny: 7.2, sessionGapMs: GAP });
    const store = new AnalyticsRepository(db, { timeZone: ZONE, sessionGapMs: GAP });
    return { db, logs, store };
  }

  it('finds nothing to change after the live write path, and a second run changes nothing', async () => {
    const { db, logs, store } = await open();
    const t = traffic(3, START, 2 * DAY, 300);
    const dense = traffic(4, START + 20 * HOUR, 3 * HOUR, 200, 'x');
    const rows = [...t.rows, ...dense.rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (let i = 0; i < rows.length; i += 50) await logs.insertMany(rows.slice(i, i + 50));
    await store.recordPageViews([...t.pageViews, ...dense.pageViews]);
    await store.recordFeedback({
      requestId: 'x3',
      workspaceId: rows.find((r) => r.id === 'x3')!.workspace_id!,
      rating: 'like',
      comment: null,
      endUser: null,
      ts: START,
    });
    const live = await snapshot(db);
    expect(live[AN.sessions].length).toBeGreaterThan(20);

    const from = localDayStart(ZONE, START);
    const to = localDayStart(ZONE, START + 3 * DAY);
    const first = await store.rebuild(from, to);
    expect(first.events).toBe(rows.filter((r) => !r.origin).length + t.pageViews.length + dense.pageViews.length);
    expect(await snapshot(db)).toEqual(live);
    // Over ragged edges too (partial hours and days are left alone, sessions crossing the ends widen it).
    await store.rebuild(START + 20 * HOUR + 17 * MINUTE + 5, START + 21 * HOUR + 45 * MINUTE);
    expect(await snapshot(db)).toEqual(live);
    await store.rebuild(from, to);
    expect(await snapshot(db)).toEqual(live);
  });

  it('repairs rollups that went wrong, as an analytics.rebuild job', async () => {
    const { db, logs, store } = await open();
    const t = traffic(5, START, DAY, 200);
    await logs.insertMany(t.rows);
    await store.recordPageViews(t.pageViews);
    const live = await snapshot(db);
    // Damage: counts doubled, a session and an end user lost, a stray user-activity row.
    await queryRows(db, `update ${AN.hour} set requests = requests * 2`);
    await queryRows(db, `update ${AN.day} set sessions = sessions + 3`);
    await queryRows(db, `delete from ${AN.sessions} where stream in (select stream from ${AN.sessions} order by stream limit 1)`);
    await queryRows(db, `delete from ${AN.minute} where dim = 'model'`);
    await queryRows(db, `insert into ${AN.userHour} (hour, workspace_id, end_user) values (${START}, 'ws_a', 'ghost')`);
    expect(await snapshot(db)).not.toEqual(live);

    const queue = new DbJobQueue(new JobRepository(db.db), { leaseMs: 5000, pollMs: 20 });
    try {
      registerAnalyticsRebuildJob(queue, { store, timeZone: ZONE, retentionDays: 3650 });
      await queue.startWorkers();
      const job = await queue.enqueue(ANALYTICS_REBUILD_JOB, {
        from: new Date(localDayStart(ZONE, START)).toISOString(),
        to: localDayStart(ZONE, START + 2 * DAY),
      });
      const done = await waitFor(
        async () => {
          const j = await queue.get(job.id);
          return j && j.status !== 'queued' && j.status !== 'running' ? j : undefined;
        },
        { timeoutMs: 20_000 },
      );
      expect(done).toMatchObject({ status: 'succeeded', result: { chunks: 2 } });
      await expect(queue.enqueue(ANALYTICS_REBUILD_JOB, { from: 5, to: 1 })).rejects.toThrow(/before/);
    } finally {
      await queue.close(500);
    }
    expect(await snapshot(db)).toEqual(live);
  });

  it('late events merge sessions, move the new user and land in their own buckets', async () => {
    const { db, logs, store } = await open();
    const base = { workspace_id: 'ws_a', key_id: 'key_1', user_id: 'u1', latency_ms: 100 };
    const t0 = START + 5 * MINUTE;
    await logs.insertMany([
      logRow({ ...base, id: 'a', created_at: t0 }),
      logRow({ ...base, id: 'b', created_at: t0 + 5 * MINUTE, model_requested: 'glm' }),
    ]);
    await logs.insertMany([logRow({ ...base, id: 'c', created_at: t0 + 50 * MINUTE })]);
    const hourSums = async () =>
      (await store.sums({ workspaceId: 'ws_a', from: START - 2 * HOUR, to: START + 2 * HOUR }, { grain: 'hour' })).map((r) => ({
        t: r.t,
        requests: r.sums.requests,
        sessions: r.sums.sessions,
        turns: r.sums.session_turns,
        dwell: r.sums.dwell_ms,
        new_users: r.sums.new_users,
      }));
    expect(await hourSums()).toEqual([{ t: START, requests: 3, sessions: 2, turns: 3, dwell: 5 * MINUTE, new_users: 1 }]);

    // A late request closes the pause: one session from t0 to t0 + 50 min.
    await logs.insertMany([logRow({ ...base, id: 'd', created_at: t0 + 28 * MINUTE })]);
    expect(await hourSums()).toEqual([{ t: START, requests: 4, sessions: 1, turns: 4, dwell: 50 * MINUTE, new_users: 1 }]);
    // A later one, an hour earlier: a session of its own there, and the end user is new in that hour now.
    await logs.insertMany([logRow({ ...base, id: 'e', created_at: START - 50 * MINUTE })]);
    expect(await hourSums()).toEqual([
      { t: START - HOUR, requests: 1, sessions: 1, turns: 1, dwell: 0, new_users: 1 },
      { t: START, requests: 4, sessions: 1, turns: 4, dwell: 50 * MINUTE, new_users: 0 },
    ]);
    // One that bridges both (within the gap of each) merges them into a session starting an hour earlier.
    await logs.insertMany([
      logRow({ ...base, id: 'f', created_at: START - 25 * MINUTE }),
      logRow({ ...base, id: 'g', created_at: START - 2 * MINUTE }),
    ]);
    expect(await hourSums()).toEqual([
      { t: START - HOUR, requests: 3, sessions: 1, turns: 7, dwell: 105 * MINUTE, new_users: 1 },
      { t: START, requests: 4, sessions: 0, turns: 0, dwell: 0, new_users: 0 },
    ]);
    const sessions = await queryRows<{ first_at: number; last_at: number; requests: number }>(
      db,
      `select first_at, last_at, requests from ${AN.sessions}`,
    );
    expect(sessions.map((s) => [Number(s.first_at), Number(s.last_at), Number(s.requests)])).toEqual([
      [START - 50 * MINUTE, t0 + 50 * MINUTE, 7],
    ]);
    // Its first request (`e`, model chat) gives the session its dimensions.
    const byModel = await store.sums({ from: START - DAY, to: START + DAY }, { groupBy: 'model' });
    expect(Object.fromEntries(byModel.map((r) => [r.group, [r.sums.requests, r.sums.sessions]]))).toEqual({ chat: [6, 1], glm: [1, 0] });
    const live = await snapshot(db);
    await store.rebuild(START - DAY, START + DAY);
    expect(await snapshot(db)).toEqual(live);
  });
});
