import { LatencySketch, SKETCH_ZERO_INDEX } from '../core/latency-sketch.js';
import { AN, MINUTE_DIMS, NSUMS, S, SKETCH_COUNTS, SKETCH_LATENCY, SKETCH_PAGE, SKETCH_TTFT, SUMS } from './analytics-columns.js';
import { AnalyticsRawReader } from './analytics-raw.js';
import { addVec, rawMinuteCounts, rawSketch, rawSums, rawUsers, type VecRow } from './analytics-raw-sums.js';
import { AnalyticsRebuild, type RebuildResult } from './analytics-rebuild.js';
import { DayBuckets } from './analytics-rollup.js';
import { columnOf, coverSpan, filterList, QueryRunner, whereOf, wholeMinutes, type Piece, type Scope } from './analytics-query.js';
import type { AnalyticsSettings } from './analytics-sqlite.js';
import { AnalyticsEventWriter, type EndUserRecord, type FeedbackRecord, type PageViewRecord } from './analytics-writer.js';
import type { OpenedDatabase } from './open-database.js';

/** The sums of a rollup read (the port's RollupSums). */
export type Sums = Record<Exclude<(typeof SUMS)[number], 'tps_ms' | 'pv_events'> | 'tps_seconds', number>;
export interface GroupRow {
  t: number;
  group: string;
  sums: Sums;
}
type Grain = 'minute' | 'hour' | 'day';

const SUMMED = SUMS.map((c) => `sum(${c}) as ${c}`).join(', ');
/** The dimensions the sketches are kept for. */
const SKETCHED = new Set(['workspace', 'app', 'scenario', 'model', 'provider']);
/** Filters the sketches cannot apply: answered from raw rows. */
const RAW_LATENCY_FILTERS = new Set(['key', 'industry', 'region', 'user_group']);

function toSums(v: readonly number[]): Sums {
  const out = {} as Record<string, number>;
  for (let i = 0; i < NSUMS; i++) {
    const c = SUMS[i];
    if (c === 'pv_events') continue;
    if (c === 'tps_ms') out.tps_seconds = v[i] / 1000;
    else out[c] = v[i];
  }
  return out as Sums;
}

function checkScope(scope: Scope): void {
  if (!Number.isFinite(scope.from) || !Number.isFinite(scope.to) || scope.from >= scope.to)
    throw new RangeError(`analytics scope must have finite from < to, got ${scope.from}..${scope.to}`);
}

/**
 * Usage analytics on both engines: the AnalyticsReader of src/analytics/analytics-store.ts over the
 * rollups (structurally; the store does not import the port), the AnalyticsWriter (page views,
 * feedback, end users' metadata) and `rebuild`. Read statements are prepared once (SQLite) or named
 * (PostgreSQL). Days are the instance zone's (`settings.timeZone`); minutes and hours are UTC.
 */
export class AnalyticsRepository {
  private readonly q: QueryRunner;
  private readonly days: DayBuckets;
  private readonly raw: AnalyticsRawReader;
  private readonly writer: AnalyticsEventWriter;
  private readonly rebuilder: AnalyticsRebuild;

  constructor(database: Pick<OpenedDatabase, 'sqlite' | 'pool'>, settings: AnalyticsSettings) {
    this.q = new QueryRunner(database);
    this.days = new DayBuckets(settings.timeZone);
    this.raw = new AnalyticsRawReader(this.q);
    this.writer = new AnalyticsEventWriter(database, settings);
    this.rebuilder = new AnalyticsRebuild(database, settings);
  }

  /**
   * Sums per bucket of `grain` (else one bucket at `scope.from`) and `groupBy` value. `day` needs
   * `from`/`to` at local midnights of the instance zone; `hour` reads the hours starting in the range;
   * `minute` reads the minute rollup with no grouping and at most one filter on a minute dimension
   * (MINUTE_DIMS: scenario, model), raw rows otherwise.
   * Without a grain the range is read from whole days, whole hours and minutes at its edges.
   */
  async sums(scope: Scope, opts: { groupBy?: string; grain?: Grain } = {}): Promise<GroupRow[]> {
    checkScope(scope);
    const filters = filterList(scope.filters);
    let rows: VecRow[];
    if (opts.grain === 'day') {
      if (this.days.start(scope.from) !== scope.from || this.days.start(scope.to) !== scope.to)
        throw new RangeError(`a day read needs from and to at midnight in ${this.days.timeZone}`);
      rows = await this.tableSums('day', scope, filters, opts.groupBy, true);
    } else if (opts.grain === 'hour') rows = await this.tableSums('hour', scope, filters, opts.groupBy, true);
    else if (opts.grain === 'minute') rows = await this.minuteSums(scope, filters, opts.groupBy, true);
    else rows = await this.covered(scope, filters, opts.groupBy);
    return rows.map((r) => ({ t: r.t, group: r.g, sums: toSums(r.v) }));
  }

