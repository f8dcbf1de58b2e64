import type { Kysely } from 'kysely';
import type { Database, RequestLogRow } from './schema.js';

/** Reads and writes request log rows; the only code that knows the table. */
export class RequestLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts rows in one transaction, in chunks that stay under SQLite's bound-parameter limit. */
  async insertMany(rows: RequestLogRow[]): Promise<void> {
    if (rows.length === 0) return;
    const per = 300;
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += per) {
        await trx.insertInto('request_logs').values(rows.slice(i, i + per)).execute();
      }
    });
  }

  /** Newest first. */
  async list(opts: { limit: number; offset?: number; keyId?: string }): Promise<RequestLogRow[]> {
    let q = this.db.selectFrom('request_logs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
    if (opts.keyId) q = q.where('key_id', '=', opts.keyId);
    return q.limit(opts.limit).offset(opts.offset ?? 0).execute();
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('request_logs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(r?.n ?? 0);
  }
}
