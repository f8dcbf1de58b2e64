import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsReport } from '../../src/analytics/analytics-report.js';
import { buildUsageReport, type UsageReportOptions } from '../../src/analytics/usage-report.js';
import { zonedIso } from '../../src/analytics/zoned-iso.js';
import { seededRng } from '../../src/eval/seeded-rng.js';
import { api, createKey, userSession, type Caller } from '../helpers/admin-api.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { expectReport, keptRequests } from './analytics-report-compare.js';
import { INDUSTRIES, makeTraffic, MODELS, REGIONS, type Traffic, type WorldWorkspace } from './analytics-report-traffic.js';

/**
 * The usage report of the API against the naive report (src/analytics/usage-report.ts) over the same
 * events, property-based: each case is a server with its own session gap and instance zone, random
 * traffic of a few hundred events written the way production writes it (request rows through the
 * runtime's log writer, shuffled so rows arrive late; page views through `POST /api/events`; ratings
 * through `POST /api/feedback`), then reports in a random zone, period, scope and filter, every figure
 * compared (latency quantiles within the sketch's ±1 % of the exact ones).
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Case {
  seed: number;
  instanceZone: string;
  tz: string;
  gapMinutes: number;
}
const CASES: Case[] = [
  { seed: 1, instanceZone: 'Asia/Shanghai', tz: 'Asia/Shanghai', gapMinutes: 30 },
  { seed: 2, instanceZone: 'Asia/Shanghai', tz: 'America/New_York', gapMinutes: 10 },
  { seed: 3, instanceZone: 'UTC', tz: 'Asia/Kolkata', gapMinutes: 45 },
  { seed: 4, instanceZone: 'America/New_York', tz: 'Europe/London', gapMinutes: 5 },
];

/** A report through the API (200 expected). */
async function report(baimo: TestBaimo, query: Record<string, string | undefined>, caller?: Caller): Promise<AnalyticsReport> {
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  const r = await api(baimo, 'GET', `/api/analytics/report?${q}`, undefined, caller);
  expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
  return r.body as AnalyticsReport;
}