  /** Request counts per UTC minute (minutes with requests only, ascending). */
  async minuteCounts(scope: Scope): Promise<Array<{ minute: number; requests: number }>> {
    checkScope(scope);
    const filters = filterList(scope.filters);
    const slice = this.minuteSlice(scope, filters);
    let counts: Array<[number, number]>;
    if (slice && wholeMinutes(scope.from, scope.to)) {
      const rows = await this.q.all<{ minute: number; n: number }>(
        `select minute, sum(requests) as n from ${AN.minute} where dim = ? and value = ? and minute >= ? and minute < ?${slice.ws} group by minute`,
        [slice.dim, slice.value, scope.from, scope.to, ...slice.params],
      );
      counts = rows.map((r) => [Number(r.minute), Number(r.n)]);
    } else counts = [...(await rawMinuteCounts(this.raw, scope, filters))];
    return counts
      .filter(([, n]) => n > 0)
      .sort((a, b) => a[0] - b[0])
      .map(([minute, requests]) => ({ minute, requests }));
  }

  /** Distinct end users (per workspace and id) active in the scope, per `groupBy` value ('' when ungrouped). */
  async distinctUsers(scope: Scope, groupBy?: string): Promise<Map<string, number>> {
    checkScope(scope);
    const filters = filterList(scope.filters);
    const g = groupBy === undefined ? `'' as g` : `${columnOf(groupBy)} as g`;
    const where = whereOf(scope, filters);
    const pieces = coverSpan(scope.from, scope.to, this.days);
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const p of pieces.filter((x) => x.grain !== 'minute')) {
      const [table, b] = p.grain === 'day' ? [AN.userDay, 'day'] : [AN.userHour, 'hour'];
      parts.push(`select distinct ${g}, workspace_id, end_user from ${table} where ${b} >= ? and ${b} < ?${where.text}`);
      params.push(p.from, p.to, ...where.params);
    }
    const minutes = pieces.filter((x) => x.grain === 'minute');
    const out = new Map<string, number>();
    if (minutes.length === 0) {
      const rows = await this.q.all<{ g: string; n: number }>(
        `select g, count(*) as n from (${parts.join(' union ')}) s group by g`,
        params,
      );
      for (const r of rows) out.set(String(r.g), Number(r.n));
      return out;
    }
    const seen = new Set<string>();
    if (parts.length > 0) {
      const rows = await this.q.all<{ g: string; workspace_id: string; end_user: string }>(parts.join(' union '), params);
      for (const r of rows) seen.add(`${r.g}\u0000${r.workspace_id}\u0000${r.end_user}`);
    }
    for (const p of minutes) await rawUsers(this.raw, { ...scope, from: p.from, to: p.to }, filters, groupBy, seen);
    for (const k of seen) {
      const gv = k.slice(0, k.indexOf('\u0000'));
      out.set(gv, (out.get(gv) ?? 0) + 1);
    }
    return out;
  }

  /**
   * Latency or TTFT sketches per `groupBy` value ('' when ungrouped): only workspace, app, scenario,
   * model and provider. Key and segment filters (and partial hours) are answered from raw rows.
   */
  async latency(scope: Scope, kind: 'latency' | 'ttft', groupBy?: string): Promise<Map<string, LatencySketch>> {
    checkScope(scope);
    if (groupBy !== undefined && !SKETCHED.has(groupBy)) throw new RangeError(`latency is not kept per ${groupBy}`);
    const filters = filterList(scope.filters);
    const counts = new Map<string, Map<number, number>>();
    const rawOnly = filters.some(([name]) => RAW_LATENCY_FILTERS.has(name));
    const pieces: Piece[] = rawOnly ? [{ from: scope.from, to: scope.to, grain: 'minute' }] : coverSpan(scope.from, scope.to, this.days);
    const where = whereOf(scope, filters);
    const g = groupBy === undefined ? `'' as g` : `${columnOf(groupBy)} as g`;
    const groupCols = groupBy === undefined ? 'page' : `${columnOf(groupBy)}, page`;
    const counts16 = SKETCH_COUNTS.map((c) => `sum(${c}) as ${c}`).join(', ');
    for (const p of pieces) {
      if (p.grain === 'minute') {
        await rawSketch(this.raw, { ...scope, from: p.from, to: p.to }, filters, kind, groupBy, counts);
        continue;
      }
      const [table, b] = p.grain === 'day' ? [AN.sketchDay, 'day'] : [AN.sketchHour, 'hour'];
      const rows = await this.q.all<Record<string, unknown>>(
        `select ${g}, page, ${counts16} from ${table} where ${b} >= ? and ${b} < ? and kind = ?${where.text} group by ${groupCols}`,
        [p.from, p.to, kind === 'latency' ? SKETCH_LATENCY : SKETCH_TTFT, ...where.params],
      );
      for (const r of rows) {
        const key = String(r.g);
        let m = counts.get(key);
        if (!m) counts.set(key, (m = new Map()));
        const first = SKETCH_ZERO_INDEX + Number(r.page) * SKETCH_PAGE;
        for (let i = 0; i < SKETCH_PAGE; i++) {
          const n = Number(r[SKETCH_COUNTS[i]]);
          if (n !== 0) m.set(first + i, (m.get(first + i) ?? 0) + n);
        }
      }
    }
    const out = new Map<string, LatencySketch>();
    for (const [key, m] of counts) {
      const sketch = LatencySketch.fromBuckets(m);
      if (sketch.count > 0) out.set(key, sketch);
    }
    return out;
  }

  /** How many request-log rows and page views the scope's rollups come from. */
  async rowCount(scope: Scope): Promise<number> {
    checkScope(scope);
    let n = 0;
    // Page-view events are kept apart from `page_views` (which also counts requests no page made).
    for (const r of await this.covered(scope, filterList(scope.filters), undefined)) n += r.v[S.requests] + r.v[S.pv_events];
    return n;
  }

  recordPageViews(events: readonly PageViewRecord[]): Promise<void> {
    return this.writer.recordPageViews(events);
  }

  recordFeedback(f: FeedbackRecord): Promise<boolean> {
    return this.writer.recordFeedback(f);
  }

  setEndUser(u: EndUserRecord): Promise<void> {
    return this.writer.setEndUser(u);
  }

  /** Recomputes the rollups of `[from, to)` from raw rows (see analytics-rebuild.ts); running it again changes nothing. */
  rebuild(from: number, to: number): Promise<RebuildResult> {
    return this.rebuilder.rebuild(from, to);
  }

  /** One bucket (at `scope.from`) per group: whole days, whole hours and the edges' minutes. */
  private async covered(scope: Scope, filters: ReadonlyArray<[string, string]>, groupBy: string | undefined): Promise<VecRow[]> {
    const merged = new Map<string, VecRow>();
    const parts = coverSpan(scope.from, scope.to, this.days).map((p) => {
      const part = { ...scope, from: p.from, to: p.to };
      return p.grain === 'minute' ? this.minuteSums(part, filters, groupBy, false) : this.tableSums(p.grain, part, filters, groupBy, false);
    });
    for (const rows of await Promise.all(parts)) for (const r of rows) addVec(merged, scope.from, r.g, r.v);
    return [...merged.values()];
  }

  /** Sums of the hour or day rollup rows whose bucket starts in the scope. */
  private async tableSums(
    grain: 'hour' | 'day',
    scope: Scope,
    filters: ReadonlyArray<[string, string]>,
    groupBy: string | undefined,
    bucketed: boolean,
  ): Promise<VecRow[]> {
    const table = grain === 'day' ? AN.day : AN.hour;
    const where = whereOf(scope, filters);
    const gcol = groupBy === undefined ? undefined : columnOf(groupBy);
    const select = [bucketed ? `${grain} as t` : '', gcol ? `${gcol} as g` : `'' as g`, SUMMED].filter(Boolean).join(', ');
    const group = [bucketed ? grain : '', gcol ?? ''].filter(Boolean);
    const rows = await this.q.all(
      `select ${select} from ${table} where ${grain} >= ? and ${grain} < ?${where.text}${group.length ? ` group by ${group.join(', ')}` : ''}`,
      [scope.from, scope.to, ...where.params],
    );
    return rows.filter((r) => r.requests !== null).map((r) => this.vecRow(r, bucketed ? Number(r.t) : scope.from));
  }

  /** Minute sums: the minute rollup for at most one filter (on a minute dimension) and no grouping over whole minutes, raw rows otherwise. */
  private async minuteSums(
    scope: Scope,
    filters: ReadonlyArray<[string, string]>,
    groupBy: string | undefined,
    bucketed: boolean,
  ): Promise<VecRow[]> {
    const slice = groupBy === undefined ? this.minuteSlice(scope, filters) : undefined;
    if (!slice || !wholeMinutes(scope.from, scope.to)) return rawSums(this.q, this.raw, scope, filters, groupBy, bucketed);
    const rows = await this.q.all(
      `select ${bucketed ? 'minute as t, ' : ''}${SUMMED} from ${AN.minute} where dim = ? and value = ? and minute >= ? and minute < ?${slice.ws}${bucketed ? ' group by minute' : ''}`,
      [slice.dim, slice.value, scope.from, scope.to, ...slice.params],
    );
    return rows.filter((r) => r.requests !== null).map((r) => this.vecRow(r, bucketed ? Number(r.t) : scope.from));
  }

  /** The minute rows answering a scope with at most one filter, on a dimension the minute rows keep. */
  private minuteSlice(
    scope: Scope,
    filters: ReadonlyArray<[string, string]>,
  ): { dim: string; value: string; ws: string; params: unknown[] } | undefined {
    if (filters.length > 1) return undefined;
    const ws = scope.workspaceId;
    if (filters.length === 0)
      return ws === undefined ? { dim: 'all', value: '', ws: '', params: [] } : { dim: 'workspace', value: ws, ws: '', params: [] };
    const [name, value] = filters[0];
    if (!(MINUTE_DIMS as readonly string[]).includes(name)) return undefined;
    return { dim: name, value, ws: ws === undefined ? '' : ' and workspace_id = ?', params: ws === undefined ? [] : [ws] };
  }

  private vecRow(r: Record<string, unknown>, t: number): VecRow {
    return { t, g: String(r.g ?? ''), v: SUMS.map((c) => Number(r[c] ?? 0)) };
  }
}
