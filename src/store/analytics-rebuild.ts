import type pg from 'pg';
import { AN, DIMS, HOUR, MINUTE } from './analytics-columns.js';
import { endUserFromRow, planBatch, type BatchPlan, type LoadedState } from './analytics-batch.js';
import {
  byTimeThenId,
  dimsOf,
  eventOfLogRow,
  eventOfPageView,
  EVENT_LOG_COLUMNS,
  userKey,
  type AnEvent,
  type PageViewRow,
} from './analytics-events.js';
import { DayBuckets, RollupDeltas, type BucketRange } from './analytics-rollup.js';
import { sessionFromRow } from './analytics-sessions.js';
import { DEFAULT_GAP_MS, SqliteAnalytics, type AnalyticsSettings } from './analytics-sqlite.js';
import type { OpenedDatabase } from './open-database.js';
import { PgAnalytics, REBUILD_LOCK } from './pg-analytics-write.js';
import type { RequestLogRow } from './schema.js';

/** What a rebuild did. */
export interface RebuildResult {
  /** The range asked for: the rollup buckets wholly inside it were recomputed. */
  from: number;
  to: number;
  /** The range whose sessions were recomputed (the asked one, widened to the sessions crossing its ends). */
  sessionsFrom: number;
  sessionsTo: number;
  /** Raw events (requests and page views) read. */
  events: number;
  /** Sessions written. */
  sessions: number;
}

/** A step of the rebuild, run by the engine's driver (synchronously on SQLite, awaited on PostgreSQL). */
type Op =
  | { op: 'query'; text: string; params: unknown[] }
  | { op: 'exec'; text: string; params: unknown[] }
  | { op: 'load'; events: AnEvent[] }
  | { op: 'write'; plan: BatchPlan }
  | { op: 'deltas'; deltas: RollupDeltas };
type Rows = Array<Record<string, unknown>>;

/** Tables recomputed per bucket range, with their bucket column and which range applies. */
const BUCKETED: ReadonlyArray<[string, string, 'hour' | 'day' | 'minute']> = [
  [AN.hour, 'hour', 'hour'],
  [AN.sketchHour, 'hour', 'hour'],
  [AN.userHour, 'hour', 'hour'],
  [AN.day, 'day', 'day'],
  [AN.sketchDay, 'day', 'day'],
  [AN.userDay, 'day', 'day'],
  [AN.minute, 'minute', 'minute'],
];

/**
 * The rebuild as a sequence of steps (yielded to a driver, results sent back):
 *
 * 1. Sessions: the range is widened to the sessions crossing its ends; the stored sessions of the
 *    widened range are taken out (rows deleted, counts subtracted where they were added), and the range's
 *    raw events replayed through the write path's session and end-user logic (sessions that grow into
 *    neighbours outside the range merge as they would live; end users whose first activity lies in the
 *    range get it again from its events).
 * 2. Buckets: every hour, day and minute bucket wholly inside `[from, to)` is deleted and recomputed:
 *    the events in it, the sessions and new users that start in it, the feedback on its requests.
 *
 * A second run finds the same sessions and computes the same rows: it changes nothing.
 */
