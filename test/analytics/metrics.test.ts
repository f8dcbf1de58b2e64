import { describe, expect, it } from 'vitest';
import { DIRECT_API, groupValue, type AnalyticsEvent, type Dimension } from '../../src/analytics/analytics-event.js';
import { assignSessions, sessionFacts } from '../../src/analytics/assign-sessions.js';
import { groupMetrics } from '../../src/analytics/group-metrics.js';
import { SKETCH_ALPHA } from '../../src/core/latency-sketch.js';
import { MetricsPartial, type MetricFigures } from '../../src/analytics/metrics.js';
import { TimeBuckets } from '../../src/analytics/time-buckets.js';
import { percentile } from '../../src/eval/percentile.js';
import { seededRng, type Rng } from '../../src/eval/seeded-rng.js';

const MIN = 60_000;
const T0 = Date.parse('2026-10-30T00:00:00Z'); // spans the October DST changes of London and New York

/** Random traffic over four days: requests (some failing, cached, streamed), page views and feedback. */
function traffic(rng: Rng, n: number): AnalyticsEvent[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const out: AnalyticsEvent[] = [];
  const requests: AnalyticsEvent[] = [];
  for (let i = 0; i < n; i++) {
    const base = {
      id: `e${i}`,
      ts: T0 + Math.floor(rng() * 4 * 1440) * MIN + Math.floor(rng() * MIN),
      workspace: pick(['w1', 'w2']),
      key: pick(['k1', 'k2', 'k3']),
      endUser: pick(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', null]),
      sessionId: rng() < 0.2 ? pick(['conv-a', 'conv-b']) : null,
      session: null,
      app: pick([null, 'summarize', 'translate']),
      scenario: null as string | null,
      model: pick(['qwen-plus', 'deepseek-chat', 'glm-4']),
      provider: pick(['dashscope', 'deepseek', 'zhipu']),
      segments: (rng() < 0.8 ? { industry: pick(['IT', 'education', 'finance']) } : {}) as Record<string, string>,
    };
    base.scenario = base.app;
    const r = rng();
    if (r < 0.7) {
      const ok = rng() < 0.9;
      const e: AnalyticsEvent = {
        ...base,
        kind: 'request',
        ok,
        latencyMs: rng() < 0.05 ? null : Math.round(5 + Math.exp(rng() * 10) * 2),
        ttftMs: rng() < 0.5 ? Math.round(5 + rng() * 2000) : null,
        inputTokens: Math.floor(rng() * 2000),
        outputTokens: ok ? Math.floor(rng() * 800) : 0,
        cacheHit: rng() < 0.15,
        costCny: rng() * 0.05,
        fromPage: rng() < 0.4,
      };
      out.push(e);
      requests.push(e);
    } else if (r < 0.9 || requests.length === 0) {
      out.push({ ...base, kind: 'page_view', page: pick(['/apps/summarize', '/playground']) });
    } else {
      const target = pick(requests);
      out.push({
        ...target,
        id: `e${i}`,
        ts: target.ts + 1000,
        kind: 'feedback',
        requestId: target.id,
        rating: rng() < 0.7 ? 'like' : 'dislike',
      });
    }
  }
  return out;
}

/** One Intl formatter per zone (building one per call is slow). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) formatters.set(zone, (f = make()));
  return f;
}

/** Local wall clock from Intl (the naive reference's own time arithmetic). */
function local(zone: string, ts: number): { date: string; hour: number; minute: number; weekday: number } {
  const p: Record<string, string> = {};
  const fmt = formatter(
    zone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'short',
        hourCycle: 'h23',
      }),
  );
  for (const part of fmt.formatToParts(ts)) p[part.type] = part.value;
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    hour: Number(p.hour),
    minute: Number(p.minute),
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday),
  };
}

/** A session from scratch: its first activity, dimensions (first request, else first event), dwell and requests. */
interface NaiveSession {
  start: number;
  dims: AnalyticsEvent;
  dwell: number;
  turns: number;
}

/** Each session and each end user's first event, from scratch. */
function wholeOf(events: AnalyticsEvent[]): { sessions: NaiveSession[]; firstOfUser: Set<string> } {
  const sessions = new Map<string, AnalyticsEvent[]>();
  const byTime = [...events].sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
  const users = new Map<string, string>();
  for (const e of byTime) {
    if (e.kind === 'feedback') continue;
    if (e.endUser !== null && !users.has(`${e.workspace}|${e.endUser}`)) users.set(`${e.workspace}|${e.endUser}`, e.id);
    if (e.session !== null) sessions.set(e.session, [...(sessions.get(e.session) ?? []), e]);
  }
  return {
    sessions: [...sessions.values()].map((list) => ({
      start: list[0].ts,
      dims: list.find((e) => e.kind === 'request') ?? list[0],
      dwell: list[list.length - 1].ts - list[0].ts,
      turns: list.filter((e) => e.kind === 'request').length,
    })),
    firstOfUser: new Set(users.values()),
  };
}

