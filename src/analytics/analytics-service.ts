import type { LatencySketch } from '../core/latency-sketch.js';
import type { AnalyticsFigures, AnalyticsGroup, AnalyticsReport, AnalyticsReportOptions, SeriesPoint } from './analytics-report.js';
import type { AnalyticsReader, AnalyticsScope, RollupDimension, RollupSums } from './analytics-store.js';
import { activityOf } from './report-activity.js';
import { coverRange } from './report-cover.js';
import { addSums, figuresOfSums, zeroSums } from './report-figures.js';
import { resolveReportOptions, type ResolvedReportOptions } from './report-options.js';
import { readPieces } from './report-reads.js';
import { reportSeries, seriesBuckets } from './report-series.js';
import { reportTopics, type ReportTopicSource } from './report-topics.js';
import { TimeBuckets } from './time-buckets.js';

/** Display names of ids (apps, keys, workspaces) that exist; unknown ids are left out of the map. */
export type NameLookup = (ids: readonly string[]) => Promise<Map<string, string>>;

export interface AnalyticsServiceDeps {
  /** The rollups (the store's AnalyticsReader). */
  reader: AnalyticsReader;
  /** The instance's zone (`timezone`): its days are the day rollups', and reports default to it. */
  timeZone: string;
  /** Topic counts and their settings; without them a report's `topics` is null. */
  topics?: ReportTopicSource | null;
  /** Names of the `by_app`, `by_key` and `by_workspace` rows. */
  names?: { app?: NameLookup; key?: NameLookup; workspace?: NameLookup };
  /** The clock of `generated_at` (tests). */
  now?: () => number;
}

/** The groups the latency sketches are kept for (the port's AnalyticsReader.latency): not keys, not segments. */
const SKETCHED: ReadonlySet<RollupDimension> = new Set(['model', 'app', 'scenario', 'workspace', 'provider']);
const TABLES = ['scenario', 'model', 'provider', 'app', 'key', 'workspace', 'industry', 'region', 'user_group'] as const;
type Table = (typeof TABLES)[number];

/** One grouping's sums, distinct users and sketches by group value. */
interface Grouped {
  sums: Map<string, RollupSums>;
  users: Map<string, number>;
  latency?: Map<string, LatencySketch>;
  ttft?: Map<string, LatencySketch>;
}

const byRequestsThenKey = (a: AnalyticsGroup, b: AnalyticsGroup): number =>
  b.requests - a.requests || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The usage report (the JSON contract of src/analytics/analytics-report.ts) built from the rollups:
 * totals and `by_*` tables read from the coarsest exact rollups (the instance zone's days, UTC hours,
 * minutes at edges that cut an hour), distinct users and latency/TTFT quantiles from the store's user
 * activity and sketches, the 1,440 minute-of-day counts and the heatmap folded from UTC minutes into
 * the report's zone, the series in the zone and grain asked for, and the interest cloud when topics are
 * classified. Options are checked first (a ReportOptionError, a RangeError, names the bad one).
 */
export class AnalyticsService {
  private readonly instanceDays: TimeBuckets;

  constructor(private readonly deps: AnalyticsServiceDeps) {
    this.instanceDays = TimeBuckets.of(deps.timeZone);
  }

  /** The instance's zone: the reports' default. */
  get timeZone(): string {
    return this.deps.timeZone;
  }

  /** Checks `opts` and fills in the defaults (throws a ReportOptionError). */
  resolve(opts: AnalyticsReportOptions): ResolvedReportOptions {
    return resolveReportOptions(opts, this.deps.timeZone);
  }

