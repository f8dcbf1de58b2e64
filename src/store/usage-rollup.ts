import type SQLite from 'better-sqlite3';
import type { RollupSettings } from './log-insert.js';
import type { RequestLogRow } from './schema.js';
import { HISTOGRAM_BOUNDS_MS, HISTOGRAM_BUCKETS, LATENCY_COLUMNS, STATS_TABLES, TTFT_COLUMNS } from './stats-columns.js';

const SUMS = `requests = requests + excluded.requests,
    errors = errors + excluded.errors,
    cache_hits = cache_hits + excluded.cache_hits,
    prompt_tokens = prompt_tokens + excluded.prompt_tokens,
    completion_tokens = completion_tokens + excluded.completion_tokens,
    cost_cny = cost_cny + excluded.cost_cny,
    cost_usd = cost_usd + excluded.cost_usd`;

const UPSERT_MODELS_SQL = `insert into usage_rollup_models
  (day, workspace_id, model, provider, requests, errors, cache_hits, prompt_tokens, completion_tokens, cost_cny, cost_usd)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (day, workspace_id, model, provider) do update set ${SUMS}`;

const UPSERT_SQL = `insert into usage_rollup
  (day, workspace_id, app_id, key_id, model, provider, requests, errors, cache_hits, prompt_tokens, completion_tokens, cost_cny, cost_usd)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (day, workspace_id, app_id, key_id, model, provider) do update set ${SUMS}`;

