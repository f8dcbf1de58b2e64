import { formatCsv, type CsvCell } from '../eval/csv-write.js';
import type { AnalyticsFigures, AnalyticsGroup, AnalyticsReport } from './analytics-report.js';
import { reportCsvStrings, type ReportCsvStrings } from './report-csv-strings.js';
import type { TopicGroupShares } from './topic-counts.js';

/** Six decimals: rates, shares and costs without float noise. */
const n = (x: number | null | undefined): CsvCell =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 1e6) / 1e6;

function figureHeader(s: ReportCsvStrings): CsvCell[] {
  const c = s.col;
  return [
    c.requests,
    c.pageViews,
    c.users,
    c.newUsers,
    c.sessions,
    c.turns,
    c.dwell,
    c.tokens,
    c.inputTokens,
    c.outputTokens,
    c.cost,
    c.p50,
    c.p95,
    c.p99,
    c.ttftP50,
    c.ttftP95,
    c.tps,
    c.errors,
    c.errorRate,
    c.cacheHitRate,
    c.likes,
    c.dislikes,
    c.satisfaction,
  ];
}

function figureCells(f: AnalyticsFigures): CsvCell[] {
  return [
    f.requests,
    f.page_views,
    f.users,
    f.new_users,
    f.sessions,
    n(f.turns_per_session),
    n(f.avg_dwell_seconds),
    f.tokens,
    f.input_tokens,
    f.output_tokens,
    n(f.cost),
    n(f.latency_ms.p50),
    n(f.latency_ms.p95),
    n(f.latency_ms.p99),
    n(f.ttft_ms.p50),
    n(f.ttft_ms.p95),
    n(f.tokens_per_second),
    f.errors,
    n(f.error_rate),
    n(f.cache_hit_rate),
    f.likes,
    f.dislikes,
    n(f.satisfaction),
  ];
}

function groupSection(title: string, groups: readonly AnalyticsGroup[], s: ReportCsvStrings): CsvCell[][] {
  return [[title], [s.col.key, s.col.name, ...figureHeader(s)], ...groups.map((g) => [g.key, g.name ?? null, ...figureCells(g)]), []];
}

function topicGroups(title: string, groups: readonly TopicGroupShares[], s: ReportCsvStrings, name: (id: string) => string): CsvCell[][] {
  const rows: CsvCell[][] = [[title], [s.col.group, s.col.label, s.col.count, s.col.share]];
  for (const g of groups) for (const x of g.shares) rows.push([g.group, name(x.label), x.count, n(x.share)]);
  rows.push([]);
  return rows;
}

/**
 * The usage report's tables as one CSV (the console's export and `baimo report --format csv`): the
 * facts (period, zone, workspace, filters, rows), then a section per table — totals, by scenario,
 * model, provider, app, key, workspace and segment, the series, the 1,440 minutes of the day, the
 * day-of-week × hour heatmap and, when classified, the uses — each a title row, a header row and its
 * rows, sections apart by an empty line. UTF-8 with a BOM (Excel), cells guarded against formulas.
 */
export function reportCsv(report: AnalyticsReport, lang: 'zh' | 'en' = 'zh'): string {
  const s = reportCsvStrings(lang);
  const f = s.facts;
  const filters = Object.entries(report.filters)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  const rows: CsvCell[][] = [
    [s.title],
    [f.from, report.period.from],
    [f.to, report.period.to],
    [f.timeZone, report.period.time_zone],
    [f.workspace, report.workspace ?? f.all],
    [f.filters, filters || f.none],
    [f.rows, report.rows],
    [f.generated, report.generated_at],
    [],
    [s.section.totals],
    figureHeader(s),
    figureCells(report.totals),
    [],
    ...groupSection(s.section.scenario, report.by_scenario, s),
    ...groupSection(s.section.model, report.by_model, s),
    ...groupSection(s.section.provider, report.by_provider, s),
    ...groupSection(s.section.app, report.by_app, s),
    ...groupSection(s.section.key, report.by_key, s),
    ...groupSection(s.section.workspace, report.by_workspace, s),
    ...groupSection(s.section.industry, report.by_segment.industry, s),
    ...groupSection(s.section.region, report.by_segment.region, s),
    ...groupSection(s.section.userGroup, report.by_segment.user_group, s),
    [s.section.series],
    [
      s.col.t,
      s.col.requests,
      s.col.pageViews,
      s.col.users,
      s.col.newUsers,
      s.col.sessions,
      s.col.dwell,
      s.col.tokens,
      s.col.cost,
      s.col.errors,
      s.col.p95,
    ],
    ...report.series.points.map((p) => [
      p.t,
      p.requests,
      p.page_views,
      p.users,
      p.new_users,
      p.sessions,
      n(p.avg_dwell_seconds),
      p.tokens,
      n(p.cost),
      p.errors,
      n(p.latency_p95_ms),
    ]),
    [],
    [s.section.minuteOfDay],
    [s.col.minute, s.col.requests],
    ...report.minute_of_day.map((c, m) => [`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`, c]),
    [],
    [s.section.heatmap],
    [s.col.day, ...Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`)],
    ...report.heatmap.map((row, d) => [s.days[d] ?? String(d), ...row]),
    [],
  ];
  const t = report.topics;
  if (t) {
    const names = new Map(t.labels.map((l) => [l.id, lang === 'en' ? l.en : l.zh]));
    const name = (id: string) => names.get(id) ?? id;
    rows.push(
      [s.section.topics],
      [s.col.classified, t.classified],
      [s.col.sampleRate, n(t.sample_rate)],
      [s.col.classifierCost, n(t.classifier_cost)],
      [s.col.label, s.col.count, s.col.share],
      ...t.top.map((x) => [name(x.label), x.count, n(x.share)]),
      [],
      ...topicGroups(s.section.topicsByModel, t.by_model, s, name),
      ...topicGroups(s.section.industry, t.by_segment.industry, s, name),
      ...topicGroups(s.section.region, t.by_segment.region, s, name),
      ...topicGroups(s.section.userGroup, t.by_segment.user_group, s, name),
      ...topicGroups(s.section.topicsOverTime, t.over_time, s, name),
    );
  }
  return formatCsv(rows);
}
