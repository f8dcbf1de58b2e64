import { describe, expect, it } from 'vitest';
import { coverRange } from '../../src/analytics/report-cover.js';
import { defaultGrain, ReportOptionError, resolveReportOptions } from '../../src/analytics/report-options.js';
import { parseReportInstant, reportPeriod } from '../../src/analytics/report-period.js';
import { TimeBuckets } from '../../src/analytics/time-buckets.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('report periods', () => {
  it('reads days of the zone (to includes its day), local times, instants and epoch ms', () => {
    expect(parseReportInstant('2026-12-07', 'from', 'Asia/Shanghai')).toBe(Date.parse('2026-12-06T16:00:00Z'));
    expect(parseReportInstant('2026-12-07', 'to', 'Asia/Shanghai')).toBe(Date.parse('2026-12-07T16:00:00Z'));
    expect(parseReportInstant('2026-12-07', 'from', 'Asia/Kolkata')).toBe(Date.parse('2026-12-06T18:30:00Z'));
    // 1 November 2026 is 25 hours long in New York.
    expect(parseReportInstant('2026-11-01', 'to', 'America/New_York') - parseReportInstant('2026-11-01', 'from', 'America/New_York')).toBe(
      25 * HOUR,
    );
    expect(parseReportInstant('2026-12-07T08:30', 'from', 'Asia/Kolkata')).toBe(Date.parse('2026-12-07T03:00:00Z'));
    expect(parseReportInstant('2026-12-07T08:30:00+08:00', 'from', 'UTC')).toBe(Date.parse('2026-12-07T00:30:00Z'));
    expect(parseReportInstant('1765000000000', 'to', 'UTC')).toBe(1765000000000);
    for (const bad of ['2026-02-30', 'yesterday', '2026-12-07 08:30', 'x'.repeat(41), ''])
      expect(() => parseReportInstant(bad, 'from', 'UTC'), bad).toThrow(ReportOptionError);
  });

  it('defaults to the last seven local days, today included', () => {
    const now = Date.parse('2026-12-07T23:19:00Z'); // 8 December, 07:19 in Shanghai
    expect(reportPeriod({}, 'Asia/Shanghai', now)).toEqual({
      from: Date.parse('2026-12-01T16:00:00Z'),
      to: Date.parse('2026-12-08T16:00:00Z'),
    });
    const p = reportPeriod({ to: '2026-11-03' }, 'America/New_York', now);
    expect(zoned(p.from, 'America/New_York')).toBe('2026-10-28T00:00');
    expect(p.to - p.from).toBe(7 * DAY + HOUR);
  });
});

const zoned = (ts: number, zone: string) => TimeBuckets.of(zone).label(ts, 'minute');

describe('report options', () => {
  const from = Date.parse('2026-12-01T00:00:00Z');
  it('fills in the zone, grain and limit; cuts to whole minutes', () => {
    const r = resolveReportOptions({ from: from + 1234, to: from + DAY + 59_999 }, 'Asia/Shanghai');
    expect(r).toEqual({ from, to: from + DAY, timeZone: 'Asia/Shanghai', workspaceId: undefined, filters: {}, grain: 'hour', limit: 50 });
    expect([2 * HOUR, 3 * DAY, 92 * DAY, 366 * DAY, 367 * DAY].map(defaultGrain)).toEqual(['minute', 'hour', 'day', 'week', 'month']);
  });

  it('names the bad option', () => {
    const bad: Array<[Parameters<typeof resolveReportOptions>[0], string]> = [
      [{ from, to: from }, 'to'],
      [{ from, to: from + 4 * 366 * DAY }, 'from'],
      [{ from, to: from + DAY, timeZone: 'Mars/Olympus' }, 'tz'],
      [{ from, to: from + DAY, limit: 0 }, 'limit'],
      [{ from, to: from + 2 * DAY, grain: 'minute' }, 'grain'],
      [{ from, to: from + DAY, filters: { model: 'x'.repeat(257) } }, 'model'],
      [{ from, to: from + DAY, filters: { colour: 'red' } as never }, 'colour'],
      [{ from, to: from + DAY, workspaceId: '' }, 'workspace'],
    ];
    for (const [opts, param] of bad) {
      const err = (() => {
        try {
          resolveReportOptions(opts, 'UTC');
        } catch (e) {
          return e;
        }
      })();
      expect(err, param).toBeInstanceOf(ReportOptionError);
      expect((err as ReportOptionError).param).toBe(param);
    }
  });
});

describe('coverRange', () => {
  it('reads whole days of the instance zone, hours around them, minutes at the edges', () => {
    const days = TimeBuckets.of('Asia/Shanghai');
    const from = Date.parse('2026-12-01T15:20:00Z');
    const to = Date.parse('2026-12-04T16:30:00Z');
    expect(coverRange(from, to, days)).toEqual([
      { from, to: Date.parse('2026-12-01T16:00:00Z'), grain: 'minute' },
      { from: Date.parse('2026-12-01T16:00:00Z'), to: Date.parse('2026-12-04T16:00:00Z'), grain: 'day' },
      { from: Date.parse('2026-12-04T16:00:00Z'), to, grain: 'minute' },
    ]);
    const late = Date.parse('2026-12-04T18:30:00Z');
    expect(coverRange(from, late, days).slice(2)).toEqual([
      { from: Date.parse('2026-12-04T16:00:00Z'), to: Date.parse('2026-12-04T18:00:00Z'), grain: 'hour' },
      { from: Date.parse('2026-12-04T18:00:00Z'), to: late, grain: 'minute' },
    ]);
    // No whole day inside, a Kolkata half hour at each end.
    const k = coverRange(Date.parse('2026-12-01T18:30:00Z'), Date.parse('2026-12-02T18:30:00Z'), days);
    expect(k.map((p) => p.grain)).toEqual(['minute', 'hour', 'minute']);
    expect(coverRange(from, from + 10 * MIN)).toEqual([{ from, to: from + 10 * MIN, grain: 'minute' }]);
  });
});
