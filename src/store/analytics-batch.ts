import { DIMS, type DimValues } from './analytics-columns.js';
import { byTimeThenId, dimsOf, streamOf, userKey, type AnEvent } from './analytics-events.js';
import { RollupDeltas, type DayBuckets } from './analytics-rollup.js';
import { absorb, workingOf, type SessionRow, type WorkingSession } from './analytics-sessions.js';

/** An end user as the store keeps it (analytics_end_users): first activity (and its dimensions), last, metadata. */
export interface EndUserRow {
  workspace_id: string;
  end_user: string;
  first_at: number | null;
  first_id: string | null;
  last_at: number | null;
  dims: DimValues;
  /** JSON object of segment attributes (set by setEndUser); never changed by the batch. */
  metadata: string | null;
}

export function endUserFromRow(r: Record<string, unknown>): EndUserRow {
  return {
    workspace_id: String(r.workspace_id),
    end_user: String(r.end_user),
    first_at: r.first_at === null || r.first_at === undefined ? null : Number(r.first_at),
    first_id: (r.first_id as string | null) ?? null,
    last_at: r.last_at === null || r.last_at === undefined ? null : Number(r.last_at),
    dims: DIMS.map((d) => String(r[d] ?? '')),
    metadata: (r.metadata as string | null) ?? null,
  };
}

/** The row's values in END_USER_COLUMNS order. */
export function endUserValues(u: EndUserRow): unknown[] {
  return [u.workspace_id, u.end_user, u.first_at, u.first_id, u.last_at, ...u.dims];
}

/** What a batch needs loaded: its end users, and per session stream the sessions within reach. */
export interface StateNeeded {
  users: Array<[string, string]>;
  /** Sessions of `stream` with first_at < `to` and last_at > `from`. */
  streams: Array<{ stream: string; from: number; to: number }>;
}

/** What was loaded for a batch. */
export interface LoadedState {
  users: Map<string, EndUserRow>;
  sessions: Map<string, SessionRow[]>;
}

const FAR = Number.MAX_SAFE_INTEGER;
/** An end user's last activity is written when it moves on by this much (or with any other change). */
export const LAST_SEEN_STEP_MS = 60_000;

export function stateNeeded(events: readonly AnEvent[], gapMs: number): StateNeeded {
  const users = new Map<string, [string, string]>();
  const streams = new Map<string, { stream: string; from: number; to: number }>();
  for (const e of events) {
    if (e.user !== null) users.set(userKey(e.ws, e.user), [e.ws, e.user]);
    const stream = streamOf(e);
    const explicit = e.sid !== null;
    const s = streams.get(stream);
    if (!s) streams.set(stream, { stream, from: explicit ? -FAR : e.ts - gapMs, to: explicit ? FAR : e.ts + gapMs });
    else if (!explicit) {
      s.from = Math.min(s.from, e.ts - gapMs);
      s.to = Math.max(s.to, e.ts + gapMs);
    }
  }
  // Sorted: PostgreSQL writers lock them in this order.
  const byKey = <T>(m: Map<string, T>): T[] => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((x) => x[1]);
  return { users: byKey(users), streams: byKey(streams) };
}

/** What a batch writes: rollup additions, session rows to delete and to write, end users to write. */
export interface BatchPlan {
  deltas: RollupDeltas;
  /** `[stream, first_at]` primary keys. */
  sessionDeletes: Array<[string, number]>;
  sessionUpserts: SessionRow[];
  userUpserts: EndUserRow[];
}

export interface PlanOptions {
  days: DayBuckets;
  gapMs: number;
  /** False: sessions and end users only, no event sums (a rebuild recomputes those apart). */
  countEvents?: boolean;
  /** Where the additions go (a rebuild passes its own); default: a new RollupDeltas. */
  deltas?: RollupDeltas;
}

/**
 * The rollup additions and row changes of `events` (each applied once) given the state loaded for
 * them: each event's sums, sketches and user activity; its end user's first and last activity (a first
 * activity that moves earlier moves the new user); its session (created, grown or merged: the old rows'
 * counts are taken out, the new ones' added).
 */
export function planBatch(events: readonly AnEvent[], state: LoadedState, o: PlanOptions): BatchPlan {
  const deltas = o.deltas ?? new RollupDeltas(o.days);
  const sorted = [...events].sort(byTimeThenId);
  const users = new Map<string, { row: EndUserRow; orig: EndUserRow | undefined; first: boolean; dirty: boolean }>();
  const streams = new Map<string, WorkingSession[]>();
  for (const e of sorted) {
    let u: { row: EndUserRow; orig: EndUserRow | undefined; first: boolean; dirty: boolean } | undefined;
    if (e.user !== null) {
      const k = userKey(e.ws, e.user);
      u = users.get(k);
      if (!u) {
        const orig = state.users.get(k);
        const row: EndUserRow = orig
          ? { ...orig }
          : { workspace_id: e.ws, end_user: e.user, first_at: null, first_id: null, last_at: null, dims: [], metadata: null };
        users.set(k, (u = { row, orig, first: false, dirty: false }));
      }
    }
    const dims = dimsOf(e, u?.row.metadata);
    if (o.countEvents !== false) deltas.addEvent(e, dims);
    if (u) {
      const r = u.row;
      if (r.first_at === null || e.ts < r.first_at || (e.ts === r.first_at && e.id < (r.first_id ?? ''))) {
        r.first_at = e.ts;
        r.first_id = e.id;
        r.dims = dims;
        u.first = true;
        u.dirty = true;
      }
      // Last seen moves in steps of a minute or more: a user active all the time is not written every
      // batch, and replaying the events already counted (a rebuild) leaves it where it is.
      if (r.last_at === null || e.ts >= r.last_at + LAST_SEEN_STEP_MS) {
        r.last_at = e.ts;
        u.dirty = true;
      }
    }
    const stream = streamOf(e);
    let list = streams.get(stream);
    if (!list) streams.set(stream, (list = workingOf(state.sessions.get(stream) ?? [])));
    absorb(list, stream, e, dims, o.gapMs);
  }

  const userUpserts: EndUserRow[] = [];
  for (const { row, orig, first, dirty } of users.values()) {
    if (!dirty) continue;
    userUpserts.push(row);
    if (!first) continue;
    if (orig && orig.first_at !== null) deltas.addNewUser(orig.first_at, orig.workspace_id, orig.dims, -1);
    deltas.addNewUser(row.first_at!, row.workspace_id, row.dims, 1);
  }
  const sessionDeletes: Array<[string, number]> = [];
  const sessionUpserts: SessionRow[] = [];
  for (const list of streams.values()) {
    for (const w of list) {
      if (!w.dirty) continue;
      for (const old of w.origs) {
        deltas.addSession(old, -1);
        // A row keeping its primary key is overwritten by the upsert.
        if (old.first_at !== w.row.first_at) sessionDeletes.push([old.stream, old.first_at]);
      }
      deltas.addSession(w.row, 1);
      sessionUpserts.push(w.row);
    }
  }
  return { deltas, sessionDeletes, sessionUpserts, userUpserts };
}
