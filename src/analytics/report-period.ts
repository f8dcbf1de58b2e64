import { isValidTimeZone } from '../core/wall-clock.js';
import { ReportOptionError } from './report-options.js';
import { TimeBuckets } from './time-buckets.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A local date-time without an offset: read in the report's zone. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?$/;
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DAY = 86_400_000;
/** How many local days the default period covers (today included). */
export const DEFAULT_REPORT_DAYS = 7;

/** Start (epoch ms) of local day `day` (`YYYY-MM-DD`) in `buckets`' zone; null when it is no calendar date. */
function dayStart(buckets: TimeBuckets, day: string): number | null {
  const noon = Date.parse(`${day}T12:00:00Z`);
  if (Number.isNaN(noon) || new Date(noon).toISOString().slice(0, 10) !== day) return null;
  // Local noon of `day` is within 14 h of UTC noon; the day holding it starts at its local midnight.
  const ts = noon - buckets.offset(noon);
  return buckets.start(ts, 'day');
}

/** The instant a local wall-clock reading (`YYYY-MM-DDTHH:MM[:SS]`) names in the zone (the later one in a repeated hour). */
function localInstant(buckets: TimeBuckets, text: string): number | null {
  const wall = Date.parse(`${text}Z`);
  if (Number.isNaN(wall)) return null;
  let ts = wall - buckets.offset(wall);
  ts = wall - buckets.offset(ts);
  return ts;
}

/**
 * One end of a report's period: `YYYY-MM-DD` is a local day of `timeZone` (as `from`: its start; as
 * `to`: its end, the day included), `YYYY-MM-DDTHH:MM[:SS]` a local time there, an ISO 8601 time with
 * `Z` or an offset an instant, digits epoch ms. Throws a {@link ReportOptionError} on anything else.
 */
export function parseReportInstant(text: string, end: 'from' | 'to', timeZone: string): number {
  const buckets = TimeBuckets.of(timeZone);
  let ts: number | null = null;
  if (text.length <= 40) {
    if (DATE.test(text)) {
      const start = dayStart(buckets, text);
      ts = start === null ? null : end === 'from' ? start : buckets.next(start, 'day');
    } else if (LOCAL_DATE_TIME.test(text)) ts = localInstant(buckets, text);
    else if (OFFSET_DATE_TIME.test(text)) ts = Date.parse(text);
    else if (/^\d{1,15}$/.test(text)) ts = Number(text);
  }
  if (ts === null || Number.isNaN(ts))
    throw new ReportOptionError(
      `${end} is not a date or time: use YYYY-MM-DD (a day in the report's time zone), an ISO 8601 time (2026-12-07T08:00:00+08:00) or epoch milliseconds.`,
      end,
    );
  return ts;
}

/**
 * The period of a report from its optional ends (see {@link parseReportInstant}). Missing ends: `to`
 * is the end of today in `timeZone`, `from` the start of the local day six days before `to`'s last day
 * (seven days in all).
 */
export function reportPeriod(input: { from?: string; to?: string }, timeZone: string, now: number): { from: number; to: number } {
  if (!isValidTimeZone(timeZone)) throw new ReportOptionError('tz is not an IANA time zone this server knows.', 'tz');
  const buckets = TimeBuckets.of(timeZone);
  const to = input.to !== undefined ? parseReportInstant(input.to, 'to', timeZone) : buckets.next(now, 'day');
  if (input.from !== undefined) return { from: parseReportInstant(input.from, 'from', timeZone), to };
  // Seven local days back from the day that holds the last instant (DST days are 23 or 25 hours).
  let from = buckets.start(to - 1, 'day');
  for (let i = 1; i < DEFAULT_REPORT_DAYS; i++) from = buckets.start(from - DAY / 2, 'day');
  return { from, to };
}
