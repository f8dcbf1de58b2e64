/**
 * Upper bounds (ms) of the latency and time-to-first-token histogram buckets kept by the stats
 * rollups; a last bucket holds everything above the final bound. Fixed forever: changing them
 * would mix incompatible counts (add a migration with new columns instead).
 */
export const HISTOGRAM_BOUNDS_MS = [50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 8000, 13000, 20000, 30000] as const;
/** Buckets per histogram: one per bound plus the overflow bucket. */
export const HISTOGRAM_BUCKETS = HISTOGRAM_BOUNDS_MS.length + 1;
/** Column names: `lat_0` … `lat_15` (latency), `ttft_0` … `ttft_15` (time to first token). */
export const LATENCY_COLUMNS = Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => `lat_${i}`);
export const TTFT_COLUMNS = Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => `ttft_${i}`);

/** The tables, with the dimension that leads their clustered primary key. */
export const STATS_TABLES = {
  /** Per minute, workspace, model and provider: the 1h and 24h views. */
  minute: 'stats_minute',
  /** The same per hour: the 7d and 30d views read 60x fewer rows. */
  hour: 'stats_hour',
  /** Per key, minute, model and provider: what an API key sees of itself. */
  keyMinute: 'stats_key_minute',
  /** Per minute, model and provider, all workspaces summed: the instance-wide 1h and 24h views. */
  minuteAll: 'stats_minute_all',
  /** The same per hour: the instance-wide 7d and 30d views. */
  hourAll: 'stats_hour_all',
} as const;