/** Every figure computed from scratch over the events of one local day and group, and the sessions that start there. */
function naiveFigures(zone: string, events: AnalyticsEvent[], opened: NaiveSession[], firstOfUser: Set<string>) {
  const reqs = events.filter((e) => e.kind === 'request');
  const active = events.filter((e) => e.kind !== 'feedback');
  const users = new Set(active.flatMap((e) => (e.endUser === null ? [] : [`${e.workspace}|${e.endUser}`])));
  const turned = opened.filter((s) => s.turns > 0);
  const dwell = turned.map((s) => s.dwell);
  const ok = reqs.filter((e) => e.ok);
  const gen = ok.filter((e) => e.latencyMs !== null && e.latencyMs > 0);
  const lat = reqs.flatMap((e) => (e.latencyMs === null ? [] : [e.latencyMs]));
  const ttft = reqs.flatMap((e) => (e.ttftMs === null ? [] : [e.ttftMs]));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const q = (xs: number[]) => ({
    p50: percentile(xs, 0.5),
    p95: percentile(xs, 0.95),
    p99: percentile(xs, 0.99),
    mean: xs.length ? sum(xs) / xs.length : null,
  });
  const minute = new Array(1440).fill(0);
  const heat = Array.from({ length: 7 }, () => new Array(24).fill(0));
  for (const e of reqs) {
    const l = local(zone, e.ts);
    minute[l.hour * 60 + l.minute]++;
    heat[l.weekday][l.hour]++;
  }
  const likes = events.filter((e) => e.kind === 'feedback' && e.rating === 'like').length;
  const input = sum(reqs.map((e) => e.inputTokens));
  const output = sum(reqs.map((e) => e.outputTokens));
  const errors = reqs.length - ok.length;
  const hits = reqs.filter((e) => e.cacheHit).length;
  return {
    rows: active.length,
    requests: reqs.length,
    page_views: events.filter((e) => e.kind === 'page_view' || (e.kind === 'request' && !e.fromPage)).length,
    users: users.size,
    new_users: active.filter((e) => firstOfUser.has(e.id)).length,
    sessions: opened.length,
    turns_per_session: turned.length ? sum(turned.map((s) => s.turns)) / turned.length : null,
    avg_dwell_seconds: turned.length ? sum(dwell) / turned.length / 1000 : null,
    input_tokens: input,
    output_tokens: output,
    tokens: input + output,
    cost: sum(reqs.map((e) => e.costCny)),
    latency_ms: q(lat),
    ttft_ms: q(ttft),
    tokens_per_second: gen.length ? sum(gen.map((e) => e.outputTokens)) / (sum(gen.map((e) => e.latencyMs!)) / 1000) : null,
    errors,
    error_rate: reqs.length ? errors / reqs.length : null,
    cache_hits: hits,
    cache_hit_rate: reqs.length ? hits / reqs.length : null,
    answers: ok.length,
    likes,
    dislikes: events.filter((e) => e.kind === 'feedback').length - likes,
    satisfaction: ok.length ? (likes * 1000) / ok.length : null,
    minute_of_day: minute,
    heatmap: heat,
  } satisfies MetricFigures;
}

const close = (a: number | null, b: number | null, rel: number, what: string) => {
  if (b === null || a === null) return expect(a, what).toBe(b);
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(rel * Math.abs(b) + 1e-12);
};

/** Equal figures: counts exactly, float sums to rounding, quantiles within the sketch's precision. */
function expectFigures(actual: MetricFigures, expected: MetricFigures, what: string, quantileTol = SKETCH_ALPHA * (1 + 1e-9)): void {
  for (const key of Object.keys(expected) as (keyof MetricFigures)[]) {
    const a = actual[key];
    const b = expected[key];
    if (key === 'latency_ms' || key === 'ttft_ms') {
      const qa = a as MetricFigures['latency_ms'];
      const qb = b as MetricFigures['latency_ms'];
      for (const p of ['p50', 'p95', 'p99'] as const) close(qa[p], qb[p], quantileTol, `${what} ${key}.${p}`);
      close(qa.mean, qb.mean, 1e-12, `${what} ${key}.mean`);
    } else if (typeof b === 'number' && !Number.isInteger(b)) close(a as number, b, 1e-12, `${what} ${key}`);
    else expect(a, `${what} ${key}`).toEqual(b);
  }
}

const shuffle = <T>(rng: Rng, xs: readonly T[]): T[] =>
  xs
    .map((x) => [rng(), x] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, x]) => x);

