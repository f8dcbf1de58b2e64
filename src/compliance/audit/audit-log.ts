import { randomBytes } from 'node:crypto';
import {
  CHAIN_RESET_ACTION,
  chainHash,
  GENESIS_HASH,
  headMac,
  headProblem,
  parseHead,
  type ActorType,
  type AuditHead,
  type ChainResetDetail,
} from './audit-chain.js';
import { serializeDetailSoon } from './audit-detail-off-thread.js';
import { verifyAudit, type AuditVerification } from './audit-verify.js';
import {
  AuditRepository,
  type AuditAppendPlan,
  type AuditChainState,
  type AuditRow,
  type AuditRows,
} from '../../store/audit-repository.js';
import type { OpenedDatabase } from '../../store/open-database.js';

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

/**
 * `value` with NUL characters replaced (PostgreSQL text cannot hold them, and an entry must store as
 * it was hashed on either database); detail needs none: its JSON text escapes them.
 */
function noNul<T extends string | null>(value: T): T {
  return (value?.includes('\0') ? value.replace(/\0/g, '\uFFFD') : value) as T;
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
 * each in ONE transaction holding the write lock (`BEGIN IMMEDIATE` on SQLite, an advisory lock on
 * PostgreSQL) that reads the chain head, appends the entries chained on it and stores the new head
 * (with a MAC) in `settings`: processes sharing the database take turns and keep a single valid chain. Deleting the newest entries (with or without the head)
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
  private readonly rows: AuditRepository;
  /** Entries given up on (a batch that failed twice). */
  dropped = 0;

  /** `store`: the audit repository, or the opened database to make one on. */
  constructor(
    store: AuditRepository | Pick<OpenedDatabase, 'db' | 'sqlite' | 'pool'>,
    key: Buffer,
    private readonly opts: AuditLogOptions = {},
  ) {
    this.rows = store instanceof AuditRepository ? store : new AuditRepository(store);
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
        actor_id: noNul(e.actorId ?? null),
        workspace_id: noNul(e.workspaceId ?? null),
        action: noNul(e.action),
        target_type: noNul(e.targetType ?? null),
        target_id: noNul(e.targetId ?? null),
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
      if (!(await this.write(batch))) this.dropped += batch.length;
    }
    if (this.queue.length === 0) return;
    const queued = this.queue;
    this.queue = [];
    const batch = queued.some((e) => e.detail instanceof Promise)
      ? await Promise.all(queued.map(async (e) => ({ ...e, detail: await e.detail })))
      : (queued as Pending[]);
    if (!(await this.write(batch))) {
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
  async head(): Promise<AuditHead | null> {
    return parseHead(await this.rows.headValue());
  }

  /** One page of entries, newest first, continuing from `cursor`. */
  async list(filter: AuditFilter = {}): Promise<{ data: AuditEntry[]; nextCursor: string | null }> {
    let beforeSeq: number | undefined;
    if (filter.cursor !== undefined) {
      beforeSeq = Number(filter.cursor);
      if (!Number.isSafeInteger(beforeSeq)) throw new RangeError('invalid audit cursor');
    }
    const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 50), 1), 1000);
    const rows = await this.rows.page({
      workspaceId: filter.workspaceId,
      action: filter.action,
      actorId: filter.actorId,
      since: filter.since,
      until: filter.until,
      beforeSeq,
      limit: limit + 1,
    });
    const more = rows.length > limit;
    if (more) rows.pop();
    return { data: rows.map(auditEntry), nextCursor: more && rows.length ? String(rows[rows.length - 1].seq) : null };
  }

  /** Every stored row in seq order (for export); reads lazily on SQLite, a page at a time on PostgreSQL. */
  iterate(): AuditRows {
    return this.rows.iterate();
  }

  /**
   * Checks the whole stored chain and its head record (both read from one snapshot) with the audit
   * key. Flush first to include what is still queued.
   */
  async verify(): Promise<AuditVerification> {
    return this.rows.withChain((headValue, rows) => verifyAudit(rows, this.#key, parseHead(headValue)));
  }

  /**
   * Appends a batch in one transaction holding the write lock; false (and onError) when it failed.
   * Synchronous on SQLite (the returned promise is already settled when the rows are in).
   */
  private async write(batch: Pending[]): Promise<boolean> {
    try {
      await this.rows.append((state) => this.plan(state, batch));
      return true;
    } catch (err) {
      this.opts.onError?.(err);
      return false;
    }
  }

  /**
   * Chains a batch on the newest row when the stored head vouches for it. When it does not (the head
   * is missing, fails its MAC, or names another entry: the newest entries or the head were deleted
   * or edited), first appends a chain reset entry recording what was expected and what was found,
   * which verification reports for good, and never reuses a seq the head or a row already had.
   */
  private plan(state: AuditChainState, batch: Pending[]): AuditAppendPlan {
    const key = this.#key;
    const last = state.last;
    const problem = headProblem(key, state.headValue, last);
    let prev = last?.hash ?? GENESIS_HASH;
    let seq = problem ? problem.afterSeq : (last?.seq ?? 0);
    const entries = problem ? [chainResetEntry(problem.detail), ...batch] : batch;
    let id = '';
    const rows: AuditRow[] = [];
    for (const p of entries) {
      seq++;
      id = p.id;
      const content = { ...p, seq };
      const hash = chainHash(key, prev, content);
      rows.push({ ...content, prev_hash: prev, hash });
      prev = hash;
    }
    const newHead = { seq, id, hash: prev };
    return { rows, head: JSON.stringify({ ...newHead, mac: headMac(key, newHead) }), now: Date.now() };
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
