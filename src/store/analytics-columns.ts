/**
 * The usage-analytics tables (analytics-migration.ts) and their columns, shared by the writers (the log
 * writer thread loads this file: no query builder here) and the readers.
 */

/** Table names. */
export const AN = {
  /** UTC hour × workspace × dimensions → sums. */
  hour: 'analytics_hour',
  /** Day of the instance's zone (its local midnight, epoch ms) × workspace × dimensions → sums. */
  day: 'analytics_day',
  /** UTC minute × one dimension's value (see MINUTE_DIMS) × workspace → sums. */
  minute: 'analytics_minute',
  /** Latency / TTFT sketch bucket counts per UTC hour and per day. */
  sketchHour: 'analytics_sketch_hour',
  sketchDay: 'analytics_sketch_day',
  /** Which end users were active per UTC hour and per day, with the dimensions of their activity. */
  userHour: 'analytics_user_hour',
  userDay: 'analytics_user_day',
  sessions: 'analytics_sessions',
  endUsers: 'analytics_end_users',
  pageViews: 'analytics_page_views',
  feedback: 'analytics_feedback',
} as const;

/**
 * The dimensions of a rollup row after the workspace, in primary-key order ('' for none; `scenario` is
 * the app's slug or `direct_api`). Segment attributes are resolved: end user over app and key.
 */
export const DIMS = ['app_id', 'scenario', 'key_id', 'model', 'provider', 'industry', 'region', 'user_group'] as const;
export type DimValues = string[];
/** Index of each dimension in a DimValues array. */
export const D_APP = 0;
export const D_SCENARIO = 1;
export const D_KEY = 2;
export const D_MODEL = 3;
export const D_PROVIDER = 4;
export const D_INDUSTRY = 5;
export const D_REGION = 6;
export const D_USER_GROUP = 7;
export const SEGMENT_ATTRIBUTES = ['industry', 'region', 'user_group'] as const;

/** Scenario of calls and page views no app made. */
export const DIRECT_API = 'direct_api';

/**
 * The summed columns of the hour, day and minute rows, in this order (RollupSums' fields, with
 * `tps_ms` for its `tps_seconds`, plus `pv_events`: page-view events, for row counts).
 */
export const SUMS = [
  'requests',
  'errors',
  'answers',
  'cache_hits',
  'page_views',
  'pv_events',
  'likes',
  'dislikes',
  'input_tokens',
  'output_tokens',
  'cost',
  'latency_n',
  'latency_sum_ms',
  'ttft_n',
  'ttft_sum_ms',
  'tps_tokens',
  'tps_ms',
  'sessions',
  'sessions_with_requests',
  'session_turns',
  'dwell_ms',
  'new_users',
] as const;
export type SumColumn = (typeof SUMS)[number];
export const S = Object.fromEntries(SUMS.map((c, i) => [c, i])) as Record<SumColumn, number>;
export const NSUMS = SUMS.length;

/**
 * The minute rows keep one dimension each: `all` (value '', workspace '': the instance), `workspace`
 * (value = the workspace), `scenario` and `model` (the narrow set: an event adds to one row of each).
 * Minute reads under another filter (key, app, provider, a segment) come from raw rows: rows per key or
 * app per minute were most of the write path's cost (bench/analytics.ts).
 */
export const MINUTE_DIMS = ['all', 'workspace', 'scenario', 'model'] as const;

/**
 * The dimensions the sketch rows keep after the workspace (a subset of DIMS, in this order): what
 * latency is grouped by. Not the key nor the segments (bucket counts per key would be a row per request).
 */
export const SKETCH_DIMS = ['app_id', 'scenario', 'model', 'provider'] as const;
/** `kind` of a sketch row. */
export const SKETCH_LATENCY = 0;
export const SKETCH_TTFT = 1;
/**
 * A sketch row holds the counts of SKETCH_PAGE consecutive bucket indexes (a page): `c0` … `c15`
 * count indexes `SKETCH_ZERO_INDEX + page × 16 + i`. A request adds to one row of its page, and the
 * rows of a batch are a few per model instead of one per distinct latency.
 */
export const SKETCH_PAGE = 16;
export const SKETCH_COUNTS = Array.from({ length: SKETCH_PAGE }, (_, i) => `c${i}`);

/** A RollupDimension (the port's name) → its column. */
export const DIMENSION_COLUMN: Readonly<Record<string, string>> = {
  workspace: 'workspace_id',
  app: 'app_id',
  scenario: 'scenario',
  key: 'key_id',
  model: 'model',
  provider: 'provider',
  industry: 'industry',
  region: 'region',
  user_group: 'user_group',
};

/** The session row columns, in this order (see analytics-migration.ts). */
export const SESSION_COLUMNS = [
  'stream',
  'first_at',
  'last_at',
  'workspace_id',
  'explicit',
  'session_id',
  'end_user',
  'requests',
  'page_views',
  'dims_kind',
  'dims_ts',
  'dims_id',
  ...DIMS,
] as const;

/** The end-user row columns the writers set (metadata is set apart, by setEndUser). */
export const END_USER_COLUMNS = ['workspace_id', 'end_user', 'first_at', 'first_id', 'last_at', ...DIMS] as const;

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