const HIST = [...LATENCY_COLUMNS, ...TTFT_COLUMNS];
const STATS_VALUES = ['requests', 'errors', 'cache_hits', 'prompt_tokens', 'completion_tokens', 'cost_cny', 'cost_usd', ...HIST];
const statsUpsertSql = (table: string, dims: string[]): string =>
  `insert into ${table} (${[...dims, ...STATS_VALUES].join(', ')})
  values (${[...dims, ...STATS_VALUES].map(() => '?').join(', ')})
  on conflict (${dims.join(', ')}) do update set ${SUMS},
    ${HIST.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

/** Index of the histogram bucket holding `ms` (the last one is the overflow). */
function bucketOf(ms: number): number {
  let i = 0;
  while (i < HISTOGRAM_BOUNDS_MS.length && ms > HISTOGRAM_BOUNDS_MS[i]) i++;
  return i;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Minute rows are read by the 1h and 24h views only; key rows by every view of a key (30 days). */
const KEEP_MINUTES_MS = 3 * 24 * HOUR;
const KEEP_KEY_MINUTES_MS = 32 * 24 * HOUR;
const PRUNE_EVERY_MS = 10 * MINUTE;

/** Offsets into a stats group: 4 dimensions (time, workspace or key, model, provider), then the values. */
const V = 4;
const newStats = (t: number, who: string, model: string, provider: string): Array<string | number> => {
  const g: Array<string | number> = [t, who, model, provider];
  for (let i = 0; i < STATS_VALUES.length; i++) g.push(0);
  return g;
};
const addStats = (into: Array<string | number>, from: Array<string | number>, fromAt: number): void => {
  for (let i = 0; i < STATS_VALUES.length; i++) (into[V + i] as number) += from[fromAt + i] as number;
};

/** A batch of log rows summed per rollup row, each array in its table's column order (see the upsert statements). */
export interface RollupBatch {
  usage: unknown[][];
  models: unknown[][];
  perKey: Array<Array<string | number>>;
  minutes: Array<Array<string | number>>;
  hours: Array<Array<string | number>>;
  /** The minute and hour rows summed over workspaces (the instance-wide views). */
  minutesAll: Array<Array<string | number>>;
  hoursAll: Array<Array<string | number>>;
}

/** The column lists of the upserts, for writers that build their own statements (PostgreSQL). */
export const ROLLUP_COLUMNS = {
  usage: [
    'day',
    'workspace_id',
    'app_id',
    'key_id',
    'model',
    'provider',
    'requests',
    'errors',
    'cache_hits',
    'prompt_tokens',
    'completion_tokens',
    'cost_cny',
    'cost_usd',
  ],
  models: [
    'day',
    'workspace_id',
    'model',
    'provider',
    'requests',
    'errors',
    'cache_hits',
    'prompt_tokens',
    'completion_tokens',
    'cost_cny',
    'cost_usd',
  ],
  perKey: ['minute', 'key_id', 'model', 'provider', ...STATS_VALUES],
  minutes: ['minute', 'workspace_id', 'model', 'provider', ...STATS_VALUES],
  hours: ['hour', 'workspace_id', 'model', 'provider', ...STATS_VALUES],
  minutesAll: ['minute', 'model', 'provider', ...STATS_VALUES],
  hoursAll: ['hour', 'model', 'provider', ...STATS_VALUES],
} as const;

/** Rollup primary keys (the ON CONFLICT targets), by batch part. */
export const ROLLUP_KEYS = {
  usage: ['day', 'workspace_id', 'app_id', 'key_id', 'model', 'provider'],
  models: ['day', 'workspace_id', 'model', 'provider'],
  perKey: ['minute', 'key_id', 'model', 'provider'],
  minutes: ['minute', 'workspace_id', 'model', 'provider'],
  hours: ['hour', 'workspace_id', 'model', 'provider'],
  minutesAll: ['minute', 'model', 'provider'],
  hoursAll: ['hour', 'model', 'provider'],
} as const;

/** The sums every rollup keeps, and how a conflicting row adds them (shared by both dialects' upserts). */
export const ROLLUP_SUMS = SUMS;
export const STATS_SUMS = `${SUMS},\n    ${HIST.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

/**
 * When minute stats (per workspace and instance-wide) and key-minute stats older than their window are
 * deleted (at most every 10 minutes per writer).
 */
export class StatsPruning {
  private prunedAt = 0;
  /** The cut-offs to prune at now, or undefined when the last pruning is recent. */
  due(now = Date.now()): { minutesBefore: number; keyMinutesBefore: number } | undefined {
    if (now - this.prunedAt < PRUNE_EVERY_MS) return undefined;
    this.prunedAt = now;
    return { minutesBefore: now - KEEP_MINUTES_MS, keyMinutesBefore: now - KEEP_KEY_MINUTES_MS };
  }
}

/**
 * Sums a batch of log rows per row of the daily rollups (per key and app, and per model only) and of
 * the stats rollups of the console overview (per minute and hour, per workspace and over all of them,
 * and per key and minute, with latency and TTFT histograms): a batch of 500 rows from one busy key
 * becomes one upsert per table. Rollups make usage reports, charts and quota seeds a read of a few rows
 * instead of a scan of the log.
 */
export function summarizeRollups(rows: RequestLogRow[], s: RollupSettings): RollupBatch {
  const latAt = V + 7;
  const ttftAt = latAt + HISTOGRAM_BUCKETS;
  const groups = new Map<string, unknown[]>();
  // Stats by (minute, workspace, key, model, provider), laid out as a stats_key_minute row with
  // the workspace after it; the minute and hour rows drop the key below.
  const stats = new Map<string, Array<string | number>>();
  for (const r of rows) {
    const ws = r.workspace_id ?? '';
    const key = r.key_id ?? '';
    const provider = r.provider ?? '';
    const minute = r.created_at - (r.created_at % MINUTE);
    const sk = `${minute}\u0000${ws}\u0000${key}\u0000${r.model_requested}\u0000${provider}`;
    let st = stats.get(sk);
    if (!st) {
      st = newStats(minute, key, r.model_requested, provider);
      st.push(ws);
      stats.set(sk, st);
    }
    (st[V] as number)++;
    (st[latAt + bucketOf(r.latency_ms)] as number)++;
    if (r.ttft_ms !== null && r.ttft_ms !== undefined) (st[ttftAt + bucketOf(r.ttft_ms)] as number)++;

    const day = s.calendar.day(r.created_at);
    const k = `${day}\u0000${ws}\u0000${r.app_id ?? ''}\u0000${key}\u0000${r.model_requested}\u0000${provider}`;
    let g = groups.get(k);
    if (!g) {
      g = [day, ws, r.app_id ?? '', key, r.model_requested, provider, 0, 0, 0, 0, 0, 0, 0];
      groups.set(k, g);
    }
    (g[6] as number)++;
    if (r.status >= 400) {
      (g[7] as number)++;
      (st[V + 1] as number)++;
    }
    if (r.cache_hit) {
      // A hit is served without tokens or cost: the row shows what was served, the quota is untouched.
      (g[8] as number)++;
      (st[V + 2] as number)++;
      continue;
    }
    const usd = r.currency === 'USD' ? r.cost : r.cost_cny / s.usdToCny;
    (g[9] as number) += r.prompt_tokens;
    (g[10] as number) += r.completion_tokens;
    (g[11] as number) += r.cost_cny;
    (g[12] as number) += usd;
    (st[V + 3] as number) += r.prompt_tokens;
    (st[V + 4] as number) += r.completion_tokens;
    (st[V + 5] as number) += r.cost_cny;
    (st[V + 6] as number) += usd;
  }
  const usage = [...groups.values()];
  const coarse = new Map<string, unknown[]>();
  for (const g of usage) {
    const k = `${g[0]}\u0000${g[1]}\u0000${g[4]}\u0000${g[5]}`;
    const c = coarse.get(k);
    if (!c) coarse.set(k, [g[0], g[1], g[4], g[5], ...g.slice(6)]);
    else for (let i = 4; i < c.length; i++) (c[i] as number) += g[i + 2] as number;
  }

  const perKey: Array<Array<string | number>> = [];
  const minutes = new Map<string, Array<string | number>>();
  const hours = new Map<string, Array<string | number>>();
  const end = V + STATS_VALUES.length;
  for (const st of stats.values()) {
    const [minute, key, model, provider] = st as [number, string, string, string];
    const ws = st[end] as string;
    if (key) perKey.push(st.slice(0, end));
    const mk = `${minute}\u0000${ws}\u0000${model}\u0000${provider}`;
    let m = minutes.get(mk);
    if (!m) minutes.set(mk, (m = newStats(minute, ws, model, provider)));
    addStats(m, st, V);
    const hour = minute - (minute % HOUR);
    const hk = `${hour}\u0000${ws}\u0000${model}\u0000${provider}`;
    let h = hours.get(hk);
    if (!h) hours.set(hk, (h = newStats(hour, ws, model, provider)));
    addStats(h, st, V);
  }
  const minuteRows = [...minutes.values()];
  const hourRows = [...hours.values()];
  return {
    usage,
    models: [...coarse.values()],
    perKey,
    minutes: minuteRows,
    hours: hourRows,
    minutesAll: acrossWorkspaces(minuteRows),
    hoursAll: acrossWorkspaces(hourRows),
  };
}

/** Minute or hour rows (time, workspace, model, provider, values) summed over workspaces: (time, model, provider, values). */
function acrossWorkspaces(rows: ReadonlyArray<Array<string | number>>): Array<Array<string | number>> {
  const all = new Map<string, Array<string | number>>();
  for (const r of rows) {
    const k = `${r[0]}\u0000${r[2]}\u0000${r[3]}`;
    const a = all.get(k);
    if (!a) all.set(k, [r[0], r[2], r[3], ...r.slice(V)]);
    else for (let i = 0; i < STATS_VALUES.length; i++) (a[3 + i] as number) += r[V + i] as number;
  }
  return [...all.values()];
}

/** The SQLite writer of {@link summarizeRollups}: one prepared upsert per rollup row, inside the caller's transaction. */
export function prepareRollupUpsert(sqlite: SQLite.Database, s: RollupSettings): (rows: RequestLogRow[]) => void {
  const stmt = sqlite.prepare(UPSERT_SQL);
  const models = sqlite.prepare(UPSERT_MODELS_SQL);
  const perMinute = sqlite.prepare(statsUpsertSql(STATS_TABLES.minute, ['minute', 'workspace_id', 'model', 'provider']));
  const perHour = sqlite.prepare(statsUpsertSql(STATS_TABLES.hour, ['hour', 'workspace_id', 'model', 'provider']));
  const perKey = sqlite.prepare(statsUpsertSql(STATS_TABLES.keyMinute, ['minute', 'key_id', 'model', 'provider']));
  const perMinuteAll = sqlite.prepare(statsUpsertSql(STATS_TABLES.minuteAll, ['minute', 'model', 'provider']));
  const perHourAll = sqlite.prepare(statsUpsertSql(STATS_TABLES.hourAll, ['hour', 'model', 'provider']));
  const pruneMinutes = sqlite.prepare(`delete from ${STATS_TABLES.minute} where minute < ?`);
  const pruneMinutesAll = sqlite.prepare(`delete from ${STATS_TABLES.minuteAll} where minute < ?`);
  const pruneKeys = sqlite.prepare(`delete from ${STATS_TABLES.keyMinute} where minute < ?`);
  const pruning = new StatsPruning();
  return (rows) => {
    const b = summarizeRollups(rows, s);
    for (const g of b.usage) stmt.run(g);
    for (const c of b.models) models.run(c);
    for (const k of b.perKey) perKey.run(k);
    for (const m of b.minutes) perMinute.run(m);
    for (const h of b.hours) perHour.run(h);
    for (const m of b.minutesAll) perMinuteAll.run(m);
    for (const h of b.hoursAll) perHourAll.run(h);
    const due = pruning.due();
    if (due) {
      pruneMinutes.run(due.minutesBefore);
      pruneMinutesAll.run(due.minutesBefore);
      pruneKeys.run(due.keyMinutesBefore);
    }
  };
}
