/** Shapes of GET /api/stats/overview (see the web contract). */
export type Range = '1h' | '24h' | '7d' | '30d';

export interface StatPoint {
  requests: number;
  errors: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_cny: number;
  cost_usd: number;
  cache_hits: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  ttft_p50_ms: number | null;
  ttft_p95_ms: number | null;
}

export interface SeriesPoint extends StatPoint {
  /** Bucket start, ISO 8601. */
  t: string;
}

export interface TopModel {
  model: string;
  requests: number;
  tokens: number;
  cost_cny: number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface ProviderHealth {
  name: string;
  targets: { model: string; circuit: CircuitState; in_flight: number }[];
}

export interface OverviewStats {
  range: Range;
  bucket_ms: number;
  series: SeriesPoint[];
  totals: StatPoint;
  top_models: TopModel[];
  providers: ProviderHealth[];
}
