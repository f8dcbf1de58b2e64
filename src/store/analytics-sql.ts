import { AN, DIMS, END_USER_COLUMNS, SESSION_COLUMNS, SKETCH_COUNTS, SKETCH_DIMS, SUMS } from './analytics-columns.js';
import { flatRows, type RollupDeltas } from './analytics-rollup.js';
import type { PgType } from './pg-arrays.js';

/**
 * The statements both dialects' analytics writers run, as text: one upsert per rollup table (the rows
 * of a RollupDeltas), the session and end-user writes. SQLite binds `?` per row; PostgreSQL sends a
 * batch as `unnest` of one array per column (see pg-analytics-write.ts).
 */

/** One rollup table a RollupDeltas part is written to. */
export interface DeltaPart {
  name: 'hour' | 'day' | 'minute' | 'sketchHour' | 'sketchDay' | 'userHour' | 'userDay';
  table: string;
  columns: readonly string[];
  /** The primary key (the first `key.length` columns). */
  key: readonly string[];
  /** The columns after the key. */
  values: readonly string[];
  /** How a row meets an existing one: its values added, or nothing (presence rows). */
  onConflict: 'add' | 'nothing';
  types: readonly PgType[];
}

const textOrInt = (c: string): PgType =>
  c === 'hour' || c === 'day' || c === 'minute' ? 'int8' : c === 'kind' || c === 'page' ? 'int4' : 'text';
const sumType = (c: string): PgType => (c === 'cost' ? 'float8' : 'int8');

function part(
  name: DeltaPart['name'],
  table: string,
  key: readonly string[],
  values: readonly string[],
  onConflict: DeltaPart['onConflict'],
): DeltaPart {
  const columns = [...key, ...values];
  return {
    name,
    table,
    columns,
    key,
    onConflict,
    values,
    types: columns.map((c) => (values.includes(c) ? sumType(c) : textOrInt(c))),
  };
}

export const DELTA_PARTS: readonly DeltaPart[] = [
  part('hour', AN.hour, ['hour', 'workspace_id', ...DIMS], SUMS, 'add'),
  part('day', AN.day, ['day', 'workspace_id', ...DIMS], SUMS, 'add'),
  part('minute', AN.minute, ['dim', 'value', 'minute', 'workspace_id'], SUMS, 'add'),
  part('sketchHour', AN.sketchHour, ['hour', 'workspace_id', ...SKETCH_DIMS, 'kind', 'page'], SKETCH_COUNTS, 'add'),
  part('sketchDay', AN.sketchDay, ['day', 'workspace_id', ...SKETCH_DIMS, 'kind', 'page'], SKETCH_COUNTS, 'add'),
  part('userHour', AN.userHour, ['hour', 'workspace_id', 'end_user', ...DIMS], [], 'nothing'),
  part('userDay', AN.userDay, ['day', 'workspace_id', 'end_user', ...DIMS], [], 'nothing'),
];

/** The ON CONFLICT clause of a part (columns qualified by the table: PostgreSQL needs it, SQLite accepts it). */
export function conflictClause(p: DeltaPart): string {
  const target = `on conflict (${p.key.join(', ')})`;
  if (p.onConflict === 'nothing') return `${target} do nothing`;
  return `${target} do update set ${p.values.map((c) => `${c} = ${p.table}.${c} + excluded.${c}`).join(', ')}`;
}

/** The rows of a part of `d` as flat arrays in the part's column order. */
export function partRows(d: RollupDeltas, p: DeltaPart): unknown[][] {
  switch (p.name) {
    case 'hour':
    case 'day':
    case 'minute':
      return flatRows(d[p.name]);
    default:
      return [...d[p.name].values()];
  }
}

/** The session upsert's columns after the key and their PostgreSQL types. */
export const SESSION_TYPES: readonly PgType[] = SESSION_COLUMNS.map((c) =>
  c === 'first_at' || c === 'last_at' || c === 'requests' || c === 'page_views' || c === 'dims_ts'
    ? 'int8'
    : c === 'explicit' || c === 'dims_kind'
      ? 'int4'
      : 'text',
);
export const SESSION_UPSERT_SET = SESSION_COLUMNS.filter((c) => c !== 'stream' && c !== 'first_at')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

export const END_USER_TYPES: readonly PgType[] = END_USER_COLUMNS.map((c) => (c === 'first_at' || c === 'last_at' ? 'int8' : 'text'));
/** First and last activity move; metadata is left as it is. */
export const END_USER_UPSERT_SET = [...END_USER_COLUMNS.filter((c) => c !== 'workspace_id' && c !== 'end_user'), 'updated_at']
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');
