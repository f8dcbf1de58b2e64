import { z } from 'zod';
import type { AnalyticsEvent } from './analytics-event.js';
import { LatencySketch, type LatencySketchJson } from '../core/latency-sketch.js';
import { TimeBuckets } from './time-buckets.js';

/**
 * The usage metrics of one bucket and one group as a mergeable partial aggregate: add the bucket's
 * events (in any order), merge partials of adjacent buckets (minute rows into hours, hours into days)
 * or a late event's partial into a stored row, and `finalize()` to the reported figures. Merging is
 * associative and commutative (up to float rounding of sums); re-adding an event counts it twice
 * (idempotence is the store's job).
 *
 * Definitions (see the analytics facts; the store's rollups use the same ones):
 * - requests: request events; errors: those not ok; answers: ok requests; cache hits: answered from the cache.
 * - page views: page-view events plus requests that no page made (one turn counts as a view there).
 * - users: distinct (workspace, end user) pairs of requests and page views; new users: events marked
 *   `firstOfUser` (the end user's first activity in the workspace, see assign-sessions.ts).
 * - sessions: added apart ({@link MetricsPartial.addSession}), to the partial of their first activity
 *   and dimensions (see assign-sessions.ts), with the whole session's dwell and requests; turns per
 *   session and average dwell are over the sessions with ≥1 request, dwell = last − first activity.
 * - tokens: input + output; cost: CNY; latency and TTFT quantiles: from {@link LatencySketch}
 *   (±1 % relative); tokens/s: output tokens ÷ latency seconds, summed over ok requests with a
 *   latency > 0; error rate and cache hit rate: per request; satisfaction: likes per 1,000 answers
 *   (feedback events count where they are added: the store puts them in the rated request's bucket).
 * - minute of day (1,440) and day-of-week × hour (7 × 24): request counts in the partial's time zone.
 */

/** Per session that starts in the partial: its first and last activity and its requests (the whole session's). */
interface SessionSpan {
  first: number;
  last: number;
  turns: number;
}

/** The reported figures of a partial (snake_case, as the report JSON). Rates are null with no denominator. */
export interface MetricFigures {
  /** Request and page-view events the figures come from (feedback rates them). */
  rows: number;
  requests: number;
  page_views: number;
  users: number;
  new_users: number;
  sessions: number;
  turns_per_session: number | null;
  avg_dwell_seconds: number | null;
  input_tokens: number;
  output_tokens: number;
  tokens: number;
  /** CNY. */
  cost: number;
  latency_ms: { p50: number | null; p95: number | null; p99: number | null; mean: number | null };
  ttft_ms: { p50: number | null; p95: number | null; p99: number | null; mean: number | null };
  tokens_per_second: number | null;
  errors: number;
  error_rate: number | null;
  cache_hits: number;
  cache_hit_rate: number | null;
  answers: number;
  likes: number;
  dislikes: number;
  /** Likes per 1,000 answers. */
  satisfaction: number | null;
  /** 1,440 request counts by local minute of the day. */
  minute_of_day: number[];
  /** 7 rows (Monday first) of 24 request counts by local hour. */
  heatmap: number[][];
}

/** Counters that merge by adding. */
const COUNTERS = [
  'rows',
  'requests',
  'errors',
  'answers',
  'cacheHits',
  'pageViews',
  'likes',
  'dislikes',
  'inputTokens',
  'outputTokens',
  'costCny',
  'newUsers',
  'genTokens',
  'genMs',
] as const;
type Counter = (typeof COUNTERS)[number];

/** Most users or sessions one serialised partial may hold. */
export const MAX_PARTIAL_MEMBERS = 1_000_000;

/** The JSON form of a partial: counters, sketches, sorted users, sessions and sparse activity counts. */
export interface MetricsPartialJson {
  v: 1;
  timeZone: string;
  counters: Record<Counter, number>;
  latency: LatencySketchJson;
  ttft: LatencySketchJson;
  users: string[];
  /** `[session id, first, last, turns]`. */
  sessions: [string, number, number, number][];
  /** `[minute of day, count]`, `[dayOfWeek * 24 + hour, count]`. */
  minuteOfDay: [number, number][];
  weekHour: [number, number][];
}