  /** The report of `opts` (see the class comment). */
  async report(opts: AnalyticsReportOptions): Promise<AnalyticsReport> {
    const r = this.resolve(opts);
    const scope: AnalyticsScope = { workspaceId: r.workspaceId, from: r.from, to: r.to, filters: r.filters };
    const reader = this.deps.reader;
    const tables = TABLES.filter((t) => t !== 'workspace' || r.workspaceId === undefined);
    const topicSource = this.deps.topics;
    const [totals, groups, minutes, rows, series, topics] = await Promise.all([
      this.grouped(scope),
      Promise.all(tables.map(async (t) => [t, await this.grouped(scope, t)] as const)),
      reader.minuteCounts(scope),
      reader.rowCount(scope),
      this.seriesOf(r, scope),
      topicSource ? reportTopics(topicSource, scope, seriesBuckets(r.from, r.to, r.timeZone, r.grain), r.timeZone) : null,
    ]);
    const totalFigures = this.figures(totals, '');
    const table = new Map<Table, AnalyticsGroup[]>(groups.map(([t, g]) => [t, this.table(g, r.limit)]));
    // A workspace's report has one workspace: its totals.
    if (r.workspaceId !== undefined) table.set('workspace', rows > 0 ? [{ key: r.workspaceId, ...totalFigures }] : []);
    await this.name(table);
    const get = (t: Table) => table.get(t) ?? [];
    return {
      period: { from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString(), time_zone: r.timeZone },
      workspace: r.workspaceId ?? null,
      filters: r.filters,
      rows,
      generated_at: new Date((this.deps.now ?? Date.now)()).toISOString(),
      totals: totalFigures,
      by_scenario: get('scenario'),
      by_model: get('model'),
      by_provider: get('provider'),
      by_app: get('app'),
      by_key: get('key'),
      by_workspace: get('workspace'),
      by_segment: { industry: get('industry'), region: get('region'), user_group: get('user_group') },
      ...activityOf(minutes, r.timeZone),
      series: { grain: r.grain, points: series },
      topics,
    };
  }

  /** The series alone (a dashboard's time chart), options as {@link report}'s. */
  async series(opts: AnalyticsReportOptions): Promise<AnalyticsReport['series']> {
    const r = this.resolve(opts);
    const points = await this.seriesOf(r, { workspaceId: r.workspaceId, from: r.from, to: r.to, filters: r.filters });
    return { grain: r.grain, points };
  }

  private seriesOf(r: ResolvedReportOptions, scope: AnalyticsScope): Promise<SeriesPoint[]> {
    return reportSeries(this.deps.reader, scope, { timeZone: r.timeZone, grain: r.grain, instanceDays: this.instanceDays });
  }

  /** Sums, users and sketches of the scope, per value of `by` ('' alone when not grouped). */
  private async grouped(scope: AnalyticsScope, by?: RollupDimension): Promise<Grouped> {
    const reader = this.deps.reader;
    const sketched = by === undefined || SKETCHED.has(by);
    const [rows, users, latency, ttft] = await Promise.all([
      readPieces(reader, scope, coverRange(scope.from, scope.to, this.instanceDays), by),
      reader.distinctUsers(scope, by),
      sketched ? reader.latency(scope, 'latency', by) : undefined,
      sketched ? reader.latency(scope, 'ttft', by) : undefined,
    ]);
    const sums = new Map<string, RollupSums>();
    for (const row of rows) {
      const key = by === undefined ? '' : row.group;
      let s = sums.get(key);
      if (!s) sums.set(key, (s = zeroSums()));
      addSums(s, row.sums);
    }
    if (by === undefined && !sums.has('')) sums.set('', zeroSums());
    return { sums, users, latency, ttft };
  }

  private figures(g: Grouped, key: string): AnalyticsFigures {
    return figuresOfSums(g.sums.get(key) ?? zeroSums(), g.users.get(key) ?? 0, { latency: g.latency?.get(key), ttft: g.ttft?.get(key) });
  }

  /** A `by_*` table: every group with a value (rows without one are left out), most requests first. */
  private table(g: Grouped, limit: number): AnalyticsGroup[] {
    const keys = new Set([...g.sums.keys(), ...g.users.keys()]);
    keys.delete('');
    return [...keys]
      .map((key) => ({ key, ...this.figures(g, key) }))
      .sort(byRequestsThenKey)
      .slice(0, limit);
  }

  /** Sets `name` on the app, key and workspace rows whose id has one. */
  private async name(table: Map<Table, AnalyticsGroup[]>): Promise<void> {
    const names = this.deps.names ?? {};
    await Promise.all(
      (['app', 'key', 'workspace'] as const).map(async (t) => {
        const lookup = names[t];
        const rows = table.get(t);
        if (!lookup || !rows?.length) return;
        const found = await lookup(rows.map((g) => g.key));
        for (const g of rows) {
          const name = found.get(g.key);
          if (name !== undefined) g.name = name;
        }
      }),
    );
  }
}
