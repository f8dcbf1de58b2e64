import { sql, type Kysely, type SqlBool } from 'kysely';
import { prepareInsert, type RollupSettings } from './log-insert.js';
import type { OpenedDatabase } from './open-database.js';
import { preparePgInsert } from './pg-log-insert.js';
import type { Database, RequestLogRow } from './schema.js';

/** Filters of the logs API; every one is served by an index that ends in `created_at`. */
export interface LogQuery {
  /** Undefined: every workspace (instance administrators). */
  workspaceId?: string;
  from?: number;
  to?: number;
  keyId?: string;
  appId?: string;
  model?: string;
  /**
   * The scenario app's slug (`app_slug`); null: requests no scenario app made. No index of its own: a
   * drill-down names a time range too, and the rows of that range are read off the `created_at` index.
   */
  scenario?: string | null;
  /** A status code, or `error` (≥ 400), or `ok` (< 400). */
  status?: number | 'error' | 'ok';
  limit: number;
  cursor?: LogCursor;
}

export interface LogCursor {
  createdAt: number;
  id: string;
}

/** The WHERE of the partial error indexes, verbatim. */
const IS_ERROR = sql<SqlBool>`"status" >= 400`;

/** Reads and writes request log rows (and their daily rollups); the only code that knows the tables. */
export class RequestLogRepository {
  private insertRows: ((rows: RequestLogRow[]) => void | Promise<void>) | undefined;
  private readonly db: Kysely<Database>;

  /**
   * Inserts bypass Kysely: on SQLite they reuse prepared statements on the raw connection (building and
   * compiling a multi-row INSERT through Kysely for every batch was the costliest part of logging), on
   * PostgreSQL a batch is one `unnest` INSERT (pg-log-insert.ts).
   */
  constructor(
    private readonly database: Pick<OpenedDatabase, 'db' | 'sqlite' | 'pool'>,
    private readonly rollup?: RollupSettings,
  ) {
    this.db = database.db;
  }

  /** Inserts rows and adds them to the daily rollups, in one transaction. */
  async insertMany(rows: RequestLogRow[]): Promise<void> {
    if (rows.length === 0) return;
    this.insertRows ??= this.database.sqlite
      ? prepareInsert(this.database.sqlite, this.rollup)
      : preparePgInsert(this.database.pool!, this.rollup);
    await this.insertRows(rows);
  }

  /** One row by id, bodies included. */
  async get(id: string): Promise<RequestLogRow | undefined> {
    return this.db.selectFrom('request_logs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first. */
  async list(opts: { limit: number; offset?: number; keyId?: string }): Promise<RequestLogRow[]> {
    let q = this.db.selectFrom('request_logs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
    if (opts.keyId) q = q.where('key_id', '=', opts.keyId);
    return q
      .limit(opts.limit)
      .offset(opts.offset ?? 0)
      .execute();
  }

  /**
   * One page of a filtered query, newest first; pages continue from a cursor, never with OFFSET.
   *
   * Rows are ordered by `(created_at, rowid)`: every index on the table ends in `created_at`, and
   * SQLite keeps the rowid after it, so a page is read straight off an index and stops at the limit.
   * Ordering ties by `id` instead needed a sort step, and with statistics (ANALYZE) the planner then
   * preferred a skip-scan plus a sort of the whole range (a one-day range of 1M rows: 30-45 ms instead
   * of 1 ms). The cursor still carries the id; its rowid is looked up through the primary key. A
   * cursor whose row is gone (retention) resumes at the rows strictly older than its time.
   */
  async query(f: LogQuery): Promise<{ rows: RequestLogRow[]; next: LogCursor | null }> {
    let q = this.base();
    if (f.workspaceId !== undefined) q = q.where('workspace_id', '=', f.workspaceId);
    if (f.keyId) q = q.where('key_id', '=', f.keyId);
    if (f.appId) q = q.where('app_id', '=', f.appId);
    if (f.model) q = q.where('model_requested', '=', f.model);
    if (f.scenario === null) q = q.where('app_slug', 'is', null);
    else if (f.scenario) q = q.where('app_slug', '=', f.scenario);
    // `status >= 400` is spelled as in the partial indexes' WHERE (a literal, not a parameter) so
    // SQLite can prove they apply: errors come off request_logs_errors_created in time order, one
    // error code off request_logs_status_created (without it, a rare code scanned the whole table).
    if (f.status === 'error') q = q.where(IS_ERROR);
    else if (f.status === 'ok') q = q.where('status', '<', 400);
    else if (typeof f.status === 'number') {
      q = q.where('status', '=', f.status);
      if (f.status >= 400) q = q.where(IS_ERROR);
    }
    if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('created_at', '<', f.to);
    const c = f.cursor;
    if (!this.database.sqlite) return this.page(q, f, c);
    if (c) {
      q = q
        .where('created_at', '<=', c.createdAt)
        .where((eb) =>
          eb.or([
            eb('created_at', '<', c.createdAt),
            sql<SqlBool>`"request_logs"."rowid" < (select "rowid" from "request_logs" where "id" = ${c.id})`,
          ]),
        );
    }
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy(sql`"request_logs"."rowid"`, 'desc')
      .limit(f.limit + 1)
      .execute();
    const more = rows.length > f.limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    return { rows, next: more && last ? { createdAt: last.created_at, id: last.id } : null };
  }

  /** PostgreSQL has no rowid: pages are ordered by `(created_at, id)`, and a cursor is that pair. */
  private async page(
    q: ReturnType<RequestLogRepository['base']>,
    f: LogQuery,
    c: LogCursor | undefined,
  ): Promise<{ rows: RequestLogRow[]; next: LogCursor | null }> {
    if (c) q = q.where(sql<SqlBool>`("created_at", "id") < (${c.createdAt}, ${c.id})`);
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit + 1)
      .execute();
    const more = rows.length > f.limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    return { rows, next: more && last ? { createdAt: last.created_at, id: last.id } : null };
  }

  private base() {
    return this.db.selectFrom('request_logs').selectAll();
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('request_logs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }
}