describe('usage metrics (mergeable partials against a naive computation)', () => {
  const cases: [string, number, Dimension, string | undefined][] = [
    ['Asia/Shanghai', 30 * MIN, 'model', undefined],
    ['America/New_York', 10 * MIN, 'scenario', undefined],
    ['Europe/London', 60 * MIN, 'segment', 'industry'],
    ['Asia/Kathmandu', 30 * MIN, 'provider', undefined],
    ['Asia/Kolkata', 5 * MIN, 'key', undefined],
  ];
  it.each(cases)('per day and %s, gap %i ms, by %s: every figure equals the naive one', (zone, gap, dimension, attr) => {
    const rng = seededRng(zone.length * 1000 + gap);
    const events = assignSessions(traffic(rng, 3000), { gapMs: gap });
    const whole = wholeOf(events);
    const buckets = new TimeBuckets(zone);
    const sessions = sessionFacts(events, { gapMs: gap });
    const grouped = groupMetrics(events, { timeZone: zone, unit: 'day', dimension, segmentAttribute: attr, sessions });
    // Minute partials, serialised and merged into days in a random order, must give the same answers.
    const minutes = groupMetrics(events, { timeZone: zone, unit: 'minute', dimension, segmentAttribute: attr, sessions });
    const rolled = new Map<string, MetricsPartial>();
    for (const [start, row] of shuffle(rng, [...minutes])) {
      for (const [group, p] of row) {
        const k = `${buckets.start(start, 'day')}|${group}`;
        const copy = MetricsPartial.fromJSON(JSON.parse(JSON.stringify(p)));
        rolled.set(k, rolled.has(k) ? rolled.get(k)!.merge(copy) : copy);
      }
    }
    const dateOf = new Map(events.map((e) => [e.id, local(zone, e.ts).date]));
    let checked = 0;
    let requests = 0;
    for (const [start, row] of grouped) {
      const date = local(zone, start).date;
      for (const [group, partial] of row) {
        const mine = events.filter((e) => dateOf.get(e.id) === date && groupValue(e, dimension, attr) === group);
        const opened = whole.sessions.filter((x) => local(zone, x.start).date === date && groupValue(x.dims, dimension, attr) === group);
        const expected = naiveFigures(zone, mine, opened, whole.firstOfUser);
        const what = `${zone} ${date} ${group}`;
        const figures = partial.finalize();
        expectFigures(figures, expected, what);
        expectFigures(rolled.get(`${start}|${group}`)!.finalize(), figures, `${what} (rolled up)`, 0);
        expect(figures.minute_of_day.reduce((a, b) => a + b, 0)).toBe(figures.requests);
        requests += figures.requests;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8);
    expect(requests).toBe(events.filter((e) => e.kind === 'request').length);
    if (dimension === 'scenario') expect([...grouped.values()].some((row) => row.has(DIRECT_API))).toBe(true);
  });

  it('merging is associative and commutative, and late events added later give the same figures', () => {
    const rng = seededRng(99);
    const events = assignSessions(traffic(rng, 2000));
    const sessions = sessionFacts(events);
    const all = new MetricsPartial().addAll(events);
    for (const s of sessions) all.addSession(s);
    const whole = all.finalize();
    expect(whole.sessions).toBe(sessions.length);
    for (let round = 0; round < 10; round++) {
      const parts = Array.from({ length: 2 + Math.floor(rng() * 5) }, () => new MetricsPartial());
      for (const e of shuffle(rng, events)) parts[Math.floor(rng() * parts.length)].add(e);
      for (const s of sessions) parts[Math.floor(rng() * parts.length)].addSession(s);
      const left = shuffle(rng, parts).reduce((acc, p) => acc.merge(MetricsPartial.fromJSON(p.toJSON())), new MetricsPartial());
      const right = shuffle(rng, parts).reduceRight((acc, p) => MetricsPartial.fromJSON(p.toJSON()).merge(acc), new MetricsPartial());
      expectFigures(left.finalize(), whole, `left ${round}`, 0);
      expectFigures(right.finalize(), whole, `right ${round}`, 0);
    }
    // A stored row plus a late batch equals the row built with everything.
    const cut = Math.floor(events.length * 0.8);
    const before = new MetricsPartial().addAll(events.slice(0, cut));
    for (const s of sessions) before.addSession(s);
    const stored = MetricsPartial.fromJSON(JSON.parse(JSON.stringify(before)));
    expectFigures(stored.merge(new MetricsPartial().addAll(events.slice(cut))).finalize(), whole, 'late', 0);
    // Merging a partial into itself (re-adding) counts twice: idempotence is the store's job.
    const twice = new MetricsPartial().addAll(events);
    expect(twice.merge(new MetricsPartial().addAll(events)).finalize().requests).toBe(2 * whole.requests);
  });

  it('refuses to merge other time zones and malformed JSON; empty partials report null rates', () => {
    expect(() => new MetricsPartial('Asia/Shanghai').merge(new MetricsPartial('Europe/London'))).toThrow(RangeError);
    const empty = new MetricsPartial().finalize();
    expect(empty.error_rate).toBeNull();
    expect(empty.avg_dwell_seconds).toBeNull();
    expect(empty.new_users).toBe(0);
    expect(empty.sessions).toBe(0);
    expect(empty.minute_of_day).toHaveLength(1440);
    const j = new MetricsPartial().toJSON();
    for (const bad of [
      {},
      { ...j, v: 2 },
      { ...j, minuteOfDay: [[1440, 1]] },
      { ...j, counters: { ...j.counters, requests: -1 } },
      { ...j, timeZone: 'Mars/Olympus' },
    ])
      expect(() => MetricsPartial.fromJSON(bad)).toThrow(RangeError);
  });
});
