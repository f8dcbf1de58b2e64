/**
 * The Analytics page's state, kept in the URL query so a view can be shared: the period (a preset or
 * custom dates), time zone, workspace, series grain, filters and tab. Parsing is forgiving (an unknown
 * or malformed value is dropped, never an error) and bounded.
 */
import { addDays, isDate, isTimeZone, zonedDate, zonedDayStart } from './zoned-days.ts';

export const RANGE_PRESETS = ['today', '7d', '30d', '90d', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const GRAINS = ['minute', 'hour', 'day', 'week', 'month'] as const;
export type Grain = (typeof GRAINS)[number];

/** The report's exact-match filters (the API's query names). */
export const FILTER_KEYS = ['model', 'provider', 'app', 'scenario', 'key', 'industry', 'region', 'user_group'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** The segment attributes (from key, app and end-user metadata). */
export const SEGMENT_KEYS = ['industry', 'region', 'user_group'] as const satisfies readonly FilterKey[];
export type SegmentKey = (typeof SEGMENT_KEYS)[number];

/** The value the scenario dimension has for calls no scenario app made. */
export const DIRECT_API = 'direct_api';

export const TABS = ['overview', 'models', 'scenarios', 'topics', 'taxonomy'] as const;
export type Tab = (typeof TABS)[number];

export interface AnalyticsView {
  range: RangePreset;
  /** First and last day (inclusive) of a custom range, `YYYY-MM-DD` in the zone. */
  from?: string;
  to?: string;
  /** IANA zone; absent: the instance's. */
  tz?: string;
  workspace?: string;
  /** Absent: the server picks by the period's length. */
  grain?: Grain;
  filters: Filters;
  tab: Tab;
}

/** The longest value a filter or id in the URL may have (the API's own bound). */
export const MAX_VALUE = 256;
/** The longest custom range, in days. */
export const MAX_DAYS = 366;

const DAYS: Record<Exclude<RangePreset, 'custom'>, number> = { today: 1, '7d': 7, '30d': 30, '90d': 90 };

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;

const bounded = (v: string | null): string | undefined => {
  const s = v?.trim();
  return s && s.length <= MAX_VALUE ? s : undefined;
};

/** The view a URL query describes (defaults: the last 7 days, the instance's zone, the overview tab). */
export function parseView(params: URLSearchParams): AnalyticsView {
  const filters: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = bounded(params.get(k));
    if (v !== undefined) filters[k] = v;
  }
  let range = oneOf(RANGE_PRESETS, params.get('range')) ?? '7d';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const custom = range === 'custom' && isDate(from) && isDate(to) && from <= to && to <= addDays(from, MAX_DAYS - 1);
  if (range === 'custom' && !custom) range = '7d';
  const tz = params.get('tz') ?? '';
  return {
    range,
    ...(custom ? { from, to } : {}),
    ...(isTimeZone(tz) ? { tz } : {}),
    ...(bounded(params.get('workspace')) ? { workspace: bounded(params.get('workspace')) } : {}),
    ...(oneOf(GRAINS, params.get('grain')) ? { grain: oneOf(GRAINS, params.get('grain')) } : {}),
    filters,
    tab: oneOf(TABS, params.get('tab')) ?? 'overview',
  };
}

/** The URL query of a view; defaults are left out so links stay short. */
export function viewParams(view: AnalyticsView): URLSearchParams {
  const p = new URLSearchParams();
  if (view.tab !== 'overview') p.set('tab', view.tab);
  if (view.range !== '7d') p.set('range', view.range);
  if (view.range === 'custom' && view.from && view.to) {
    p.set('from', view.from);
    p.set('to', view.to);
  }
  if (view.tz) p.set('tz', view.tz);
  if (view.workspace) p.set('workspace', view.workspace);
  if (view.grain) p.set('grain', view.grain);
  for (const k of FILTER_KEYS) if (view.filters[k]) p.set(k, view.filters[k]!);
  return p;
}

/** The period of a view in `zone` (whole days; `to` exclusive): the dates and their instants. */
export function viewPeriod(
  view: AnalyticsView,
  now: number,
  zone: string,
): { fromDate: string; toDate: string; from: number; to: number; days: number } {
  let fromDate: string;
  let toDate: string;
  if (view.range === 'custom' && view.from && view.to) {
    fromDate = view.from;
    toDate = view.to;
  } else {
    toDate = zonedDate(now, zone);
    fromDate = addDays(toDate, 1 - DAYS[view.range === 'custom' ? '7d' : view.range]);
  }
  const days = Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000) + 1;
  return { fromDate, toDate, from: zonedDayStart(fromDate, zone), to: zonedDayStart(addDays(toDate, 1), zone), days };
}

/** The grains a period of `days` days may be shown in (the server draws at most 1,500 points). */
export function grainsFor(days: number): Grain[] {
  return GRAINS.filter((g) => (g === 'minute' ? days <= 1 : g === 'hour' ? days <= 62 : true));
}

/**
 * The query of `GET /api/analytics/report` (and `.csv`) for a view: the period as days, which the
 * server reads in the view's zone (the instance's when it names none; `to` is included).
 */
export function reportQuery(view: AnalyticsView, now: number, zone: string): Record<string, string | undefined> {
  const { fromDate, toDate, days } = viewPeriod(view, now, zone);
  return {
    from: fromDate,
    to: toDate,
    tz: view.tz,
    workspace: view.workspace,
    grain: view.grain && grainsFor(days).includes(view.grain) ? view.grain : undefined,
    ...view.filters,
  };
}
