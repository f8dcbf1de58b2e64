import type SQLite from 'better-sqlite3';

/** `settings` key: bodies of rows older than this instant were already cleared (a later pass starts there). */
const BODIES_WATERMARK = 'retention_bodies_cleared_before';

/** A position on the `request_logs` created_at index: a row's time and rowid. */
export interface LogPosition {
  t: number;
  r: number;
}

/**
 * What the retention purge deletes and clears, a chunk per call. Each call is one statement (one
 * implicit transaction), so writers never wait long; statements are prepared once, on first use.
 */
export class RetentionRepository {
  private stmts: ReturnType<RetentionRepository['prepare']> | undefined;

  constructor(private readonly sqlite: SQLite.Database) {}

  /** Deletes up to `limit` request logs created before `before`, oldest first; returns how many. */
  deleteLogsBefore(before: number, limit: number): number {
    return this.statements().deleteLogs.run(before, limit).changes;
  }

  /** The instant before which bodies were cleared by an earlier pass (0 when none ran). */
  bodiesClearedBefore(): number {
    const mark = this.statements().getMark.get(BODIES_WATERMARK);
    return Number(mark?.value ?? 0) || 0;
  }

  /** Records that bodies of rows created before `before` are cleared. */
  setBodiesClearedBefore(before: number, now: number): void {
    this.statements().setMark.run(BODIES_WATERMARK, String(before), now);
  }

  /**
   * Up to `limit` rows created before `before`, after `from` in (created_at, rowid) order: a cursor
   * over the created_at index.
   */
  logsAfter(from: LogPosition, before: number, limit: number): LogPosition[] {
    return this.statements().page.all(from.t, before, from.t, from.r, limit);
  }

  /** Sets the bodies of these rows (rowids) to NULL; returns how many had one. */
  clearBodies(rowids: readonly number[]): number {
    return this.statements().clear.run(JSON.stringify(rowids)).changes;
  }

  private statements() {
    return (this.stmts ??= this.prepare());
  }

  private prepare() {
    const s = this.sqlite;
    return {
      deleteLogs: s.prepare<[number, number]>(
        'delete from request_logs where rowid in (select rowid from request_logs where created_at < ? order by created_at limit ?)',
      ),
      getMark: s.prepare<[string], { value: string }>('select value from settings where key = ?'),
      setMark: s.prepare<[string, string, number]>(
        'insert into settings (key, value, updated_at) values (?, ?, ?) on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at',
      ),
      page: s.prepare<[number, number, number, number, number], LogPosition>(
        'select rowid as r, created_at as t from request_logs where created_at >= ? and created_at < ? and (created_at > ? or rowid > ?) order by created_at, rowid limit ?',
      ),
      clear: s.prepare<[string]>(
        'update request_logs set request_body = null, response_body = null where rowid in (select value from json_each(?)) and (request_body is not null or response_body is not null)',
      ),
    };
  }
}
