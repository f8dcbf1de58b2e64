import type { AnalyticsFigures, SeriesPoint } from './analytics-report.js';

/** The figures a series point keeps. */
export type SeriesFigures = Pick<
  AnalyticsFigures,
  'requests' | 'page_views' | 'users' | 'new_users' | 'sessions' | 'avg_dwell_seconds' | 'tokens' | 'cost' | 'errors' | 'latency_ms'
>;

/** The series point of a bucket starting at `t` (ISO, in the report's zone) with the figures `f`. */
export function seriesPoint(t: string, f: SeriesFigures): SeriesPoint {
  return {
    t,
    requests: f.requests,
    page_views: f.page_views,
    users: f.users,
    new_users: f.new_users,
    sessions: f.sessions,
    avg_dwell_seconds: f.avg_dwell_seconds,
    tokens: f.tokens,
    cost: f.cost,
    errors: f.errors,
    latency_p95_ms: f.latency_ms.p95,
  };
}
