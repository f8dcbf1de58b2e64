import { expect } from 'vitest';
import { DIMENSIONS, groupValue, type AnalyticsEvent, type Dimension, type RequestEvent } from '../../src/analytics/analytics-event.js';
import type { AnalyticsFigures, AnalyticsGroup, AnalyticsReport } from '../../src/analytics/analytics-report.js';
import type { UsageReport } from '../../src/analytics/usage-report.js';
import { SKETCH_ALPHA } from '../../src/core/latency-sketch.js';
import { percentile } from '../../src/eval/percentile.js';

/** The groups whose latency sketches the store keeps (others report null quantiles). */
const SKETCHED = new Set(['model', 'app', 'scenario', 'workspace', 'provider']);
const COUNTS = [
  'requests',
  'page_views',
  'sessions',
  'users',
  'new_users',
  'tokens',
  'input_tokens',
  'output_tokens',
  'errors',
  'cache_hits',
  'likes',
  'dislikes',
] as const;
const RATIOS = [
  'cost',
  'turns_per_session',
  'avg_dwell_seconds',
  'error_rate',
  'cache_hit_rate',
  'satisfaction',
  'tokens_per_second',
] as const;

function close(a: number | null, b: number | null, rel: number, what: string): void {
  if (a === null || b === null) return void expect(a, what).toBe(b);
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(rel * Math.abs(b) + 1e-9);
}

/** The requests of the period matching the filters (as the naive report keeps them). */
export function keptRequests(events: readonly AnalyticsEvent[], from: number, to: number, filters: Record<string, string>): RequestEvent[] {
  return events.filter((e): e is RequestEvent => {
    if (e.kind !== 'request' || e.ts < from || e.ts >= to) return false;
    for (const [name, value] of Object.entries(filters)) {
      const actual = (DIMENSIONS as readonly string[]).includes(name) ? groupValue(e, name as Dimension) : (e.segments[name] ?? null);
      if (actual !== value) return false;
    }
    return true;
  });
}

/** Quantiles within the sketch's stated precision of the exact ones (numpy's interpolation), null when there are no values. */
function expectQuantiles(actual: AnalyticsFigures['latency_ms'], values: number[], what: string): void {
  for (const [p, q] of [
    ['p50', 0.5],
    ['p95', 0.95],
    ['p99', 0.99],
  ] as const)
    close(actual[p], values.length ? percentile(values, q) : null, SKETCH_ALPHA * (1 + 1e-9), `${what} ${p}`);
}

/** Every figure of `actual` equals the naive one: counts exactly, sums and ratios to float rounding, quantiles within ±1 % of exact. */
export function expectFigures(actual: AnalyticsFigures, naive: AnalyticsFigures, requests: RequestEvent[] | null, what: string): void {
  for (const k of COUNTS) expect(actual[k], `${what} ${k}`).toBe(naive[k]);
  for (const k of RATIOS) close(actual[k], naive[k], 1e-9, `${what} ${k}`);
  if (requests === null) {
    expect(actual.latency_ms, `${what} latency (not kept for this group)`).toEqual({ p50: null, p95: null, p99: null });
    return;
  }
  expectQuantiles(
    actual.latency_ms,
    requests.flatMap((e) => (e.latencyMs === null ? [] : [e.latencyMs])),
    `${what} latency`,
  );
  expectQuantiles(
    actual.ttft_ms,
    requests.flatMap((e) => (e.ttftMs === null ? [] : [e.ttftMs])),
    `${what} ttft`,
  );
}

type Tables = Pick<AnalyticsReport, 'by_scenario' | 'by_model' | 'by_provider' | 'by_app' | 'by_key' | 'by_workspace'>;
const TABLES: Array<[keyof Tables, Dimension]> = [
  ['by_scenario', 'scenario'],
  ['by_model', 'model'],
  ['by_provider', 'provider'],
  ['by_app', 'app'],
  ['by_key', 'key'],
  ['by_workspace', 'workspace'],
];

function expectGroups(
  actual: AnalyticsGroup[],
  naive: AnalyticsGroup[],
  requests: (key: string) => RequestEvent[] | null,
  what: string,
): void {
  expect(
    actual.map((g) => g.key),
    `${what}: groups, most requests first`,
  ).toEqual(naive.map((g) => g.key));
  actual.forEach((g, i) => expectFigures(g, naive[i], requests(g.key), `${what}[${g.key}]`));
}

/**
 * The report of the API equals the naive report over the same events: rows, totals, every `by_*`
 * table (order included), minute of day, heatmap and every series point.
 */
export function expectReport(
  api: AnalyticsReport,
  naive: UsageReport,
  kept: RequestEvent[],
  what: string,
  opts: { limit?: number } = {},
): void {
  const limit = opts.limit ?? Infinity;
  expect(api.rows, `${what} rows`).toBe(naive.rows);
  expectFigures(api.totals, naive.totals, kept, `${what} totals`);
  for (const [table, dim] of TABLES) {
    if (table === 'by_workspace' && api.workspace !== null) {
      expect(api.by_workspace.map((g) => g.key)).toEqual(naive.by_workspace.map((g) => g.key));
      continue;
    }
    const byKey = (key: string) => (SKETCHED.has(dim) ? kept.filter((e) => groupValue(e, dim) === key) : null);
    expectGroups(api[table], naive[table].slice(0, limit), byKey, `${what} ${table}`);
  }
  for (const attr of ['industry', 'region', 'user_group'] as const)
    expectGroups(api.by_segment[attr], naive.by_segment[attr].slice(0, limit), () => null, `${what} by_segment.${attr}`);
  expect(api.minute_of_day, `${what} minute_of_day`).toEqual(naive.minute_of_day);
  expect(
    api.minute_of_day.reduce((a, b) => a + b, 0),
    `${what} minute_of_day sums to the requests`,
  ).toBe(api.totals.requests);
  expect(api.heatmap, `${what} heatmap`).toEqual(naive.heatmap);
  const points = naive.series!.points;
  expect(api.series.grain).toBe(naive.series!.grain);
  expect(
    api.series.points.map((p) => p.t),
    `${what} series buckets`,
  ).toEqual(points.map((p) => p.t));
  api.series.points.forEach((p, i) => {
    const n = points[i];
    const at = `${what} series ${p.t}`;
    for (const k of ['requests', 'page_views', 'users', 'new_users', 'sessions', 'tokens', 'errors'] as const)
      expect(p[k], `${at} ${k}`).toBe(n[k]);
    close(p.cost, n.cost, 1e-9, `${at} cost`);
    close(p.avg_dwell_seconds, n.avg_dwell_seconds, 1e-9, `${at} avg_dwell_seconds`);
    const next = i + 1 < points.length ? Date.parse(points[i + 1].t) : Date.parse(api.period.to);
    const from = Math.max(Date.parse(p.t), Date.parse(api.period.from));
    const lat = kept.filter((e) => e.ts >= from && e.ts < next).map((e) => e.latencyMs!);
    close(p.latency_p95_ms, lat.length ? percentile(lat, 0.95) : null, SKETCH_ALPHA * (1 + 1e-9), `${at} latency_p95_ms`);
  });
}
