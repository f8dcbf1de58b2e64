import type SQLite from 'better-sqlite3';
import type { Calendar } from '../core/calendar.js';
import type { RequestLogRow } from './schema.js';
import { prepareRollupUpsert } from './usage-rollup.js';

/**
 * The request-log INSERT and the rollups it feeds, with no query builder: this module is what the
 * log worker thread loads, so it stays small.
 */

export interface RollupSettings {
  calendar: Calendar;
  usdToCny: number;
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
] as const satisfies ReadonlyArray<keyof RequestLogRow>;

/** The INSERT statement text for one row. */
export const INSERT_LOG_SQL = `insert into "request_logs" (${LOG_COLUMNS.map((c) => `"${c}"`).join(', ')}) values (${LOG_COLUMNS.map(() => '?').join(', ')})`;

/** One prepared single-row INSERT run for every row, plus the rollup upserts, inside one transaction. */
export function prepareInsert(sqlite: SQLite.Database, rollup: RollupSettings | undefined): (rows: RequestLogRow[]) => void {
  const stmt = sqlite.prepare(INSERT_LOG_SQL);
  const upsert = rollup ? prepareRollupUpsert(sqlite, rollup) : undefined;
  const values: unknown[] = new Array(LOG_COLUMNS.length);
  return sqlite.transaction((rows: RequestLogRow[]) => {
    for (const row of rows) {
      for (let i = 0; i < LOG_COLUMNS.length; i++) values[i] = row[LOG_COLUMNS[i]] ?? null;
      stmt.run(values);
    }
    upsert?.(rows);
  });
}
