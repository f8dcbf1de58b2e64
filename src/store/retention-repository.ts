import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { dropLogPartitionsBefore } from './log-partitions.js';
import type { OpenedDatabase } from './open-database.js';
import type { Database } from './schema.js';

/** `settings` key: bodies of rows older than this instant were already cleared (a later pass starts there). */
const BODIES_WATERMARK = 'retention_bodies_cleared_before';

/** A position on the `request_logs` created_at index: a row's time and rowid (SQLite) or id (PostgreSQL). */
export interface LogPosition {
  t: number;
  r: number | string;
}

/**
 * What the retention purge deletes and clears, a chunk per call. Each call is one statement (one
 * implicit transaction), so writers never wait long. On SQLite statements are prepared once, on first
 * use; on PostgreSQL whole days go first (their partitions are dropped), then the rest in chunks.
 */
export class RetentionRepository {
  private stmts: ReturnType<RetentionRepository['prepare']> | undefined;
  private readonly sqlite: SQLite.Database | undefined;
  private readonly db: Kysely<Database>;

  constructor(database: Pick<OpenedDatabase, 'db' | 'sqlite'>) {
    this.sqlite = database.sqlite;
    this.db = database.db;
  }

  /** Where a cursor over the rows created at or after `t` starts. */
  origin(t: number): LogPosition {
    return { t, r: this.sqlite ? -1 : '' };
  }

  /** Deletes up to `limit` request logs created before `before`, oldest first; returns how many. */
  async deleteLogsBefore(before: number, limit: number): Promise<number> {
    if (this.sqlite) return this.statements().deleteLogs.run(before, limit).changes;
    const dropped = await dropLogPartitionsBefore(this.db, before);
    const r = await sql`delete from request_logs where (id, created_at) in
      (select id, created_at from request_logs where created_at < ${before} order by created_at limit ${limit})`.execute(this.db);
    return dropped + Number(r.numAffectedRows ?? 0);
  }

  /**
   * Deletes up to `limit` raw usage-analytics events (page views by their time, feedback by its
   * request's time) from before `before`, oldest first; returns how many. The analytics rollups,
   * sessions and end users stay.
   */
  async deleteEventsBefore(before: number, limit: number): Promise<number> {
    if (this.sqlite) {
      const s = this.statements();
      const pv = s.deletePageViews.run(before, limit).changes;
      return pv + s.deleteFeedback.run(before, Math.max(0, limit - pv)).changes;
    }
    const pv = await sql`delete from analytics_page_views where (workspace_id, id) in
      (select workspace_id, id from analytics_page_views where ts < ${before} order by ts limit ${limit})`.execute(this.db);
    const n = Number(pv.numAffectedRows ?? 0);
    const fb = await sql`delete from analytics_feedback where (workspace_id, request_id, end_user) in
      (select workspace_id, request_id, end_user from analytics_feedback where request_ts < ${before} order by request_ts limit ${Math.max(0, limit - n)})`.execute(
      this.db,
    );
    return n + Number(fb.numAffectedRows ?? 0);
  }

  /** The instant before which bodies were cleared by an earlier pass (0 when none ran). */
  async bodiesClearedBefore(): Promise<number> {
    const mark = await this.db.selectFrom('settings').select('value').where('key', '=', BODIES_WATERMARK).executeTakeFirst();
    return Number(mark?.value ?? 0) || 0;
  }

  /** Records that bodies of rows created before `before` are cleared. */
  async setBodiesClearedBefore(before: number, now: number): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key: BODIES_WATERMARK, value: String(before), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(before), updated_at: now }))
      .execute();
  }

  /**
   * Up to `limit` rows created before `before`, after `from` in (created_at, rowid | id) order: a cursor
   * over the created_at index.
   */
  async logsAfter(from: LogPosition, before: number, limit: number): Promise<LogPosition[]> {
    if (this.sqlite) return this.statements().page.all(from.t, before, from.t, from.r as number, limit);
    const r = await sql<LogPosition>`select id as r, created_at as t from request_logs
      where created_at >= ${from.t} and created_at < ${before} and (created_at, id) > (${from.t}, ${String(from.r)})
      order by created_at, id limit ${limit}`.execute(this.db);
    return r.rows;
  }

  /** Sets the bodies of these rows (positions from {@link logsAfter}) to NULL; returns how many had one. */
  async clearBodies(rows: readonly LogPosition[]): Promise<number> {
    if (this.sqlite) return this.statements().clear.run(JSON.stringify(rows.map((x) => x.r))).changes;
    if (rows.length === 0) return 0;
    const r = await sql`update request_logs set request_body = null, response_body = null
      where (id, created_at) in (select * from unnest(${rows.map((x) => String(x.r))}::text[], ${rows.map((x) => x.t)}::int8[]))
      and (request_body is not null or response_body is not null)`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }

  private statements() {
    return (this.stmts ??= this.prepare(this.sqlite!));
  }

  private prepare(s: SQLite.Database) {
    return {
      deleteLogs: s.prepare<[number, number]>(
        'delete from request_logs where rowid in (select rowid from request_logs where created_at < ? order by created_at limit ?)',
      ),
      page: s.prepare<[number, number, number, number, number], LogPosition>(
        'select rowid as r, created_at as t from request_logs where created_at >= ? and created_at < ? and (created_at > ? or rowid > ?) order by created_at, rowid limit ?',
      ),
      deletePageViews: s.prepare<[number, number]>(
        'delete from analytics_page_views where rowid in (select rowid from analytics_page_views where ts < ? order by ts limit ?)',
      ),
      deleteFeedback: s.prepare<[number, number]>(
        'delete from analytics_feedback where rowid in (select rowid from analytics_feedback where request_ts < ? order by request_ts limit ?)',
      ),
      clear: s.prepare<[string]>(
        'update request_logs set request_body = null, response_body = null where rowid in (select value from json_each(?)) and (request_body is not null or response_body is not null)',
      ),
    };
  }
}
