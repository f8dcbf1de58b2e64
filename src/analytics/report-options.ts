import { isValidTimeZone } from '../core/wall-clock.js';
import type { AnalyticsReportOptions, SeriesGrain } from './analytics-report.js';
import { FILTER_NAMES, type AnalyticsFilters } from './analytics-store.js';
import { TimeBuckets } from './time-buckets.js';
import { MAX_REPORT_FILTER_LENGTH, MAX_REPORT_FILTERS } from './usage-report.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The longest period a report covers: three years. */
export const MAX_REPORT_RANGE_MS = 3 * 366 * DAY;
/** Rows per `by_*` table: default and most. */
export const DEFAULT_REPORT_LIMIT = 50;
export const MAX_REPORT_LIMIT = 500;
/** Most points of a series (a day of minutes, two months of hours). */
export const MAX_SERIES_POINTS = 1_500;
/** Longest workspace id a report names. */
export const MAX_REPORT_ID_LENGTH = 256;
export const SERIES_GRAINS: readonly SeriesGrain[] = ['minute', 'hour', 'day', 'week', 'month'];

/** A report option that is out of bounds; `param` names it as the API's query does. */
export class ReportOptionError extends RangeError {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
    this.name = 'ReportOptionError';
  }
}

/** Report options checked and completed: whole minutes, a known zone, the grain and the limit chosen. */
export interface ResolvedReportOptions {
  from: number;
  to: number;
  timeZone: string;
  workspaceId?: string;
  filters: AnalyticsFilters;
  grain: SeriesGrain;
  limit: number;
}

/** The series grain for a period of `spanMs` when none is asked for (≤ 2 h minute, ≤ 3 d hour, ≤ 92 d day, ≤ 1 y week, else month). */
export function defaultGrain(spanMs: number): SeriesGrain {
  if (spanMs <= 2 * HOUR) return 'minute';
  if (spanMs <= 3 * DAY) return 'hour';
  if (spanMs <= 92 * DAY) return 'day';
  if (spanMs <= 366 * DAY) return 'week';
  return 'month';
}

function checkFilters(filters: AnalyticsFilters | undefined): AnalyticsFilters {
  const out: AnalyticsFilters = {};
  const entries = Object.entries(filters ?? {}).filter(([, v]) => v !== undefined);
  if (entries.length > MAX_REPORT_FILTERS) throw new ReportOptionError(`At most ${MAX_REPORT_FILTERS} filters.`, 'filters');
  for (const [name, value] of entries) {
    if (!(FILTER_NAMES as readonly string[]).includes(name))
      throw new ReportOptionError(`Unknown filter ${name.slice(0, 40)}: use ${FILTER_NAMES.join(', ')}.`, name.slice(0, 40));
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_REPORT_FILTER_LENGTH)
      throw new ReportOptionError(`The ${name} filter must be 1 to ${MAX_REPORT_FILTER_LENGTH} characters.`, name);
    out[name as keyof AnalyticsFilters] = value;
  }
  return out;
}

/**
 * Checks a report's options and fills in the defaults: the zone (`defaultZone`, the instance's), the
 * grain (by the period's length), the limit (50). `from` and `to` are cut to whole minutes (the finest
 * rollup). Throws a {@link ReportOptionError} naming the bad option: an empty or reversed period, one
 * longer than three years, an unknown zone, an unknown filter or a value too long, a limit outside
 * 1..500, a series of more than 1,500 points.
 */
export function resolveReportOptions(opts: AnalyticsReportOptions, defaultZone: string): ResolvedReportOptions {
  const timeZone = opts.timeZone ?? defaultZone;
  if (typeof timeZone !== 'string' || timeZone.length > 64 || !isValidTimeZone(timeZone))
    throw new ReportOptionError('tz is not an IANA time zone this server knows (Asia/Shanghai, America/New_York, UTC, …).', 'tz');
  if (!Number.isFinite(opts.from) || !Number.isFinite(opts.to)) throw new ReportOptionError('from and to must be instants.', 'from');
  const from = Math.floor(opts.from / MINUTE) * MINUTE;
  const to = Math.floor(opts.to / MINUTE) * MINUTE;
  if (from >= to) throw new ReportOptionError('The period is empty: from must be before to (by a minute at least).', 'to');
  if (to - from > MAX_REPORT_RANGE_MS)
    throw new ReportOptionError('The period is longer than three years: report on a shorter one.', 'from');
  if (opts.workspaceId !== undefined && (opts.workspaceId.length === 0 || opts.workspaceId.length > MAX_REPORT_ID_LENGTH))
    throw new ReportOptionError(`The workspace id must be 1 to ${MAX_REPORT_ID_LENGTH} characters.`, 'workspace');
  const limit = opts.limit ?? DEFAULT_REPORT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REPORT_LIMIT)
    throw new ReportOptionError(`limit must be a whole number from 1 to ${MAX_REPORT_LIMIT}.`, 'limit');
  const grain = opts.grain ?? defaultGrain(to - from);
  if (!SERIES_GRAINS.includes(grain)) throw new ReportOptionError(`grain must be one of ${SERIES_GRAINS.join(', ')}.`, 'grain');
  const buckets = TimeBuckets.of(timeZone);
  let points = 0;
  for (let s = buckets.start(from, grain); s < to; s = buckets.next(s, grain))
    if (++points > MAX_SERIES_POINTS)
      throw new ReportOptionError(
        `A ${grain} series of this period has more than ${MAX_SERIES_POINTS} points: choose a coarser grain or a shorter period.`,
        'grain',
      );
  return { from, to, timeZone, workspaceId: opts.workspaceId, filters: checkFilters(opts.filters), grain, limit };
}
