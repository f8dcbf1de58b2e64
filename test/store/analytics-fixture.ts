import { SUM_FIELDS, zeroSums } from '../../src/analytics/report-figures.js';
import { sessionize, type SessionEvent } from '../../src/analytics/sessions.js';
import { Calendar } from '../../src/core/calendar.js';
import type { PageViewRecord } from '../../src/store/analytics-writer.js';
import type { RequestLogRow } from '../../src/store/schema.js';
import { logRow } from '../helpers/log-row.js';
import { seededRandom } from '../helpers/pii-corpus.js';

/**
 * Random analytics traffic for the store's tests, and the naive reference: the definitions of the
 * rollups computed straight from the events (sessions by src/analytics/sessions.ts over every event,
 * counted at their first activity under their first request's dimensions; new users at their first
 * activity; end users' metadata over the row's segments).
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The summed fields of a rollup row, in the port's order. */
export const SUM_NAMES = SUM_FIELDS;
export type Sums = Record<(typeof SUM_NAMES)[number], number>;
export const zero = (): Sums => zeroSums();

export type Dim = 'workspace' | 'app' | 'scenario' | 'key' | 'model' | 'provider' | 'industry' | 'region' | 'user_group';

/** An event as the naive reference sees it. */
export interface NaiveEvent {
  id: string;
  ts: number;
  kind: 'request' | 'page_view';
  ws: string;
  key: string | null;
  user: string | null;
  sid: string | null;
  dims: Record<Dim, string>;
  row?: RequestLogRow;
}

/** A page view as the store's writer takes it. */
export type PageView = PageViewRecord;

/** End users' metadata by `ws\0user`. */
export type UserMeta = Map<string, Record<string, string>>;

const SEGMENTS: Array<Record<string, string>> = [
  {},
  { industry: 'it' },
  { industry: 'edu', region: 'north' },
  { user_group: 'pro', region: 'south' },
];

export interface Traffic {
  rows: RequestLogRow[];
  pageViews: PageView[];
}

/** `n` request rows and about n/5 page views from `start` over `spanMs`, seeded. */
export function traffic(seed: number, start: number, spanMs: number, n: number, prefix = 'r'): Traffic {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const rows: RequestLogRow[] = [];
  const pageViews: PageView[] = [];
  for (let i = 0; i < n; i++) {
    const ws = pick(['ws_a', 'ws_b']);
    const console = rnd() < 0.15;
    const app = pick([null, 'app_1', 'app_2']);
    const status = rnd() < 0.1 ? pick([429, 500]) : 200;
    const latency = Math.round(20 + rnd() * rnd() * 8000);
    rows.push(
      logRow({
        id: `${prefix}${i}`,
        created_at: start + Math.floor(rnd() * spanMs),
        workspace_id: ws,
        key_id: console ? null : pick(['key_1', 'key_2', 'key_3']),
        app_id: app,
        app_slug: app === null ? null : app === 'app_1' ? 'summarize' : 'translate',
        model_requested: pick(['qwen', 'glm', 'ernie']),
        provider: pick(['p1', 'p2']),
        status,
        prompt_tokens: Math.floor(rnd() * 500),
        completion_tokens: Math.floor(rnd() * 300),
        cost_cny: Math.round(rnd() * 1000) / 10_000,
        latency_ms: latency,
        ttft_ms: rnd() < 0.5 ? Math.round(latency * rnd()) : null,
        cache_hit: rnd() < 0.1 ? 1 : 0,
        user_id: rnd() < 0.8 ? pick(['u1', 'u2', 'u3', 'u4', 'u5', 'u6']) : null,
        session_id: rnd() < 0.2 ? pick(['conv_1', 'conv_2']) : null,
        segments: rnd() < 0.6 ? JSON.stringify(pick(SEGMENTS)) : null,
        origin: rnd() < 0.08 ? pick(['eval', 'analytics']) : null,
      }),
    );
    if (rnd() < 0.2)
      pageViews.push({
        id: `pv_${prefix}${i}`,
        ts: start + Math.floor(rnd() * spanMs),
        workspaceId: ws,
        page: pick(['/playground', '/apps/summarize']),
        sessionId: rnd() < 0.2 ? pick(['conv_1', 'tab_9']) : null,
        endUser: rnd() < 0.8 ? pick(['u1', 'u2', 'u3', 'u7']) : null,
        appId: pick([null, 'app_1']),
        scenario: null,
        keyId: rnd() < 0.5 ? null : 'key_1',
        segments: pick(SEGMENTS),
      });
  }
  return { rows, pageViews };
}

const attr = (o: Record<string, string> | null | undefined, k: string): string | undefined =>
  o && typeof o[k] === 'string' && o[k] !== '' ? o[k] : undefined;

/** The events of the traffic (rows with an origin left out), dimensions resolved with `meta`. */
export function naiveEvents(t: Traffic, meta: UserMeta = new Map()): NaiveEvent[] {
  const seg = (own: Record<string, string> | null, ws: string, user: string | null) => {
    const m = user === null ? undefined : meta.get(`${ws}\u0000${user}`);
    return {
      industry: attr(m, 'industry') ?? attr(own, 'industry') ?? '',
      region: attr(m, 'region') ?? attr(own, 'region') ?? '',
      user_group: attr(m, 'user_group') ?? attr(own, 'user_group') ?? '',
    };
  };
  const out: NaiveEvent[] = [];
  for (const r of t.rows) {
    if (r.origin) continue;
    const ws = r.workspace_id ?? '';
    out.push({
      id: r.id,
      ts: r.created_at,
      kind: 'request',
      ws,
      key: r.key_id,
      user: r.user_id,
      sid: r.session_id,
      row: r,
      dims: {
        workspace: ws,
        app: r.app_id ?? '',
        scenario: r.app_slug ?? 'direct_api',
        key: r.key_id ?? '',
        model: r.model_requested,
        provider: r.provider ?? '',
        ...seg(r.segments ? (JSON.parse(r.segments) as Record<string, string>) : null, ws, r.user_id),
      },
    });
  }
  for (const p of t.pageViews)
    out.push({
      id: p.id,
      ts: p.ts,
      kind: 'page_view',
      ws: p.workspaceId,
      key: p.keyId,
      user: p.endUser,
      sid: p.sessionId,
      dims: {
        workspace: p.workspaceId,
        app: p.appId ?? '',
        scenario: p.scenario ?? 'direct_api',
        key: p.keyId ?? '',
        model: '',
        provider: '',
        ...seg(p.segments, p.workspaceId, p.endUser),
      },
    });
  return out;
}

