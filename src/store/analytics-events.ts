import { D_INDUSTRY, D_REGION, D_USER_GROUP, DIRECT_API, type DimValues } from './analytics-columns.js';
import type { RequestLogRow } from './schema.js';

/**
 * The events usage analytics counts, as the store sees them: requests (request-log rows without an
 * origin) and page views. '' stands for a missing key, app, model or provider.
 */
export interface AnEvent {
  id: string;
  ts: number;
  /** 0: a request, 1: a page view. */
  kind: 0 | 1;
  ws: string;
  key: string;
  user: string | null;
  /** The caller's session or conversation id (explicit session). */
  sid: string | null;
  app: string;
  /** The app's slug, or `direct_api`. */
  scenario: string;
  model: string;
  provider: string;
  /** Segment attributes of the key and app (JSON object text, or an object for page views). */
  segments: string | Readonly<Record<string, string>> | null;
  status: number;
  latencyMs: number | null;
  ttftMs: number | null;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  cacheHit: boolean;
  /** A console page made the request (no key): that page sends its own page views. */
  fromPage: boolean;
}

/** The request-log columns an event is made of (what the raw readers select). */
export const EVENT_LOG_COLUMNS = [
  'id',
  'created_at',
  'key_id',
  'workspace_id',
  'app_id',
  'model_requested',
  'provider',
  'status',
  'prompt_tokens',
  'completion_tokens',
  'cost_cny',
  'latency_ms',
  'ttft_ms',
  'cache_hit',
  'session_id',
  'user_id',
  'app_slug',
  'segments',
] as const;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0) || 0);

/** The event of a request-log row, or undefined for rows baimo's own calls left (an origin). */
export function eventOfLogRow(r: RequestLogRow): AnEvent | undefined {
  if (r.origin !== null && r.origin !== undefined) return undefined;
  const key = r.key_id ?? '';
  return {
    id: r.id,
    ts: num(r.created_at),
    kind: 0,
    ws: r.workspace_id ?? '',
    key,
    user: r.user_id ?? null,
    sid: r.session_id ?? null,
    app: r.app_id ?? '',
    scenario: r.app_slug ?? DIRECT_API,
    model: r.model_requested ?? '',
    provider: r.provider ?? '',
    segments: r.segments ?? null,
    status: num(r.status),
    latencyMs: r.latency_ms === null || r.latency_ms === undefined ? null : num(r.latency_ms),
    ttftMs: r.ttft_ms === null || r.ttft_ms === undefined ? null : num(r.ttft_ms),
    inputTokens: num(r.prompt_tokens),
    outputTokens: num(r.completion_tokens),
    cost: num(r.cost_cny),
    cacheHit: num(r.cache_hit) !== 0,
    fromPage: key === '',
  };
}

/** A stored page view (analytics_page_views row) as an event. */
export interface PageViewRow {
  workspace_id: string;
  id: string;
  ts: number;
  session_id: string | null;
  end_user: string | null;
  app_id: string | null;
  scenario: string | null;
  key_id: string | null;
  segments: string | null;
}

export function eventOfPageView(p: PageViewRow): AnEvent {
  return {
    id: p.id,
    ts: num(p.ts),
    kind: 1,
    ws: p.workspace_id,
    key: p.key_id ?? '',
    user: p.end_user ?? null,
    sid: p.session_id ?? null,
    app: p.app_id ?? '',
    scenario: p.scenario ?? DIRECT_API,
    model: '',
    provider: '',
    segments: p.segments,
    status: 0,
    latencyMs: null,
    ttftMs: null,
    inputTokens: 0,
    outputTokens: 0,
    cost: 0,
    cacheHit: false,
    fromPage: true,
  };
}

/** Events in (ts, id) order: the order sessions are built in. */
export const byTimeThenId = (a: { ts: number; id: string }, b: { ts: number; id: string }): number =>
  a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const parsed = new Map<string, Readonly<Record<string, unknown>> | null>();

/** A JSON object's fields (null for anything else); the last few hundred texts are remembered. */
function objectOf(v: string | Readonly<Record<string, unknown>> | null | undefined): Readonly<Record<string, unknown>> | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') return v;
  let o = parsed.get(v);
  if (o !== undefined) return o;
  try {
    const j: unknown = JSON.parse(v);
    o = j !== null && typeof j === 'object' && !Array.isArray(j) ? (j as Record<string, unknown>) : null;
  } catch {
    o = null;
  }
  if (parsed.size >= 512) parsed.clear();
  parsed.set(v, o);
  return o;
}

const attr = (o: Readonly<Record<string, unknown>> | null, name: string): string | undefined => {
  if (!o || !Object.hasOwn(o, name)) return undefined;
  const v = o[name];
  return typeof v === 'string' && v !== '' ? v.slice(0, 256) : undefined;
};

/**
 * The dimensions `e` counts under: app, scenario, key, model, provider, then the segment attributes,
 * the end user's metadata (`userMeta`, JSON object text) winning over the event's (key's and app's).
 */
export function dimsOf(e: AnEvent, userMeta: string | null | undefined): DimValues {
  const mine = objectOf(e.segments);
  const theirs = objectOf(userMeta);
  const d: DimValues = [e.app, e.scenario, e.key, e.model, e.provider, '', '', ''];
  d[D_INDUSTRY] = attr(theirs, 'industry') ?? attr(mine, 'industry') ?? '';
  d[D_REGION] = attr(theirs, 'region') ?? attr(mine, 'region') ?? '';
  d[D_USER_GROUP] = attr(theirs, 'user_group') ?? attr(mine, 'user_group') ?? '';
  return d;
}

/** The session stream of an event: its explicit session, else its (workspace, key, end user). */
export function streamOf(e: Pick<AnEvent, 'ws' | 'key' | 'user' | 'sid'>): string {
  return e.sid !== null ? JSON.stringify(['s', e.ws, e.sid]) : JSON.stringify(['d', e.ws, e.key, e.user]);
}

/** The key of an end user in maps: workspace and id. */
export const userKey = (ws: string, user: string): string => `${ws}\u0000${user}`;
