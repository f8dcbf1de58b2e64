import { describe, expect, it } from 'vitest';
import { DIRECT_API, type AnalyticsEvent } from '../../src/analytics/analytics-event.js';
import { buildUsageReport } from '../../src/analytics/usage-report.js';
import { seededRng, type Rng } from '../../src/eval/seeded-rng.js';

const MIN = 60_000;
const T0 = Date.parse('2026-11-02T00:00:00Z');
const DAYS = 3;
const APPS = [null, 'summarize', 'translate', 'tutor'] as const;
const MODELS = ['qwen-plus', 'deepseek-chat', 'glm-4'] as const;

/** Random requests, page views and feedback over three days. */
function traffic(rng: Rng, n: number): AnalyticsEvent[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const out: AnalyticsEvent[] = [];
  for (let i = 0; i < n; i++) {
    const app = pick(APPS);
    const base = {
      id: `e${i}`,
      ts: T0 + Math.floor(rng() * DAYS * 1440 * MIN),
      workspace: pick(['w1', 'w2']),
      key: pick(['k1', 'k2']),
      endUser: pick(['u1', 'u2', 'u3', 'u4', null]),
      sessionId: rng() < 0.2 ? pick(['conv-a', 'conv-b']) : null,
      session: null,
      app,
      scenario: app,
      model: pick(MODELS),
      provider: 'p',
      segments: { industry: pick(['IT', 'finance']) },
    };
    const r = rng();
    if (r < 0.75) {
      const ok = rng() < 0.9;
      out.push({
        ...base,
        kind: 'request',
        ok,
        latencyMs: Math.round(10 + rng() * 3000),
        ttftMs: null,
        inputTokens: Math.floor(rng() * 1000),
        outputTokens: ok ? Math.floor(rng() * 500) : 0,
        cacheHit: rng() < 0.1,
        costCny: Math.floor(rng() * 100) / 1000,
        fromPage: rng() < 0.5,
      });
    } else if (r < 0.9) {
      out.push({ ...base, kind: 'page_view', page: '/playground' });
    } else {
      out.push({ ...base, kind: 'feedback', requestId: 'e0', rating: rng() < 0.6 ? 'like' : 'dislike' });
    }
  }
  return out;
}

