import { AN, HOUR } from './analytics-columns.js';
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
import type { QueryRunner } from './analytics-query.js';
import type { DimValues } from './analytics-columns.js';
import type { RequestLogRow } from './schema.js';

/** Hours of raw rows read per statement: bounded memory, and a range scan of the created_at index. */
const SLICE_MS = HOUR;

const LOGS_SQL = `select ${EVENT_LOG_COLUMNS.join(', ')} from request_logs where created_at >= ? and created_at < ? and origin is null`;
const PV_SQL = `select workspace_id, id, ts, session_id, end_user, app_id, scenario, key_id, segments from ${AN.pageViews} where ts >= ? and ts < ?`;
const META_SQL = `select end_user, metadata from ${AN.endUsers} where workspace_id = ? and end_user = ?`;

/** An event and the dimensions it counts under now (end-user metadata as it is now). */
export interface ResolvedEvent {
  e: AnEvent;
  dims: DimValues;
}

/**
 * Usage-analytics events read back from the raw rows (request logs without an origin, page views):
 * what rebuilds recompute the rollups from, and what reads fall back to for the few shapes the rollups
 * do not answer (partial minutes, several filters at minute grain, latency under segment filters). Raw
 * rows are purged by retention: such reads see only what is left.
 */
export class AnalyticsRawReader {
  constructor(private readonly q: QueryRunner) {}

  /** The events of `[from, to)` (of one workspace when given), a slice at a time, each in (ts, id) order. */
  async *slices(from: number, to: number, workspaceId?: string): AsyncGenerator<AnEvent[]> {
    const ws = workspaceId === undefined ? '' : ' and workspace_id = ?';
    const extra = workspaceId === undefined ? [] : [workspaceId];
    for (let t = from; t < to; t += SLICE_MS) {
      const end = Math.min(to, t + SLICE_MS);
      const [logs, pvs] = await Promise.all([
        this.q.all<RequestLogRow>(LOGS_SQL + ws, [t, end, ...extra]),
        this.q.all<PageViewRow>(PV_SQL + ws, [t, end, ...extra]),
      ]);
      const out: AnEvent[] = [];
      for (const r of logs) {
        const e = eventOfLogRow(r);
        if (e) out.push(e);
      }
      for (const p of pvs) out.push(eventOfPageView(p));
      if (out.length > 0) yield out.sort(byTimeThenId);
    }
  }

  /** The end users' metadata (JSON text or null) by userKey, for the events' end users. */
  async metadata(events: readonly AnEvent[], known = new Map<string, string | null>()): Promise<Map<string, string | null>> {
    for (const e of events) {
      if (e.user === null) continue;
      const k = userKey(e.ws, e.user);
      if (known.has(k)) continue;
      const rows = await this.q.all<{ metadata: string | null }>(META_SQL, [e.ws, e.user]);
      known.set(k, rows[0]?.metadata ?? null);
    }
    return known;
  }

  /** The events of `[from, to)` with their dimensions, a slice at a time. */
  async *resolved(from: number, to: number, workspaceId?: string): AsyncGenerator<ResolvedEvent[]> {
    const meta = new Map<string, string | null>();
    for await (const events of this.slices(from, to, workspaceId)) {
      if (meta.size > 100_000) meta.clear();
      await this.metadata(events, meta);
      yield events.map((e) => ({ e, dims: dimsOf(e, e.user === null ? null : meta.get(userKey(e.ws, e.user))) }));
    }
  }
}
