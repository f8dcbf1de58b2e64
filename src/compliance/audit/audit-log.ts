import { randomBytes } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import {
  AUDIT_HEAD_SETTING,
  CHAIN_RESET_ACTION,
  chainHash,
  GENESIS_HASH,
  headMac,
  headProblem,
  parseHead,
  type ActorType,
  type AuditHead,
  type AuditRow,
  type ChainLink,
  type ChainResetDetail,
} from './audit-chain.js';
import { serializeDetailSoon } from './audit-detail-off-thread.js';

/** Something worth an audit entry, as callers describe it. */
export interface AuditEvent {
  actorType: ActorType;
  actorId?: string | null;
  workspaceId?: string | null;
  /** e.g. `key.create`, `provider.update`, `policy.update`, `pii.detected`, `request.blocked`, `retention.purge`. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** Free-form facts; fields named like secrets (api_key, token, password…) are stripped before storing. */
  detail?: Record<string, unknown> | null;
}

/** An audit entry as the API and the console show it (detail parsed, hashes left out). */
export interface AuditEntry {
  seq: number;
  id: string;
  created_at: number;
  actor_type: ActorType;
  actor_id: string | null;
  workspace_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: Record<string, unknown> | null;
}

/** Filters of `AuditLog.list`. `action` ending in `.*` matches a prefix (`key.*`). */
export interface AuditFilter {
  workspaceId?: string;
  action?: string;
  actorId?: string;
  /** Inclusive, epoch ms. */
  since?: number;
  /** Exclusive, epoch ms. */
  until?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** 1..1000, default 50. */
  limit?: number;
}

export interface AuditLogOptions {
  /** Queued entries are written after this many ms (default 100). */
  flushMs?: number;
  /** … or as soon as this many are waiting (default 100). */
  batchSize?: number;
  /** A failed write (the batch is tried once more, then dropped and counted). */
  onError?: (err: unknown) => void;
}

type Pending = Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>;
/** A queued entry: a large detail may still be being serialised on its own thread. */
type Queued = Omit<Pending, 'detail'> & { detail: Pending['detail'] | Promise<Pending['detail']> };

const PROCESS = randomBytes(5).toString('hex');
let counter = 0;

/** A time-ordered entry id, unique across processes without a CSPRNG call per entry. */
function newAuditId(now: number): string {
  counter = (counter + 1) % 0x100000000;
  return `aud_${now.toString(36)}${PROCESS}${counter.toString(36).padStart(7, '0')}`;
}

/** The entry that records a cut in the chain (see headProblem), written by baimo itself. */
function chainResetEntry(detail: ChainResetDetail): Pending {
  const now = Date.now();
  return {
    id: newAuditId(now),
    created_at: now,
    actor_type: 'system',
    actor_id: null,
    workspace_id: null,
    action: CHAIN_RESET_ACTION,
    target_type: 'audit_log',
    target_id: null,
    detail: JSON.stringify(detail),
  };
}

/**
 * The append-only, hash-chained audit log. `record` queues and returns at once; batches are written
 * each in ONE `BEGIN IMMEDIATE` transaction that reads the chain head, appends the entries chained
 * on it and stores the new head (with a MAC) in `settings`: processes sharing the database file
 * take turns and keep a single valid chain. Deleting the newest entries (with or without the head)
 * shows as a head mismatch, and the next write records it in a chain reset entry that stays.
 */
export class AuditLog {
  readonly #key: Buffer;
  private queue: Queued[] = [];
  private retry: Pending[] | undefined;
  /** Flushes run one after another, so batches are written in the order they were recorded. */
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private stmts: ReturnType<AuditLog['prepare']> | undefined;
  /** Entries given up on (a batch that failed twice). */
  dropped = 0;

  constructor(
    private readonly sqlite: SQLite.Database,
    key: Buffer,
    private readonly opts: AuditLogOptions = {},
  ) {
    this.#key = Buffer.from(key);
  }

