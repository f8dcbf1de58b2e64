import { performance } from 'node:perf_hooks';
import type { AnalyticsReport, AnalyticsReportOptions } from '../src/analytics/analytics-report.js';
import { AnalyticsService } from '../src/analytics/analytics-service.js';
import { renderReportFile } from '../src/analytics/report-file.js';
import { TimeBuckets } from '../src/analytics/time-buckets.js';
import { AnalyticsRepository } from '../src/store/analytics-repository.js';
import type { OpenedDatabase } from '../src/store/open-database.js';
import { Population, TIMEZONE } from './analytics-traffic.js';
import { MODELS } from './log-rows.js';

/**
 * The reads of `npm run bench:analytics`: the console's Analytics views (`AnalyticsService.report()`,
 * what `GET /api/analytics/report` answers) over the seeded database, each timed `runs` times in a row
 * after one untimed run, and the full report (every table at its largest, 90 days) rendered as HTML.
 */

const DAY_MS = 86_400_000;
const NEW_YORK = 'America/New_York';

/** Which target a view is held to. */
export type ViewKind = 'dashboard' | 'key' | 'segment' | 'full';

export interface View {
  name: string;
  kind: ViewKind;
  opts: AnalyticsReportOptions;
}

export interface ViewTimes {
  view: View;
  ms: number[];
  /** Rows the report says it came from, and its request total. */
  rows: number;
  requests: number;
  /** HTML rendering of the full report, ms (full views only). */
  renderMs?: number;
}

/** The console's preset periods: `days` whole local days of `zone`, the last one holding `now` (`to` is its end). */
export function lastDays(now: number, days: number, zone: string): { from: number; to: number } {
  const tb = TimeBuckets.of(zone);
  const today = tb.start(now, 'day');
  let from = today;
  for (let i = 1; i < days; i++) from = tb.start(from - DAY_MS / 2, 'day');
  return { from, to: tb.next(today, 'day') };
}

/** The views measured, over a database seeded up to `now`. */
export function views(now: number): View[] {
  const pop = new Population();
  // The most used key of the big workspace, and the most used model.
  const key = pop.keysByWs[0][0];
  const model = MODELS[0][0];
  const v = (name: string, kind: ViewKind, days: number, zone: string, more: Partial<AnalyticsReportOptions> = {}): View => ({
    name,
    kind,
    opts: { ...lastDays(now, days, zone), timeZone: zone, ...more },
  });
  return [
    v('today, instance (hours)', 'dashboard', 1, TIMEZONE),
    v('7 d, instance', 'dashboard', 7, TIMEZONE),
    v('30 d, instance', 'dashboard', 30, TIMEZONE),
    v('90 d, instance', 'dashboard', 90, TIMEZONE),
    v('7 d, workspace ws_00', 'dashboard', 7, TIMEZONE, { workspaceId: 'ws_00' }),
    v('30 d, workspace ws_00', 'dashboard', 30, TIMEZONE, { workspaceId: 'ws_00' }),
    v('90 d, workspace ws_00', 'dashboard', 90, TIMEZONE, { workspaceId: 'ws_00' }),
    v(`30 d, model ${model}`, 'dashboard', 30, TIMEZONE, { filters: { model } }),
    v('7 d, instance, New York', 'dashboard', 7, NEW_YORK),
    v('30 d, instance, New York', 'dashboard', 30, NEW_YORK),
    v('90 d, instance, New York', 'dashboard', 90, NEW_YORK),
    v('30 d, ws_00, New York', 'dashboard', 30, NEW_YORK, { workspaceId: 'ws_00' }),
    v(`7 d, key ${key.id} (its own report)`, 'key', 7, TIMEZONE, { workspaceId: 'ws_00', filters: { key: key.id } }),
    v(`30 d, key ${key.id} (its own report)`, 'key', 30, TIMEZONE, { workspaceId: 'ws_00', filters: { key: key.id } }),
    v('30 d, industry 互联网', 'segment', 30, TIMEZONE, { filters: { industry: '互联网' } }),
    v('full report: 90 d, instance, 500 rows a table', 'full', 90, TIMEZONE, { limit: 500 }),
  ];
}

/** The report service over the database, as the runtime builds it (no names, no topics). */
export function reportService(opened: OpenedDatabase): AnalyticsService {
  const reader = new AnalyticsRepository(opened, { timeZone: TIMEZONE });
  return new AnalyticsService({ reader, timeZone: TIMEZONE });
}

/** Sanity of a report: minute-of-day sums to the requests. */
function check(r: AnalyticsReport, name: string): void {
  const minutes = r.minute_of_day.reduce((a, b) => a + b, 0);
  if (minutes !== r.totals.requests) throw new Error(`${name}: minute_of_day sums to ${minutes}, totals.requests is ${r.totals.requests}`);
}

/**
 * Times `view` `runs` times after one untimed run, stopping early (after one timed run at least) once
 * `budgetMs` are spent: a view that takes seconds is not run twenty times.
 */
export async function timeView(service: AnalyticsService, view: View, runs: number, budgetMs: number): Promise<ViewTimes> {
  const t00 = performance.now();
  const first = await service.report(view.opts);
  check(first, view.name);
  const ms: number[] = [];
  for (let i = 0; i < runs && (i === 0 || performance.now() - t00 < budgetMs); i++) {
    const t0 = performance.now();
    await service.report(view.opts);
    ms.push(performance.now() - t0);
  }
  const out: ViewTimes = { view, ms, rows: first.rows, requests: first.totals.requests };
  if (view.kind === 'full') {
    const t0 = performance.now();
    await renderReportFile(first, 'html', { lang: 'zh' });
    out.renderMs = performance.now() - t0;
  }
  return out;
}

/** The `p`th percentile (nearest rank) of `xs`. */
export function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Time spent in each kind of read of one report (reads run one at a time, so each is timed alone). */
export async function readBreakdown(opened: OpenedDatabase, view: View): Promise<Array<{ read: string; calls: number; ms: number }>> {
  const repo = new AnalyticsRepository(opened, { timeZone: TIMEZONE });
  const stats = new Map<string, { calls: number; ms: number }>();
  let chain: Promise<unknown> = Promise.resolve();
  const timed =
    (name: string, label: (args: unknown[]) => string) =>
    (...args: unknown[]): Promise<unknown> => {
      const run = chain.then(async () => {
        const t0 = performance.now();
        try {
          return await (repo as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name](...args);
        } finally {
          const k = `${name}${label(args)}`;
          const s = stats.get(k) ?? { calls: 0, ms: 0 };
          s.calls++;
          s.ms += performance.now() - t0;
          stats.set(k, s);
        }
      });
      chain = run.catch(() => undefined);
      return run;
    };
  const grouped = (a: unknown): string => (a === undefined ? '' : ' grouped');
  const reader = {
    sums: timed(
      'sums',
      (a) => ` (${(a[1] as { grain?: string })?.grain ?? 'covered'} grain${grouped((a[1] as { groupBy?: string })?.groupBy)})`,
    ),
    minuteCounts: timed('minuteCounts', () => ''),
    distinctUsers: timed('distinctUsers', (a) => grouped(a[1])),
    latency: timed('latency', (a) => ` (${String(a[1])}${grouped(a[2])})`),
    rowCount: timed('rowCount', () => ''),
  } as unknown as AnalyticsRepository;
  await new AnalyticsService({ reader, timeZone: TIMEZONE }).report(view.opts);
  return [...stats.entries()].map(([read, s]) => ({ read, ...s })).sort((a, b) => b.ms - a.ms);
}
