import { escapeHtml } from '../eval/html-escape.js';
import { formatMoney, formatNumber, formatPercent } from '../eval/report-format.js';
import type { AnalyticsFigures, AnalyticsGroup, AnalyticsReport } from './analytics-report.js';
import type { RollupDimension } from './analytics-store.js';
import { DIRECT_API } from './analytics-event.js';
import type { ReportSection, UsageReportLang, UsageReportStrings } from './report-html-strings.js';

/** What every section renders from: the report, its words, and the caption every figure carries. */
export interface ReportContext {
  report: AnalyticsReport;
  s: UsageReportStrings;
  lang: UsageReportLang;
  /** Period, zone, filters and row count, said under every chart and table. */
  caption: string;
}

/** A table column over groups (or totals): its header, its cell text, numeric (right-aligned) or not. */
export interface Column<T> {
  head: string;
  cell(row: T): string;
  num?: boolean;
}

export const money = (x: number | null | undefined): string => formatMoney(x, '¥');
export const count = (x: number | null | undefined): string => formatNumber(x);
export const ms = (x: number | null | undefined): string => formatNumber(x, 0);

/** A group's display name: its name where the key is an id, `直接 API 调用` for calls no app made, a mark for none. */
export function groupLabel(g: AnalyticsGroup, dim: RollupDimension, s: UsageReportStrings): string {
  if (g.key === '') return s.noValue;
  if (g.key === DIRECT_API && (dim === 'scenario' || dim === 'app')) return s.directApi;
  return g.name && g.name !== g.key ? g.name : g.key;
}

/** The series' grain in words (`按天`, `by day`). */
export const grainName = (ctx: ReportContext): string => ctx.s.series.grains[ctx.report.series.grain] ?? ctx.report.series.grain;

/** A share of the total requests. */
export function requestShare(g: AnalyticsFigures, totals: AnalyticsFigures): string {
  return formatPercent(totals.requests > 0 ? g.requests / totals.requests : null);
}

/** A figure: an optional heading, the chart or table, and the caption. */
export function figure(ctx: ReportContext, heading: string | null, body: string, cls = ''): string {
  return `<figure class="figure${cls ? ` ${cls}` : ''}">${heading ? `<h3>${escapeHtml(heading)}</h3>` : ''}${body}<figcaption>${escapeHtml(ctx.caption)}</figcaption></figure>`;
}

/** A section with its id, heading and one-line introduction. */
export function section(ctx: ReportContext, id: ReportSection, body: string): string {
  return `<section id="${id}" class="report-section" data-section="${id}"><h2>${escapeHtml(ctx.s.sections[id])}</h2><p class="intro">${escapeHtml(
    ctx.s.intro[id],
  )}</p>${body}</section>`;
}

/** Headline numbers as cards: label over value. */
export function kpis(cards: ReadonlyArray<readonly [string, string]>): string {
  return `<div class="kpis">${cards
    .map(
      ([label, value]) =>
        `<div class="kpi"><div class="kpi-label">${escapeHtml(label)}</div><div class="kpi-value">${escapeHtml(value)}</div></div>`,
    )
    .join('')}</div>`;
}

/** Groups as a table: the group's label (its id under a name), then `columns`. */
export function groupTable(
  ctx: ReportContext,
  groups: readonly AnalyticsGroup[],
  dim: RollupDimension,
  columns: ReadonlyArray<Column<AnalyticsGroup>>,
  cls = '',
): string {
  if (groups.length === 0) return `<p class="note empty">${escapeHtml(ctx.s.empty)}</p>`;
  const head = `<tr><th>${escapeHtml(ctx.s.dims[dim])}</th>${columns
    .map((c) => `<th${c.num === false ? '' : ' class="num"'}>${escapeHtml(c.head)}</th>`)
    .join('')}</tr>`;
  const body = groups
    .map((g) => {
      const label = groupLabel(g, dim, ctx.s);
      const id = g.name && g.name !== g.key ? `<div class="id">${escapeHtml(g.key)}</div>` : '';
      return `<tr><th>${escapeHtml(label)}${id}</th>${columns
        .map((c) => `<td${c.num === false ? '' : ' class="num"'}>${escapeHtml(c.cell(g))}</td>`)
        .join('')}</tr>`;
    })
    .join('');
  return `<div class="table-wrap"><table class="groups${cls ? ` ${cls}` : ''}" data-dim="${dim}"><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

/** The usage columns: requests, share, page views, users, new users, sessions, dwell, tokens, cost. */
export function usageColumns(ctx: ReportContext): Column<AnalyticsGroup>[] {
  const m = ctx.s.metric;
  const t = ctx.report.totals;
  return [
    { head: m.requests, cell: (g) => count(g.requests) },
    { head: m.share, cell: (g) => requestShare(g, t) },
    { head: m.pageViews, cell: (g) => count(g.page_views) },
    { head: m.users, cell: (g) => count(g.users) },
    { head: m.newUsers, cell: (g) => count(g.new_users) },
    { head: m.sessions, cell: (g) => count(g.sessions) },
    { head: m.dwell, cell: (g) => ctx.s.duration(g.avg_dwell_seconds) },
    { head: m.tokens, cell: (g) => count(g.tokens) },
    { head: m.cost, cell: (g) => money(g.cost) },
  ];
}

/** The service columns: requests, latency percentiles, TTFT p95, speed, error and cache-hit rates, satisfaction. */
export function serviceColumns(ctx: ReportContext): Column<AnalyticsGroup>[] {
  const m = ctx.s.metric;
  return [
    { head: m.requests, cell: (g) => count(g.requests) },
    { head: `${m.latency} ${m.p50}`, cell: (g) => ms(g.latency_ms.p50) },
    { head: `${m.latency} ${m.p95}`, cell: (g) => ms(g.latency_ms.p95) },
    { head: `${m.latency} ${m.p99}`, cell: (g) => ms(g.latency_ms.p99) },
    { head: `${m.ttft} ${m.p95}`, cell: (g) => ms(g.ttft_ms.p95) },
    { head: m.tps, cell: (g) => formatNumber(g.tokens_per_second, 1) },
    { head: m.errorRate, cell: (g) => formatPercent(g.error_rate) },
    { head: m.cacheHitRate, cell: (g) => formatPercent(g.cache_hit_rate) },
    { head: m.satisfaction, cell: (g) => formatNumber(g.satisfaction, 1) },
  ];
}