const nonNeg = z.number().min(0);
const partialSchema = z.object({
  v: z.literal(1),
  timeZone: z.string().min(1).max(64),
  counters: z.object(Object.fromEntries(COUNTERS.map((c) => [c, nonNeg])) as Record<Counter, typeof nonNeg>),
  latency: z.unknown(),
  ttft: z.unknown(),
  users: z.array(z.string().max(1024)).max(MAX_PARTIAL_MEMBERS),
  sessions: z.array(z.tuple([z.string().max(1024), z.number(), z.number(), z.number().int().min(0)])).max(MAX_PARTIAL_MEMBERS),
  minuteOfDay: z.array(z.tuple([z.number().int().min(0).max(1439), z.number().int().min(1)])).max(1440),
  weekHour: z.array(z.tuple([z.number().int().min(0).max(167), z.number().int().min(1)])).max(168),
});

const zeroCounters = (): Record<Counter, number> => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>;
const addInto = (m: Map<number, number>, k: number, n: number): void => void m.set(k, (m.get(k) ?? 0) + n);

/** A mergeable partial aggregate of the usage metrics (see the module comment). */
export class MetricsPartial {
  private readonly c = zeroCounters();
  private readonly latency = new LatencySketch();
  private readonly ttft = new LatencySketch();
  private readonly users = new Set<string>();
  private readonly sessions = new Map<string, SessionSpan>();
  private readonly minutes = new Map<number, number>();
  private readonly weekHours = new Map<number, number>();
  private readonly buckets: TimeBuckets;

  /** `timeZone` places minute-of-day and heatmap counts (default Asia/Shanghai). */
  constructor(timeZone?: string) {
    this.buckets = TimeBuckets.of(timeZone);
  }

  get timeZone(): string {
    return this.buckets.timeZone;
  }

  /** Adds one event (returns this). */
  add(e: AnalyticsEvent): this {
    const c = this.c;
    if (e.kind === 'feedback') {
      if (e.rating === 'like') c.likes++;
      else c.dislikes++;
      return this;
    }
    c.rows++;
    if (e.endUser !== null) this.users.add(JSON.stringify([e.workspace, e.endUser]));
    if (e.firstOfUser) c.newUsers++;
    if (e.kind === 'page_view') {
      c.pageViews++;
      return this;
    }
    c.requests++;
    if (!e.fromPage) c.pageViews++;
    if (e.ok) c.answers++;
    else c.errors++;
    if (e.cacheHit) c.cacheHits++;
    c.inputTokens += e.inputTokens;
    c.outputTokens += e.outputTokens;
    c.costCny += e.costCny;
    if (e.latencyMs !== null) this.latency.add(e.latencyMs);
    if (e.ttftMs !== null) this.ttft.add(e.ttftMs);
    if (e.ok && e.latencyMs !== null && e.latencyMs > 0) {
      c.genTokens += e.outputTokens;
      c.genMs += e.latencyMs;
    }
    addInto(this.minutes, this.buckets.minuteOfDay(e.ts), 1);
    addInto(this.weekHours, this.buckets.weekHour(e.ts), 1);
    return this;
  }

  /** Counts a session here: its first activity and dimensions belong to this partial (returns this). */
  addSession(s: { id: string; start: number; dwellMs: number; turns: number }): this {
    this.sessions.set(s.id, { first: s.start, last: s.start + s.dwellMs, turns: s.turns });
    return this;
  }

  /** Adds every event of `events` (returns this). */
  addAll(events: Iterable<AnalyticsEvent>): this {
    for (const e of events) this.add(e);
    return this;
  }

