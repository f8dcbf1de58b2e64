import type SQLite from 'better-sqlite3';
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

/** Reads the stats rollups for the console overview; statements are prepared once, on first use. */
export class StatsRepository {
  private stmts: ReturnType<StatsRepository['prepare']> | undefined;

  constructor(private readonly sqlite: SQLite.Database) {}

  /** Sums per bucket and model over the range. */
  overview(q: StatsOverviewQuery): StatsBucketRow[] {
    const s = (this.stmts ??= this.prepare());
    const { from, to, bucketMs } = q;
    return (
      q.keyId
        ? s.key.all(from, bucketMs, q.keyId, from, to)
        : q.workspaceId !== undefined
          ? (q.fine ? s.minuteWs : s.hourWs).all(from, bucketMs, q.workspaceId, from, to)
          : (q.fine ? s.minute : s.hour).all(from, bucketMs, from, to)
    ) as StatsBucketRow[];
  }

  private prepare() {
    const summed = [...STATS_VALUE_COLUMNS, ...LATENCY_COLUMNS, ...TTFT_COLUMNS].map((col) => `sum(${col}) as ${col}`).join(', ');
    const statement = (table: string, time: string, filter: string) =>
      this.sqlite.prepare(
        `select cast((${time} - ?) / ? as integer) as b, model, ${summed} from ${table}
       where ${filter} ${time} >= ? and ${time} < ? group by b, model`,
      );
    return {
      minute: statement(STATS_TABLES.minute, 'minute', ''),
      minuteWs: statement(STATS_TABLES.minute, 'minute', 'workspace_id = ? and'),
      hour: statement(STATS_TABLES.hour, 'hour', ''),
      hourWs: statement(STATS_TABLES.hour, 'hour', 'workspace_id = ? and'),
      key: statement(STATS_TABLES.keyMinute, 'minute', 'key_id = ? and'),
    };
  }
}
