import type pg from 'pg';
import type { RollupSettings } from './log-insert.js';
import type { RequestLogRow } from './schema.js';
import { copyLogs } from './pg-copy-logs.js';
import { PgAnalytics } from './pg-analytics-write.js';
import { columns, mergeByKey, unnest, type PgType } from './pg-arrays.js';
import { STATS_TABLES } from './stats-columns.js';
import { ROLLUP_COLUMNS, ROLLUP_KEYS, ROLLUP_SUMS, STATS_SUMS, StatsPruning, summarizeRollups, type RollupBatch } from './usage-rollup.js';

export { arrayLiteral, mergeByKey, type PgType } from './pg-arrays.js';

/**
 * The PostgreSQL request-log writer: a batch is one `COPY` of its rows (pg-copy-logs.ts) plus one
 * multi-row upsert per rollup table (`unnest` of one array per column, so the statement text and its
 * plan are the same for every batch size: named prepared statements), in one transaction on one pooled
 * connection.
 */

const rollupType = (c: string): PgType =>
  c === 'minute' || c === 'hour' || c === 'prompt_tokens' || c === 'completion_tokens'
    ? 'int8'
    : c === 'cost_cny' || c === 'cost_usd'
      ? 'float8'
      : c === 'day' || c === 'workspace_id' || c === 'app_id' || c === 'key_id' || c === 'model' || c === 'provider'
        ? 'text'
        : 'int8';

type Part = keyof RollupBatch;
const TABLE: Record<Part, string> = {
  usage: 'usage_rollup',
  models: 'usage_rollup_models',
  perKey: STATS_TABLES.keyMinute,
  minutes: STATS_TABLES.minute,
  hours: STATS_TABLES.hour,
  minutesAll: STATS_TABLES.minuteAll,
  hoursAll: STATS_TABLES.hourAll,
};
const PARTS = Object.keys(TABLE) as Part[];
const UPSERT: Record<Part, { text: string; types: PgType[] }> = Object.fromEntries(
  PARTS.map((part) => {
    const cols = ROLLUP_COLUMNS[part] as readonly string[];
    const types = cols.map(rollupType);
    const sums = part === 'usage' || part === 'models' ? ROLLUP_SUMS : STATS_SUMS;
    // `excluded`/own-column references must be qualified on PostgreSQL: `requests + excluded.requests` is ambiguous.
    const set = sums.replace(/(^|[\s,(])(\w+) = \2 \+ excluded\.\2/g, `$1$2 = ${TABLE[part]}.$2 + excluded.$2`);
    return [
      part,
      {
        text: `insert into ${TABLE[part]} (${cols.join(', ')}) ${unnest(types)} on conflict (${ROLLUP_KEYS[part].join(', ')}) do update set ${set}`,
        types,
      },
    ];
  }),
) as Record<Part, { text: string; types: PgType[] }>;

/**
 * Makes the batch writer for `pool`: rows, their rollups and their usage analytics in one transaction;
 * `rollup` undefined writes rows only.
 */
export function preparePgInsert(pool: pg.Pool, rollup: RollupSettings | undefined): (rows: RequestLogRow[]) => Promise<void> {
  const pruning = new StatsPruning();
  const analytics =
    rollup && rollup.analytics !== false
      ? new PgAnalytics({ timeZone: rollup.calendar.timeZone, sessionGapMs: rollup.sessionGapMs })
      : undefined;
  return async (rows) => {
    if (rows.length === 0) return;
    const batch = rollup ? summarizeRollups(rows, rollup) : undefined;
    const events = analytics ? PgAnalytics.eventsOf(rows) : [];
    const client = await pool.connect();
    try {
      await client.query('begin');
      await copyLogs(client, rows);
      if (batch) {
        for (const part of PARTS) {
          const parts = batch[part] as unknown[][];
          if (parts.length === 0) continue;
          const u = UPSERT[part];
          await client.query({
            name: `bm_upsert_${part}`,
            text: u.text,
            values: columns(mergeByKey(parts, ROLLUP_KEYS[part].length), u.types),
          });
        }
        const due = pruning.due();
        if (due) {
          await client.query(`delete from ${STATS_TABLES.minute} where minute < $1`, [due.minutesBefore]);
          await client.query(`delete from ${STATS_TABLES.minuteAll} where minute < $1`, [due.minutesBefore]);
          await client.query(`delete from ${STATS_TABLES.keyMinute} where minute < $1`, [due.keyMinutesBefore]);
        }
      }
      // Usage analytics last: its advisory locks come after the rollup rows' (pg-analytics-write.ts).
      if (events.length > 0) await analytics!.record(client, events);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
}
