import { createHash } from 'node:crypto';
import type pg from 'pg';
import { AN, END_USER_COLUMNS, SESSION_COLUMNS } from './analytics-columns.js';
import { eventOfLogRow, streamOf, userKey, type AnEvent } from './analytics-events.js';
import {
  endUserFromRow,
  endUserValues,
  planBatch,
  stateNeeded,
  type BatchPlan,
  type LoadedState,
  type PlanOptions,
} from './analytics-batch.js';
import { DayBuckets } from './analytics-rollup.js';
import { sessionFromRow, sessionValues, type SessionRow } from './analytics-sessions.js';
import { DEFAULT_GAP_MS, type AnalyticsSettings } from './analytics-sqlite.js';
import {
  conflictClause,
  DELTA_PARTS,
  END_USER_TYPES,
  END_USER_UPSERT_SET,
  partRows,
  SESSION_TYPES,
  SESSION_UPSERT_SET,
} from './analytics-sql.js';
import { columns, mergeByKey, unnest } from './pg-arrays.js';
import type { RequestLogRow } from './schema.js';

/**
 * The PostgreSQL side of the analytics write path. Replicas write at once, so a batch first takes
 * transaction-scoped advisory locks: shared on the rebuild lock (a rebuild takes it exclusively), then
 * the lock stripes of the session streams and end users it touches (each hashed to one of
 * {@link LOCK_STRIPES}: a bounded number of locks however large the batch), in ascending order; then it
 * loads those rows, plans (analytics-batch.ts) and writes with one `unnest` statement per table, rows
 * sorted by primary key. Every writer takes its locks in that one order, so none waits on another in a
 * cycle. The log writer takes them after the log rows and the usage and stats rollups.
 */

/** The advisory lock a rebuild holds exclusively and every analytics writer shares. */
export const REBUILD_LOCK = '7305926701870522113';
/** Stripes of the stream and end-user locks (PostgreSQL's lock table is small: a few thousand per server). */
export const LOCK_STRIPES = 256;
const STRIPE_BASE = 7305926701870523000n;

/** The advisory-lock key of the stripe a stream, an end user or a rated request falls in. */
export function stripeLock(kind: string, value: string): bigint {
  const h = createHash('sha1').update(kind).update('\u0000').update(value).digest().readUInt32BE(0);
  return STRIPE_BASE + BigInt(h % LOCK_STRIPES);
}

const USERS_SQL = `select u.* from ${AN.endUsers} u join unnest($1::text[], $2::text[]) as q(ws, eu)
  on u.workspace_id = q.ws and u.end_user = q.eu`;
const SESSIONS_SQL = `select s.* from ${AN.sessions} s join unnest($1::text[], $2::int8[], $3::int8[]) as q(stream, lo, hi)
  on s.stream = q.stream and s.last_at > q.lo and s.first_at < q.hi`;
const DELETE_SESSIONS_SQL = `delete from ${AN.sessions} where (stream, first_at) in (select * from unnest($1::text[], $2::int8[]))`;
const UPSERT_SESSIONS_SQL = `insert into ${AN.sessions} (${SESSION_COLUMNS.join(', ')}) ${unnest(SESSION_TYPES)}
  on conflict (stream, first_at) do update set ${SESSION_UPSERT_SET}`;
const USER_TYPES = [...END_USER_TYPES, 'int8' as const];
const UPSERT_USERS_SQL = `insert into ${AN.endUsers} (${END_USER_COLUMNS.join(', ')}, updated_at) ${unnest(USER_TYPES)}
  on conflict (workspace_id, end_user) do update set ${END_USER_UPSERT_SET}`;
const DELTA_SQL = DELTA_PARTS.map((p) => ({
  part: p,
  name: `bm_an_${p.name}`,
  text: `insert into ${p.table} (${p.columns.join(', ')}) ${unnest(p.types)} ${conflictClause(p)}`,
}));

/** Writes analytics on a client inside the caller's transaction (statements named: prepared once per connection). */
export class PgAnalytics {
  readonly days: DayBuckets;
  readonly gapMs: number;

  constructor(settings: AnalyticsSettings) {
    this.days = new DayBuckets(settings.timeZone);
    this.gapMs = settings.sessionGapMs ?? DEFAULT_GAP_MS;
  }

