import { Calendar } from '../core/calendar.js';
import { SKETCH_ZERO_INDEX, sketchIndexOf } from '../core/sketch-index.js';
import {
  D_APP,
  D_MODEL,
  D_PROVIDER,
  D_SCENARIO,
  DIMENSION_COLUMN,
  DIMS,
  HOUR,
  MINUTE,
  MINUTE_DIMS,
  NSUMS,
  S,
  SKETCH_DIMS,
  SKETCH_LATENCY,
  SKETCH_PAGE,
  SKETCH_TTFT,
  type DimValues,
} from './analytics-columns.js';
import type { AnEvent } from './analytics-events.js';

/** Local midnights of the instance's zone, for the day rows (the last day's range is remembered). */
export class DayBuckets {
  private readonly calendar: Calendar;
  private lo = 0;
  private hi = -1;

  constructor(readonly timeZone: string) {
    this.calendar = new Calendar(timeZone);
  }

  /** Epoch ms of the local midnight starting the day that holds `ts`. */
  start(ts: number): number {
    if (ts >= this.lo && ts < this.hi) return this.lo;
    const end = this.calendar.dayEnd(ts);
    const start = this.calendar.startOf(this.calendar.day(ts));
    this.lo = start;
    this.hi = end;
    return start;
  }

  /** Epoch ms of the local midnight ending the day that holds `ts`. */
  end(ts: number): number {
    this.start(ts);
    return this.hi;
  }
}

export const hourOf = (ts: number): number => ts - (((ts % HOUR) + HOUR) % HOUR);
export const minuteOf = (ts: number): number => ts - (((ts % MINUTE) + MINUTE) % MINUTE);

/** Only buckets starting in `[from, to)` are kept (rebuilds recompute whole buckets inside their range). */
export interface BucketRange {
  from: number;
  to: number;
}
export interface RollupLimits {
  hour: BucketRange;
  day: BucketRange;
  minute: BucketRange;
}

/** Each minute dimension after `all` and `workspace`: its name and its index into DimValues. */
const MINUTE_DIM_INDEX = MINUTE_DIMS.slice(2).map((name) => [name, DIMS.indexOf(DIMENSION_COLUMN[name] as (typeof DIMS)[number])] as const);

/** A summed row: its key values (bucket, …) and the sums. */
export interface SumRow {
  key: Array<string | number>;
  v: number[];
}

const sep = '\u0000';

function addTo(map: Map<string, SumRow>, k: string, key: () => Array<string | number>, v: readonly number[], sign: number): void {
  let row = map.get(k);
  if (!row) map.set(k, (row = { key: key(), v: new Array<number>(NSUMS).fill(0) }));
  const out = row.v;
  for (let i = 0; i < NSUMS; i++) if (v[i] !== 0) out[i] += sign * v[i];
}

/** The sums one event adds (see RollupSums). */
export function eventSums(e: AnEvent): number[] {
  const v = new Array<number>(NSUMS).fill(0);
  if (e.kind === 1) {
    v[S.page_views] = 1;
    v[S.pv_events] = 1;
    return v;
  }
  const ok = e.status < 400;
  v[S.requests] = 1;
  v[ok ? S.answers : S.errors] = 1;
  if (e.cacheHit) v[S.cache_hits] = 1;
  if (!e.fromPage) v[S.page_views] = 1;
  v[S.input_tokens] = e.inputTokens;
  v[S.output_tokens] = e.outputTokens;
  v[S.cost] = e.cost;
  if (e.latencyMs !== null && sketchIndexOf(e.latencyMs) !== null) {
    v[S.latency_n] = 1;
    v[S.latency_sum_ms] = e.latencyMs;
    if (ok && e.latencyMs > 0) {
      v[S.tps_tokens] = e.outputTokens;
      v[S.tps_ms] = e.latencyMs;
    }
  }
  if (e.ttftMs !== null && sketchIndexOf(e.ttftMs) !== null) {
    v[S.ttft_n] = 1;
    v[S.ttft_sum_ms] = e.ttftMs;
  }
  return v;
}

/** What a session counts (at its first activity, under its dimensions). */
export interface SessionFacts {
  first_at: number;
  last_at: number;
  workspace_id: string;
  requests: number;
  dims: DimValues;
}

