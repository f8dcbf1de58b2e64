/**
 * Sessions of request and page-view events (the definitions of /docs and the analytics facts):
 *
 * - A caller-supplied session id (`x-session-id`, or the conversation id) wins: every event carrying it
 *   in the same workspace is one session, however long the pauses.
 * - Otherwise a session is derived per (workspace, key, end user): events in time order belong to the
 *   same session while the pause between one and the next is under the inactivity gap (default
 *   30 minutes); a pause of the gap or longer starts a new session. Events without key and end user
 *   share the (workspace, null, null) stream.
 * - Start = first event, last activity = last event, dwell = last − start (0 for a single event),
 *   turns = request events (page views are activity but not turns). Events are ordered by (ts, id).
 *
 * Session ids are deterministic: explicit ones are named by (workspace, session id), derived ones by
 * (workspace, key, end user, start), so a late event that moves a derived session's start renames it.
 * {@link sessionize} is the pure function; {@link Sessionizer} absorbs events one at a time, in any
 * order, and says which sessions each event created, grew, merged or renamed. Adding events never
 * splits a session (it can only shorten pauses).
 */

/** The fields of an event that sessions read. */
export interface SessionEvent {
  id: string;
  /** Epoch ms. */
  ts: number;
  kind: 'request' | 'page_view';
  workspace: string | null;
  key: string | null;
  endUser: string | null;
  /** Caller-supplied session or conversation id. */
  sessionId: string | null;
  app: string | null;
  model: string | null;
}

export interface Session {
  id: string;
  /** True when the caller supplied the session id. */
  explicit: boolean;
  workspace: string | null;
  /** Key and end user of the session's first event. */
  key: string | null;
  endUser: string | null;
  /** Epoch ms of the first and of the last event. */
  start: number;
  last: number;
  /** `last − start` in ms. */
  dwellMs: number;
  /** Request events. */
  turns: number;
  pageViews: number;
  /** Distinct apps and models of the session's events, sorted. */
  apps: string[];
  models: string[];
  /** The session's event ids in (ts, id) order. */
  eventIds: string[];
}

export interface SessionOptions {
  /** Inactivity gap in ms (> 0): a pause this long or longer starts a new derived session. */
  gapMs?: number;
}

/** The default inactivity gap: 30 minutes. */
export const DEFAULT_SESSION_GAP_MS = 30 * 60_000;

const byTimeThenId = (a: SessionEvent, b: SessionEvent): number => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function gapOf(options: SessionOptions | undefined): number {
  const gap = options?.gapMs ?? DEFAULT_SESSION_GAP_MS;
  if (!(Number.isFinite(gap) && gap > 0)) throw new RangeError(`session gap must be a positive number of ms, got ${gap}`);
  return gap;
}

/** The stream an event belongs to: its explicit session, or its (workspace, key, end user). */
function streamOf(e: SessionEvent): string {
  return e.sessionId !== null ? JSON.stringify(['s', e.workspace, e.sessionId]) : JSON.stringify(['d', e.workspace, e.key, e.endUser]);
}

/** The id of a session of `stream` whose first event is `first`. */
function sessionIdOf(stream: string, first: SessionEvent): string {
  return first.sessionId !== null ? stream : JSON.stringify(['d', first.workspace, first.key, first.endUser, first.ts]);
}

/** A session from its events, already in (ts, id) order. */
function toSession(stream: string, events: readonly SessionEvent[]): Session {
  const first = events[0];
  const last = events[events.length - 1];
  const apps = new Set<string>();
  const models = new Set<string>();
  let turns = 0;
  for (const e of events) {
    if (e.kind === 'request') turns++;
    if (e.app !== null) apps.add(e.app);
    if (e.model !== null) models.add(e.model);
  }
  return {
    id: sessionIdOf(stream, first),
    explicit: first.sessionId !== null,
    workspace: first.workspace,
    key: first.key,
    endUser: first.endUser,
    start: first.ts,
    last: last.ts,
    dwellMs: last.ts - first.ts,
    turns,
    pageViews: events.length - turns,
    apps: [...apps].sort(),
    models: [...models].sort(),
    eventIds: events.map((e) => e.id),
  };
}

