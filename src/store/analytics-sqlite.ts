import type SQLite from 'better-sqlite3';
import { AN, END_USER_COLUMNS, SESSION_COLUMNS } from './analytics-columns.js';
import { eventOfLogRow, userKey, type AnEvent } from './analytics-events.js';
import {
  endUserFromRow,
  endUserValues,
  planBatch,
  stateNeeded,
  type BatchPlan,
  type EndUserRow,
  type LoadedState,
  type PlanOptions,
} from './analytics-batch.js';
import { DayBuckets } from './analytics-rollup.js';
import { sessionFromRow, sessionValues, type SessionRow } from './analytics-sessions.js';
import { conflictClause, DELTA_PARTS, END_USER_UPSERT_SET, partRows, SESSION_UPSERT_SET } from './analytics-sql.js';
import type { RequestLogRow } from './schema.js';

/** How analytics buckets and sessions are made: the instance's zone (its days) and the session gap. */
export interface AnalyticsSettings {
  timeZone: string;
  /** Default 30 minutes. */
  sessionGapMs?: number;
}

export const DEFAULT_GAP_MS = 30 * 60_000;

/** Rows per multi-row statement (each statement's per-call cost is shared by its rows). */
const ROWS_PER_STATEMENT = 64;

/**
 * `insert … values (…), (…), … <tail>` for up to ROWS_PER_STATEMENT rows at a time, one prepared
 * statement per row count used.
 */
class MultiRowInsert {
  private readonly stmts = new Map<number, SQLite.Statement>();
  private readonly row: string;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly head: string,
    width: number,
    private readonly tail: string,
  ) {
    this.row = `(${new Array<string>(width).fill('?').join(', ')})`;
  }

  run(rows: ReadonlyArray<ReadonlyArray<unknown>>): void {
    for (let at = 0; at < rows.length;) {
      // Statements of 64, 16, 4 and 1 rows only: preparing one per row count (up to 64 statements of
      // thousands of parameters, per part) made a new writer's first batches take seconds.
      const left = rows.length - at;
      const n = left >= ROWS_PER_STATEMENT ? ROWS_PER_STATEMENT : left >= 16 ? 16 : left >= 4 ? 4 : 1;
      let stmt = this.stmts.get(n);
      if (!stmt)
        this.stmts.set(
          n,
          (stmt = this.sqlite.prepare(`${this.head} values ${new Array<string>(n).fill(this.row).join(', ')} ${this.tail}`)),
        );
      const params: unknown[] = [];
      for (let i = at; i < at + n; i++) for (const v of rows[i]) params.push(v);
      stmt.run(params);
      at += n;
    }
  }
}

/**
 * The SQLite side of the analytics write path, statements prepared once per connection: loads what a
 * batch needs (its end users, the sessions within reach of its events: one lookup statement per few
 * thousand keys) and writes its plan (multi-row upserts). Runs inside the caller's transaction (the log
 * insert's, in the log writer thread; a page-view batch's; a rebuild's).
 */
export class SqliteAnalytics {
  readonly days: DayBuckets;
  readonly gapMs: number;
  private readonly users: SQLite.Statement;
  private readonly sessions: SQLite.Statement;
  private readonly deltas: Array<{ part: (typeof DELTA_PARTS)[number]; insert: MultiRowInsert }>;
  private readonly deleteSession: SQLite.Statement;
  private readonly upsertSessions: MultiRowInsert;
  private readonly upsertUsers: MultiRowInsert;

  constructor(sqlite: SQLite.Database, settings: AnalyticsSettings) {
    this.days = new DayBuckets(settings.timeZone);
    this.gapMs = settings.sessionGapMs ?? DEFAULT_GAP_MS;
    // One primary-key search per end user and per stream (cheaper than a JSON array of keys to join).
    this.users = sqlite.prepare(`select * from ${AN.endUsers} where workspace_id = ? and end_user = ?`);
    this.sessions = sqlite.prepare(`select * from ${AN.sessions} where stream = ? and last_at > ? and first_at < ?`);
    this.deltas = DELTA_PARTS.map((part) => ({
      part,
      insert: new MultiRowInsert(
        sqlite,
        `insert into ${part.table} (${part.columns.join(', ')})`,
        part.columns.length,
        conflictClause(part),
      ),
    }));
    this.deleteSession = sqlite.prepare(`delete from ${AN.sessions} where stream = ? and first_at = ?`);
    this.upsertSessions = new MultiRowInsert(
      sqlite,
      `insert into ${AN.sessions} (${SESSION_COLUMNS.join(', ')})`,
      SESSION_COLUMNS.length,
      `on conflict (stream, first_at) do update set ${SESSION_UPSERT_SET}`,
    );
    this.upsertUsers = new MultiRowInsert(
      sqlite,
      `insert into ${AN.endUsers} (${END_USER_COLUMNS.join(', ')}, updated_at)`,
      END_USER_COLUMNS.length + 1,
      `on conflict (workspace_id, end_user) do update set ${END_USER_UPSERT_SET}`,
    );
  }

  /** The end users and sessions `events` need. */
  load(events: readonly AnEvent[]): LoadedState {
    const need = stateNeeded(events, this.gapMs);
    const users = new Map<string, EndUserRow>();
    for (const [ws, user] of need.users) {
      const r = this.users.get(ws, user) as Record<string, unknown> | undefined;
      if (r) users.set(userKey(ws, user), endUserFromRow(r));
    }
    const sessions = new Map<string, SessionRow[]>();
    for (const { stream, from, to } of need.streams) {
      const rows = this.sessions.all(stream, from, to) as Array<Record<string, unknown>>;
      if (rows.length > 0) sessions.set(stream, rows.map(sessionFromRow));
    }
    return { users, sessions };
  }

  /** Plans `events` against the database and writes the plan (inside the caller's transaction). */
  record(events: readonly AnEvent[], opts: Partial<PlanOptions> = {}): BatchPlan | undefined {
    if (events.length === 0) return undefined;
    const plan = planBatch(events, this.load(events), { days: this.days, gapMs: this.gapMs, ...opts });
    this.write(plan);
    return plan;
  }

  /** Writes a plan: session and end-user rows, then every rollup addition. */
  write(plan: BatchPlan, now = Date.now()): void {
    for (const [stream, first] of plan.sessionDeletes) this.deleteSession.run(stream, first);
    this.upsertSessions.run(plan.sessionUpserts.map(sessionValues));
    this.upsertUsers.run(plan.userUpserts.map((u) => [...endUserValues(u), now]));
    this.writeDeltas(plan.deltas);
  }

  writeDeltas(d: BatchPlan['deltas']): void {
    for (const { part, insert } of this.deltas) insert.run(partRows(d, part));
  }

  /** The log writer's part: the analytics of a batch of request-log rows (rows with an origin left out). */
  logRows(rows: readonly RequestLogRow[]): void {
    const events: AnEvent[] = [];
    for (const r of rows) {
      const e = eventOfLogRow(r);
      if (e) events.push(e);
    }
    this.record(events);
  }
}