export function sessionSums(s: SessionFacts): number[] {
  const v = new Array<number>(NSUMS).fill(0);
  v[S.sessions] = 1;
  if (s.requests > 0) {
    v[S.sessions_with_requests] = 1;
    v[S.session_turns] = s.requests;
    v[S.dwell_ms] = s.last_at - s.first_at;
  }
  return v;
}

const NEW_USER = (() => {
  const v = new Array<number>(NSUMS).fill(0);
  v[S.new_users] = 1;
  return v;
})();

/** Sums of one UTC minute, workspace and dimensions: what the hour, day and minute rows are made of. */
interface FineRow {
  minute: number;
  ws: string;
  dims: DimValues;
  v: number[];
}

/**
 * Additions to the analytics rollups, summed per row before they are written: the hour, day and minute
 * sums, sketch bucket counts and user activity. Counts may be negative (a session that grew or merged
 * is taken out as it was and added as it is). With `limits`, only buckets starting inside them are kept.
 * Sums gather per minute, workspace and dimensions first (events of a batch share few of them), and
 * spread to the hour, day and minute rows when those are read.
 */
export class RollupDeltas {
  private readonly fine = new Map<string, FineRow>();
  private spread: { hour: Map<string, SumRow>; day: Map<string, SumRow>; minute: Map<string, SumRow> } | undefined;
  /** `[bucket, workspace, app, scenario, model, provider, kind, page, c0 … c15]`. */
  readonly sketchHour = new Map<string, Array<string | number>>();
  readonly sketchDay = new Map<string, Array<string | number>>();
  /** `[bucket, workspace, end user, ...dims]`. */
  readonly userHour = new Map<string, Array<string | number>>();
  readonly userDay = new Map<string, Array<string | number>>();

  constructor(
    readonly days: DayBuckets,
    private readonly limits?: RollupLimits,
  ) {}

  private keep(r: BucketRange | undefined, t: number): boolean {
    return r === undefined || (t >= r.from && t < r.to);
  }

  get hour(): Map<string, SumRow> {
    return this.spreadRows().hour;
  }
  get day(): Map<string, SumRow> {
    return this.spreadRows().day;
  }
  get minute(): Map<string, SumRow> {
    return this.spreadRows().minute;
  }

  /** Adds `sign` × `v` to the hour, day and minute rows of `ts` under `ws` and `dims` (`dk`: dims joined, when known). */
  addSums(ts: number, ws: string, dims: DimValues, v: readonly number[], sign = 1, dk = dims.join(sep)): void {
    const minute = minuteOf(ts);
    const k = `${minute}${sep}${ws}${sep}${dk}`;
    let row = this.fine.get(k);
    if (!row) this.fine.set(k, (row = { minute, ws, dims, v: new Array<number>(NSUMS).fill(0) }));
    const out = row.v;
    for (let i = 0; i < NSUMS; i++) if (v[i] !== 0) out[i] += sign * v[i];
    this.spread = undefined;
  }

  private spreadRows(): NonNullable<RollupDeltas['spread']> {
    if (this.spread) return this.spread;
    const hourRows = new Map<string, SumRow>();
    const dayRows = new Map<string, SumRow>();
    const minuteRows = new Map<string, SumRow>();
    for (const { minute, ws, dims, v } of this.fine.values()) {
      const dk = dims.join(sep);
      const hour = hourOf(minute);
      if (this.keep(this.limits?.hour, hour)) addTo(hourRows, `${hour}${sep}${ws}${sep}${dk}`, () => [hour, ws, ...dims], v, 1);
      const day = this.days.start(minute);
      if (this.keep(this.limits?.day, day)) addTo(dayRows, `${day}${sep}${ws}${sep}${dk}`, () => [day, ws, ...dims], v, 1);
      if (!this.keep(this.limits?.minute, minute)) continue;
      addTo(minuteRows, `all${sep}${sep}${minute}${sep}`, () => ['all', '', minute, ''], v, 1);
      addTo(minuteRows, `workspace${sep}${ws}${sep}${minute}${sep}${ws}`, () => ['workspace', ws, minute, ws], v, 1);
      for (const [name, i] of MINUTE_DIM_INDEX) {
        const value = dims[i];
        addTo(minuteRows, `${name}${sep}${value}${sep}${minute}${sep}${ws}`, () => [name, value, minute, ws], v, 1);
      }
    }
    return (this.spread = { hour: hourRows, day: dayRows, minute: minuteRows });
  }

