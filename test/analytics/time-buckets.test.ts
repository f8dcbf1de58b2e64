import { describe, expect, it } from 'vitest';
import { BUCKET_UNITS, TimeBuckets, type BucketUnit } from '../../src/analytics/time-buckets.js';
import { seededRng } from '../../src/eval/seeded-rng.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const iso = (ts: number) => new Date(ts).toISOString();
const at = (s: string) => Date.parse(s);

/** One Intl formatter per zone (building one per call is slow). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) formatters.set(zone, (f = make()));
  return f;
}

/** Local wall clock of `ts` in `zone` straight from Intl (the naive reference). */
function wall(zone: string, ts: number) {
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
        timeZoneName: 'longOffset',
      }),
  );
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(ts)) p[part.type] = part.value;
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday);
  const date = `${p.year}-${p.month}-${p.day}`;
  return { date, hour: Number(p.hour), minute: Number(p.minute), weekday, offset: p.timeZoneName };
}

/** A label that names the `unit` bucket of `ts` uniquely (a repeated DST hour differs by its offset). */
function naiveLabel(zone: string, ts: number, unit: BucketUnit): string {
  const w = wall(zone, ts);
  switch (unit) {
    case 'minute':
      return `${w.date} ${w.hour}:${w.minute} ${w.offset}`;
    case 'hour':
      return `${w.date} ${w.hour} ${w.offset}`;
    case 'day':
      return w.date;
    case 'week':
      return new Date(Date.parse(`${w.date}T00:00:00Z`) - w.weekday * 86_400_000).toISOString().slice(0, 10);
    case 'month':
      return w.date.slice(0, 7);
  }
}

const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
/** DST changes of 2026 (and a few more instants) to sample around. */
const EDGES = [
  '2026-03-08T07:00:00Z',
  '2026-11-01T06:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2026-04-04T15:00:00Z',
  '2026-10-03T15:30:00Z',
  '2026-12-31T18:00:00Z',
].map(at);

