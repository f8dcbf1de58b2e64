import { z } from 'zod';
import type { Principal } from './principal.js';
import { HISTOGRAM_BOUNDS_MS, HISTOGRAM_BUCKETS, LATENCY_COLUMNS, TTFT_COLUMNS } from '../../store/stats-columns.js';
import { STATS_VALUE_COLUMNS as VALUE_COLUMNS } from '../../store/stats-repository.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { scopeOf } from './log-routes.js';
import { LIMITS } from '../../core/limits.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Each range and its bucket; 1h and 24h read the minute rollup, 7d and 30d the hourly one. */
const RANGES = {
  '1h': { span: HOUR, bucket: MINUTE, fine: true },
  '24h': { span: DAY, bucket: 15 * MINUTE, fine: true },
  '7d': { span: 7 * DAY, bucket: HOUR, fine: false },
  '30d': { span: 30 * DAY, bucket: 6 * HOUR, fine: false },
} as const;
type Range = keyof typeof RANGES;

const sums = {
  requests: z.number(),
  errors: z.number(),
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  cost_cny: z.number(),
  cost_usd: z.number(),
  cache_hits: z.number(),
  /** Interpolated from fixed histogram buckets; null where there were no requests (or no streamed ones, for TTFT). */
  latency_p50_ms: z.number().nullable(),
  latency_p95_ms: z.number().nullable(),
  ttft_p50_ms: z.number().nullable(),
  ttft_p95_ms: z.number().nullable(),
};
const overviewSchema = z.object({
  range: z.enum(Object.keys(RANGES) as [Range, ...Range[]]),
  bucket_ms: z.number(),
  series: z.array(z.object({ t: z.string().describe('Bucket start, ISO 8601'), ...sums })),
  totals: z.object(sums),
  top_models: z.array(z.object({ model: z.string(), requests: z.number(), tokens: z.number(), cost_cny: z.number() })),
  providers: z.array(
    z.object({
      name: z.string(),
      targets: z.array(z.object({ model: z.string(), circuit: z.enum(['closed', 'open', 'half-open']), in_flight: z.number() })),
    }),
  ),
});

interface Acc {
  values: number[];
  lat: number[];
  ttft: number[];
}
const newAcc = (): Acc => ({
  values: VALUE_COLUMNS.map(() => 0),
  lat: new Array<number>(HISTOGRAM_BUCKETS).fill(0),
  ttft: new Array<number>(HISTOGRAM_BUCKETS).fill(0),
});

/**
 * The `p` quantile of a histogram, interpolated linearly inside its bucket (so exact to within one
 * bucket's width); the overflow bucket reports its lower bound. Null for an empty histogram.
 */
export function percentileOf(h: readonly number[], p: number): number | null {
  const total = h.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = p * total;
  let seen = 0;
  for (let i = 0; i < h.length; i++) {
    if (h[i] > 0 && seen + h[i] >= rank) {
      const lo = i === 0 ? 0 : HISTOGRAM_BOUNDS_MS[i - 1];
      if (i >= HISTOGRAM_BOUNDS_MS.length) return lo;
      return Math.round(lo + ((rank - seen) / h[i]) * (HISTOGRAM_BOUNDS_MS[i] - lo));
    }
    seen += h[i];
  }
  return HISTOGRAM_BOUNDS_MS[HISTOGRAM_BOUNDS_MS.length - 1];
}

const money = (x: number): number => Math.round(x * 1e6) / 1e6;
const view = (a: Acc) => ({
  requests: a.values[0],
  errors: a.values[1],
  cache_hits: a.values[2],
  prompt_tokens: a.values[3],
  completion_tokens: a.values[4],
  cost_cny: money(a.values[5]),
  cost_usd: money(a.values[6]),
  latency_p50_ms: percentileOf(a.lat, 0.5),
  latency_p95_ms: percentileOf(a.lat, 0.95),
  ttft_p50_ms: percentileOf(a.ttft, 0.5),
  ttft_p95_ms: percentileOf(a.ttft, 0.95),
});

function add(into: Acc, row: Record<string, number>): void {
  for (let i = 0; i < VALUE_COLUMNS.length; i++) into.values[i] += row[VALUE_COLUMNS[i]];
  for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
    into.lat[i] += row[LATENCY_COLUMNS[i]];
    into.ttft[i] += row[TTFT_COLUMNS[i]];
  }
}

/** The console overview: time series, totals, top models (from the stats rollups) and live provider health. */
export function registerStatsRoutes(c: ApiContext): void {
  const { rt } = c;

  const providersOf = (p: Principal) => {
    // Deployment health is instance configuration: users see it (as they see /api/providers), keys do not.
    if (p.kind === 'key') return [];
    const live = rt.routes.liveTargets();
    return Object.keys(rt.models.config.providers)
      .sort()
      .map((name) => ({
        name,
        targets: live
          .filter((t) => t.providerName === name)
          .map((t) => ({ model: t.model, circuit: t.breaker.state, in_flight: t.inFlight }))
          .sort((a, b) => a.model.localeCompare(b.model)),
      }));
  };

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/stats/overview',
    summary:
      'Overview of recent traffic: requests, errors, tokens, cost, latency and TTFT percentiles per time bucket; top models; provider health',
    tag: 'stats',
    query: z.object({
      range: z
        .enum(Object.keys(RANGES) as [Range, ...Range[]])
        .default('24h')
        .describe('1h (1-minute buckets), 24h (15 min), 7d (1 h) or 30d (6 h)'),
      workspace_id: z.string().max(LIMITS.id).optional(),
    }),
    response: overviewSchema,
    handler: async ({ principal, query }) => {
      const scope = scopeOf(principal, query.workspace_id);
      const { span, bucket, fine } = RANGES[query.range];
      const n = span / bucket;
      const first = Math.floor(Date.now() / bucket) * bucket - (n - 1) * bucket;
      const end = first + n * bucket;
      const rows = await rt.stats.overview({
        from: first,
        to: end,
        bucketMs: bucket,
        fine,
        workspaceId: scope.workspaceId,
        keyId: scope.keyId,
      });

      const buckets = Array.from({ length: n }, newAcc);
      const totals = newAcc();
      const models = new Map<string, Acc>();
      for (const r of rows) {
        add(buckets[r.b], r);
        add(totals, r);
        let m = models.get(r.model);
        if (!m) models.set(r.model, (m = newAcc()));
        add(m, r);
      }
      const top = [...models]
        .map(([model, a]) => ({ model, requests: a.values[0], tokens: a.values[3] + a.values[4], cost_cny: money(a.values[5]) }))
        .sort((a, b) => b.requests - a.requests || b.tokens - a.tokens || a.model.localeCompare(b.model))
        .slice(0, 10);
      return {
        range: query.range,
        bucket_ms: bucket,
        series: buckets.map((a, i) => ({ t: new Date(first + i * bucket).toISOString(), ...view(a) })),
        totals: view(totals),
        top_models: top,
        providers: providersOf(principal),
      };
    },
  });
}