/** Sessions of `events` (each event once), ordered by start then id. */
export function sessionize(events: readonly SessionEvent[], options?: SessionOptions): Session[] {
  const gap = gapOf(options);
  const streams = new Map<string, SessionEvent[]>();
  for (const e of events) {
    const s = streamOf(e);
    const list = streams.get(s);
    if (list) list.push(e);
    else streams.set(s, [e]);
  }
  const out: Session[] = [];
  for (const [stream, list] of streams) {
    list.sort(byTimeThenId);
    if (list[0].sessionId !== null) {
      out.push(toSession(stream, list));
      continue;
    }
    let from = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i === list.length || list[i].ts - list[i - 1].ts >= gap) {
        out.push(toSession(stream, list.slice(from, i)));
        from = i;
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What one event did to the sessions. */
export interface SessionChange {
  /** The session that now holds the event. */
  session: Session;
  /** True when the event started a session of its own. */
  created: boolean;
  /**
   * Ids that no longer exist: sessions the event merged into `session` (it closed the gap between
   * them), and the old id of a derived session whose start the event moved earlier.
   */
  replaced: string[];
}

/** Index of the last element of `list` with `key(x) ≤ v` (−1 when none); `list` sorted by `key`. */
function lastAtOrBefore<T>(list: readonly T[], v: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(list[mid]) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Inserts `e` into `events` (kept in (ts, id) order). */
function insertSorted(events: SessionEvent[], e: SessionEvent): void {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byTimeThenId(events[mid], e) <= 0) lo = mid + 1;
    else hi = mid;
  }
  events.splice(lo, 0, e);
}

/**
 * The incremental sessioniser: absorbs events in any order (late ones included) and always holds what
 * {@link sessionize} returns for the events added so far. Add each event once (deduplication is the
 * store's job).
 */
export class Sessionizer {
  private readonly gap: number;
  /** Per stream, its sessions' events, ordered by start (explicit streams hold one). */
  private readonly streams = new Map<string, SessionEvent[][]>();

  constructor(options?: SessionOptions) {
    this.gap = gapOf(options);
  }

  /** Adds one event and reports what it changed. */
  add(e: SessionEvent): SessionChange {
    const stream = streamOf(e);
    let runs = this.streams.get(stream);
    if (!runs) {
      runs = [];
      this.streams.set(stream, runs);
    }
    if (e.sessionId !== null || runs.length === 0) {
      if (runs.length === 0) {
        runs.push([e]);
        return { session: toSession(stream, runs[0]), created: true, replaced: [] };
      }
      const before = sessionIdOf(stream, runs[0][0]);
      insertSorted(runs[0], e);
      return { session: toSession(stream, runs[0]), created: false, replaced: this.renamed(before, stream, runs[0]) };
    }
    const i = lastAtOrBefore(runs, e.ts, (r) => r[0].ts);
    const prev = i >= 0 ? runs[i] : undefined;
    const next = i + 1 < runs.length ? runs[i + 1] : undefined;
    const joinsPrev = prev !== undefined && e.ts - prev[prev.length - 1].ts < this.gap;
    const joinsNext = next !== undefined && next[0].ts - e.ts < this.gap;
    if (joinsPrev && joinsNext) {
      const nextId = sessionIdOf(stream, next[0]);
      const before = sessionIdOf(stream, prev[0]);
      insertSorted(prev, e);
      for (const x of next) prev.push(x);
      runs.splice(i + 1, 1);
      return { session: toSession(stream, prev), created: false, replaced: [...this.renamed(before, stream, prev), nextId] };
    }
    const target = joinsPrev ? prev : joinsNext ? next : undefined;
    if (!target) {
      runs.splice(i + 1, 0, [e]);
      return { session: toSession(stream, [e]), created: true, replaced: [] };
    }
    const before = sessionIdOf(stream, target[0]);
    insertSorted(target, e);
    return { session: toSession(stream, target), created: false, replaced: this.renamed(before, stream, target) };
  }

  /** Every session so far, ordered by start then id (as {@link sessionize}). */
  sessions(): Session[] {
    const out: Session[] = [];
    for (const [stream, runs] of this.streams) for (const r of runs) out.push(toSession(stream, r));
    return out.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Forgets sessions whose last activity is before `ts − gap` (closed for good unless an event older
   * than that arrives, which then starts a session of its own). Returns how many were dropped.
   */
  evictBefore(ts: number): number {
    let dropped = 0;
    for (const [stream, runs] of this.streams) {
      const keep = runs.filter((r) => r[r.length - 1].ts >= ts - this.gap);
      dropped += runs.length - keep.length;
      if (keep.length === 0) this.streams.delete(stream);
      else this.streams.set(stream, keep);
    }
    return dropped;
  }

  private renamed(before: string, stream: string, events: readonly SessionEvent[]): string[] {
    return sessionIdOf(stream, events[0]) === before ? [] : [before];
  }
}
