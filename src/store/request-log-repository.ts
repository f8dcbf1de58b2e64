import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database, RequestLogRow } from './schema.js';

/** Reads and writes request log rows; the only code that knows the table. */
export class RequestLogRepository {
  private insertRows: ((rows: RequestLogRow[]) => void) | undefined;

  /**
   * `sqlite`, the raw connection under `db`, lets inserts reuse one prepared statement: building and
   * compiling a multi-row INSERT through Kysely for every batch was the costliest part of logging.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sqlite?: SQLite.Database,
  ) {}

  /** Inserts rows in one transaction (through Kysely: in chunks that stay under SQLite's bound-parameter limit). */
  async insertMany(rows: RequestLogRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.sqlite) {
      (this.insertRows ??= prepareInsert(this.sqlite))(rows);
      return;
    }
    const per = 300;
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += per) {
        await trx
          .insertInto('request_logs')
          .values(rows.slice(i, i + per))
          .execute();
      }
    });
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

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('request_logs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }
}

/** Column order of the prepared INSERT (shared with the log worker). */
export const LOG_COLUMNS = [
  'id',
  'created_at',
  'key_id',
  'endpoint',
  'model_requested',
  'provider',
  'upstream_model',
  'attempts',
  'status',
  'error_type',
  'error_message',
  'prompt_tokens',
  'completion_tokens',
  'cached_tokens',
  'estimated',
  'cost',
  'currency',
  'cost_cny',
  'latency_ms',
  'ttft_ms',
  'stream',
  'finish_reason',
  'session_id',
  'user_id',
  'client_ip',
  'request_body',
  'response_body',
] as const satisfies ReadonlyArray<keyof RequestLogRow>;

/** One prepared single-row INSERT run for every row inside one transaction (all or nothing, like the Kysely path). */
/** The INSERT statement text for one row. */
export const INSERT_LOG_SQL = `insert into "request_logs" (${LOG_COLUMNS.map((c) => `"${c}"`).join(', ')}) values (${LOG_COLUMNS.map(() => '?').join(', ')})`;

function prepareInsert(sqlite: SQLite.Database): (rows: RequestLogRow[]) => void {
  const stmt = sqlite.prepare(INSERT_LOG_SQL);
  const values: unknown[] = new Array(LOG_COLUMNS.length);
  return sqlite.transaction((rows: RequestLogRow[]) => {
    for (const row of rows) {
      for (let i = 0; i < LOG_COLUMNS.length; i++) values[i] = row[LOG_COLUMNS[i]] ?? null;
      stmt.run(values);
    }
  });
}