  /** Adds `other` into this partial (returns this); both must use the same time zone. */
  merge(other: MetricsPartial): this {
    if (other.timeZone !== this.timeZone) throw new RangeError(`cannot merge metrics of time zone ${other.timeZone} into ${this.timeZone}`);
    for (const k of COUNTERS) this.c[k] += other.c[k];
    this.latency.merge(other.latency);
    this.ttft.merge(other.ttft);
    for (const u of other.users) this.users.add(u);
    // A session is added to one partial; the same id in both is the same session added twice.
    for (const [id, o] of other.sessions) if (!this.sessions.has(id)) this.sessions.set(id, { ...o });
    for (const [k, n] of other.minutes) addInto(this.minutes, k, n);
    for (const [k, n] of other.weekHours) addInto(this.weekHours, k, n);
    return this;
  }

  /** The reported figures. */
  finalize(): MetricFigures {
    const c = this.c;
    let turned = 0;
    let turns = 0;
    let dwell = 0;
    for (const s of this.sessions.values()) {
      if (s.turns === 0) continue;
      turned++;
      turns += s.turns;
      dwell += s.last - s.first;
    }
    const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
    const quantiles = (s: LatencySketch) => ({ p50: s.quantile(0.5), p95: s.quantile(0.95), p99: s.quantile(0.99), mean: s.mean });
    const minute = new Array<number>(1440).fill(0);
    for (const [k, n] of this.minutes) minute[k] = n;
    const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
    for (const [k, n] of this.weekHours) heatmap[Math.floor(k / 24)][k % 24] = n;
    return {
      rows: c.rows,
      requests: c.requests,
      page_views: c.pageViews,
      users: this.users.size,
      new_users: c.newUsers,
      sessions: this.sessions.size,
      turns_per_session: ratio(turns, turned),
      avg_dwell_seconds: turned > 0 ? dwell / turned / 1000 : null,
      input_tokens: c.inputTokens,
      output_tokens: c.outputTokens,
      tokens: c.inputTokens + c.outputTokens,
      cost: c.costCny,
      latency_ms: quantiles(this.latency),
      ttft_ms: quantiles(this.ttft),
      tokens_per_second: c.genMs > 0 ? c.genTokens / (c.genMs / 1000) : null,
      errors: c.errors,
      error_rate: ratio(c.errors, c.requests),
      cache_hits: c.cacheHits,
      cache_hit_rate: ratio(c.cacheHits, c.requests),
      answers: c.answers,
      likes: c.likes,
      dislikes: c.dislikes,
      satisfaction: c.answers > 0 ? (c.likes * 1000) / c.answers : null,
      minute_of_day: minute,
      heatmap,
    };
  }

  /** The JSON form (see {@link MetricsPartialJson}). */
  toJSON(): MetricsPartialJson {
    const sparse = (m: Map<number, number>): [number, number][] => [...m].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
    return {
      v: 1,
      timeZone: this.timeZone,
      counters: { ...this.c },
      latency: this.latency.toJSON(),
      ttft: this.ttft.toJSON(),
      users: [...this.users].sort(),
      sessions: [...this.sessions]
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .map(([id, s]) => [id, s.first, s.last, s.turns]),
      minuteOfDay: sparse(this.minutes),
      weekHour: sparse(this.weekHours),
    };
  }

  /** Reads the JSON form back; throws a RangeError on anything malformed. */
  static fromJSON(json: unknown): MetricsPartial {
    const parsed = partialSchema.safeParse(json);
    if (!parsed.success) throw new RangeError(`not a metrics partial: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const j = parsed.data;
    const p = new MetricsPartial(j.timeZone);
    Object.assign(p.c, j.counters);
    p.latency.merge(LatencySketch.fromJSON(j.latency));
    p.ttft.merge(LatencySketch.fromJSON(j.ttft));
    for (const u of j.users) p.users.add(u);
    for (const [id, first, last, turns] of j.sessions) p.sessions.set(id, { first, last, turns });
    for (const [k, n] of j.minuteOfDay) p.minutes.set(k, n);
    for (const [k, n] of j.weekHour) p.weekHours.set(k, n);
    return p;
  }
}
