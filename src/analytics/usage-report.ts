import { DIMENSIONS, groupValue, type AnalyticsEvent, type Dimension } from './analytics-event.js';
import type { AnalyticsFigures, AnalyticsGroup, AnalyticsReport, SeriesGrain, SeriesPoint } from './analytics-report.js';
import { assignSessions, sessionFacts, type SessionFact } from './assign-sessions.js';
import { MetricsPartial, type MetricFigures } from './metrics.js';
import { seriesPoint } from './series-point.js';
import { TimeBuckets } from './time-buckets.js';
import { zonedIso } from './zoned-iso.js';

/** Most filters one report accepts, and the longest filter name or value. */
export const MAX_REPORT_FILTERS = 16;
export const MAX_REPORT_FILTER_LENGTH = 256;

export interface UsageReportOptions {
  /** Period start, epoch ms (inclusive). */
  from: number;
  /** Period end, epoch ms (exclusive). */
  to: number;
  /** IANA zone of `minute_of_day`, `heatmap` and the series (default Asia/Shanghai). */
  timeZone?: string;
  /** Session inactivity gap in ms (default 30 minutes). */
  gapMs?: number;
  /**
   * Keep only events matching every entry: a dimension name (`model`, `provider`, `app`, `scenario`,
   * `key`, `workspace`) against the event's value along it, any other name against that segment attribute.
   */
  filters?: Record<string, string>;
  /** The series' buckets (none when absent). */
  grain?: SeriesGrain;
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

/**
 * The naive usage report: the JSON contract's figures computed straight from the events, without the
 * workspace, the generation time and the topics. `rows` counts the requests and page views after
 * period and filters; each `by_*` table is sorted by requests, descending (then key), calls no app
 * made are `direct_api`, and events without a value along a dimension are left out.
 */
export interface UsageReport extends Omit<AnalyticsReport, 'workspace' | 'filters' | 'generated_at' | 'series' | 'topics'> {
  filters: Record<string, string>;
  /** Present when `grain` was given: every bucket of the period, empty ones included. */
  series?: AnalyticsReport['series'];
}

/** The report's figures of a partial's. */
export function figuresOf(f: MetricFigures): AnalyticsFigures {
  return {
    requests: f.requests,
    page_views: f.page_views,
    sessions: f.sessions,
    users: f.users,
    new_users: f.new_users,
    turns_per_session: f.turns_per_session,
    avg_dwell_seconds: f.avg_dwell_seconds,
    tokens: f.tokens,
    input_tokens: f.input_tokens,
    output_tokens: f.output_tokens,
    cost: f.cost,
    latency_ms: { p50: f.latency_ms.p50, p95: f.latency_ms.p95, p99: f.latency_ms.p99 },
    ttft_ms: { p50: f.ttft_ms.p50, p95: f.ttft_ms.p95, p99: f.ttft_ms.p99 },
    tokens_per_second: f.tokens_per_second,
    errors: f.errors,
    error_rate: f.error_rate,
    cache_hits: f.cache_hits,
    cache_hit_rate: f.cache_hit_rate,
    likes: f.likes,
    dislikes: f.dislikes,
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

/** The period's events and the sessions that start in it, both matching the filters. */
interface Kept {
  events: AnalyticsEvent[];
  sessions: SessionFact[];
}

function groups(kept: Kept, dimension: Dimension, timeZone: string, attribute?: string): AnalyticsGroup[] {
  const partials = new Map<string, MetricsPartial>();
  const partial = (e: AnalyticsEvent): MetricsPartial | undefined => {
    const g = groupValue(e, dimension, attribute);
    if (g === null) return undefined;
    let p = partials.get(g);
    if (!p) partials.set(g, (p = new MetricsPartial(timeZone)));
    return p;
  };
  for (const e of kept.events) partial(e)?.add(e);
  for (const s of kept.sessions) partial(s.dims)?.addSession(s);
  return [...partials]
    .map(([key, p]) => ({ key, ...figuresOf(p.finalize()) }))
    .sort((a, b) => b.requests - a.requests || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Every bucket of the period in `timeZone`, with the figures of the events (and sessions starting) in it. */
function series(kept: Kept, from: number, to: number, timeZone: string, grain: SeriesGrain): SeriesPoint[] {
  const buckets = TimeBuckets.of(timeZone);
  const starts = buckets.range(from, to, grain);
  const partials = starts.map(() => new MetricsPartial(timeZone));
  const index = new Map(starts.map((s, i) => [s, i]));
  for (const e of kept.events) partials[index.get(buckets.start(e.ts, grain))!].add(e);
  for (const s of kept.sessions) partials[index.get(buckets.start(s.start, grain))!].addSession(s);
  return starts.map((t, i) => seriesPoint(zonedIso(t, timeZone), partials[i].finalize()));
}

/**
 * The usage report over `events` in `[from, to)` matching `filters`, computed the plain way: sessions
 * and first activities are derived over all `events` (a session belongs to the period of its first
 * activity and the groups of its first request, with its whole dwell and requests; see
 * src/analytics/sessions.ts and assign-sessions.ts), then the period's events are kept and counted: totals, figures per scenario,
 * model, provider, app, key, workspace and segment, the 1,440 minute-of-day counts, the day-of-week ×
 * hour heatmap and, with `grain`, the series. Feedback counts where it is (give it its rated request's
 * time and fields). Pure; the reference the stored rollups are checked against. Throws a RangeError on
 * bad options.
 */
export function buildUsageReport(events: Iterable<AnalyticsEvent>, opts: UsageReportOptions): UsageReport {
  const filters = checkOptions(opts);
  const timeZone = TimeBuckets.of(opts.timeZone).timeZone;
  const filterList = Object.entries(filters);
  const all = [...events];
  const inPeriod = (ts: number) => ts >= opts.from && ts < opts.to;
  const kept: Kept = {
    events: assignSessions(all, { gapMs: opts.gapMs }).filter((e) => inPeriod(e.ts) && matches(e, filterList)),
    sessions: sessionFacts(all, { gapMs: opts.gapMs }).filter((s) => inPeriod(s.start) && matches(s.dims, filterList)),
  };
  const totalPartial = new MetricsPartial(timeZone).addAll(kept.events);
  for (const s of kept.sessions) totalPartial.addSession(s);
  const totals = totalPartial.finalize();
  const by = (d: Dimension, attribute?: string) => groups(kept, d, timeZone, attribute);
  return {
    period: { from: new Date(opts.from).toISOString(), to: new Date(opts.to).toISOString(), time_zone: timeZone },
    filters,
    rows: totals.rows,
    totals: figuresOf(totals),
    by_scenario: by('scenario'),
    by_model: by('model'),
    by_provider: by('provider'),
    by_app: by('app'),
    by_key: by('key'),
    by_workspace: by('workspace'),
    by_segment: { industry: by('segment', 'industry'), region: by('segment', 'region'), user_group: by('segment', 'user_group') },
    minute_of_day: totals.minute_of_day,
    heatmap: totals.heatmap,
    ...(opts.grain ? { series: { grain: opts.grain, points: series(kept, opts.from, opts.to, timeZone, opts.grain) } } : {}),
  };
}
