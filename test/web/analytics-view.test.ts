import { beforeAll, describe, expect, it } from 'vitest';
import { TimeBuckets } from '../../src/analytics/time-buckets.js';

/**
 * The Analytics page's browser-side logic (issue 20): calendar days of a zone (checked against the
 * server's TimeBuckets across DST), the view in the URL, the report query, the drill-down to the logs,
 * the logs page's URL filters, and the figures' formatting.
 */
const WEB = new URL('../../web/src/pages/', import.meta.url);
type Mod = Record<string, any>;
let days: Mod;
let view: Mod;
let drill: Mod;
let logs: Mod;
let format: Mod;
beforeAll(async () => {
  const load = (file: string) => import(new URL(file, WEB).href) as Promise<Mod>;
  [days, view, drill, logs, format] = await Promise.all([
    load('analytics/zoned-days.ts'),
    load('analytics/analytics-view.ts'),
    load('analytics/drill.ts'),
    load('logs/url-filters.ts'),
    load('analytics/format.ts'),
  ]);
});

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago'];

describe('calendar days of a zone', () => {
  it('the first instant of a day equals the server’s day bucket start, DST days included', () => {
    let checked = 0;
    for (const zone of ZONES) {
      const tb = TimeBuckets.of(zone);
      // Every day of 2026 and early 2027, spring-forward and fall-back days of every zone among them.
      for (let d = 0; d < 430; d++) {
        const date = days.addDays('2026-01-01', d);
        const start = days.zonedDayStart(date, zone);
        expect(days.zonedDate(start, zone), `${zone} ${date}`).toBe(date);
        expect(days.zonedDate(start - 1, zone), `${zone} ${date}`).toBe(days.addDays(date, -1));
        expect(tb.start(start + 3_600_000, 'day'), `${zone} ${date}`).toBe(start);
        checked++;
      }
    }
    expect(checked).toBe(ZONES.length * 430);
  });

  it('a day that starts at 01:00 because midnight was skipped (Santiago, September 2026)', () => {
    const start = days.zonedDayStart('2026-09-06', 'America/Santiago');
    expect(new Date(start).toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(TimeBuckets.of('America/Santiago').start(start + 1, 'day')).toBe(start);
  });

  it('dates and zones are checked', () => {
    expect(days.isDate('2026-02-28')).toBe(true);
    expect(['2026-02-30', '2026-2-1', '20260201', '', '2026-13-01'].map(days.isDate)).toEqual([false, false, false, false, false]);
    expect(days.isTimeZone('Asia/Shanghai')).toBe(true);
    expect(['Mars/Olympus', '', 'x'.repeat(65)].map(days.isTimeZone)).toEqual([false, false, false]);
  });
});

describe('the Analytics view in the URL', () => {
  const parse = (q: string) => view.parseView(new URLSearchParams(q));

  it('defaults: the last 7 days, the instance zone, no filter, the overview tab', () => {
    expect(parse('')).toEqual({ range: '7d', filters: {}, tab: 'overview' });
    expect(view.viewParams(parse('')).toString()).toBe('');
  });

  it('round-trips every field, and drops what is malformed or unknown', () => {
    const q =
      'tab=models&range=custom&from=2026-11-01&to=2026-11-30&tz=America%2FNew_York&workspace=ws_a&grain=day&model=alpha&scenario=direct_api&industry=%E9%87%91%E8%9E%8D';
    const v = parse(q);
    expect(v).toEqual({
      tab: 'models',
      range: 'custom',
      from: '2026-11-01',
      to: '2026-11-30',
      tz: 'America/New_York',
      workspace: 'ws_a',
      grain: 'day',
      filters: { model: 'alpha', scenario: 'direct_api', industry: '金融' },
    });
    expect(parse(view.viewParams(v).toString())).toEqual(v);
    const bad = parse(`tab=nope&range=forever&tz=Mars%2FOlympus&grain=second&model=${'m'.repeat(257)}&app=%20&colour=red`);
    expect(bad).toEqual({ range: '7d', filters: {}, tab: 'overview' });
  });

  it('a custom range needs two real, ordered dates at most 366 days apart; else the last 7 days', () => {
    expect(parse('range=custom&from=2026-11-30&to=2026-11-01').range).toBe('7d');
    expect(parse('range=custom&from=2026-11-01').range).toBe('7d');
    expect(parse('range=custom&from=2025-01-01&to=2026-01-02').range).toBe('7d');
    expect(parse('range=custom&from=2025-01-01&to=2026-01-01')).toMatchObject({ range: 'custom', from: '2025-01-01', to: '2026-01-01' });
  });

  it('presets end today in the zone and are whole days; the query names days, the server reads them in the zone', () => {
    // 2026-12-07 23:30 in Shanghai is still 2026-12-07 15:30 UTC; in New York it is 10:30 the same day.
    const now = Date.parse('2026-12-07T15:30:00Z');
    const p = view.viewPeriod(parse('range=today'), now, 'Asia/Shanghai');
    expect(p).toEqual({
      fromDate: '2026-12-07',
      toDate: '2026-12-07',
      from: Date.parse('2026-12-07T00:00:00+08:00'),
      to: Date.parse('2026-12-08T00:00:00+08:00'),
      days: 1,
    });
    // Just after midnight in Shanghai it is already the next day there, not yet in UTC.
    const late = Date.parse('2026-12-07T16:30:00Z');
    expect(view.viewPeriod(parse('range=30d'), late, 'Asia/Shanghai')).toMatchObject({
      fromDate: '2026-11-09',
      toDate: '2026-12-08',
      days: 30,
    });
    expect(view.viewPeriod(parse('range=30d'), late, 'UTC')).toMatchObject({ fromDate: '2026-11-08', toDate: '2026-12-07', days: 30 });
    expect(view.viewPeriod(parse(''), now, 'UTC')).toMatchObject({ fromDate: '2026-12-01', toDate: '2026-12-07', days: 7 });
    expect(view.viewPeriod(parse('range=90d'), now, 'UTC').days).toBe(90);
    expect(view.reportQuery(parse('range=7d&model=alpha&workspace=ws_a&tz=UTC&grain=hour'), now, 'UTC')).toEqual({
      from: '2026-12-01',
      to: '2026-12-07',
      tz: 'UTC',
      workspace: 'ws_a',
      grain: 'hour',
      model: 'alpha',
    });
  });

  it('a grain the period cannot be drawn in (over 1,500 points) is left to the server', () => {
    expect(view.grainsFor(1)).toEqual(['minute', 'hour', 'day', 'week', 'month']);
    expect(view.grainsFor(7)).toEqual(['hour', 'day', 'week', 'month']);
    expect(view.grainsFor(90)).toEqual(['day', 'week', 'month']);
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(view.reportQuery(parse('range=30d&grain=minute'), now, 'UTC').grain).toBeUndefined();
    expect(view.reportQuery(parse('range=today&grain=minute'), now, 'UTC').grain).toBe('minute');
  });
});

describe('the drill-down to the request logs', () => {
  const period = { from: '2026-12-01T00:00:00+08:00', to: '2026-12-08T00:00:00+08:00' };
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const back = (path: string) => logs.parseLogFilters(new URL(path, 'http://x').searchParams);

  it('opens the logs of the clicked group over the report’s period, keeping the view’s log filters', () => {
    const path = drill.drillPath({ period, workspace: 'ws_a', filters: { app: 'app_1', industry: 'finance' } }, { model: 'alpha' });
    expect(path.startsWith('/logs?')).toBe(true);
    expect(back(path)).toEqual({ status: 'all', from, to, workspaceId: 'ws_a', appId: 'app_1', model: 'alpha' });
    // The clicked value replaces the view's filter on the same dimension.
    expect(back(drill.drillPath({ period, filters: { model: 'beta' } }, { model: 'alpha' })).model).toBe('alpha');
    expect(back(drill.drillPath({ period, filters: {} }, { scenario: 'direct_api' }))).toMatchObject({ scenario: 'direct_api' });
    expect(back(drill.drillPath({ period, filters: {} }, { key: 'key_1', from: from + 3_600_000, to: from + 7_200_000 }))).toEqual({
      status: 'all',
      keyId: 'key_1',
      from: from + 3_600_000,
      to: from + 7_200_000,
    });
  });

  it('a bucket runs to the next bucket’s start, the last one to the period’s end', () => {
    const points = [{ t: '2026-12-01T00:00:00+08:00' }, { t: '2026-12-02T00:00:00+08:00' }, { t: '2026-12-07T00:00:00+08:00' }];
    expect(drill.bucketRange(points, 0, period.to)).toEqual({ from, to: from + 86_400_000 });
    expect(drill.bucketRange(points, 2, period.to)).toEqual({ from: Date.parse(points[2]!.t), to });
    expect(drill.bucketRange(points, 3, period.to)).toBeNull();
  });
});

describe('the logs page’s filters in its URL', () => {
  const parse = (q: string) => logs.parseLogFilters(new URLSearchParams(q));

  it('round-trips every filter', () => {
    const f = { status: 'code', code: '429', from: 1, to: 2, workspaceId: 'ws', keyId: 'k', appId: 'a', model: 'm', scenario: 's' };
    expect(logs.logFilterParams(f).toString()).toBe('from=1&to=2&workspace=ws&key=k&app=a&model=m&scenario=s&status=429');
    expect(parse(logs.logFilterParams(f).toString())).toEqual(f);
    expect(parse('status=error')).toEqual({ status: 'error' });
    expect(logs.logsPath({ status: 'all' })).toBe('/logs');
  });

  it('reads ISO times too, and drops what is malformed', () => {
    expect(parse('from=2026-12-01T00:00:00%2B08:00')).toEqual({ status: 'all', from: Date.parse('2026-12-01T00:00:00+08:00') });
    expect(parse(`from=yesterday&to=${'9'.repeat(41)}&status=teapot&model=${'m'.repeat(257)}&key=%20`)).toEqual({ status: 'all' });
  });
});

describe('formatting', () => {
  it('dwell times, likes per thousand and bucket labels', () => {
    expect([null, 0, 45.4, 200, 3600 + 5 * 60].map(format.fmtDuration)).toEqual(['—', '0 s', '45 s', '3 min 20 s', '1 h 05 min']);
    expect(format.fmtPerMille(12.345)).toBe('12.3 ‰');
    expect(format.fmtPerMille(null)).toBe('—');
    expect(format.bucketLabel('2026-12-07T14:00:00+08:00', 'hour', true)).toBe('14:00');
    expect(format.bucketLabel('2026-12-07T14:00:00+08:00', 'hour', false)).toBe('12-07 14:00');
    expect(format.bucketLabel('2026-12-07T00:00:00+08:00', 'day', false)).toBe('12-07');
    expect(format.bucketLabel('2026-12-01T00:00:00+08:00', 'month', false)).toBe('2026-12');
    expect([0, 59, 60, 1439].map(format.minuteLabel)).toEqual(['00:00', '00:59', '01:00', '23:59']);
  });
});