function* rebuildSteps(from: number, to: number, days: DayBuckets, gapMs: number): Generator<Op, RebuildResult, unknown> {
  let a = from;
  let b = to;
  for (let i = 0; i < 100; i++) {
    const [r] = (yield q(`select min(first_at) as lo, max(last_at) as hi from ${AN.sessions} where first_at < ? and last_at >= ?`, [
      b,
      a,
    ])) as Rows;
    const na = r?.lo === null || r?.lo === undefined ? a : Math.min(a, Number(r.lo));
    const nb = r?.hi === null || r?.hi === undefined ? b : Math.max(b, Number(r.hi) + 1);
    if (na === a && nb === b) break;
    a = na;
    b = nb;
  }
  const deltas = new RollupDeltas(days);
  const old = (yield q(`select * from ${AN.sessions} where first_at >= ? and first_at < ?`, [a, b])) as Rows;
  for (const r of old) deltas.addSession(sessionFromRow(r), -1);
  yield { op: 'exec', text: `delete from ${AN.sessions} where first_at >= ? and first_at < ?`, params: [a, b] };

  const logs = (yield q(
    `select ${EVENT_LOG_COLUMNS.join(', ')} from request_logs where created_at >= ? and created_at < ? and origin is null`,
    [a, b],
  )) as unknown as RequestLogRow[];
  const pvs = (yield q(
    `select workspace_id, id, ts, session_id, end_user, app_id, scenario, key_id, segments from ${AN.pageViews} where ts >= ? and ts < ?`,
    [a, b],
  )) as unknown as PageViewRow[];
  const events: AnEvent[] = [];
  for (const r of logs) {
    const e = eventOfLogRow(r);
    if (e) events.push(e);
  }
  for (const p of pvs) events.push(eventOfPageView(p));
  events.sort(byTimeThenId);

  const state = (yield { op: 'load', events }) as LoadedState;
  // End users first seen inside the range get their first activity from its events again.
  for (const u of state.users.values()) {
    if (u.first_at === null || u.first_at < a || u.first_at >= b) continue;
    deltas.addNewUser(u.first_at, u.workspace_id, u.dims, -1);
    u.first_at = null;
    u.first_id = null;
  }
  const plan = planBatch(events, state, { days, gapMs, countEvents: false, deltas });
  yield { op: 'write', plan };

  const limits = {
    hour: { from: Math.ceil(from / HOUR) * HOUR, to: Math.floor(to / HOUR) * HOUR },
    day: { from: days.start(from) === from ? from : days.end(from), to: days.start(to) },
    minute: { from: Math.ceil(from / MINUTE) * MINUTE, to: Math.floor(to / MINUTE) * MINUTE },
  };
  const ranges = Object.values(limits).filter((r) => r.from < r.to);
  const fresh = new RollupDeltas(days, limits);
  if (ranges.length > 0) {
    const lo = Math.min(...ranges.map((r) => r.from));
    const hi = Math.max(...ranges.map((r) => r.to));
    const meta = new Map<string, string | null>();
    for (const u of state.users.values()) meta.set(userKey(u.workspace_id, u.end_user), u.metadata);
    for (const e of events)
      if (e.ts >= lo && e.ts < hi) fresh.addEvent(e, dimsOf(e, e.user === null ? null : meta.get(userKey(e.ws, e.user))));
    for (const r of (yield q(`select * from ${AN.sessions} where first_at >= ? and first_at < ?`, [lo, hi])) as Rows)
      fresh.addSession(sessionFromRow(r), 1);
    for (const r of (yield q(`select * from ${AN.endUsers} where first_at >= ? and first_at < ?`, [lo, hi])) as Rows) {
      const u = endUserFromRow(r);
      fresh.addNewUser(u.first_at!, u.workspace_id, u.dims, 1);
    }
    const feedback = (yield q(`select * from ${AN.feedback} where request_ts >= ? and request_ts < ? and rating is not null`, [
      lo,
      hi,
    ])) as Rows;
    for (const r of feedback) {
      const like = r.rating === 'like' ? 1 : 0;
      fresh.addFeedback(
        Number(r.request_ts),
        String(r.workspace_id),
        DIMS.map((c) => String(r[c] ?? '')),
        like,
        1 - like,
      );
    }
    for (const [table, col, grain] of BUCKETED) {
      const r: BucketRange = limits[grain];
      if (r.from < r.to) yield { op: 'exec', text: `delete from ${table} where ${col} >= ? and ${col} < ?`, params: [r.from, r.to] };
    }
  }
  // The subtractions and additions of step 1 first (buckets outside the range keep them), then the fresh rows.
  yield { op: 'deltas', deltas: fresh };
  return { from, to, sessionsFrom: a, sessionsTo: b, events: events.length, sessions: plan.sessionUpserts.length };
}

const q = (text: string, params: unknown[]): Op => ({ op: 'query', text, params });

/**
 * Recomputes the analytics of a range from raw rows (analytics.rebuild jobs): one transaction per call,
 * holding SQLite's write lock, or on PostgreSQL the rebuild lock every analytics writer shares (so no
 * batch lands in the range meanwhile). Callers rebuild a long range a day or so at a time, and only
 * where raw rows are still kept (retention): a range without its raw rows would be rebuilt empty.
 */
export class AnalyticsRebuild {
  private readonly days: DayBuckets;
  private readonly gapMs: number;
  private sqliteAnalytics: SqliteAnalytics | undefined;
  private readonly pgAnalytics: PgAnalytics;

  constructor(
    private readonly database: Pick<OpenedDatabase, 'sqlite' | 'pool'>,
    private readonly settings: AnalyticsSettings,
  ) {
    this.days = new DayBuckets(settings.timeZone);
    this.gapMs = settings.sessionGapMs ?? DEFAULT_GAP_MS;
    this.pgAnalytics = new PgAnalytics(settings);
  }

  async rebuild(from: number, to: number): Promise<RebuildResult> {
    if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to)
      throw new RangeError(`rebuild needs finite from < to, got ${from}..${to}`);
    const steps = rebuildSteps(from, to, this.days, this.gapMs);
    const sqlite = this.database.sqlite;
    if (sqlite) {
      const an = (this.sqliteAnalytics ??= new SqliteAnalytics(sqlite, this.settings));
      return sqlite
        .transaction(() => {
          let next = steps.next();
          while (!next.done) {
            const op = next.value;
            let out: unknown;
            if (op.op === 'query') out = sqlite.prepare(op.text).all(...op.params);
            else if (op.op === 'exec') sqlite.prepare(op.text).run(...op.params);
            else if (op.op === 'load') out = an.load(op.events);
            else if (op.op === 'write') an.write(op.plan);
            else an.writeDeltas(op.deltas);
            next = steps.next(out);
          }
          return next.value;
        })
        .immediate();
    }
    const client = await this.database.pool!.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock($1::int8)', [REBUILD_LOCK]);
      const result = await this.runPg(client, steps);
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async runPg(client: pg.PoolClient, steps: Generator<Op, RebuildResult, unknown>): Promise<RebuildResult> {
    const numbered = (t: string): string => {
      let i = 0;
      return t.replace(/\?/g, () => `$${++i}`);
    };
    let next = steps.next();
    while (!next.done) {
      const op = next.value;
      let out: unknown;
      if (op.op === 'query') out = (await client.query(numbered(op.text), op.params)).rows;
      else if (op.op === 'exec') await client.query(numbered(op.text), op.params);
      else if (op.op === 'load') out = await this.pgAnalytics.load(client, op.events);
      else if (op.op === 'write') await this.pgAnalytics.write(client, op.plan);
      else await this.pgAnalytics.writeDeltas(client, op.deltas);
      next = steps.next(out);
    }
    return next.value;
  }
}