/** Posts the page views (batches of ≤ 50 per sender) and the ratings, in order. */
async function postEvents(baimo: TestBaimo, t: Traffic): Promise<void> {
  const batches = new Map<string, Traffic['pageViews']>();
  for (const p of t.pageViews) {
    const k = `${p.secret}|${p.workspaceId}`;
    const list = batches.get(k) ?? [];
    if (list.length === 50) {
      await sendPageViews(baimo, list);
      list.length = 0;
    }
    list.push(p);
    batches.set(k, list);
  }
  for (const list of batches.values()) if (list.length) await sendPageViews(baimo, list);
  for (const f of t.feedback) {
    const r = await api(
      baimo,
      'POST',
      '/api/feedback',
      { request_id: f.request_id, rating: f.rating, end_user: f.end_user },
      { token: f.secret },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
}

async function sendPageViews(baimo: TestBaimo, list: Traffic['pageViews']): Promise<void> {
  const { secret, workspaceId } = list[0];
  const body = { ...(secret === null ? { workspace_id: workspaceId } : {}), events: list.map((p) => p.event) };
  const r = await api(baimo, 'POST', '/api/events', body, secret === null ? undefined : { token: secret });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe.each(CASES)('usage report vs the naive one (seed $seed, instance $instanceZone, report $tz, gap $gapMinutes min)', (c) => {
  let baimo: TestBaimo;
  let traffic: Traffic;
  const world: WorldWorkspace[] = [];
  let viewerA: Caller;
  const gapMs = c.gapMinutes * MIN;
  const now = Date.now();

  beforeAll(async () => {
    baimo = await startBaimo({ timezone: c.instanceZone, analytics: { session_gap_minutes: c.gapMinutes } });
    const rng = seededRng(c.seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
    for (const name of ['A', 'B']) {
      const id = (await api(baimo, 'POST', '/api/workspaces', { name: `analytics ${name} ${c.seed}` })).body.id as string;
      const keys = [];
      for (let k = 0; k < 2; k++) {
        const segments: Record<string, string> = { industry: pick(INDUSTRIES) };
        if (rng() < 0.5) segments.region = pick(REGIONS);
        const key = await createKey(baimo, { name: `key ${name}${k}`, metadata: segments }, id);
        keys.push({ ...key, secret: key.key, segments });
      }
      // One end user of each workspace has a user group and a region of their own (they win over the key's).
      const own = { user_group: 'teachers', region: 'hangzhou' };
      const r = await api(baimo, 'PUT', `/api/analytics/end-users/user-${c.seed}?workspace_id=${id}`, own);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      world.push({ id, keys, endUserSegments: new Map([[`user-${c.seed}`, own]]) });
    }
    viewerA = await userSession(baimo, `viewer-${c.seed}@example.cn`, [{ id: world[0].id, role: 'viewer' }]);
    traffic = makeTraffic(rng, world, { visits: 90, gapMs, now });
    // Rows arrive out of order (late events), in batches, interleaved with the page views.
    const rows = [...traffic.rows].sort(() => rng() - 0.5);
    const half = Math.floor(rows.length / 2);
    for (const row of rows.slice(0, half)) baimo.runtime.logWriter.write(row);
    await baimo.runtime.logWriter.flush();
    await postEvents(baimo, { ...traffic, feedback: [] });
    for (const row of rows.slice(half)) baimo.runtime.logWriter.write(row);
    await baimo.runtime.logWriter.flush();
    await postEvents(baimo, { ...traffic, pageViews: [] });
  }, 120_000);
  afterAll(async () => {
    await baimo?.close();
  });

  /** The naive report over the API report's own period, with the same zone, gap and grain. */
  const naiveOf = (r: AnalyticsReport, filters: Record<string, string>) => {
    const opts: UsageReportOptions = {
      from: Date.parse(r.period.from),
      to: Date.parse(r.period.to),
      timeZone: r.period.time_zone,
      gapMs,
      filters,
      grain: r.series.grain,
    };
    return { naive: buildUsageReport(traffic.events, opts), kept: keptRequests(traffic.events, opts.from, opts.to, filters) };
  };

  it('every figure of a whole-days report of the instance, in the zone asked for', async () => {
    expect(traffic.events.length).toBeGreaterThan(200);
    const day = (ts: number) => zonedIso(ts, c.tz).slice(0, 10);
    const r = await report(baimo, { from: day(now - 6 * DAY), to: day(now), tz: c.tz, limit: '500' });
    expect(r.period.time_zone).toBe(c.tz);
    expect(zonedIso(Date.parse(r.period.from), c.tz).slice(10, 19)).toBe('T00:00:00');
    expect(r.workspace).toBeNull();
    const { naive, kept } = naiveOf(r, {});
    expect(naive.totals.requests).toBeGreaterThan(100);
    expect(naive.totals.sessions).toBeGreaterThan(10);
    expectReport(r, naive, kept, 'whole');
    expect(r.by_workspace.map((g) => g.key).sort()).toEqual(world.map((w) => w.id).sort());
    expect(r.by_segment.user_group.map((g) => g.key)).toEqual(['teachers']);
  });

  it('a workspace, a model and a period whose ends cut hours, by the hour', async () => {
    const from = Math.floor((now - 4 * DAY - 37 * MIN) / MIN) * MIN;
    const to = from + 29 * HOUR + 13 * MIN;
    const model = MODELS[c.seed % MODELS.length][0];
    const r = await report(baimo, {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      tz: c.tz,
      workspace: world[0].id,
      model,
      grain: 'hour',
      limit: '500',
    });
    expect([Date.parse(r.period.from), Date.parse(r.period.to)]).toEqual([from, to]);
    const { naive, kept } = naiveOf(r, { workspace: world[0].id, model });
    expect(naive.totals.requests).toBeGreaterThan(0);
    expectReport(r, naive, kept, 'cut');
  });

  it('a key sees its own traffic; a viewer their workspace, by segment', async () => {
    const key = world[1].keys[0];
    const mine = await report(baimo, { tz: c.tz, scenario: 'direct_api', limit: '500' }, { token: key.secret });
    expect(mine.workspace).toBe(world[1].id);
    expect(mine.filters).toEqual({ scenario: 'direct_api', key: key.id });
    const own = naiveOf(mine, { workspace: world[1].id, key: key.id, scenario: 'direct_api' });
    expectReport(mine, own.naive, own.kept, 'key');

    const industry = world[0].keys[0].segments.industry;
    const viewer = await report(baimo, { tz: c.tz, industry, grain: 'day', limit: '500' }, viewerA);
    expect(viewer.workspace).toBe(world[0].id);
    const v = naiveOf(viewer, { workspace: world[0].id, industry });
    expect(v.naive.totals.requests).toBeGreaterThan(0);
    expectReport(viewer, v.naive, v.kept, 'viewer');
  });

  it('limits the tables to the groups with most requests; the CSV has every table', async () => {
    const r = await report(baimo, { tz: c.tz, limit: '2', grain: 'week' });
    const { naive, kept } = naiveOf(r, {});
    expectReport(r, naive, kept, 'limit 2', { limit: 2 });
    const csv = await api(baimo, 'GET', `/api/analytics/report.csv?tz=${encodeURIComponent(c.tz)}&limit=2&grain=week&lang=en`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="report-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    // (fetch's text() reads the BOM away: the gateway test checks its bytes)
    const text = csv.body as string;
    for (const section of [
      'Totals',
      'By scenario',
      'By model',
      'By key',
      'By industry',
      'Series',
      'Activity by minute of day (24 h × 60 min)',
      'Day of week × hour',
    ])
      expect(text).toContain(`\r\n${section}\r\n`);
    const lines = text.split('\r\n');
    const totals = lines[lines.indexOf('Totals') + 2].split(',');
    expect(Number(totals[0])).toBe(naive.totals.requests);
    const minutes = lines.slice(
      lines.indexOf('Activity by minute of day (24 h × 60 min)') + 2,
      lines.indexOf('Activity by minute of day (24 h × 60 min)') + 1442,
    );
    expect(minutes.map((l) => Number(l.split(',')[1]))).toEqual(naive.minute_of_day);
  });
});
