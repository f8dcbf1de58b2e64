import type SQLite from 'better-sqlite3';
import type { AuditLogTable } from './schema.js';

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

/** The chain head and the newest row, read and written inside one append transaction. */
export interface AuditAppendTx {
  /** The newest stored row's link; undefined for an empty log. */
  last(): ChainLink | undefined;
  /** The stored head record (JSON text); undefined when none was written. */
  headValue(): string | undefined;
  /** Appends one entry, its seq already assigned. */
  insert(e: AuditContent, prevHash: string, hash: string): void;
  /** Stores the new head record. */
  setHead(value: string, now: number): void;
}

/**
 * The `audit_log` table and the chain head in `settings`. Writes are synchronous, each batch in one
 * `BEGIN IMMEDIATE` transaction ({@link appendImmediate}), so processes sharing the database file
 * take turns; statements are prepared once, on first use.
 */
export class AuditRepository {
  private stmts: ReturnType<AuditRepository['prepare']> | undefined;

  constructor(private readonly sqlite: SQLite.Database) {}

  /** The stored head record (JSON text), or undefined. */
  headValue(): string | undefined {
    return this.statements().tx.headValue();
  }

  /**
   * Runs `fn` in one immediate transaction (the write lock is taken before the head is read); it
   * commits when `fn` returns and rolls back when it throws.
   */
  appendImmediate<T>(fn: (tx: AuditAppendTx) => T): T {
    return this.statements().append.immediate(fn) as T;
  }

  /** Entries matching `q`, newest first, at most `q.limit`. */
  page(q: AuditPageQuery): AuditRow[] {
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
  after(afterSeq: number, limit: number): AuditRow[] {
    return this.statements().after.all(afterSeq, limit) as AuditRow[];
  }

  /** Every stored row in seq order; reads lazily (the connection stays busy until the iterator ends). */
  iterate(): IterableIterator<AuditRow> {
    return this.statements().iterate.iterate() as IterableIterator<AuditRow>;
  }

  /** Number of stored entries. */
  count(): number {
    return (this.sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
  }

  /** The smallest stored seq; undefined for an empty log. */
  firstSeq(): number | undefined {
    return (this.sqlite.prepare('select min(seq) as s from audit_log').get() as { s: number | null }).s ?? undefined;
  }

  private statements() {
    return (this.stmts ??= this.prepare());
  }

  private prepare() {
    const s = this.sqlite;
    const getHead = s.prepare<[], { value: string }>(`select value from settings where key = '${AUDIT_HEAD_SETTING}'`);
    const lastRow = s.prepare<[], ChainLink>('select seq, id, hash from audit_log order by seq desc limit 1');
    const insert = s.prepare(
      'insert into audit_log (seq, id, created_at, actor_type, actor_id, workspace_id, action, target_type, target_id, detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const setHead = s.prepare(
      `insert into settings (key, value, updated_at) values ('${AUDIT_HEAD_SETTING}', ?, ?) on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at`,
    );
    const tx: AuditAppendTx = {
      last: () => lastRow.get(),
      headValue: () => getHead.get()?.value,
      insert: (e, prevHash, hash) => {
        insert.run(
          e.seq,
          e.id,
          e.created_at,
          e.actor_type,
          e.actor_id,
          e.workspace_id,
          e.action,
          e.target_type,
          e.target_id,
          e.detail,
          prevHash,
          hash,
        );
      },
      setHead: (value, now) => {
        setHead.run(value, now);
      },
    };
    const append = s.transaction((fn: (tx: AuditAppendTx) => unknown) => fn(tx));
    const after = s.prepare('select * from audit_log where seq > ? order by seq limit ?');
    const iterate = s.prepare('select * from audit_log order by seq');
    return { tx, append, after, iterate };
  }
}