const requestsOf = (events: AnalyticsEvent[]) => events.filter((e) => e.kind === 'request');
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('buildUsageReport', () => {
  for (const [seed, timeZone] of [
    [1, 'Asia/Shanghai'],
    [2, 'America/New_York'],
    [3, 'Asia/Kathmandu'],
  ] as const) {
    it(`matches a naive count (seed ${seed}, ${timeZone})`, () => {
      const events = traffic(seededRng(seed), 2000);
      const from = T0 + 6 * 60 * MIN;
      const to = T0 + (DAYS * 24 - 6) * 60 * MIN;
      const report = buildUsageReport(events, { from, to, timeZone });
      const inPeriod = events.filter((e) => e.ts >= from && e.ts < to);
      const reqs = requestsOf(inPeriod);

      expect(report.period).toEqual({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), time_zone: timeZone });
      expect(report.rows).toBe(inPeriod.filter((e) => e.kind !== 'feedback').length);
      expect(report.minute_of_day).toHaveLength(1440);
      expect(sum(report.minute_of_day)).toBe(report.totals.requests);
      expect(sum(report.heatmap.flat())).toBe(report.totals.requests);
      expect(report.heatmap).toHaveLength(7);

      const t = report.totals;
      expect(t.requests).toBe(reqs.length);
      expect(t.page_views).toBe(inPeriod.filter((e) => e.kind === 'page_view' || (e.kind === 'request' && !e.fromPage)).length);
      const users = new Set(inPeriod.flatMap((e) => (e.kind !== 'feedback' && e.endUser !== null ? [`${e.workspace}|${e.endUser}`] : [])));
      expect(t.users).toBe(users.size);
      expect(t.tokens).toBe(sum(reqs.map((e) => (e.kind === 'request' ? e.inputTokens + e.outputTokens : 0))));
      expect(t.cost).toBeCloseTo(sum(reqs.map((e) => (e.kind === 'request' ? e.costCny : 0))), 9);
      const errors = reqs.filter((e) => e.kind === 'request' && !e.ok).length;
      expect(t.error_rate).toBeCloseTo(errors / reqs.length, 12);
      expect(t.sessions).toBeGreaterThan(0);
      expect(t.avg_dwell_seconds).not.toBeNull();

      const called = new Set(reqs.map((e) => e.scenario ?? DIRECT_API));
      const scenarioKeys = report.by_scenario.map((g) => g.key);
      expect(new Set(scenarioKeys)).toEqual(new Set(inPeriod.map((e) => e.scenario ?? DIRECT_API)));
      for (const k of called) expect(scenarioKeys).toContain(k);
      expect(scenarioKeys).toContain(DIRECT_API);
      for (const g of report.by_scenario) {
        expect(g.requests).toBe(reqs.filter((e) => (e.scenario ?? DIRECT_API) === g.key).length);
      }
      expect(sum(report.by_scenario.map((g) => g.requests))).toBe(t.requests);
      for (const g of report.by_model) expect(g.requests).toBe(reqs.filter((e) => e.model === g.key).length);
      expect(sum(report.by_model.map((g) => g.requests))).toBe(t.requests);
      for (const list of [report.by_scenario, report.by_model]) {
        for (let i = 1; i < list.length; i++) expect(list[i - 1].requests).toBeGreaterThanOrEqual(list[i].requests);
      }
    });
  }

  it('applies filters and echoes them', () => {
    const events = traffic(seededRng(9), 1000);
    const report = buildUsageReport(events, {
      from: T0,
      to: T0 + DAYS * 1440 * MIN,
      filters: { scenario: 'translate', industry: 'IT' },
    });
    const expected = requestsOf(events).filter((e) => e.scenario === 'translate' && e.segments.industry === 'IT').length;
    expect(report.filters).toEqual({ scenario: 'translate', industry: 'IT' });
    expect(report.totals.requests).toBe(expected);
    expect(report.by_scenario.map((g) => g.key)).toEqual(['translate']);
    expect(sum(report.minute_of_day)).toBe(expected);
  });

  it('derives sessions with the given gap', () => {
    const base = {
      workspace: 'w',
      key: 'k',
      endUser: 'u',
      sessionId: null,
      session: null,
      app: null,
      scenario: null,
      model: 'm',
      provider: 'p',
      segments: {},
      kind: 'request' as const,
      ok: true,
      latencyMs: 100,
      ttftMs: null,
      inputTokens: 1,
      outputTokens: 1,
      cacheHit: false,
      costCny: 0,
      fromPage: false,
    };
    const events: AnalyticsEvent[] = [0, 5, 20].map((m, i) => ({ ...base, id: `r${i}`, ts: T0 + m * MIN }));
    const opts = { from: T0, to: T0 + 60 * MIN };
    expect(buildUsageReport(events, opts).totals).toMatchObject({ sessions: 1, avg_dwell_seconds: 1200, turns_per_session: 3 });
    expect(buildUsageReport(events, { ...opts, gapMs: 10 * MIN }).totals).toMatchObject({ sessions: 2, avg_dwell_seconds: 150 });
    // A session counts in the period it starts in, with its whole dwell and requests; its user is new there.
    const late = { from: T0 + 10 * MIN, to: T0 + 60 * MIN };
    expect(buildUsageReport(events, late).totals).toMatchObject({ requests: 1, sessions: 0, users: 1, new_users: 0 });
    const early = { from: T0, to: T0 + 10 * MIN };
    expect(buildUsageReport(events, early).totals).toMatchObject({
      requests: 2,
      sessions: 1,
      avg_dwell_seconds: 1200,
      turns_per_session: 3,
      new_users: 1,
    });
  });

  it('counts a session at its first activity, under its first request', () => {
    const common = { workspace: 'w', key: 'k', endUser: 'u', sessionId: null, session: null, app: null, segments: {} };
    const view: AnalyticsEvent = {
      ...common,
      id: 'p0',
      ts: T0 + 50 * MIN,
      kind: 'page_view',
      page: '/',
      scenario: 'tutor',
      model: null,
      provider: null,
    };
    const ask: AnalyticsEvent = {
      ...common,
      id: 'r0',
      ts: T0 + 70 * MIN,
      kind: 'request',
      scenario: null,
      model: 'm',
      provider: 'p',
      ok: true,
      latencyMs: 10,
      ttftMs: null,
      inputTokens: 1,
      outputTokens: 1,
      cacheHit: false,
      costCny: 0,
      fromPage: true,
    };
    const report = buildUsageReport([view, ask], { from: T0, to: T0 + 120 * MIN, timeZone: 'UTC', grain: 'hour' });
    expect(report.by_model).toEqual([expect.objectContaining({ key: 'm', sessions: 1, avg_dwell_seconds: 1200, turns_per_session: 1 })]);
    expect(report.by_scenario.map((g) => [g.key, g.sessions, g.page_views])).toEqual([
      [DIRECT_API, 1, 0],
      ['tutor', 0, 1],
    ]);
    expect(report.series!.points.map((p) => p.sessions)).toEqual([1, 0]);
  });

  it('gives every bucket of the series in the zone, and groups along every dimension', () => {
    const events = traffic(seededRng(5), 1500);
    const from = T0;
    const to = T0 + DAYS * 1440 * MIN;
    const report = buildUsageReport(events, { from, to, timeZone: 'Asia/Kolkata', grain: 'day' });
    const points = report.series!.points;
    expect(points.map((p) => p.t.slice(10))).toEqual(new Array(points.length).fill('T00:00:00+05:30'));
    expect(points).toHaveLength(DAYS + 1);
    expect(sum(points.map((p) => p.requests))).toBe(report.totals.requests);
    expect(sum(points.map((p) => p.sessions))).toBe(report.totals.sessions);
    expect(sum(points.map((p) => p.new_users))).toBe(report.totals.new_users);
    for (const list of [report.by_provider, report.by_app, report.by_key, report.by_workspace, report.by_segment.industry]) {
      expect(list.length).toBeGreaterThan(0);
    }
    expect(sum(report.by_workspace.map((g) => g.sessions))).toBe(report.totals.sessions);
    expect(sum(report.by_segment.industry.map((g) => g.requests))).toBe(report.totals.requests);
    expect(report.by_segment.region).toEqual([]);
  });

  it('rejects a bad period and too many filters', () => {
    expect(() => buildUsageReport([], { from: T0, to: T0 })).toThrow(RangeError);
    const filters = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`f${i}`, 'x']));
    expect(() => buildUsageReport([], { from: T0, to: T0 + MIN, filters })).toThrow(RangeError);
    const empty = buildUsageReport([], { from: T0, to: T0 + MIN });
    expect(empty.totals.requests).toBe(0);
    expect(empty.by_model).toEqual([]);
    expect(sum(empty.minute_of_day)).toBe(0);
  });
});