  /** Takes the locks `events` need (shared rebuild lock, then the stripes of their streams and end users, in order). */
  async lock(client: pg.PoolClient, events: readonly AnEvent[]): Promise<void> {
    await client.query({ name: 'bm_an_lock_shared', text: 'select pg_advisory_xact_lock_shared($1::int8)', values: [REBUILD_LOCK] });
    const keys = new Set<bigint>();
    for (const e of events) {
      keys.add(stripeLock('s', streamOf(e)));
      if (e.user !== null) keys.add(stripeLock('u', userKey(e.ws, e.user)));
    }
    if (keys.size === 0) return;
    const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
    await client.query({
      name: 'bm_an_lock_keys',
      // unnest yields the keys in array order, and they are locked in that order.
      text: 'select pg_advisory_xact_lock(k) from unnest($1::int8[]) as t(k)',
      values: [`{${sorted.join(',')}}`],
    });
  }

  async load(client: pg.PoolClient, events: readonly AnEvent[]): Promise<LoadedState> {
    const need = stateNeeded(events, this.gapMs);
    const users = new Map<string, ReturnType<typeof endUserFromRow>>();
    if (need.users.length > 0) {
      const r = await client.query({ name: 'bm_an_users', text: USERS_SQL, values: columns(need.users, ['text', 'text']) });
      for (const row of r.rows as Array<Record<string, unknown>>)
        users.set(userKey(String(row.workspace_id), String(row.end_user)), endUserFromRow(row));
    }
    const sessions = new Map<string, SessionRow[]>();
    if (need.streams.length > 0) {
      const r = await client.query({
        name: 'bm_an_sessions',
        text: SESSIONS_SQL,
        values: columns(
          need.streams.map((s) => [s.stream, s.from, s.to]),
          ['text', 'int8', 'int8'],
        ),
      });
      for (const row of r.rows as Array<Record<string, unknown>>) {
        const s = sessionFromRow(row);
        const list = sessions.get(s.stream);
        if (list) list.push(s);
        else sessions.set(s.stream, [s]);
      }
    }
    return { users, sessions };
  }

  /** Locks, loads, plans and writes `events` (inside the caller's transaction). */
  async record(
    client: pg.PoolClient,
    events: readonly AnEvent[],
    opts: Partial<PlanOptions> = {},
    locked = false,
  ): Promise<BatchPlan | undefined> {
    if (events.length === 0) return undefined;
    if (!locked) await this.lock(client, events);
    const plan = planBatch(events, await this.load(client, events), { days: this.days, gapMs: this.gapMs, ...opts });
    await this.write(client, plan);
    return plan;
  }

  async write(client: pg.PoolClient, plan: BatchPlan, now = Date.now()): Promise<void> {
    if (plan.sessionDeletes.length > 0) {
      const keys = mergeByKey(
        plan.sessionDeletes.map((k) => [...k]),
        2,
      );
      await client.query({ name: 'bm_an_session_del', text: DELETE_SESSIONS_SQL, values: columns(keys, ['text', 'int8']) });
    }
    if (plan.sessionUpserts.length > 0) {
      const rows = mergeByKey(plan.sessionUpserts.map(sessionValues), 2);
      await client.query({ name: 'bm_an_session_up', text: UPSERT_SESSIONS_SQL, values: columns(rows, SESSION_TYPES) });
    }
    if (plan.userUpserts.length > 0) {
      const rows = mergeByKey(
        plan.userUpserts.map((u) => [...endUserValues(u), now]),
        2,
      );
      await client.query({ name: 'bm_an_user_up', text: UPSERT_USERS_SQL, values: columns(rows, USER_TYPES) });
    }
    await this.writeDeltas(client, plan.deltas);
  }

  async writeDeltas(client: pg.PoolClient, d: BatchPlan['deltas']): Promise<void> {
    for (const { part, name, text } of DELTA_SQL) {
      const rows = partRows(d, part);
      if (rows.length === 0) continue;
      await client.query({ name, text, values: columns(mergeByKey(rows, part.key.length), part.types) });
    }
  }

  /** The events of request-log rows (rows with an origin left out). */
  static eventsOf(rows: readonly RequestLogRow[]): AnEvent[] {
    const out: AnEvent[] = [];
    for (const r of rows) {
      const e = eventOfLogRow(r);
      if (e) out.push(e);
    }
    return out;
  }
}
