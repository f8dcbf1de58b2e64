import type { LatencySketch } from '../core/latency-sketch.js';

/**
 * The storage port of usage analytics: what the analytics service (src/analytics/analytics-service.ts)
 * reads from the rollups and writes for page views and feedback. Implemented by the store
 * (src/store/analytics-repository.ts) on SQLite and PostgreSQL; the rollups themselves are fed by the
 * request-log writer in the same transaction as the log rows, so each request counts exactly once.
 *
 * Times are epoch ms; ranges are `[from, to)`. Rollup rows are UTC minutes, UTC hours and days of the
 * instance's calendar zone; the service folds them into the buckets of the zone a report asks for.
 */

/** Exact-match filters of a query (any subset); segment attributes come from key, app and end-user metadata. */
export interface AnalyticsFilters {
  model?: string;
  provider?: string;
  /** App id. */
  app?: string;
  /** App slug, or `direct_api` for calls no app made. */
  scenario?: string;
  /** Key id. */
  key?: string;
  industry?: string;
  region?: string;
  user_group?: string;
}

export const FILTER_NAMES = ['model', 'provider', 'app', 'scenario', 'key', 'industry', 'region', 'user_group'] as const;

/** What a query covers: a workspace (or all of them when undefined), a range, filters. */
export interface AnalyticsScope {
  workspaceId?: string;
  from: number;
  to: number;
  filters?: AnalyticsFilters;
}

/** A grouping of rollup rows; `workspace` only for instance-wide scopes. */
export type RollupDimension = 'model' | 'provider' | 'app' | 'scenario' | 'key' | 'workspace' | 'industry' | 'region' | 'user_group';

export const ROLLUP_DIMENSIONS: readonly RollupDimension[] = [
  'model',
  'provider',
  'app',
  'scenario',
  'key',
  'workspace',
  'industry',
  'region',
  'user_group',
];

/**
 * The additive sums of a rollup row (or of many). Sessions are attributed to the hour (and day) of
 * their first activity; `session_turns` are the requests of those sessions and `dwell_ms` their
 * last − first activity, adjusted when a session grows or merges with a late event. `new_users` counts
 * end users whose first activity falls in the bucket.
 */
export interface RollupSums {
  requests: number;
  errors: number;
  /** Ok requests. */
  answers: number;
  cache_hits: number;
  /** Page-view events plus requests no page made. */
  page_views: number;
  likes: number;
  dislikes: number;
  input_tokens: number;
  output_tokens: number;
  /** CNY. */
  cost: number;
  latency_n: number;
  latency_sum_ms: number;
  ttft_n: number;
  ttft_sum_ms: number;
  /** Output tokens and latency seconds of ok requests with a latency > 0 (tokens/s = their ratio). */
  tps_tokens: number;
  tps_seconds: number;
  sessions: number;
  /** Sessions (of `sessions`) with at least one request. */
  sessions_with_requests: number;
  session_turns: number;
  dwell_ms: number;
  new_users: number;
}

/** One row of a grouped read: the group's value (`''` for none; `direct_api` for scenario) and its sums. */
export interface RollupGroupRow {
  /** Bucket start (epoch ms) when the read was bucketed, else the scope's `from`. */
  t: number;
  group: string;
  sums: RollupSums;
}

/** The grain of a bucketed read: UTC minutes, UTC hours, or days of the instance's calendar zone. */
export type RollupGrain = 'minute' | 'hour' | 'day';

export interface AnalyticsReader {
  /**
   * Sums over the scope, per bucket of `grain` when given (else one bucket), per `groupBy` value when given.
   * With `grain: 'day'` the scope's from/to must be day boundaries of the instance zone.
   */
  sums(scope: AnalyticsScope, opts?: { groupBy?: RollupDimension; grain?: RollupGrain }): Promise<RollupGroupRow[]>;
  /** Request counts per UTC minute in the scope (only minutes with requests), for minute-of-day and heatmaps. */
  minuteCounts(scope: AnalyticsScope): Promise<Array<{ minute: number; requests: number }>>;
  /** Distinct end users active in the scope, per `groupBy` value ('' key when ungrouped). */
  distinctUsers(scope: AnalyticsScope, groupBy?: RollupDimension): Promise<Map<string, number>>;
  /** Latency or TTFT distribution per `groupBy` value ('' when ungrouped); only model, app, scenario, workspace, provider. */
  latency(scope: AnalyticsScope, kind: 'latency' | 'ttft', groupBy?: RollupDimension): Promise<Map<string, LatencySketch>>;
  /** How many request-log rows and page views the rollups of the scope came from. */
  rowCount(scope: AnalyticsScope): Promise<number>;
}

/** A page view reported by a console or app page (`POST /api/events`). */
export interface PageViewInput {
  id: string;
  ts: number;
  workspaceId: string;
  page: string;
  /** Browser session id from the page; else derived like requests'. */
  sessionId: string | null;
  endUser: string | null;
  appId: string | null;
  scenario: string | null;
  keyId: string | null;
  segments: Readonly<Record<string, string>>;
}

/** Feedback on an answer (`POST /api/feedback`), one per request and user (a new rating replaces the old). */
export interface FeedbackInput {
  requestId: string;
  workspaceId: string;
  rating: 'like' | 'dislike' | null;
  comment: string | null;
  endUser: string | null;
  ts: number;
}

/**
 * An end user's segment attributes (`PUT /api/analytics/end-users/:id`): they win over the app's and
 * the key's for the end user's requests and page views from then on.
 */
export interface EndUserInput {
  workspaceId: string;
  endUser: string;
  /** `industry`, `region`, `user_group` (each at most 64 characters); an attribute left out is cleared. */
  segments: Readonly<Record<string, string>>;
  ts: number;
}

export interface AnalyticsWriter {
  /** Records page views and updates the rollups, sessions and users (idempotent by event id). */
  recordPageViews(events: readonly PageViewInput[]): Promise<void>;
  /**
   * Records feedback on a logged request of the workspace (false when there is no such request); the
   * rollup bucket is the rated request's, a changed rating moves its count.
   */
  recordFeedback(f: FeedbackInput): Promise<boolean>;
  /** Sets (replaces) an end user's segment attributes in a workspace, creating the end user when new. */
  setEndUser(u: EndUserInput): Promise<void>;
}
