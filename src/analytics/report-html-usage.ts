import { escapeHtml } from '../eval/html-escape.js';
import { formatNumber, formatPercent } from '../eval/report-format.js';
import type { AnalyticsGroup } from './analytics-report.js';
import {
  count,
  figure,
  groupLabel,
  grainName,
  groupTable,
  kpis,
  money,
  ms,
  section,
  serviceColumns,
  type Column,
  type ReportContext,
} from './report-html-parts.js';
import { MAX_ROWS } from './report-html-sections.js';
import { barChartSvg, heatmapSvg } from './report-svg-charts.js';
import { minuteOfDaySvg, seriesSvg } from './report-svg-time.js';

/** When: the 1,440-minute activity chart, the day-of-week × hour heatmap, requests and users over time. */
export function whenSection(ctx: ReportContext): string {
  const { s, report } = ctx;
  const grain = grainName(ctx);
  return section(
    ctx,
    'when',
    [
      figure(
        ctx,
        s.minuteOfDay.heading,
        minuteOfDaySvg(report.minute_of_day, { ariaLabel: s.minuteOfDay.heading, axis: s.minuteOfDay.axis, peak: s.minuteOfDay.peak }),
        'minute-of-day',
      ),
      figure(
        ctx,
        s.heatmap.heading,
        heatmapSvg(report.heatmap, { days: s.heatmap.days, hour: s.heatmap.hour, ariaLabel: s.heatmap.heading }),
        'heatmap',
      ),
      figure(
        ctx,
        s.series.title(grain, s.metric.requests),
        seriesSvg(report.series, {
          ariaLabel: s.metric.requests,
          empty: s.empty,
          value: (p) => p.requests,
          text: (p) => count(p.requests),
        }),
        'series series-requests',
      ),
      figure(
        ctx,
        s.series.title(grain, s.metric.users),
        seriesSvg(report.series, { ariaLabel: s.metric.users, empty: s.empty, value: (p) => p.users, text: (p) => count(p.users) }),
        'series series-users',
      ),
    ].join(''),
  );
}

/** How much: tokens, cost, latency and TTFT percentiles, speed, error and cache-hit rates, satisfaction; per model and provider. */
export function howMuchSection(ctx: ReportContext): string {
  const { s, report } = ctx;
  const t = report.totals;
  const m = s.metric;
  const usage = kpis([
    [m.tokens, count(t.tokens)],
    [m.inputTokens, count(t.input_tokens)],
    [m.outputTokens, count(t.output_tokens)],
    [m.cost, money(t.cost)],
  ]);
  const latency = kpis([
    [`${m.latency} ${m.p50}`, ms(t.latency_ms.p50)],
    [`${m.latency} ${m.p95}`, ms(t.latency_ms.p95)],
    [`${m.latency} ${m.p99}`, ms(t.latency_ms.p99)],
    [`${m.ttft} ${m.p50}`, ms(t.ttft_ms.p50)],
    [`${m.ttft} ${m.p95}`, ms(t.ttft_ms.p95)],
    [m.tps, formatNumber(t.tokens_per_second, 1)],
  ]);
  const quality = kpis([
    [m.errorRate, formatPercent(t.error_rate)],
    [m.errors, count(t.errors)],
    [m.cacheHitRate, formatPercent(t.cache_hit_rate)],
    [m.satisfaction, formatNumber(t.satisfaction, 1)],
    [m.likes, count(t.likes)],
    [m.dislikes, count(t.dislikes)],
  ]);
  const grain = grainName(ctx);
  const cost = seriesSvg(report.series, { ariaLabel: m.cost, empty: s.empty, value: (p) => p.cost, text: (p) => money(p.cost) });
  return section(
    ctx,
    'how-much',
    [
      figure(ctx, null, usage, 'usage'),
      figure(ctx, s.series.title(grain, m.cost), cost, 'series series-cost'),
      figure(ctx, s.latencyHeading, latency, 'latency'),
      figure(ctx, s.qualityHeading, quality, 'quality'),
      figure(ctx, s.byModelHeading, groupTable(ctx, report.by_model.slice(0, MAX_ROWS), 'model', serviceColumns(ctx), 'service')),
      figure(ctx, s.byProviderHeading, groupTable(ctx, report.by_provider.slice(0, MAX_ROWS), 'provider', serviceColumns(ctx), 'service')),
    ].join(''),
  );
}

const byDwell = (a: AnalyticsGroup, b: AnalyticsGroup) =>
  (b.avg_dwell_seconds ?? -1) - (a.avg_dwell_seconds ?? -1) || b.sessions - a.sessions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Which model holds users longest: models by average dwell time, compared like a traffic study. */
export function modelsSection(ctx: ReportContext): string {
  const { s, report } = ctx;
  const m = s.metric;
  const models = [...report.by_model].sort(byDwell).slice(0, MAX_ROWS);
  const chart = barChartSvg(
    models.map((g, i) => ({
      label: groupLabel(g, 'model', s),
      value: g.avg_dwell_seconds ?? 0,
      text: `${s.duration(g.avg_dwell_seconds)} · ${count(g.sessions)} ${m.sessions}`,
      highlight: i === 0 && (g.avg_dwell_seconds ?? 0) > 0,
    })),
    { ariaLabel: s.dwellChart, empty: s.empty },
  );
  const columns: Column<AnalyticsGroup>[] = [
    { head: m.pageViews, cell: (g) => count(g.page_views) },
    { head: m.sessions, cell: (g) => count(g.sessions) },
    { head: m.dwell, cell: (g) => s.duration(g.avg_dwell_seconds) },
    { head: m.turns, cell: (g) => formatNumber(g.turns_per_session, 2) },
    { head: m.users, cell: (g) => count(g.users) },
    { head: m.requests, cell: (g) => count(g.requests) },
    { head: m.cost, cell: (g) => money(g.cost) },
    { head: m.costPerSession, cell: (g) => money(g.sessions > 0 ? g.cost / g.sessions : null) },
  ];
  return section(
    ctx,
    'models',
    [
      figure(ctx, s.dwellChart, chart, 'dwell'),
      figure(ctx, s.holdHeading, `<p class="note">${escapeHtml(s.holdNote)}</p>${groupTable(ctx, models, 'model', columns, 'hold')}`),
    ].join(''),
  );
}
