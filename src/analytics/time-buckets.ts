import { Calendar } from '../core/calendar.js';

/** The period of a bucket: local minute, hour, day, ISO week (starting Monday) or month. */
export type BucketUnit = 'minute' | 'hour' | 'day' | 'week' | 'month';
export const BUCKET_UNITS: readonly BucketUnit[] = ['minute', 'hour', 'day', 'week', 'month'];
/** The zone reports use when none is chosen. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
/** Most buckets {@link TimeBuckets.range} lists at once (a year of hours is 8,784). */
export const MAX_RANGE_BUCKETS = 100_000;

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Cached UTC minutes → zone offset; cleared when full. */
const OFFSET_CACHE_MAX = 4096;

/**
 * Buckets of local time in one IANA time zone, correct across DST changes and for zones whose offset
 * is not a whole hour (Asia/Kolkata +5:30, Asia/Kathmandu +5:45). A bucket is named by the epoch ms of
 * its first instant (`start`); buckets of one unit partition time, so a day is 23 or 25 hours long on
 * a DST change, and an hour that a DST change repeats (01:00–02:00 in New York in November) is two
 * buckets. Days, weeks and months start at local midnight (weeks on Monday, as ISO 8601).
 */
export class TimeBuckets {
  private readonly calendar: Calendar;
  private readonly offsets = new Map<number, number>();
  private readonly ranges = new Map<BucketUnit, [number, number]>();

  constructor(readonly timeZone: string = DEFAULT_TIME_ZONE) {
    this.calendar = new Calendar(timeZone);
  }

  /**
   * A shared instance for `timeZone` (building the zone's formatter is slow; the instance only memoises
   * pure answers, so sharing it is safe). Throws a RangeError for an unknown zone.
   */
  static of(timeZone: string = DEFAULT_TIME_ZONE): TimeBuckets {
    let b = shared.get(timeZone);
    if (!b) {
      b = new TimeBuckets(timeZone);
      if (shared.size >= SHARED_MAX) shared.clear();
      shared.set(timeZone, b);
    }
    return b;
  }

  /**
   * Offset of the zone from UTC at `ts` (ms). Zone offsets and their changes fall on whole minutes
   * since 1970, so one lookup per UTC minute is cached.
   */
  offset(ts: number): number {
    const m = Math.floor(ts / MINUTE);
    let off = this.offsets.get(m);
    if (off === undefined) {
      if (this.offsets.size >= OFFSET_CACHE_MAX) this.offsets.clear();
      off = this.calendar.offset(m * MINUTE);
      this.offsets.set(m, off);
    }
    return off;
  }

  /** Start (epoch ms) of the `unit` bucket holding `ts`. */
  start(ts: number, unit: BucketUnit): number {
    if (unit === 'minute' || unit === 'hour') return this.floorLocal(ts, unit === 'minute' ? MINUTE : HOUR);
    // Days, weeks and months: the last range seen per unit is cached (events come mostly in order).
    const cached = this.ranges.get(unit);
    if (cached && ts >= cached[0] && ts < cached[1]) return cached[0];
    const start = this.computeStart(ts, unit);
    this.ranges.set(unit, [start, this.computeNext(start, unit)]);
    return start;
  }

  private computeStart(ts: number, unit: BucketUnit): number {
    switch (unit) {
      case 'minute':
        return this.floorLocal(ts, MINUTE);
      case 'hour':
        return this.floorLocal(ts, HOUR);
      case 'day':
        return this.calendar.startOf(this.calendar.day(ts));
      case 'week': {
        const day = this.calendar.day(ts);
        const back = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // days since Monday
        return this.calendar.startOf(shiftDay(day, -back));
      }
      case 'month':
        return this.calendar.startOf(`${this.calendar.month(ts)}-01`);
    }
  }

  /** Start of the bucket after the one that starts at (or holds) `ts`. */
  next(ts: number, unit: BucketUnit): number {
    const start = this.start(ts, unit);
    if (unit === 'minute' || unit === 'hour') return this.computeNext(start, unit);
    return this.ranges.get(unit)![1];
  }

  private computeNext(start: number, unit: BucketUnit): number {
    switch (unit) {
      case 'minute':
      case 'hour':
        return this.firstAfter(start, unit === 'minute' ? MINUTE : HOUR, unit);
      case 'day':
        return this.calendar.dayEnd(start);
      case 'week':
        return this.calendar.startOf(shiftDay(this.calendar.day(start), 7));
      case 'month':
        return this.calendar.monthEnd(start);
    }
  }

  /**
   * Starts of the `unit` buckets that overlap [from, to): the first holds `from`. Throws a RangeError
   * past {@link MAX_RANGE_BUCKETS} buckets.
   */
  range(from: number, to: number, unit: BucketUnit): number[] {
    const out: number[] = [];
    for (let s = this.start(from, unit); s < to; s = this.next(s, unit)) {
      if (out.length >= MAX_RANGE_BUCKETS) throw new RangeError(`more than ${MAX_RANGE_BUCKETS} ${unit} buckets`);
      out.push(s);
    }
    return out;
  }

  /** Local minute of the day (0–1439) at `ts`; a repeated DST hour maps onto the same minutes twice. */
  minuteOfDay(ts: number): number {
    const local = ts + this.offset(ts);
    return Math.floor((((local % DAY) + DAY) % DAY) / MINUTE);
  }

  /** Local day of the week at `ts`: 0 = Monday … 6 = Sunday (ISO order). */
  dayOfWeek(ts: number): number {
    return (new Date(ts + this.offset(ts)).getUTCDay() + 6) % 7;
  }

  /** Index of the day-of-week × hour heatmap cell (0–167): `dayOfWeek * 24 + local hour`. */
  weekHour(ts: number): number {
    return this.dayOfWeek(ts) * 24 + Math.floor(this.minuteOfDay(ts) / 60);
  }

  /**
   * A readable local label of the bucket holding `ts`: `2026-03-08T01:00` (minute, hour),
   * `2026-03-08` (day, week: its Monday), `2026-03` (month).
   */
  label(ts: number, unit: BucketUnit): string {
    const start = this.start(ts, unit);
    const iso = new Date(start + this.offset(start)).toISOString();
    if (unit === 'minute' || unit === 'hour') return iso.slice(0, 16);
    return unit === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
  }

  /**
   * Start of the local `size` (minute or hour) holding `ts`. A change of offset inside that local
   * period (only zones with half-hour DST shifts) cuts it at the change.
   */
  private floorLocal(ts: number, size: number): number {
    const off = this.offset(ts);
    const local = ts + off;
    const start = ts - (((local % size) + size) % size);
    if (this.offset(start) === off) return start;
    // The offset changed between `start` and `ts`: the bucket starts at the change (whole minutes).
    let lo = Math.floor(start / MINUTE);
    let hi = Math.floor(ts / MINUTE);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offset(mid * MINUTE) === off) hi = mid;
      else lo = mid;
    }
    return hi * MINUTE;
  }

  /** First instant after `start` in another bucket: probe one nominal length ahead, then search by minutes. */
  private firstAfter(start: number, nominal: number, unit: BucketUnit): number {
    const probe = start + nominal;
    if (this.start(probe, unit) !== start && this.start(probe - MINUTE, unit) === start) return probe;
    let lo = start;
    let hi = probe;
    while (this.start(hi, unit) === start) hi += nominal;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (this.start(mid, unit) === start) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}

/** Shared instances by zone (there are about 600 zones). */
const shared = new Map<string, TimeBuckets>();
const SHARED_MAX = 1024;

/** `day` (`YYYY-MM-DD`) moved by `n` calendar days. */
function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}
