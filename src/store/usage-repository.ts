import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import type { OpenedDatabase } from './open-database.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Tokens and spend of one key. */
export interface KeyTotals {
  tokens: number;
  cny: number;
  usd: number;
}

export type UsageGroup = 'day' | 'model' | 'provider' | 'key' | 'app' | 'workspace';

export interface UsageSummaryRow {
  group: string;
  requests: number;
  errors: number;
  cache_hits: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_cny: number;
  cost_usd: number;
}

const GROUP_COLUMN: Record<UsageGroup, string> = {
  day: 'day',
  model: 'model',
  provider: 'provider',
  key: 'key_id',
  app: 'app_id',
  workspace: 'workspace_id',
};

/** Reads the daily rollups: usage reports and the durable figures quotas and budgets start from. */
export class UsageRepository {
  private keyTotalsStmt: SQLite.Statement<[string, string], KeyTotals> | undefined;
  private readonly db: Kysely<Database>;
  private readonly sqlite: SQLite.Database | undefined;
  private readonly pool: pg.Pool | undefined;

  /** The raw connection (SQLite) or pool (PostgreSQL) under `db` serves {@link keyTotalsNow} from one prepared statement. */
  constructor(database: Pick<OpenedDatabase, 'db' | 'sqlite' | 'pool'>) {
    this.db = database.db;
    this.sqlite = database.sqlite;
    this.pool = database.pool;
  }

  /**
   * {@link keyTotals} for the request path (quota and budget seeds): one prepared statement, made on
   * first use; synchronous on SQLite, a promise on PostgreSQL. `fromDay` '' means ever.
   */
  keyTotalsNow(keyId: string, fromDay: string): KeyTotals | undefined | Promise<KeyTotals | undefined> {
    const text = `select coalesce(sum(prompt_tokens + completion_tokens), 0) as tokens, coalesce(sum(cost_cny), 0) as cny,
       coalesce(sum(cost_usd), 0) as usd from usage_rollup where key_id = `;
    if (this.sqlite) return (this.keyTotalsStmt ??= this.sqlite.prepare(`${text}? and day >= ?`)).get(keyId, fromDay);
    return this.pool!.query<KeyTotals>({ name: 'bm_key_totals', text: `${text}$1 and day >= $2`, values: [keyId, fromDay] }).then(
      (r) => r.rows[0],
    );
  }

  /** Tokens and spend of one key since `fromDay` (inclusive; undefined: ever). */
  async keyTotals(keyId: string, fromDay?: string): Promise<KeyTotals> {
    let q = this.db
      .selectFrom('usage_rollup')
      .select([
        sql<number>`coalesce(sum(prompt_tokens + completion_tokens), 0)`.as('tokens'),
        sql<number>`coalesce(sum(cost_cny), 0)`.as('cny'),
        sql<number>`coalesce(sum(cost_usd), 0)`.as('usd'),
      ])
      .where('key_id', '=', keyId);
    if (fromDay) q = q.where('day', '>=', fromDay);
    const r = await q.executeTakeFirst();
    return { tokens: Number(r?.tokens ?? 0), cny: Number(r?.cny ?? 0), usd: Number(r?.usd ?? 0) };
  }

  /** Totals grouped by one dimension over `[fromDay, toDay]`, filtered like the logs. */
  async summary(f: {
    groupBy: UsageGroup;
    fromDay: string;
    toDay: string;
    workspaceId?: string;
    keyId?: string;
    appId?: string;
    model?: string;
  }): Promise<UsageSummaryRow[]> {
    const col = GROUP_COLUMN[f.groupBy];
    // Without app and key in the question, the per-model rollup has the answer in far fewer rows.
    const coarse = !f.keyId && !f.appId && f.groupBy !== 'key' && f.groupBy !== 'app';
    let q = this.db
      .selectFrom(coarse ? 'usage_rollup_models' : 'usage_rollup')
      .select([
        sql<string>`${sql.ref(col)}`.as('group'),
        sql<number>`sum(requests)`.as('requests'),
        sql<number>`sum(errors)`.as('errors'),
        sql<number>`sum(cache_hits)`.as('cache_hits'),
        sql<number>`sum(prompt_tokens)`.as('prompt_tokens'),
        sql<number>`sum(completion_tokens)`.as('completion_tokens'),
        sql<number>`round(cast(sum(cost_cny) as numeric), 8)`.as('cost_cny'),
        sql<number>`round(cast(sum(cost_usd) as numeric), 8)`.as('cost_usd'),
      ])
      .where('day', '>=', f.fromDay)
      .where('day', '<=', f.toDay);
    if (f.workspaceId !== undefined) q = q.where('workspace_id', '=', f.workspaceId);
    if (f.keyId) q = q.where(sql.ref('key_id'), '=', f.keyId);
    if (f.appId) q = q.where(sql.ref('app_id'), '=', f.appId);
    if (f.model) q = q.where('model', '=', f.model);
    const rows = await q.groupBy(sql.ref(col)).orderBy(sql.ref(col)).execute();
    return rows.map((r) => ({
      group: r.group,
      requests: Number(r.requests),
      errors: Number(r.errors),
      cache_hits: Number(r.cache_hits),
      prompt_tokens: Number(r.prompt_tokens),
      completion_tokens: Number(r.completion_tokens),
      cost_cny: Number(r.cost_cny),
      cost_usd: Number(r.cost_usd),
    }));
  }
}