export interface Rating {
  requestId: string;
  rating: 'like' | 'dislike';
}

export interface NaiveQuery {
  workspaceId?: string;
  from: number;
  to: number;
  filters?: Partial<Record<Dim, string>>;
  groupBy?: Dim;
  /** Bucket start of a time (default: one bucket at `from`). */
  bucket?: (ts: number) => number;
}

const byTimeThenId = (a: NaiveEvent, b: NaiveEvent) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The naive sums of `q` per `bucket\0group`. */
export function naiveSums(events: readonly NaiveEvent[], q: NaiveQuery, gapMs: number, ratings: readonly Rating[] = []): Map<string, Sums> {
  const out = new Map<string, Sums>();
  const inScope = (ts: number, d: Record<Dim, string>) =>
    ts >= q.from &&
    ts < q.to &&
    (q.workspaceId === undefined || d.workspace === q.workspaceId) &&
    Object.entries(q.filters ?? {}).every(([k, v]) => d[k as Dim] === v);
  const add = (ts: number, d: Record<Dim, string>, f: (s: Sums) => void) => {
    if (!inScope(ts, d)) return;
    const k = `${q.bucket ? q.bucket(ts) : q.from}\u0000${q.groupBy ? d[q.groupBy] : ''}`;
    let s = out.get(k);
    if (!s) out.set(k, (s = zero()));
    f(s);
  };
  const byId = new Map(events.map((e) => [e.id, e]));
  for (const e of events) {
    add(e.ts, e.dims, (s) => {
      if (e.kind === 'page_view') {
        s.page_views++;
        return;
      }
      const r = e.row!;
      const ok = r.status < 400;
      s.requests++;
      if (ok) s.answers++;
      else s.errors++;
      if (r.cache_hit) s.cache_hits++;
      if (r.key_id !== null) s.page_views++;
      s.input_tokens += r.prompt_tokens;
      s.output_tokens += r.completion_tokens;
      s.cost += r.cost_cny;
      s.latency_n++;
      s.latency_sum_ms += r.latency_ms;
      if (ok && r.latency_ms > 0) {
        s.tps_tokens += r.completion_tokens;
        s.tps_seconds += r.latency_ms / 1000;
      }
      if (r.ttft_ms !== null) {
        s.ttft_n++;
        s.ttft_sum_ms += r.ttft_ms;
      }
    });
  }
  for (const r of ratings) {
    const e = byId.get(r.requestId)!;
    add(e.ts, e.dims, (s) => void (r.rating === 'like' ? s.likes++ : s.dislikes++));
  }
  const sessionEvents: SessionEvent[] = events.map((e) => ({
    id: e.id,
    ts: e.ts,
    kind: e.kind,
    workspace: e.ws,
    key: e.key,
    endUser: e.user,
    sessionId: e.sid,
    app: null,
    model: null,
  }));
  for (const s of sessionize(sessionEvents, { gapMs })) {
    const evs = s.eventIds.map((id) => byId.get(id)!).sort(byTimeThenId);
    const lead = evs.find((e) => e.kind === 'request') ?? evs[0];
    add(s.start, lead.dims, (x) => {
      x.sessions++;
      if (s.turns > 0) {
        x.sessions_with_requests++;
        x.session_turns += s.turns;
        x.dwell_ms += s.dwellMs;
      }
    });
  }
  const firsts = new Map<string, NaiveEvent>();
  for (const e of [...events].sort(byTimeThenId))
    if (e.user !== null && !firsts.has(`${e.ws}\u0000${e.user}`)) firsts.set(`${e.ws}\u0000${e.user}`, e);
  for (const e of firsts.values()) add(e.ts, e.dims, (s) => s.new_users++);
  return out;
}

/** Distinct (workspace, end user) in the query's range per group. */
export function naiveUsers(events: readonly NaiveEvent[], q: NaiveQuery): Map<string, number> {
  const sets = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.user === null || e.ts < q.from || e.ts >= q.to) continue;
    if (q.workspaceId !== undefined && e.ws !== q.workspaceId) continue;
    if (!Object.entries(q.filters ?? {}).every(([k, v]) => e.dims[k as Dim] === v)) continue;
    const g = q.groupBy ? e.dims[q.groupBy] : '';
    let s = sets.get(g);
    if (!s) sets.set(g, (s = new Set()));
    s.add(`${e.ws}\u0000${e.user}`);
  }
  return new Map([...sets].map(([g, s]) => [g, s.size]));
}

/** Local midnight of the day holding `ts` in `zone`. */
export function localDayStart(zone: string, ts: number): number {
  const c = new Calendar(zone);
  return c.startOf(c.day(ts));
}

/** Rounds money so float sums in different orders compare. */
export function rounded(s: Sums): Sums {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.round(v * 1e6) / 1e6])) as Sums;
}
