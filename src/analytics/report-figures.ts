import type { LatencySketch } from '../core/latency-sketch.js';
import type { AnalyticsFigures } from './analytics-report.js';
import type { RollupSums } from './analytics-store.js';

/** The fields of {@link RollupSums}, in the port's order. */
export const SUM_FIELDS = [
  'requests',
  'errors',
  'answers',
  'cache_hits',
  'page_views',
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
  'tps_seconds',
  'sessions',
  'sessions_with_requests',
  'session_turns',
  'dwell_ms',
  'new_users',
] as const satisfies readonly (keyof RollupSums)[];

/** All-zero sums. */
export function zeroSums(): RollupSums {
  return Object.fromEntries(SUM_FIELDS.map((f) => [f, 0])) as unknown as RollupSums;
}

/** Adds `b` into `a` (returns `a`); a missing or non-finite field of `b` adds nothing. */
export function addSums(a: RollupSums, b: Partial<RollupSums>): RollupSums {
  for (const f of SUM_FIELDS) {
    const v = Number(b[f] ?? 0);
    if (Number.isFinite(v)) a[f] += v;
  }
  return a;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function quantiles(s: LatencySketch | undefined): AnalyticsFigures['latency_ms'] {
  if (!s || s.count === 0) return { p50: null, p95: null, p99: null };
  return { p50: s.quantile(0.5), p95: s.quantile(0.95), p99: s.quantile(0.99) };
}

/**
 * The reported figures of rollup sums (see src/analytics/metrics.ts for the definitions): rates are
 * null without a denominator; turns per session and average dwell are over the sessions with a
 * request; quantiles come from the sketches (±1 %), null without one (groups the sketches are not kept
 * for: keys and segment attributes).
 */
export function figuresOfSums(
  s: RollupSums,
  users: number,
  sketches: { latency?: LatencySketch; ttft?: LatencySketch } = {},
): AnalyticsFigures {
  return {
    requests: s.requests,
    page_views: s.page_views,
    sessions: s.sessions,
    users,
    new_users: s.new_users,
    turns_per_session: ratio(s.session_turns, s.sessions_with_requests),
    avg_dwell_seconds: s.sessions_with_requests > 0 ? s.dwell_ms / s.sessions_with_requests / 1000 : null,
    tokens: s.input_tokens + s.output_tokens,
    input_tokens: s.input_tokens,
    output_tokens: s.output_tokens,
    cost: s.cost,
    latency_ms: quantiles(sketches.latency),
    ttft_ms: quantiles(sketches.ttft),
    tokens_per_second: s.tps_seconds > 0 ? s.tps_tokens / s.tps_seconds : null,
    errors: s.errors,
    error_rate: ratio(s.errors, s.requests),
    cache_hits: s.cache_hits,
    cache_hit_rate: ratio(s.cache_hits, s.requests),
    likes: s.likes,
    dislikes: s.dislikes,
    satisfaction: s.answers > 0 ? (s.likes * 1000) / s.answers : null,
  };
}