  /** Queues an entry; never throws and never touches the database on the caller's path. */
  record(e: AuditEvent): void {
    try {
      const now = Date.now();
      this.queue.push({
        id: newAuditId(now),
        created_at: now,
        actor_type: e.actorType,
        actor_id: e.actorId ?? null,
        workspace_id: e.workspaceId ?? null,
        action: e.action,
        target_type: e.targetType ?? null,
        target_id: e.targetId ?? null,
        detail: serializeDetailSoon(e.detail),
      });
      if (this.closed || this.queue.length >= (this.opts.batchSize ?? 100)) {
        queueMicrotask(() => void this.flush());
      } else if (!this.timer) {
        this.timer = setTimeout(() => void this.flush(), this.opts.flushMs ?? 100);
        this.timer.unref();
      }
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  /** Writes everything queued so far. Never rejects: failures go to `onError`. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushOnce());
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.retry) {
      const batch = this.retry;
      this.retry = undefined;
      if (!this.write(batch)) this.dropped += batch.length;
    }
    if (this.queue.length === 0) return;
    const queued = this.queue;
    this.queue = [];
    const batch = queued.some((e) => e.detail instanceof Promise)
      ? await Promise.all(queued.map(async (e) => ({ ...e, detail: await e.detail })))
      : (queued as Pending[]);
    if (!this.write(batch)) {
      if (this.closed) this.dropped += batch.length;
      else {
        this.retry = batch;
        this.timer = setTimeout(() => void this.flush(), this.opts.flushMs ?? 100);
        this.timer.unref();
      }
    }
  }

  /** Flushes; later `record` calls are written right away (on the next microtask). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    await this.flush();
  }

  /** Entries waiting to be written. */
  get pending(): number {
    return this.queue.length + (this.retry?.length ?? 0);
  }

  /** The stored chain head, or null when none was written yet (or it is unreadable). */
  head(): AuditHead | null {
    const row = this.statements().getHead.get() as { value: string } | undefined;
    return parseHead(row?.value);
  }

  /** One page of entries, newest first, continuing from `cursor`. */
  list(filter: AuditFilter = {}): { data: AuditEntry[]; nextCursor: string | null } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.workspaceId !== undefined) {
      where.push('workspace_id = ?');
      params.push(filter.workspaceId);
    }
    if (filter.action) {
      if (filter.action.endsWith('.*')) {
        // A range on the (action, seq) index: `key.*` is action >= 'key.' and < 'key/'.
        const prefix = filter.action.slice(0, -1);
        where.push('action >= ? and action < ?');
        params.push(prefix, prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1));
      } else {
        where.push('action = ?');
        params.push(filter.action);
      }
    }
    if (filter.actorId) {
      where.push('actor_id = ?');
      params.push(filter.actorId);
    }
    if (filter.since !== undefined) {
      where.push('created_at >= ?');
      params.push(filter.since);
    }
    if (filter.until !== undefined) {
      where.push('created_at < ?');
      params.push(filter.until);
    }
    if (filter.cursor !== undefined) {
      const c = Number(filter.cursor);
      if (!Number.isSafeInteger(c)) throw new RangeError('invalid audit cursor');
      where.push('seq < ?');
      params.push(c);
    }
    const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 50), 1), 1000);
    const sql = `select * from audit_log${where.length ? ` where ${where.join(' and ')}` : ''} order by seq desc limit ?`;
    const rows = this.sqlite.prepare(sql).all(...params, limit + 1) as AuditRow[];
    const more = rows.length > limit;
    if (more) rows.pop();
    return { data: rows.map(auditEntry), nextCursor: more && rows.length ? String(rows[rows.length - 1].seq) : null };
  }

  /** Every stored row in seq order (for verification and export); reads lazily. */
  iterate(): IterableIterator<AuditRow> {
    return this.statements().iterate.iterate() as IterableIterator<AuditRow>;
  }

  /** Appends a batch in one immediate transaction; false (and onError) when it failed. */
  private write(batch: Pending[]): boolean {
    try {
      this.statements().append.immediate(batch);
      return true;
    } catch (err) {
      this.opts.onError?.(err);
      return false;
    }
  }

  private statements() {
    return (this.stmts ??= this.prepare());
  }

  private prepare() {
    const s = this.sqlite;
    const getHead = s.prepare(`select value from settings where key = '${AUDIT_HEAD_SETTING}'`);
    const lastRow = s.prepare('select seq, id, hash from audit_log order by seq desc limit 1');
    const insert = s.prepare(
      'insert into audit_log (seq, id, created_at, actor_type, actor_id, workspace_id, action, target_type, target_id, detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const setHead = s.prepare(
      `insert into settings (key, value, updated_at) values ('${AUDIT_HEAD_SETTING}', ?, ?) on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at`,
    );
    const key = this.#key;
    const append = s.transaction((batch: Pending[]) => {
      // Chain on the newest row when the stored head vouches for it. When it does not (the head is
      // missing, fails its MAC, or names another entry: the newest entries or the head were deleted
      // or edited), first append a chain reset entry recording what was expected and what was found,
      // which verification reports for good, and never reuse a seq the head or a row already had.
      const last = lastRow.get() as ChainLink | undefined;
      const problem = headProblem(key, (getHead.get() as { value: string } | undefined)?.value, last);
      let prev = last?.hash ?? GENESIS_HASH;
      let seq = problem ? problem.afterSeq : (last?.seq ?? 0);
      const entries = problem ? [chainResetEntry(problem.detail), ...batch] : batch;
      let id = '';
      for (const p of entries) {
        seq++;
        id = p.id;
        const hash = chainHash(key, prev, { ...p, seq });
        insert.run(
          seq,
          p.id,
          p.created_at,
          p.actor_type,
          p.actor_id,
          p.workspace_id,
          p.action,
          p.target_type,
          p.target_id,
          p.detail,
          prev,
          hash,
        );
        prev = hash;
      }
      const newHead = { seq, id, hash: prev };
      setHead.run(JSON.stringify({ ...newHead, mac: headMac(key, newHead) }), Date.now());
    });
    const iterate = s.prepare('select * from audit_log order by seq');
    return { getHead, append, iterate };
  }
}

/** The API view of a stored row. */
export function auditEntry(r: AuditRow): AuditEntry {
  let detail: Record<string, unknown> | null = null;
  if (r.detail) {
    try {
      detail = JSON.parse(r.detail) as Record<string, unknown>;
    } catch {
      detail = { _unparsable: r.detail };
    }
  }
  return {
    seq: r.seq,
    id: r.id,
    created_at: r.created_at,
    actor_type: r.actor_type,
    actor_id: r.actor_id,
    workspace_id: r.workspace_id,
    action: r.action,
    target_type: r.target_type,
    target_id: r.target_id,
    detail,
  };
}
