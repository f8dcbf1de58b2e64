import type SQLite from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { OpenedDatabase } from './open-database.js';
import type { AuditLogTable, Database } from './schema.js';

/** One stored audit row, as read from `audit_log`. */
export type AuditRow = AuditLogTable;

/** The content an entry's hash covers: every column except the hashes. */
export type AuditContent = Omit<AuditRow, 'prev_hash' | 'hash'>;

/** An entry's place in the chain: its seq, id and hash. */
export interface ChainLink {
  seq: number;
  id: string;
  hash: string;
}

/** `settings` key of the chain head (last seq, id and hash, with a MAC), updated with every append. */
export const AUDIT_HEAD_SETTING = 'audit_head';

/** What one page of `AuditRepository.page` selects; every filter is served by an index ending in `seq`. */
export interface AuditPageQuery {
  workspaceId?: string;
  /** An action (`key.create`), or a prefix ending in `.*` (`key.*`). */
  action?: string;
  actorId?: string;
  /** Inclusive, epoch ms. */
  since?: number;
  /** Exclusive, epoch ms. */
  until?: number;
  /** Only entries with a smaller seq (the previous page's last one). */
  beforeSeq?: number;
  limit: number;
}

/** The chain as an append finds it, read inside the append's transaction with the write lock held. */
export interface AuditChainState {
  /** The newest stored row's link; undefined for an empty log. */
  last: ChainLink | undefined;
  /** The stored head record (JSON text); undefined when none was written. */
  headValue: string | undefined;
}

/** What an append writes: the rows (seq and hashes assigned, in seq order) and the new head record. */
export interface AuditAppendPlan {
  rows: AuditRow[];
  /** The new head record (JSON text). */
  head: string;
  /** updated_at of the head record. */
  now: number;
}

/** Rows in seq order: lazily on SQLite (the connection stays busy until the iterator ends), a page at a time on PostgreSQL. */
export type AuditRows = Iterable<AuditRow> | AsyncIterable<AuditRow>;

/**
 * The `audit_log` table and the chain head in `settings`. An append reads the chain and writes its
 * batch in one transaction holding the write lock, so processes sharing the database take turns:
 * on SQLite a synchronous `BEGIN IMMEDIATE` transaction over statements prepared once; on
 * PostgreSQL a transaction that first takes a transaction-scoped advisory lock (replicas append to
 * one chain). Reads return values on SQLite and promises on PostgreSQL.
 */
export class AuditRepository {
  private stmts: ReturnType<AuditRepository['prepare']> | undefined;
  private readonly db: Kysely<Database>;
  private readonly sqlite: SQLite.Database | undefined;

  constructor(database: Pick<OpenedDatabase, 'db' | 'sqlite' | 'pool'>) {
    this.db = database.db;
    this.sqlite = database.sqlite;
  }

  /** The stored head record (JSON text), or undefined. */
  headValue(): string | undefined | Promise<string | undefined> {
    if (this.sqlite) return this.statements().getHead.get()?.value;
    return this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', AUDIT_HEAD_SETTING)
      .executeTakeFirst()
      .then((r) => r?.value);
  }

  /**
   * Appends a batch in one transaction holding the write lock (taken before the chain is read):
   * `plan` gets the chain as it stands and returns the rows chained on it and the new head. It
   * commits when the rows and the head are written and rolls back when anything throws.
   */
  append(plan: (state: AuditChainState) => AuditAppendPlan): void | Promise<void> {
    if (!this.sqlite) return pgAppendAudit(this.db, plan);
    const s = this.statements();
    s.append.immediate(() => {
      const out = plan({ last: s.lastRow.get(), headValue: s.getHead.get()?.value });
      for (const r of out.rows)
        s.insert.run(
          r.seq,
          r.id,
          r.created_at,
          r.actor_type,
          r.actor_id,
          r.workspace_id,
          r.action,
          r.target_type,
          r.target_id,
          r.detail,
          r.prev_hash,
          r.hash,
        );
      s.setHead.run(out.head, out.now);
    });
  }