describe('TimeBuckets (local minute/hour/day/week/month buckets in any IANA zone)', () => {
  it('every bucket holds its instants, starts where the naive local label changes and ends where it changes again', () => {
    const rng = seededRng(42);
    for (const zone of ZONES) {
      const b = new TimeBuckets(zone);
      for (let i = 0; i < 120; i++) {
        const base = i % 2 === 0 ? EDGES[Math.floor(rng() * EDGES.length)] : at('2020-01-01T00:00:00Z') + rng() * 10 * 365 * 86_400_000;
        const ts = Math.floor(base + (rng() - 0.5) * 6 * HOUR);
        for (const unit of BUCKET_UNITS) {
          const start = b.start(ts, unit);
          const next = b.next(ts, unit);
          const what = `${zone} ${unit} ${iso(ts)}`;
          expect(start, what).toBeLessThanOrEqual(ts);
          expect(next, what).toBeGreaterThan(ts);
          expect(b.start(start, unit), what).toBe(start);
          expect(b.start(next - 1, unit), what).toBe(start);
          expect(naiveLabel(zone, start, unit), what).toBe(naiveLabel(zone, ts, unit));
          expect(naiveLabel(zone, next - 1, unit), what).toBe(naiveLabel(zone, ts, unit));
          expect(naiveLabel(zone, start - 1, unit), what).not.toBe(naiveLabel(zone, ts, unit));
          expect(naiveLabel(zone, next, unit), what).not.toBe(naiveLabel(zone, ts, unit));
        }
        const w = wall(zone, ts);
        expect(b.minuteOfDay(ts), `${zone} ${iso(ts)}`).toBe(w.hour * 60 + w.minute);
        expect(b.dayOfWeek(ts)).toBe(w.weekday);
        expect(b.weekHour(ts)).toBe(w.weekday * 24 + w.hour);
      }
    }
  });

  it('New York: the spring-forward day has 23 hours, the fall-back day 25 with 01:00 twice', () => {
    const ny = new TimeBuckets('America/New_York');
    const spring = ny.range(at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'), 'hour');
    expect(spring).toHaveLength(23);
    expect(ny.next(at('2026-03-08T12:00:00Z'), 'day') - ny.start(at('2026-03-08T12:00:00Z'), 'day')).toBe(23 * HOUR);
    expect(spring.map((s) => ny.label(s, 'hour'))).not.toContain('2026-03-08T02:00');
    const fall = ny.range(at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'), 'hour');
    expect(fall).toHaveLength(25);
    expect(fall.map((s) => ny.label(s, 'hour')).filter((l) => l === '2026-11-01T01:00')).toHaveLength(2);
    expect(iso(ny.start(at('2026-11-01T06:30:00Z'), 'hour'))).toBe('2026-11-01T06:00:00.000Z'); // 01:30 EST
    expect(iso(ny.start(at('2026-11-01T05:30:00Z'), 'hour'))).toBe('2026-11-01T05:00:00.000Z'); // 01:30 EDT
    expect(ny.minuteOfDay(at('2026-11-01T06:30:00Z'))).toBe(90);
    expect(ny.minuteOfDay(at('2026-11-01T05:30:00Z'))).toBe(90);
  });

  it('London: days of 23 and 25 hours in March and October', () => {
    const ld = new TimeBuckets('Europe/London');
    expect(ld.range(at('2026-03-29T00:00:00Z'), at('2026-03-29T23:00:00Z'), 'hour')).toHaveLength(23);
    expect(ld.range(at('2026-10-24T23:00:00Z'), at('2026-10-26T00:00:00Z'), 'hour')).toHaveLength(25);
    expect(iso(ld.start(at('2026-07-01T10:00:00Z'), 'day'))).toBe('2026-06-30T23:00:00.000Z');
  });

  it('Kolkata (+5:30) and Kathmandu (+5:45): hours start off the UTC hour', () => {
    const kol = new TimeBuckets('Asia/Kolkata');
    const ktm = new TimeBuckets('Asia/Kathmandu');
    const t = at('2026-06-15T10:20:00Z');
    expect(iso(kol.start(t, 'hour'))).toBe('2026-06-15T09:30:00.000Z');
    expect(iso(ktm.start(t, 'hour'))).toBe('2026-06-15T10:15:00.000Z');
    expect(iso(ktm.start(t, 'day'))).toBe('2026-06-14T18:15:00.000Z');
    expect(ktm.minuteOfDay(at('2026-01-01T00:00:00Z'))).toBe(5 * 60 + 45);
    expect(kol.minuteOfDay(at('2026-01-01T18:29:00Z'))).toBe(1439);
    expect(kol.minuteOfDay(at('2026-01-01T18:30:00Z'))).toBe(0);
  });

  it('Shanghai by default: ISO weeks start on Monday, months at local midnight', () => {
    const sh = new TimeBuckets();
    expect(sh.timeZone).toBe('Asia/Shanghai');
    const sunday = at('2026-12-13T15:59:00Z'); // Sunday 23:59 in Shanghai
    expect(iso(sh.start(sunday, 'week'))).toBe('2026-12-06T16:00:00.000Z');
    expect(iso(sh.next(sunday, 'week'))).toBe('2026-12-13T16:00:00.000Z');
    expect(sh.label(sunday, 'week')).toBe('2026-12-07');
    expect(iso(sh.start(at('2026-03-10T00:00:00Z'), 'month'))).toBe('2026-02-28T16:00:00.000Z');
    expect(sh.label(at('2026-02-28T16:00:00Z'), 'month')).toBe('2026-03');
    expect(sh.weekHour(sunday)).toBe(6 * 24 + 23);
    // A year of months and of weeks, end to end.
    const months = sh.range(at('2025-12-31T16:00:00Z'), at('2026-12-31T16:00:00Z'), 'month');
    expect(months.map((m) => sh.label(m, 'month'))).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(sh.range(at('2026-01-04T16:00:00Z'), at('2027-01-03T16:00:00Z'), 'week')).toHaveLength(52);
  });

  it('range lists contiguous buckets and refuses huge ranges', () => {
    const ny = new TimeBuckets('America/New_York');
    for (const unit of BUCKET_UNITS) {
      const list = ny.range(at('2026-02-20T00:00:00Z'), at('2026-03-20T00:00:00Z'), unit === 'minute' ? 'hour' : unit);
      for (let i = 1; i < list.length; i++) expect(ny.next(list[i - 1], unit === 'minute' ? 'hour' : unit)).toBe(list[i]);
    }
    expect(ny.range(at('2026-03-08T06:58:00Z'), at('2026-03-08T07:02:00Z'), 'minute').map((s) => ny.label(s, 'minute'))).toEqual([
      '2026-03-08T01:58',
      '2026-03-08T01:59',
      '2026-03-08T03:00',
      '2026-03-08T03:01',
    ]);
    expect(() => ny.range(0, 200_000 * MIN, 'minute')).toThrow(RangeError);
    expect(() => new TimeBuckets('Mars/Olympus')).toThrow(RangeError);
  });
});
