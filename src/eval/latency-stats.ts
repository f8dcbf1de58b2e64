import { percentileSorted } from './percentile.js';

/** Latency of a model over a run's items, in milliseconds; null fields when there are no samples. */
export interface LatencyStats {
  /** Finite samples counted (failed items without a latency are left out by the caller). */
  count: number;
  p50_ms: number | null;
  p95_ms: number | null;
  mean_ms: number | null;
  min_ms: number | null;
  max_ms: number | null;
}

/**
 * p50 / p95 (linear interpolation, see percentile.ts), mean, min and max of latency samples in
 * milliseconds. Non-finite and negative samples are ignored.
 */
export function latencyStats(samplesMs: readonly number[]): LatencyStats {
  const s = Float64Array.from(samplesMs.filter((x) => Number.isFinite(x) && x >= 0)).sort();
  const n = s.length;
  if (n === 0) return { count: 0, p50_ms: null, p95_ms: null, mean_ms: null, min_ms: null, max_ms: null };
  let sum = 0;
  for (const x of s) sum += x;
  return {
    count: n,
    p50_ms: percentileSorted(s, 0.5),
    p95_ms: percentileSorted(s, 0.95),
    mean_ms: sum / n,
    min_ms: s[0],
    max_ms: s[n - 1],
  };
}

/**
 * Output tokens per second over a total generation time: `tokens / (ms / 1000)`. Sum tokens and
 * times over items first (a mean of per-item rates overweights short answers). Null without time.
 */
export function tokensPerSecond(tokens: number, ms: number): number | null {
  if (!Number.isFinite(tokens) || !Number.isFinite(ms) || ms <= 0 || tokens < 0) return null;
  return (tokens * 1000) / ms;
}

/** Failed items over all items, between 0 and 1; null for no items. */
export function errorRate(errors: number, total: number): number | null {
  if (!Number.isFinite(total) || total <= 0 || !Number.isFinite(errors) || errors < 0) return null;
  return Math.min(1, errors / total);
}

/** A total (cost, tokens…) per 1,000 items, as the 含金量 report shows cost; null for no items. */
export function perThousand(total: number, items: number): number | null {
  if (!Number.isFinite(total) || !Number.isFinite(items) || items <= 0) return null;
  return (total * 1000) / items;
}