  /** Entries matching `q`, newest first, at most `q.limit`. */
  page(q: AuditPageQuery): AuditRow[] | Promise<AuditRow[]> {
    if (!this.sqlite) return pgAuditPage(this.db, q);
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (q.workspaceId !== undefined) {
      where.push('workspace_id = ?');
      params.push(q.workspaceId);
    }
    if (q.action) {
      if (q.action.endsWith('.*')) {
        // A range on the (action, seq) index: `key.*` is action >= 'key.' and < 'key/'.
        const prefix = q.action.slice(0, -1);
        where.push('action >= ? and action < ?');
        params.push(prefix, prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1));
      } else {
        where.push('action = ?');
        params.push(q.action);
      }
    }
    if (q.actorId) {
      where.push('actor_id = ?');
      params.push(q.actorId);
    }
    if (q.since !== undefined) {
      where.push('created_at >= ?');
      params.push(q.since);
    }
    if (q.until !== undefined) {
      where.push('created_at < ?');
      params.push(q.until);
    }
    if (q.beforeSeq !== undefined) {
      where.push('seq < ?');
      params.push(q.beforeSeq);
    }
    const text = `select * from audit_log${where.length ? ` where ${where.join(' and ')}` : ''} order by seq desc limit ?`;
    return this.sqlite.prepare(text).all(...params, q.limit) as AuditRow[];
  }

  /** Up to `limit` entries with a seq above `afterSeq`, in seq order (exports read in such pages). */
  after(afterSeq: number, limit: number): AuditRow[] | Promise<AuditRow[]> {
    if (!this.sqlite) return this.db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return this.statements().after.all(afterSeq, limit) as AuditRow[];
  }

  /** Every stored row in seq order: lazily on SQLite, a page at a time on PostgreSQL. */
  iterate(): AuditRows {
    if (!this.sqlite) return pgAuditRows(this.db);
    return this.statements().iterate.iterate() as IterableIterator<AuditRow>;
  }

  /**
   * Hands `fn` the head record and every row in seq order, both read from one snapshot (a read
   * transaction), so appends by other processes meanwhile neither show as rows past the head nor
   * move the head past the rows. On SQLite `rows` is a synchronous iterator and `fn` must finish
   * with it (run to its end, or `return()` it) before it returns, synchronously.
   */
  withChain<T>(fn: (headValue: string | undefined, rows: AuditRows) => T | Promise<T>): T | Promise<T> {
    if (!this.sqlite) return pgWithChain(this.db, fn);
    const s = this.statements();
    return s.read(() => fn(s.getHead.get()?.value, s.iterate.iterate() as IterableIterator<AuditRow>)) as T;
  }

  /** Number of stored entries. */
  count(): number | Promise<number> {
    if (!this.sqlite)
      return this.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    return (this.sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
  }

  /** The smallest stored seq; undefined for an empty log. */
  firstSeq(): number | undefined | Promise<number | undefined> {
    if (!this.sqlite)
      return this.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.min('seq').as('s'))
        .executeTakeFirst()
        .then((r) => (r?.s === null || r?.s === undefined ? undefined : Number(r.s)));
    return (this.sqlite.prepare('select min(seq) as s from audit_log').get() as { s: number | null }).s ?? undefined;
  }

  private statements() {
    return (this.stmts ??= this.prepare(this.sqlite!));
  }

  private prepare(s: SQLite.Database) {
    const getHead = s.prepare<[], { value: string }>(`select value from settings where key = '${AUDIT_HEAD_SETTING}'`);
    const lastRow = s.prepare<[], ChainLink>('select seq, id, hash from audit_log order by seq desc limit 1');
    const insert = s.prepare(
      'insert into audit_log (seq, id, created_at, actor_type, actor_id, workspace_id, action, target_type, target_id, detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const setHead = s.prepare<[string, number]>(
      `insert into settings (key, value, updated_at) values ('${AUDIT_HEAD_SETTING}', ?, ?) on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at`,
    );
    const append = s.transaction((fn: () => void) => fn());
    const read = s.transaction((fn: () => unknown) => fn());
    const after = s.prepare('select * from audit_log where seq > ? order by seq limit ?');
    const iterate = s.prepare('select * from audit_log order by seq');
    return { getHead, lastRow, insert, setHead, append, read, after, iterate };
  }
}

