import { DIMS, type DimValues } from './analytics-columns.js';
import type { AnEvent } from './analytics-events.js';

/**
 * Sessions as the store keeps them (analytics_sessions), and how events grow and merge them: the rules
 * of src/analytics/sessions.ts, applied to the rows a batch loads. An explicit session (the caller's
 * session or conversation id) holds every event of its workspace carrying that id; a derived one holds
 * the events of one (workspace, key, end user) while each pause is under the gap. A late event that
 * closes the pause between two sessions merges them. A session counts under the dimensions of its first
 * request (of its first page view while it has no request).
 */
export interface SessionRow {
  stream: string;
  first_at: number;
  last_at: number;
  workspace_id: string;
  explicit: number;
  session_id: string | null;
  /** The end user of the event that set the dimensions. */
  end_user: string | null;
  requests: number;
  page_views: number;
  /** What set the dimensions: 0 a request, 1 a page view; its time and id. */
  dims_kind: number;
  dims_ts: number;
  dims_id: string;
  dims: DimValues;
}

/** A session row from a database row (snake_case columns, DIMS spread). */
export function sessionFromRow(r: Record<string, unknown>): SessionRow {
  return {
    stream: String(r.stream),
    first_at: Number(r.first_at),
    last_at: Number(r.last_at),
    workspace_id: String(r.workspace_id),
    explicit: Number(r.explicit),
    session_id: (r.session_id as string | null) ?? null,
    end_user: (r.end_user as string | null) ?? null,
    requests: Number(r.requests),
    page_views: Number(r.page_views),
    dims_kind: Number(r.dims_kind),
    dims_ts: Number(r.dims_ts),
    dims_id: String(r.dims_id),
    dims: DIMS.map((d) => String(r[d] ?? '')),
  };
}

/** The row's values in SESSION_COLUMNS order. */
export function sessionValues(s: SessionRow): unknown[] {
  return [
    s.stream,
    s.first_at,
    s.last_at,
    s.workspace_id,
    s.explicit,
    s.session_id,
    s.end_user,
    s.requests,
    s.page_views,
    s.dims_kind,
    s.dims_ts,
    s.dims_id,
    ...s.dims,
  ];
}

/** Whether an event (kind, ts, id) sets the dimensions of a session they currently come from `s`. */
function wins(kind: number, ts: number, id: string, s: SessionRow): boolean {
  const earlier = ts < s.dims_ts || (ts === s.dims_ts && id < s.dims_id);
  return kind === 0 ? s.dims_kind === 1 || earlier : s.dims_kind === 1 && earlier;
}

/** A session as a batch works on it: the rows it was loaded as (merged ones too) and whether it changed. */
export interface WorkingSession {
  row: SessionRow;
  origs: SessionRow[];
  dirty: boolean;
}

function fromEvent(stream: string, e: AnEvent, dims: DimValues): WorkingSession {
  return {
    row: {
      stream,
      first_at: e.ts,
      last_at: e.ts,
      workspace_id: e.ws,
      explicit: e.sid !== null ? 1 : 0,
      session_id: e.sid,
      end_user: e.user,
      requests: e.kind === 0 ? 1 : 0,
      page_views: e.kind === 1 ? 1 : 0,
      dims_kind: e.kind,
      dims_ts: e.ts,
      dims_id: e.id,
      dims,
    },
    origs: [],
    dirty: true,
  };
}

function extend(w: WorkingSession, e: AnEvent, dims: DimValues): void {
  const s = w.row;
  if (e.ts < s.first_at) s.first_at = e.ts;
  if (e.ts > s.last_at) s.last_at = e.ts;
  if (e.kind === 0) s.requests++;
  else s.page_views++;
  if (wins(e.kind, e.ts, e.id, s)) {
    s.dims_kind = e.kind;
    s.dims_ts = e.ts;
    s.dims_id = e.id;
    s.dims = dims;
    s.end_user = e.user;
  }
  w.dirty = true;
}

function merge(into: WorkingSession, other: WorkingSession): void {
  const a = into.row;
  const b = other.row;
  a.first_at = Math.min(a.first_at, b.first_at);
  a.last_at = Math.max(a.last_at, b.last_at);
  a.requests += b.requests;
  a.page_views += b.page_views;
  if (wins(b.dims_kind, b.dims_ts, b.dims_id, a)) {
    a.dims_kind = b.dims_kind;
    a.dims_ts = b.dims_ts;
    a.dims_id = b.dims_id;
    a.dims = b.dims;
    a.end_user = b.end_user;
  }
  into.origs.push(...other.origs);
  into.dirty = true;
}

/** The sessions of one stream a batch loaded (sorted by first activity), as working copies. */
export function workingOf(rows: readonly SessionRow[]): WorkingSession[] {
  return [...rows].sort((a, b) => a.first_at - b.first_at).map((r) => ({ row: { ...r, dims: [...r.dims] }, origs: [r], dirty: false }));
}

/**
 * Adds event `e` (counted under `dims`) to the sessions of its stream, `list` (sorted by first
 * activity, changed in place): it joins every session it is within the gap of (merging them), or
 * starts one of its own.
 */
export function absorb(list: WorkingSession[], stream: string, e: AnEvent, dims: DimValues, gapMs: number): void {
  if (e.sid !== null) {
    if (list.length === 0) list.push(fromEvent(stream, e, dims));
    else extend(list[0], e, dims);
    return;
  }
  let first = -1;
  let last = -1;
  for (let i = 0; i < list.length; i++) {
    const s = list[i].row;
    if (s.first_at - gapMs < e.ts && e.ts < s.last_at + gapMs) {
      if (first < 0) first = i;
      last = i;
    } else if (s.first_at - gapMs >= e.ts) break;
  }
  if (first < 0) {
    let at = 0;
    while (at < list.length && list[at].row.first_at < e.ts) at++;
    list.splice(at, 0, fromEvent(stream, e, dims));
    return;
  }
  const target = list[first];
  for (let i = first + 1; i <= last; i++) merge(target, list[i]);
  list.splice(first + 1, last - first);
  extend(target, e, dims);
}
