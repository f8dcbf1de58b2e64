import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import type { OpenedDatabase } from './open-database.js';
import { LATENCY_COLUMNS, STATS_TABLES, TTFT_COLUMNS } from './stats-columns.js';

/** The summed counters of the stats rollups, in this order (the histogram columns follow them in a row). */
export const STATS_VALUE_COLUMNS = [
  'requests',
  'errors',
  'cache_hits',
  'prompt_tokens',
  'completion_tokens',
  'cost_cny',
  'cost_usd',
] as const;

/** One bucket's sums for one model: `b` is the bucket's index, the other numbers are named after their columns. */
export type StatsBucketRow = Record<string, number> & { b: number; model: string };

/** What the overview reads: `[from, to)` in buckets of `bucketMs`, for the whole instance, a workspace or a key. */
export interface StatsOverviewQuery {
  from: number;
  to: number;
  bucketMs: number;
  /** The minute rollup (1h, 24h); else the hourly one. */
  fine: boolean;
  workspaceId?: string;
  /** A key sees its own traffic only (the per-key minute rollup). */
  keyId?: string;
}

/**
 * The instance-wide views read the rollups kept without the workspace (a workspace's rows summed at
 * write time: 1/N of the rows to read at N workspaces); a workspace reads its slice of the per-workspace ones.
 */
type Shape = 'minuteAll' | 'minuteWs' | 'hourAll' | 'hourWs' | 'key';
const SHAPES: Record<Shape, { table: string; time: string; filter: string }> = {
  minuteAll: { table: STATS_TABLES.minuteAll, time: 'minute', filter: '' },
  minuteWs: { table: STATS_TABLES.minute, time: 'minute', filter: 'workspace_id = ? and' },
  hourAll: { table: STATS_TABLES.hourAll, time: 'hour', filter: '' },
  hourWs: { table: STATS_TABLES.hour, time: 'hour', filter: 'workspace_id = ? and' },
  key: { table: STATS_TABLES.keyMinute, time: 'minute', filter: 'key_id = ? and' },
};
const SUMMED = [...STATS_VALUE_COLUMNS, ...LATENCY_COLUMNS, ...TTFT_COLUMNS].map((col) => `sum(${col}) as ${col}`).join(', ');
/** The statement text of a shape with `?` placeholders (SQLite); PostgreSQL numbers them. */
const text = (s: Shape): string => {
  const { table, time, filter } = SHAPES[s];
  return `select cast((${time} - ?) / ? as integer) as b, model, ${SUMMED} from ${table}
       where ${filter} ${time} >= ? and ${time} < ? group by b, model`;
};
const numbered = (t: string): string => {
  let i = 0;
  return t.replace(/\?/g, () => `$${++i}`);
};

/** Reads the stats rollups for the console overview; statements are prepared once (SQLite) or named (PostgreSQL). */
export class StatsRepository {
  private readonly stmts = new Map<Shape, SQLite.Statement>();
  private readonly sqlite: SQLite.Database | undefined;
  private readonly pool: pg.Pool | undefined;

  constructor(database: Pick<OpenedDatabase, 'sqlite' | 'pool'>) {
    this.sqlite = database.sqlite;
    this.pool = database.pool;
  }

  /** Sums per bucket and model over the range. */
  async overview(q: StatsOverviewQuery): Promise<StatsBucketRow[]> {
    const { from, to, bucketMs } = q;
    const [shape, params]: [Shape, unknown[]] = q.keyId
      ? ['key', [from, bucketMs, q.keyId, from, to]]
      : q.workspaceId !== undefined
        ? [q.fine ? 'minuteWs' : 'hourWs', [from, bucketMs, q.workspaceId, from, to]]
        : [q.fine ? 'minuteAll' : 'hourAll', [from, bucketMs, from, to]];
    if (this.sqlite) {
      let stmt = this.stmts.get(shape);
      if (!stmt) this.stmts.set(shape, (stmt = this.sqlite.prepare(text(shape))));
      return stmt.all(...params) as StatsBucketRow[];
    }
    const r = await this.pool!.query<StatsBucketRow>({ name: `bm_stats_${shape}`, text: numbered(text(shape)), values: params });
    return r.rows;
  }
}
