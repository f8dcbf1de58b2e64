import { DIMENSIONS, groupValue, type AnalyticsEvent, type Dimension } from './analytics-event.js';
import { assignSessions } from './assign-sessions.js';
import { MetricsPartial, type MetricFigures } from './metrics.js';
import { TimeBuckets } from './time-buckets.js';

/** Most filters one report accepts, and the longest filter name or value. */
export const MAX_REPORT_FILTERS = 16;
export const MAX_REPORT_FILTER_LENGTH = 256;

export interface UsageReportOptions {
  /** Period start, epoch ms (inclusive). */
  from: number;
  /** Period end, epoch ms (exclusive). */
  to: number;
  /** IANA zone of `minute_of_day` and `heatmap` (default Asia/Shanghai). */
  timeZone?: string;
  /** Session inactivity gap in ms (default 30 minutes). */
  gapMs?: number;
  /**
   * Keep only events matching every entry: a dimension name (`model`, `provider`, `app`, `scenario`,
   * `key`, `workspace`) against the event's value along it, any other name against that segment attribute.
   */
  filters?: Record<string, string>;
}

/** The figures of the report's totals and of each group (snake_case, as the JSON contract). */
export interface UsageFigures {
  requests: number;
  page_views: number;
  sessions: number;
  users: number;
  turns_per_session: number | null;
  avg_dwell_seconds: number | null;
  tokens: number;
  input_tokens: number;
  output_tokens: number;
  /** CNY. */
  cost: number;
  latency_ms: { p50: number | null; p95: number | null; p99: number | null };
  error_rate: number | null;
  cache_hit_rate: number | null;
  /** Likes per 1,000 answers. */
  satisfaction: number | null;
}

/** One row of `by_scenario` or `by_model`. */
export interface UsageGroup extends UsageFigures {
  key: string;
}

/** The usage report's JSON contract. */
export interface UsageReport {
  period: { from: string; to: string; time_zone: string };
  filters: Record<string, string>;
  /** How many events (after period and filters) the report comes from. */
  rows: number;
  totals: UsageFigures;
  /** Sorted by requests, descending (then key); calls no app made are `direct_api`. */
  by_scenario: UsageGroup[];
  /** Sorted by requests, descending (then key); events without a model are left out. */
  by_model: UsageGroup[];
  /** 1,440 request counts by local minute of the day. */
  minute_of_day: number[];
  /** 7 rows (Monday first) of 24 request counts by local hour. */
  heatmap: number[][];
}

function figuresOf(f: MetricFigures): UsageFigures {
  return {
    requests: f.requests,
    page_views: f.page_views,
    sessions: f.sessions,
    users: f.users,
    turns_per_session: f.turns_per_session,
    avg_dwell_seconds: f.avg_dwell_seconds,
    tokens: f.tokens,
    input_tokens: f.input_tokens,
    output_tokens: f.output_tokens,
    cost: f.cost,
    latency_ms: { p50: f.latency_ms.p50, p95: f.latency_ms.p95, p99: f.latency_ms.p99 },
    error_rate: f.error_rate,
    cache_hit_rate: f.cache_hit_rate,
    satisfaction: f.satisfaction,
  };
}

function checkOptions(opts: UsageReportOptions): Record<string, string> {
  if (!Number.isFinite(opts.from) || !Number.isFinite(opts.to) || opts.from >= opts.to) {
    throw new RangeError(`report period must have finite from < to, got ${opts.from}..${opts.to}`);
  }
  const filters = opts.filters ?? {};
  const entries = Object.entries(filters);
  if (entries.length > MAX_REPORT_FILTERS) throw new RangeError(`at most ${MAX_REPORT_FILTERS} report filters`);
  for (const [k, v] of entries) {
    if (k.length === 0 || k.length > MAX_REPORT_FILTER_LENGTH || v.length > MAX_REPORT_FILTER_LENGTH) {
      throw new RangeError(`report filter names and values must be 1..${MAX_REPORT_FILTER_LENGTH} characters`);
    }
  }
  return { ...filters };
}

function matches(e: AnalyticsEvent, filters: [string, string][]): boolean {
  for (const [name, value] of filters) {
    const actual =
      (DIMENSIONS as readonly string[]).includes(name) && name !== 'segment'
        ? groupValue(e, name as Dimension)
        : Object.hasOwn(e.segments, name)
          ? e.segments[name]
          : null;
    if (actual !== value) return false;
  }
  return true;
}

function groups(events: readonly AnalyticsEvent[], dimension: Dimension, timeZone: string): UsageGroup[] {
  const partials = new Map<string, MetricsPartial>();
  for (const e of events) {
    const g = groupValue(e, dimension);
    if (g === null) continue;
    let p = partials.get(g);
    if (!p) partials.set(g, (p = new MetricsPartial(timeZone)));
    p.add(e);
  }
  return [...partials]
    .map(([key, p]) => ({ key, ...figuresOf(p.finalize()) }))
    .sort((a, b) => b.requests - a.requests || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The usage report over `events` in `[from, to)` matching `filters`: sessions are derived here (see
 * src/analytics/sessions.ts) over the period's events, then totals, per-scenario and per-model figures,
 * the 1,440 minute-of-day counts and the day-of-week × hour heatmap. Pure; throws a RangeError on bad options.
 */
export function buildUsageReport(events: Iterable<AnalyticsEvent>, opts: UsageReportOptions): UsageReport {
  const filters = checkOptions(opts);
  const timeZone = TimeBuckets.of(opts.timeZone).timeZone;
  const filterList = Object.entries(filters);
  const kept: AnalyticsEvent[] = [];
  for (const e of events) if (e.ts >= opts.from && e.ts < opts.to && matches(e, filterList)) kept.push(e);
  const sessioned = assignSessions(kept, { gapMs: opts.gapMs });
  const totals = new MetricsPartial(timeZone).addAll(sessioned).finalize();
  return {
    period: { from: new Date(opts.from).toISOString(), to: new Date(opts.to).toISOString(), time_zone: timeZone },
    filters,
    rows: totals.rows,
    totals: figuresOf(totals),
    by_scenario: groups(sessioned, 'scenario', timeZone),
    by_model: groups(sessioned, 'model', timeZone),
    minute_of_day: totals.minute_of_day,
    heatmap: totals.heatmap,
  };
}