  /** An event: its sums, its latency and TTFT sketch counts, its end user's activity. */
  addEvent(e: AnEvent, dims: DimValues): void {
    const dk = dims.join(sep);
    this.addSums(e.ts, e.ws, dims, eventSums(e), 1, dk);
    const hour = hourOf(e.ts);
    const day = this.days.start(e.ts);
    const keepHour = this.keep(this.limits?.hour, hour);
    const keepDay = this.keep(this.limits?.day, day);
    if (e.kind === 0) {
      const sk = `${e.ws}${sep}${dims[D_APP]}${sep}${dims[D_SCENARIO]}${sep}${dims[D_MODEL]}${sep}${dims[D_PROVIDER]}`;
      for (const [kind, ms] of [
        [SKETCH_LATENCY, e.latencyMs],
        [SKETCH_TTFT, e.ttftMs],
      ] as const) {
        const idx = ms === null ? null : sketchIndexOf(ms);
        if (idx === null) continue;
        const page = Math.floor((idx - SKETCH_ZERO_INDEX) / SKETCH_PAGE);
        const at = SKETCH_KEY_WIDTH + ((idx - SKETCH_ZERO_INDEX) % SKETCH_PAGE);
        const row = () => [e.ws, dims[D_APP], dims[D_SCENARIO], dims[D_MODEL], dims[D_PROVIDER], kind, page, ...EMPTY_PAGE];
        if (keepHour) addCount(this.sketchHour, `${hour}${sep}${sk}${sep}${kind}${sep}${page}`, () => [hour, ...row()], at);
        if (keepDay) addCount(this.sketchDay, `${day}${sep}${sk}${sep}${kind}${sep}${page}`, () => [day, ...row()], at);
      }
    }
    if (e.user !== null) {
      const uk = `${e.ws}${sep}${e.user}${sep}${dk}`;
      if (keepHour) put(this.userHour, `${hour}${sep}${uk}`, () => [hour, e.ws, e.user!, ...dims]);
      if (keepDay) put(this.userDay, `${day}${sep}${uk}`, () => [day, e.ws, e.user!, ...dims]);
    }
  }

  /** A session's counts (`sign` −1 takes out what an earlier state of it added). */
  addSession(s: SessionFacts, sign: 1 | -1): void {
    this.addSums(s.first_at, s.workspace_id, s.dims, sessionSums(s), sign);
  }

  /** An end user's first activity at `ts` under `dims` (`sign` −1 when it moved). */
  addNewUser(ts: number, ws: string, dims: DimValues, sign: 1 | -1): void {
    this.addSums(ts, ws, dims, NEW_USER, sign);
  }

  /** Likes and dislikes of a request at `ts` under `dims`. */
  addFeedback(ts: number, ws: string, dims: DimValues, likes: number, dislikes: number): void {
    if (likes === 0 && dislikes === 0) return;
    const v = new Array<number>(NSUMS).fill(0);
    v[S.likes] = likes;
    v[S.dislikes] = dislikes;
    this.addSums(ts, ws, dims, v);
  }
}

function addCount(map: Map<string, Array<string | number>>, k: string, row: () => Array<string | number>, at: number): void {
  let have = map.get(k);
  if (!have) map.set(k, (have = row()));
  (have[at] as number)++;
}

/** Columns of a sketch row before its counts: bucket, workspace, SKETCH_DIMS, kind, page. */
const SKETCH_KEY_WIDTH = 2 + SKETCH_DIMS.length + 2;
const EMPTY_PAGE: readonly number[] = new Array<number>(SKETCH_PAGE).fill(0);

function put(map: Map<string, Array<string | number>>, k: string, row: () => Array<string | number>): void {
  if (!map.has(k)) map.set(k, row());
}

/** Sum rows as flat arrays (key values, then the sums), leaving out rows that add nothing. */
export function flatRows(map: ReadonlyMap<string, SumRow>): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  for (const r of map.values()) if (r.v.some((x) => x !== 0)) out.push([...r.key, ...r.v]);
  return out;
}
