import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentileSorted } from '../../src/eval/percentile.js';
import { Calendar } from '../../src/core/calendar.js';
import { AnalyticsRepository } from '../../src/store/analytics-repository.js';
import type { OpenedDatabase } from '../../src/store/open-database.js';
import { RequestLogRepository } from '../../src/store/request-log-repository.js';
import { openTestDatabase } from '../helpers/test-database.js';
import {
  DAY,
  HOUR,
  MINUTE,
  localDayStart,
  naiveEvents,
  naiveSums,
  naiveUsers,
  rounded,
  traffic,
  type Dim,
  type NaiveEvent,
  type NaiveQuery,
  type Sums,
} from './analytics-fixture.js';

// The rollups the log writer and the page-view writer keep must equal a naive count over the same
// events: per hour, per day of the instance zone, per minute, over ranges with ragged edges, grouped
// and filtered; distinct users, minute counts and latency quantiles too. Rows are written in shuffled
// batches, so many arrive after later ones (late events), and page views interleave with them.

const START = Date.UTC(2026, 2, 9, 0, 0, 0);
const hourOf = (t: number) => t - (t % HOUR);
const minuteOf = (t: number) => t - (t % MINUTE);

type StoreRow = { t: number; group: string; sums: Record<string, number> };
function keyed(rows: readonly StoreRow[]): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const r of rows) {
    const s = rounded(r.sums as Sums);
    if (Object.values(s).some((v) => v !== 0)) out.set(`${r.t}\u0000${r.group}`, s);
  }
  return out;
}
function expected(m: Map<string, Sums>): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const [k, s] of m) {
    const r = rounded(s);
    if (Object.values(r).some((v) => v !== 0)) out.set(k, r);
  }
  return out;
}
const sorted = (m: Map<string, unknown>) => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe.each([
  { zone: 'Asia/Shanghai', gap: 30 * MINUTE, seed: 7 },
  { zone: 'Asia/Kolkata', gap: 12 * MINUTE, seed: 11 },
])('analytics rollups equal a naive count ($zone, gap $gap ms)', ({ zone, gap, seed }) => {
  let db: OpenedDatabase;
  let store: AnalyticsRepository;
  let events: NaiveEvent[];
  const dayStart = (t: number) => localDayStart(zone, t);

  beforeAll(async () => {
    db = await openTestDatabase(mkdtempSync(join(tmpdir(), 'baimo-an-rollups-')));
    const logs = new RequestLogRepository(db, { calendar: new Calendar(zone), usdToCny: 7.2, sessionGapMs: gap });
    store = new AnalyticsRepository(db, { timeZone: zone, sessionGapMs: gap });
    await store.setEndUser({ workspaceId: 'ws_a', endUser: 'u2', segments: { industry: 'finance', region: 'west' }, ts: START });
    const sparse = traffic(seed, START, 2 * DAY, 260, 's');
    const dense = traffic(seed + 1, START + 30 * HOUR, 2 * HOUR, 240, 'd');
    const t = { rows: [...sparse.rows, ...dense.rows], pageViews: [...sparse.pageViews, ...dense.pageViews] };
    // Shuffled batches: later rows often come first.
    const order = [...t.rows].sort(
      (a, b) => ((a.id.charCodeAt(1) * 31 + a.created_at) % 97) - ((b.id.charCodeAt(1) * 31 + b.created_at) % 97),
    );
    for (let i = 0; i < order.length; i += 37) {
      await logs.insertMany(order.slice(i, i + 37));
      const pvs = t.pageViews.slice((i / 37) * 5, (i / 37) * 5 + 5);
      if (pvs.length > 0) await store.recordPageViews(pvs);
    }
    await store.recordPageViews(t.pageViews.slice(Math.ceil(order.length / 37) * 5));
    events = naiveEvents(t, new Map([['ws_a\u0000u2', { industry: 'finance', region: 'west' }]]));
  });
  afterAll(async () => {
    await db?.close();
  });

  const cases: Array<{ name: string; q: Omit<NaiveQuery, 'from' | 'to'> }> = [
    { name: 'all', q: {} },
    { name: 'a workspace by model', q: { workspaceId: 'ws_a', groupBy: 'model' } },
    { name: 'by scenario, one model', q: { groupBy: 'scenario', filters: { model: 'qwen' } } },
    { name: 'by industry, a key and a region', q: { groupBy: 'industry', filters: { key: 'key_1', region: 'north' } } },
    { name: 'by workspace', q: { groupBy: 'workspace' } },
    { name: 'by user group in ws_b', q: { workspaceId: 'ws_b', groupBy: 'user_group' } },
  ];

  it.each(cases)('per hour: $name', async ({ q }) => {
    const from = hourOf(START - HOUR);
    const to = hourOf(START + 3 * DAY);
    const got = await store.sums({ ...q, from, to }, { groupBy: q.groupBy, grain: 'hour' });
    expect(sorted(keyed(got))).toEqual(sorted(expected(naiveSums(events, { ...q, from, to, bucket: hourOf }, gap))));
  });

  it.each(cases)('per day of the instance zone: $name', async ({ q }) => {
    const from = dayStart(START - DAY);
    const to = dayStart(START + 3 * DAY);
    const got = await store.sums({ ...q, from, to }, { groupBy: q.groupBy, grain: 'day' });
    expect(sorted(keyed(got))).toEqual(sorted(expected(naiveSums(events, { ...q, from, to, bucket: dayStart }, gap))));
    await expect(store.sums({ ...q, from: from + HOUR, to }, { grain: 'day' })).rejects.toThrow(RangeError);
  });

  it.each(cases)('over a range with ragged edges: $name', async ({ q }) => {
    // Days inside, hours around them, minutes and part of a minute at both ends.
    for (const [from, to] of [
      [START + 5 * HOUR + 17 * MINUTE + 1234, START + 47 * HOUR + 3 * MINUTE + 5],
      [START + 30 * HOUR + 11 * MINUTE, START + 31 * HOUR + 29 * MINUTE],
      [START - DAY, START + 3 * DAY],
    ]) {
      const got = await store.sums({ ...q, from, to }, { groupBy: q.groupBy });
      expect(sorted(keyed(got))).toEqual(sorted(expected(naiveSums(events, { ...q, from, to }, gap))));
      const users = await store.distinctUsers({ ...q, from, to }, q.groupBy);
      expect(sorted(users)).toEqual(sorted(naiveUsers(events, { ...q, from, to })));
    }
  });

  it('per minute, from the minute rollup (one filter) and from raw rows (grouped, two filters)', async () => {
    const from = START + 30 * HOUR;
    const to = START + 32 * HOUR;
    for (const q of [
      {},
      { workspaceId: 'ws_b' },
      { filters: { model: 'glm' } },
      { workspaceId: 'ws_a', filters: { industry: 'finance' } },
      { groupBy: 'model' as Dim },
      { filters: { model: 'glm', key: 'key_2' } },
    ] as Array<Omit<NaiveQuery, 'from' | 'to'>>) {
      const got = await store.sums({ ...q, from, to }, { groupBy: q.groupBy, grain: 'minute' });
      expect(sorted(keyed(got))).toEqual(sorted(expected(naiveSums(events, { ...q, from, to, bucket: minuteOf }, gap))));
    }
  });

  it('minute counts sum to the requests, with no, one and two filters', async () => {
    for (const [from, to, filters] of [
      [START - DAY, START + 3 * DAY, undefined],
      [START, START + 2 * DAY, { scenario: 'summarize' }],
      [START + 7 * MINUTE + 3, START + 40 * HOUR, { scenario: 'direct_api', user_group: 'pro' }],
    ] as Array<[number, number, Partial<Record<Dim, string>> | undefined]>) {
      const want = new Map<number, number>();
      for (const e of events)
        if (e.kind === 'request' && e.ts >= from && e.ts < to && Object.entries(filters ?? {}).every(([k, v]) => e.dims[k as Dim] === v))
          want.set(minuteOf(e.ts), (want.get(minuteOf(e.ts)) ?? 0) + 1);
      const got = await store.minuteCounts({ from, to, filters });
      expect(got).toEqual([...want].sort((a, b) => a[0] - b[0]).map(([minute, requests]) => ({ minute, requests })));
    }
  });

  it('latency and TTFT quantiles within the sketch precision, per group and under segment filters', async () => {
    for (const [from, to, groupBy, filters] of [
      [dayStart(START), dayStart(START + 2 * DAY), 'model', undefined],
      [START + 90 * MINUTE + 7, START + 40 * HOUR, 'provider', { workspace: undefined }],
      [START, START + 3 * DAY, undefined, { industry: 'it' }],
    ] as Array<[number, number, Dim | undefined, Partial<Record<Dim, string>> | undefined]>) {
      for (const kind of ['latency', 'ttft'] as const) {
        const got = await store.latency({ from, to, filters: filters as Record<string, string> }, kind, groupBy);
        const values = new Map<string, number[]>();
        for (const e of events) {
          const v = kind === 'latency' ? e.row?.latency_ms : e.row?.ttft_ms;
          if (e.kind !== 'request' || v === null || v === undefined || e.ts < from || e.ts >= to) continue;
          if (!Object.entries(filters ?? {}).every(([k, x]) => x === undefined || e.dims[k as Dim] === x)) continue;
          const g = groupBy ? e.dims[groupBy] : '';
          values.set(g, [...(values.get(g) ?? []), v]);
        }
        expect([...got.keys()].sort()).toEqual([...values.keys()].sort());
        for (const [g, vs] of values) {
          const s = got.get(g)!;
          expect(s.count).toBe(vs.length);
          for (const q of [0.5, 0.95, 0.99]) {
            const exact = percentileSorted(
              [...vs].sort((a, b) => a - b),
              q,
            )!;
            expect(Math.abs(s.quantile(q)! - exact)).toBeLessThanOrEqual(0.01 * exact + 1e-9);
          }
        }
      }
    }
  });

  it('counts the rows the figures come from (requests and page views)', async () => {
    const from = START + 3 * HOUR + 1;
    const to = START + 44 * HOUR;
    const n = events.filter((e) => e.ts >= from && e.ts < to && e.ws === 'ws_a').length;
    expect(await store.rowCount({ workspaceId: 'ws_a', from, to })).toBe(n);
  });
});
