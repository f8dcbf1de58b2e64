import type pg from 'pg';
import type { RollupSettings } from './log-insert.js';
import type { RequestLogRow } from './schema.js';
import { copyLogs } from './pg-copy-logs.js';
import { STATS_TABLES } from './stats-columns.js';
import { ROLLUP_COLUMNS, ROLLUP_KEYS, ROLLUP_SUMS, STATS_SUMS, StatsPruning, summarizeRollups, type RollupBatch } from './usage-rollup.js';

/**
 * The PostgreSQL request-log writer: a batch is one `COPY` of its rows (pg-copy-logs.ts) plus one
 * multi-row upsert per rollup table (`unnest` of one array per column, so the statement text and its
 * plan are the same for every batch size: named prepared statements), in one transaction on one pooled
 * connection.
 */

export type PgType = 'text' | 'int4' | 'int8' | 'float8';

const rollupType = (c: string): PgType =>
  c === 'minute' || c === 'hour' || c === 'prompt_tokens' || c === 'completion_tokens'
    ? 'int8'
    : c === 'cost_cny' || c === 'cost_usd'
      ? 'float8'
      : c === 'day' || c === 'workspace_id' || c === 'app_id' || c === 'key_id' || c === 'model' || c === 'provider'
        ? 'text'
        : 'int8';

const unnest = (types: readonly PgType[]): string => `select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;

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
 * A PostgreSQL array literal of one column, built here rather than by `pg` (whose generic array
 * serializer inspects and escapes every element: most of the writer's CPU). Numbers are written as
 * they are; text is double-quoted with `"` and `\` escaped; NUL, which PostgreSQL text cannot hold,
 * becomes U+FFFD.
 */
export function arrayLiteral(values: readonly unknown[], type: PgType): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (type !== 'text') out += typeof v === 'number' ? String(v) : String(Number(v));
    else {
      const t = typeof v === 'string' ? v : String(v);
      out += `"${t.includes('"') || t.includes('\\') || t.includes('\u0000') ? t.replace(/["\\]/g, '\\$&').replaceAll('\u0000', '\uFFFD') : t}"`;
    }
  }
  return `${out}}`;
}

/** Column-major array literals of `rows` (arrays of values in column order), the shape `unnest` takes. */
function columns(rows: ReadonlyArray<ReadonlyArray<unknown>>, types: readonly PgType[]): string[] {
  const out: string[] = new Array(types.length);
  const col: unknown[] = new Array(rows.length);
  for (let c = 0; c < types.length; c++) {
    for (let r = 0; r < rows.length; r++) col[r] = rows[r][c];
    out[c] = arrayLiteral(col, types[c]);
  }
  return out;
}

/**
 * Sorted by primary key, rows with the same key summed into one (a key's minute rows from two workspaces
 * meet in stats_key_minute; PostgreSQL refuses to upsert one row twice in a statement): concurrent writers
 * (replicas) then lock rollup rows in one order and never deadlock.
 */
export function mergeByKey(rows: unknown[][], keyWidth: number): unknown[][] {
  rows.sort((a, b) => {
    for (let i = 0; i < keyWidth; i++) {
      const x = a[i] as string | number;
      const y = b[i] as string | number;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  const out: unknown[][] = [];
  for (const row of rows) {
    const last = out[out.length - 1];
    let same = last !== undefined;
    for (let i = 0; same && i < keyWidth; i++) same = last[i] === row[i];
    if (!same) out.push(row);
    else for (let i = keyWidth; i < row.length; i++) (last[i] as number) += row[i] as number;
  }
  return out;
}

/** Makes the batch writer for `pool`: rows and their rollups in one transaction; `rollup` undefined writes rows only. */
export function preparePgInsert(pool: pg.Pool, rollup: RollupSettings | undefined): (rows: RequestLogRow[]) => Promise<void> {
  const pruning = new StatsPruning();
  return async (rows) => {
    if (rows.length === 0) return;
    const batch = rollup ? summarizeRollups(rows, rollup) : undefined;
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
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
}
