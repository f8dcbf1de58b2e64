import type { AnalyticsFilters } from './analytics-store.js';
import type { TopicGroupShares, TopicShare } from './topic-counts.js';
import type { UsageFigures } from './usage-report.js';

/**
 * The JSON contract of the usage report (`baimo report --format json`, `GET /api/analytics/report`,
 * the console's Analytics pages). It extends the contract (top-level `totals` with `requests`,
 * `sessions`, `users`, `avg_dwell_seconds`, `tokens`, `cost`; `by_scenario`; `by_model`; `minute_of_day`,
 * 1,440 request counts) with the rest of the figures. Every report says its period, zone, filters and
 * how many rows it came from.
 */

/** The figures of the totals and of every group. */
export interface AnalyticsFigures extends UsageFigures {
  new_users: number;
  errors: number;
  cache_hits: number;
  likes: number;
  dislikes: number;
  ttft_ms: { p50: number | null; p95: number | null; p99: number | null };
  tokens_per_second: number | null;
}

/** One row of a `by_*` table: the group's value (`direct_api` for calls no app made) and its figures. */
export interface AnalyticsGroup extends AnalyticsFigures {
  key: string;
  /** A display name where the key is an id (app name, key name); else absent. */
  name?: string;
}

export type SeriesGrain = 'minute' | 'hour' | 'day' | 'week' | 'month';

/** One bucket of the time series, in the report's zone. */
export interface SeriesPoint {
  /** Bucket start, ISO 8601 with the zone's offset (e.g. `2026-12-07T00:00:00+08:00`). */
  t: string;
  requests: number;
  page_views: number;
  users: number;
  new_users: number;
  sessions: number;
  avg_dwell_seconds: number | null;
  tokens: number;
  cost: number;
  errors: number;
  latency_p95_ms: number | null;
}

export interface ReportTopics {
  /** Requests that have a topic in the period (after sampling). */
  classified: number;
  /** The sampling rate in force (0..1). */
  sample_rate: number;
  /** The labels' display names, for rendering. */
  labels: Array<{ id: string; zh: string; en: string }>;
  /** Largest first; `other` left out. */
  top: TopicShare[];
  /** The interest cloud of each model. */
  by_model: TopicGroupShares[];
  by_segment: { industry: TopicGroupShares[]; region: TopicGroupShares[]; user_group: TopicGroupShares[] };
  /** Shares per series bucket (`group` is the bucket's `t`), to show how interests shift. */
  over_time: TopicGroupShares[];
  /** What classifying cost (CNY), logged apart from the traffic it describes. */
  classifier_cost: number;
}

export interface AnalyticsReport {
  period: { from: string; to: string; time_zone: string };
  /** The workspace reported on; null for the whole instance. */
  workspace: string | null;
  filters: AnalyticsFilters;
  /** How many request-log rows and page views the report comes from. */
  rows: number;
  generated_at: string;
  totals: AnalyticsFigures;
  by_scenario: AnalyticsGroup[];
  by_model: AnalyticsGroup[];
  by_provider: AnalyticsGroup[];
  by_app: AnalyticsGroup[];
  by_key: AnalyticsGroup[];
  by_workspace: AnalyticsGroup[];
  by_segment: { industry: AnalyticsGroup[]; region: AnalyticsGroup[]; user_group: AnalyticsGroup[] };
  /** 1,440 request counts by local minute of the day; sums to `totals.requests`. */
  minute_of_day: number[];
  /** 7 rows (Monday first) of 24 request counts by local hour. */
  heatmap: number[][];
  series: { grain: SeriesGrain; points: SeriesPoint[] };
  /** Null when topic classification is off and nothing was classified in the period. */
  topics: ReportTopics | null;
}

/** Options of a report (the CLI's flags, the API's query). */
export interface AnalyticsReportOptions {
  from: number;
  to: number;
  /** IANA zone (default: the instance's `timezone`, Asia/Shanghai). */
  timeZone?: string;
  workspaceId?: string;
  filters?: AnalyticsFilters;
  /** Default: by the period's length (≤ 2 h minute, ≤ 3 d hour, ≤ 92 d day, ≤ 1 y week, else month). */
  grain?: SeriesGrain;
  /** Rows per `by_*` table (default 50, most requests first). */
  limit?: number;
}

/** How topic counts are read for the report (implemented by the topic store). */
export interface TopicReader {
  /**
   * Classified-request counts in the scope per label and, when asked, per group: a model, a segment
   * attribute's value, or a UTC hour (`hour`: the service folds hours into series buckets).
   */
  topicCounts(
    scope: { workspaceId?: string; from: number; to: number; filters?: AnalyticsFilters },
    groupBy?: 'model' | 'industry' | 'region' | 'user_group' | 'hour',
  ): Promise<Array<{ label: string; group: string; count: number }>>;
  /** The classifier's own cost (CNY) in the range. */
  classifierCost(scope: { workspaceId?: string; from: number; to: number }): Promise<number>;
}
