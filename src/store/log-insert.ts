import type SQLite from 'better-sqlite3';
import type { Calendar } from '../core/calendar.js';
import type { RequestLogRow } from './schema.js';
import { SqliteAnalytics } from './analytics-sqlite.js';
import { prepareRollupUpsert } from './usage-rollup.js';

/**
 * The request-log INSERT and the rollups it feeds, with no query builder: this module is what the
 * log worker thread loads, so it stays small.
 */

export interface RollupSettings {
  calendar: Calendar;
  usdToCny: number;
  /** The usage-analytics session gap (config `analytics.session_gap_minutes`; default 30 minutes). */
  sessionGapMs?: number;
  /** False: the usage and stats rollups only, no usage analytics (benchmarks measure what analytics adds). Default true. */
  analytics?: boolean;
}

/** Column order of the prepared INSERT. */
export const LOG_COLUMNS = [
  'id',
  'created_at',
  'key_id',
  'workspace_id',
  'app_id',
  'endpoint',
  'model_requested',
  'provider',
  'upstream_model',
  'attempts',
  'attempts_detail',
  'status',
  'error_type',
  'error_message',
  'prompt_tokens',
  'completion_tokens',
  'cached_tokens',
  'estimated',
  'cost',
  'currency',
  'cost_cny',
  'latency_ms',
  'ttft_ms',
  'stream',
  'finish_reason',
  'cache_hit',
  'session_id',
  'user_id',
  'client_ip',
  'request_body',
  'response_body',
  'aigc_label',
  'compliance',
  'app_slug',
  'app_version',
  'segments',
  'origin',
] as const satisfies ReadonlyArray<keyof RequestLogRow>;

/**
 * Writes `row`'s values into `out` from `at`, in `LOG_COLUMNS` order (absent ones as null). Spelled
 * out rather than looped over the column names: property reads by a varying name were most of the
 * cost of copying a batch, and a test checks both orders agree with `LOG_COLUMNS`.
 */
export function rowValues(row: RequestLogRow, out: unknown[], at: number): void {
  out[at + 0] = row.id ?? null;
  out[at + 1] = row.created_at ?? null;
  out[at + 2] = row.key_id ?? null;
  out[at + 3] = row.workspace_id ?? null;
  out[at + 4] = row.app_id ?? null;
  out[at + 5] = row.endpoint ?? null;
  out[at + 6] = row.model_requested ?? null;
  out[at + 7] = row.provider ?? null;
  out[at + 8] = row.upstream_model ?? null;
  out[at + 9] = row.attempts ?? null;
  out[at + 10] = row.attempts_detail ?? null;
  out[at + 11] = row.status ?? null;
  out[at + 12] = row.error_type ?? null;
  out[at + 13] = row.error_message ?? null;
  out[at + 14] = row.prompt_tokens ?? null;
  out[at + 15] = row.completion_tokens ?? null;
  out[at + 16] = row.cached_tokens ?? null;
  out[at + 17] = row.estimated ?? null;
  out[at + 18] = row.cost ?? null;
  out[at + 19] = row.currency ?? null;
  out[at + 20] = row.cost_cny ?? null;
  out[at + 21] = row.latency_ms ?? null;
  out[at + 22] = row.ttft_ms ?? null;
  out[at + 23] = row.stream ?? null;
  out[at + 24] = row.finish_reason ?? null;
  out[at + 25] = row.cache_hit ?? null;
  out[at + 26] = row.session_id ?? null;
  out[at + 27] = row.user_id ?? null;
  out[at + 28] = row.client_ip ?? null;
  out[at + 29] = row.request_body ?? null;
  out[at + 30] = row.response_body ?? null;
  out[at + 31] = row.aigc_label ?? null;
  out[at + 32] = row.compliance ?? null;
  out[at + 33] = row.app_slug ?? null;
  out[at + 34] = row.app_version ?? null;
  out[at + 35] = row.segments ?? null;
  out[at + 36] = row.origin ?? null;
}

/** The row whose values sit in `v` from `at` (the inverse of `rowValues`); one object shape for every row. */
export function rowFromValues(v: readonly unknown[], at: number): RequestLogRow {
  return {
    id: v[at + 0],
    created_at: v[at + 1],
    key_id: v[at + 2],
    workspace_id: v[at + 3],
    app_id: v[at + 4],
    endpoint: v[at + 5],
    model_requested: v[at + 6],
    provider: v[at + 7],
    upstream_model: v[at + 8],
    attempts: v[at + 9],
    attempts_detail: v[at + 10],
    status: v[at + 11],
    error_type: v[at + 12],
    error_message: v[at + 13],
    prompt_tokens: v[at + 14],
    completion_tokens: v[at + 15],
    cached_tokens: v[at + 16],
    estimated: v[at + 17],
    cost: v[at + 18],
    currency: v[at + 19],
    cost_cny: v[at + 20],
    latency_ms: v[at + 21],
    ttft_ms: v[at + 22],
    stream: v[at + 23],
    finish_reason: v[at + 24],
    cache_hit: v[at + 25],
    session_id: v[at + 26],
    user_id: v[at + 27],
    client_ip: v[at + 28],
    request_body: v[at + 29],
    response_body: v[at + 30],
    aigc_label: v[at + 31],
    compliance: v[at + 32],
    app_slug: v[at + 33],
    app_version: v[at + 34],
    segments: v[at + 35],
    origin: v[at + 36],
  } as RequestLogRow;
}

/** The INSERT statement text for one row. */
export const INSERT_LOG_SQL = `insert into "request_logs" (${LOG_COLUMNS.map((c) => `"${c}"`).join(', ')}) values (${LOG_COLUMNS.map(() => '?').join(', ')})`;

/**
 * One prepared single-row INSERT run for every row, plus the rollup upserts and the usage analytics
 * (analytics-sqlite.ts), inside one transaction: each row counts once.
 */
export function prepareInsert(sqlite: SQLite.Database, rollup: RollupSettings | undefined): (rows: RequestLogRow[]) => void {
  const stmt = sqlite.prepare(INSERT_LOG_SQL);
  const upsert = rollup ? prepareRollupUpsert(sqlite, rollup) : undefined;
  const analytics =
    rollup && rollup.analytics !== false
      ? new SqliteAnalytics(sqlite, { timeZone: rollup.calendar.timeZone, sessionGapMs: rollup.sessionGapMs })
      : undefined;
  const values: unknown[] = new Array(LOG_COLUMNS.length);
  return sqlite.transaction((rows: RequestLogRow[]) => {
    for (const row of rows) {
      rowValues(row, values, 0);
      stmt.run(values);
    }
    upsert?.(rows);
    analytics?.logRows(rows);
  });
}
