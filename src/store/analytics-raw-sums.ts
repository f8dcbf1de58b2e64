import { sketchIndexOf } from '../core/latency-sketch.js';
import { AN, DIMS, NSUMS, S, type DimValues } from './analytics-columns.js';
import { endUserFromRow } from './analytics-batch.js';
import type { AnalyticsRawReader } from './analytics-raw.js';
import { eventSums, minuteOf, sessionSums } from './analytics-rollup.js';
import { sessionFromRow } from './analytics-sessions.js';
import { inScope, valueOf, type QueryRunner, type Scope } from './analytics-query.js';

/** Summed rows of a read: bucket start, group value, the SUMS vector. */
export interface VecRow {
  t: number;
  g: string;
  v: number[];
}

/** Adds `v` into the row of (t, g). */
export function addVec(into: Map<string, VecRow>, t: number, g: string, v: readonly number[], sign = 1): void {
  const k = `${t}\u0000${g}`;
  let row = into.get(k);
  if (!row) into.set(k, (row = { t, g, v: new Array<number>(NSUMS).fill(0) }));
  for (let i = 0; i < NSUMS; i++) if (v[i] !== 0) row.v[i] += sign * v[i];
}

const ws = (scope: Scope): { text: string; params: unknown[] } =>
  scope.workspaceId === undefined ? { text: '', params: [] } : { text: ' and workspace_id = ?', params: [scope.workspaceId] };

/**
 * Sums of a scope computed without the rollups, per UTC minute (`bucketed`) or as one bucket at
 * `scope.from`, per `groupBy` value: the events from raw rows, the sessions that start in the range
 * (from the sessions table, under their dimensions), the end users whose first activity is in it, and
 * the feedback on its requests. The same definitions as the rollups; used where they cannot answer
 * (partial minutes, grouped or multiply filtered minute reads).
 */
export async function rawSums(
  q: QueryRunner,
  raw: AnalyticsRawReader,
  scope: Scope,
  filters: ReadonlyArray<[string, string]>,
  groupBy: string | undefined,
  bucketed: boolean,
): Promise<VecRow[]> {
  const out = new Map<string, VecRow>();
  const at = (t: number): number => (bucketed ? minuteOf(t) : scope.from);
  const group = (w: string, dims: DimValues): string => (groupBy === undefined ? '' : valueOf(groupBy, w, dims));
  for await (const slice of raw.resolved(scope.from, scope.to, scope.workspaceId)) {
    for (const { e, dims } of slice) if (inScope(scope, filters, e.ws, dims)) addVec(out, at(e.ts), group(e.ws, dims), eventSums(e));
  }
  const w = ws(scope);
  const dimsOfRow = (r: Record<string, unknown>): DimValues => DIMS.map((c) => String(r[c] ?? ''));
  const sessions = await q.all(`select * from ${AN.sessions} where first_at >= ? and first_at < ?${w.text}`, [
    scope.from,
    scope.to,
    ...w.params,
  ]);
  for (const r of sessions) {
    const s = sessionFromRow(r);
    if (inScope(scope, filters, s.workspace_id, s.dims)) addVec(out, at(s.first_at), group(s.workspace_id, s.dims), sessionSums(s));
  }
  const users = await q.all(`select * from ${AN.endUsers} where first_at >= ? and first_at < ?${w.text}`, [
    scope.from,
    scope.to,
    ...w.params,
  ]);
  const newUser = new Array<number>(NSUMS).fill(0);
  newUser[S.new_users] = 1;
  for (const r of users) {
    const u = endUserFromRow(r);
    if (inScope(scope, filters, u.workspace_id, u.dims)) addVec(out, at(u.first_at!), group(u.workspace_id, u.dims), newUser);
  }
  const feedback = await q.all(`select * from ${AN.feedback} where request_ts >= ? and request_ts < ? and rating is not null${w.text}`, [
    scope.from,
    scope.to,
    ...w.params,
  ]);
  for (const r of feedback) {
    const dims = dimsOfRow(r);
    const fw = String(r.workspace_id);
    if (!inScope(scope, filters, fw, dims)) continue;
    const v = new Array<number>(NSUMS).fill(0);
    v[r.rating === 'like' ? S.likes : S.dislikes] = 1;
    addVec(out, at(Number(r.request_ts)), group(fw, dims), v);
  }
  return [...out.values()];
}

/** Request counts per UTC minute of the scope from raw rows. */
export async function rawMinuteCounts(
  raw: AnalyticsRawReader,
  scope: Scope,
  filters: ReadonlyArray<[string, string]>,
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for await (const slice of raw.resolved(scope.from, scope.to, scope.workspaceId)) {
    for (const { e, dims } of slice) {
      if (e.kind !== 0 || !inScope(scope, filters, e.ws, dims)) continue;
      const m = minuteOf(e.ts);
      out.set(m, (out.get(m) ?? 0) + 1);
    }
  }
  return out;
}

/** Distinct (group, workspace, end user) of the scope's raw events, as `g\0ws\0user` strings. */
export async function rawUsers(
  raw: AnalyticsRawReader,
  scope: Scope,
  filters: ReadonlyArray<[string, string]>,
  groupBy: string | undefined,
  into: Set<string>,
): Promise<void> {
  for await (const slice of raw.resolved(scope.from, scope.to, scope.workspaceId)) {
    for (const { e, dims } of slice) {
      if (e.user === null || !inScope(scope, filters, e.ws, dims)) continue;
      into.add(`${groupBy === undefined ? '' : valueOf(groupBy, e.ws, dims)}\u0000${e.ws}\u0000${e.user}`);
    }
  }
}

/** Sketch bucket counts (group → index → count) of the scope's raw requests. */
export async function rawSketch(
  raw: AnalyticsRawReader,
  scope: Scope,
  filters: ReadonlyArray<[string, string]>,
  kind: 'latency' | 'ttft',
  groupBy: string | undefined,
  into: Map<string, Map<number, number>>,
): Promise<void> {
  for await (const slice of raw.resolved(scope.from, scope.to, scope.workspaceId)) {
    for (const { e, dims } of slice) {
      if (e.kind !== 0 || !inScope(scope, filters, e.ws, dims)) continue;
      const ms = kind === 'latency' ? e.latencyMs : e.ttftMs;
      const idx = ms === null ? null : sketchIndexOf(ms);
      if (idx === null) continue;
      const g = groupBy === undefined ? '' : valueOf(groupBy, e.ws, dims);
      let m = into.get(g);
      if (!m) into.set(g, (m = new Map()));
      m.set(idx, (m.get(idx) ?? 0) + 1);
    }
  }
}