/**
 * The PostgreSQL append lock: `pg_advisory_xact_lock` on this key ("baimoAUD" as a 64-bit integer) is
 * held by every append until it commits, so appends from all replicas take turns on one chain.
 */
const PG_APPEND_LOCK = '7089063207196775748';
/** Rows per page when PostgreSQL reads the whole chain. */
const PG_PAGE = 1_000;

const pgLikeEscape = (q: string): string => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The append on PostgreSQL: lock, read the chain, insert the batch (one multi-row statement) and the head, commit. */
async function pgAppendAudit(db: Kysely<Database>, plan: (state: AuditChainState) => AuditAppendPlan): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${sql.raw(PG_APPEND_LOCK)})`.execute(trx);
    const head = await trx.selectFrom('settings').select('value').where('key', '=', AUDIT_HEAD_SETTING).executeTakeFirst();
    const last = await trx.selectFrom('audit_log').select(['seq', 'id', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const out = plan({ last, headValue: head?.value });
    if (out.rows.length) {
      const col = <K extends keyof AuditRow>(k: K): Array<AuditRow[K]> => out.rows.map((r) => r[k]);
      await sql`insert into audit_log (seq, id, created_at, actor_type, actor_id, workspace_id, action, target_type, target_id, detail, prev_hash, hash)
        select * from unnest(${col('seq')}::int4[], ${col('id')}::text[], ${col('created_at')}::int8[], ${col('actor_type')}::text[],
          ${col('actor_id')}::text[], ${col('workspace_id')}::text[], ${col('action')}::text[], ${col('target_type')}::text[],
          ${col('target_id')}::text[], ${col('detail')}::text[], ${col('prev_hash')}::text[], ${col('hash')}::text[])`.execute(trx);
    }
    await trx
      .insertInto('settings')
      .values({ key: AUDIT_HEAD_SETTING, value: out.head, updated_at: out.now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: out.head, updated_at: out.now }))
      .execute();
  });
}

/** {@link AuditRepository.page} on PostgreSQL (a prefix as LIKE: ranges on text depend on the collation there). */
function pgAuditPage(db: Kysely<Database>, q: AuditPageQuery): Promise<AuditRow[]> {
  let s = db.selectFrom('audit_log').selectAll();
  if (q.workspaceId !== undefined) s = s.where('workspace_id', '=', q.workspaceId);
  if (q.action)
    s = q.action.endsWith('.*') ? s.where('action', 'like', `${pgLikeEscape(q.action.slice(0, -1))}%`) : s.where('action', '=', q.action);
  if (q.actorId) s = s.where('actor_id', '=', q.actorId);
  if (q.since !== undefined) s = s.where('created_at', '>=', q.since);
  if (q.until !== undefined) s = s.where('created_at', '<', q.until);
  if (q.beforeSeq !== undefined) s = s.where('seq', '<', q.beforeSeq);
  return s.orderBy('seq', 'desc').limit(q.limit).execute();
}

/** Every row in seq order, {@link PG_PAGE} at a time (keyset pages on the primary key). */
async function* pgAuditRows(db: Kysely<Database> | Transaction<Database>): AsyncGenerator<AuditRow> {
  for (let after: number | undefined; ;) {
    let q = db.selectFrom('audit_log').selectAll();
    if (after !== undefined) q = q.where('seq', '>', after);
    const rows = await q.orderBy('seq').limit(PG_PAGE).execute();
    yield* rows;
    if (rows.length < PG_PAGE) return;
    after = rows[rows.length - 1].seq;
  }
}

/** {@link AuditRepository.withChain} on PostgreSQL: a read-only repeatable-read transaction is the snapshot. */
function pgWithChain<T>(db: Kysely<Database>, fn: (headValue: string | undefined, rows: AuditRows) => T | Promise<T>): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const head = await trx.selectFrom('settings').select('value').where('key', '=', AUDIT_HEAD_SETTING).executeTakeFirst();
      return fn(head?.value, pgAuditRows(trx));
    });
}
