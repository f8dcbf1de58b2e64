import { escapeHtml } from '../eval/html-escape.js';
import { formatNumber, formatPercent } from '../eval/report-format.js';
import type { AnalyticsGroup } from './analytics-report.js';
import {
  count,
  figure,
  groupLabel,
  groupTable,
  kpis,
  money,
  requestShare,
  section,
  usageColumns,
  type Column,
  type ReportContext,
} from './report-html-parts.js';
import { topicsPart } from './report-html-topics.js';
import { barChartSvg } from './report-svg-charts.js';

/** Rows of a group table or bar chart shown at most (the CSV and JSON have them all). */
export const MAX_ROWS = 20;

/** Summary: the period's totals as cards. */
export function summarySection(ctx: ReportContext): string {
  const { s } = ctx;
  const t = ctx.report.totals;
  const m = s.metric;
  const cards = kpis([
    [m.requests, count(t.requests)],
    [m.pageViews, count(t.page_views)],
    [m.users, count(t.users)],
    [m.newUsers, count(t.new_users)],
    [m.sessions, count(t.sessions)],
    [m.dwell, s.duration(t.avg_dwell_seconds)],
    [m.turns, formatNumber(t.turns_per_session, 2)],
    [m.tokens, count(t.tokens)],
    [m.cost, money(t.cost)],
    [m.errorRate, formatPercent(t.error_rate)],
  ]);
  return section(ctx, 'summary', figure(ctx, null, cards, 'totals'));
}

/** Who: users and new users, the segments (industry, region, user group), workspaces and keys. */
export function whoSection(ctx: ReportContext): string {
  const { s, report } = ctx;
  const m = s.metric;
  const t = report.totals;
  const parts = [
    figure(
      ctx,
      null,
      kpis([
        [m.users, count(t.users)],
        [m.newUsers, count(t.new_users)],
        [m.sessions, count(t.sessions)],
        [m.pageViews, count(t.page_views)],
      ]),
      'users',
    ),
    `<h3>${escapeHtml(s.segmentsHeading)}</h3>`,
  ];
  for (const dim of ['industry', 'region', 'user_group'] as const) {
    const groups = report.by_segment[dim].slice(0, MAX_ROWS);
    const chart = barChartSvg(
      groups.map((g) => ({
        label: groupLabel(g, dim, s),
        value: g.users,
        text: `${count(g.users)} ${m.users} · ${count(g.requests)} ${m.requests} (${requestShare(g, t)})`,
      })),
      { ariaLabel: `${s.dims[dim]}: ${m.users}`, empty: s.empty },
    );
    parts.push(figure(ctx, s.dims[dim], chart, `segment segment-${dim}`));
  }
  const small: Column<AnalyticsGroup>[] = usageColumns(ctx).filter((c) => c.head !== m.tokens);
  if (report.workspace === null && report.by_workspace.length > 0)
    parts.push(figure(ctx, s.workspacesHeading, groupTable(ctx, report.by_workspace.slice(0, MAX_ROWS), 'workspace', small)));
  parts.push(figure(ctx, s.keysHeading, groupTable(ctx, report.by_key.slice(0, MAX_ROWS), 'key', small)));
  return section(ctx, 'who', parts.join(''));
}

/** What for: the top three scenarios, the scenario distribution, then the topics (interest clouds). */
export function whatSection(ctx: ReportContext): string {
  const { s, report } = ctx;
  const t = report.totals;
  const scenarios = report.by_scenario.slice(0, MAX_ROWS);
  const top = scenarios.slice(0, 3);
  const topList = top.length
    ? `<ol class="top-three">${top
        .map(
          (g) =>
            `<li><span class="top-name">${escapeHtml(groupLabel(g, 'scenario', s))}</span> <span class="top-share">${escapeHtml(
              requestShare(g, t),
            )}</span> <span class="note">${escapeHtml(`${count(g.requests)} ${s.metric.requests}`)}</span></li>`,
        )
        .join('')}</ol>`
    : `<p class="note empty">${escapeHtml(s.topThreeNone)}</p>`;
  const chart = barChartSvg(
    scenarios.map((g, i) => ({
      label: groupLabel(g, 'scenario', s),
      value: g.requests,
      text: `${count(g.requests)} (${requestShare(g, t)})`,
      highlight: i < 3,
    })),
    { ariaLabel: `${s.scenariosHeading}: ${s.metric.requests}`, empty: s.empty },
  );
  return section(
    ctx,
    'what',
    [
      figure(ctx, s.topThree, topList, 'top-scenarios'),
      figure(ctx, s.scenariosHeading, chart, 'scenarios'),
      figure(ctx, null, groupTable(ctx, scenarios, 'scenario', usageColumns(ctx))),
      topicsPart(ctx),
    ].join(''),
  );
}
