import { createHash } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { DIMENSION_COLUMN, DIMS, HOUR, MINUTE, type DimValues } from './analytics-columns.js';
import type { DayBuckets } from './analytics-rollup.js';
import type { OpenedDatabase } from './open-database.js';

/** Exact-match filters by dimension name (the port's AnalyticsFilters). */
export type Filters = Readonly<Partial<Record<string, string>>>;
/** What a read covers (the port's AnalyticsScope). */
export interface Scope {
  workspaceId?: string;
  from: number;
  to: number;
  filters?: Filters;
}

/** The filters that are set, as [dimension, value], in a stable order. */
export function filterList(f: Filters | undefined): Array<[string, string]> {
  if (!f) return [];
  const out: Array<[string, string]> = [];
  for (const name of Object.keys(DIMENSION_COLUMN)) {
    const v = f[name];
    if (name !== 'workspace' && typeof v === 'string') out.push([name, v]);
  }
  return out;
}

/** The column of a dimension name; a RangeError for anything else. */
export function columnOf(dimension: string): string {
  const c = Object.hasOwn(DIMENSION_COLUMN, dimension) ? DIMENSION_COLUMN[dimension] : undefined;
  if (!c) throw new RangeError(`unknown analytics dimension: ${dimension}`);
  return c;
}

/** The value of a dimension for a row's workspace and dimension values. */
export function valueOf(dimension: string, ws: string, dims: DimValues): string {
  const c = columnOf(dimension);
  return c === 'workspace_id' ? ws : dims[DIMS.indexOf(c as (typeof DIMS)[number])];
}

/** Whether a row (workspace, dimension values) is in the scope's workspace and matches its filters. */
export function inScope(scope: Scope, filters: ReadonlyArray<[string, string]>, ws: string, dims: DimValues): boolean {
  if (scope.workspaceId !== undefined && ws !== scope.workspaceId) return false;
  for (const [name, v] of filters) if (valueOf(name, ws, dims) !== v) return false;
  return true;
}

/** `where` conditions (after the time range) and their parameters for the scope's workspace and filters. */
export function whereOf(scope: Scope, filters: ReadonlyArray<[string, string]>): { text: string; params: unknown[] } {
  let text = '';
  const params: unknown[] = [];
  if (scope.workspaceId !== undefined) {
    text += ' and workspace_id = ?';
    params.push(scope.workspaceId);
  }
  for (const [name, v] of filters) {
    text += ` and ${columnOf(name)} = ?`;
    params.push(v);
  }
  return { text, params };
}

/** A stretch of time read from one grain. */
export interface Piece {
  from: number;
  to: number;
  grain: 'minute' | 'hour' | 'day';
}

/**
 * `[from, to)` as the fewest exact reads: the instance zone's whole days inside it, whole UTC hours
 * around them, UTC minutes at the edges (a range that is not whole minutes keeps its partial minutes
 * in the minute pieces: callers read those from raw rows).
 */
export function coverSpan(from: number, to: number, days: DayBuckets): Piece[] {
  if (from >= to) return [];
  const d1 = days.start(from) === from ? from : days.end(from);
  const d2 = days.start(to);
  if (d1 < d2) return [...hoursAndMinutes(from, d1), { from: d1, to: d2, grain: 'day' }, ...hoursAndMinutes(d2, to)];
  return hoursAndMinutes(from, to);
}

function hoursAndMinutes(from: number, to: number): Piece[] {
  if (from >= to) return [];
  const h1 = Math.ceil(from / HOUR) * HOUR;
  const h2 = Math.floor(to / HOUR) * HOUR;
  if (h1 >= h2) return [{ from, to, grain: 'minute' }];
  const out: Piece[] = [];
  if (from < h1) out.push({ from, to: h1, grain: 'minute' });
  out.push({ from: h1, to: h2, grain: 'hour' });
  if (h2 < to) out.push({ from: h2, to, grain: 'minute' });
  return out;
}

/** Whether `[from, to)` is whole UTC minutes. */
export const wholeMinutes = (from: number, to: number): boolean => from % MINUTE === 0 && to % MINUTE === 0;

/**
 * Runs read statements on either engine: SQLite statements prepared once per text, PostgreSQL ones
 * named after a hash of their text (prepared once per connection). Texts use `?` placeholders.
 */
export class QueryRunner {
  private readonly stmts = new Map<string, SQLite.Statement>();
  private readonly names = new Map<string, { name: string; text: string }>();
  readonly sqlite: SQLite.Database | undefined;
  readonly pool: pg.Pool | undefined;

  constructor(database: Pick<OpenedDatabase, 'sqlite' | 'pool'>) {
    this.sqlite = database.sqlite;
    this.pool = database.pool;
  }

  async all<T = Record<string, unknown>>(text: string, params: readonly unknown[]): Promise<T[]> {
    if (this.sqlite) {
      let stmt = this.stmts.get(text);
      if (!stmt) {
        if (this.stmts.size >= 2000) this.stmts.clear();
        this.stmts.set(text, (stmt = this.sqlite.prepare(text)));
      }
      return stmt.all(...params) as T[];
    }
    let named = this.names.get(text);
    if (!named) {
      if (this.names.size >= 2000) this.names.clear();
      let i = 0;
      named = { name: `bm_an_q_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text: text.replace(/\?/g, () => `$${++i}`) };
      this.names.set(text, named);
    }
    const r = await this.pool!.query({ name: named.name, text: named.text, values: params as unknown[] });
    return r.rows as T[];
  }
}
