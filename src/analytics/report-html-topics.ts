import { escapeHtml } from '../eval/html-escape.js';
import { formatPercent } from '../eval/report-format.js';
import type { ReportTopics } from './analytics-report.js';
import { count, figure, money, type ReportContext } from './report-html-parts.js';
import { barChartSvg } from './report-svg-charts.js';
import type { TopicGroupShares } from './topic-counts.js';

/** Groups (models, segment values, buckets) shown at most, and labels per cloud. */
const MAX_CLOUDS = 12;
const MAX_CLOUD_WORDS = 15;

/** A label id's display name in the report's language (the id itself when the taxonomy no longer has it). */
function labelName(topics: ReportTopics, id: string, lang: 'zh' | 'en'): string {
  const l = topics.labels.find((x) => x.id === id);
  return l ? l[lang] : id;
}

/**
 * One group's interest cloud: its labels as words sized by share (largest 2.2×), in HTML so they
 * wrap and print; each word's share in its tooltip.
 */
function cloud(ctx: ReportContext, topics: ReportTopics, g: TopicGroupShares, groupName: string): string {
  const shares = g.shares.slice(0, MAX_CLOUD_WORDS);
  const top = Math.max(0, ...shares.map((s) => s.share));
  const words = shares
    .map((s) => {
      const size = top > 0 ? 0.85 + 1.35 * (s.share / top) : 1;
      const name = labelName(topics, s.label, ctx.lang);
      return `<span class="word" style="font-size:${size.toFixed(2)}em" title="${escapeHtml(`${name}: ${formatPercent(s.share)} (${count(s.count)})`)}">${escapeHtml(name)}</span>`;
    })
    .join(' ');
  return `<div class="cloud" data-group="${escapeHtml(g.group)}"><div class="cloud-name">${escapeHtml(groupName)} <span class="note">${escapeHtml(
    count(g.total),
  )}</span></div><div class="words">${words || escapeHtml(ctx.s.empty)}</div></div>`;
}

function clouds(ctx: ReportContext, topics: ReportTopics, groups: readonly TopicGroupShares[]): string {
  const shown = groups.filter((g) => g.total > 0).slice(0, MAX_CLOUDS);
  if (shown.length === 0) return `<p class="note empty">${escapeHtml(ctx.s.empty)}</p>`;
  return `<div class="clouds">${shown.map((g) => cloud(ctx, topics, g, g.group || ctx.s.noValue)).join('')}</div>`;
}

/** Buckets of the shift table shown at most (the latest). */
const MAX_SHIFT_ROWS = 24;

/** How interests shift: per series bucket (latest {@link MAX_SHIFT_ROWS} with classified requests), its top three labels. */
function shiftTable(ctx: ReportContext, topics: ReportTopics): string {
  const rows = topics.over_time.filter((g) => g.total > 0).slice(-MAX_SHIFT_ROWS);
  if (rows.length === 0) return `<p class="note empty">${escapeHtml(ctx.s.empty)}</p>`;
  const body = rows
    .map((g) => {
      const top = g.shares
        .slice(0, 3)
        .map((x) => `${labelName(topics, x.label, ctx.lang)} ${formatPercent(x.share)}`)
        .join(' · ');
      // The bucket's local start (`2026-12-07T00:00:00+08:00` → `2026-12-07 00:00`).
      return `<tr><th>${escapeHtml(g.group.slice(0, 16).replace('T', ' '))}</th><td class="num">${escapeHtml(count(g.total))}</td><td>${escapeHtml(top)}</td></tr>`;
    })
    .join('');
  const { s } = ctx;
  return `<div class="table-wrap"><table class="groups shift"><thead><tr><th>${escapeHtml(s.topics.bucket)}</th><th class="num">${escapeHtml(
    s.topics.classifiedCol,
  )}</th><th>${escapeHtml(s.topics.top)}</th></tr></thead><tbody>${body}</tbody></table></div>`;
}

/**
 * What people use the models for: the top tasks (shares of the classified requests), the interest
 * cloud of each model and of each segment value, how the top tasks shift over the series' buckets,
 * and what classifying cost; a note when topic
 * classification is off.
 */
export function topicsPart(ctx: ReportContext): string {
  const { s } = ctx;
  const topics = ctx.report.topics;
  if (!topics) return `<h3>${escapeHtml(s.topics.heading)}</h3><p class="note topics-off">${escapeHtml(s.topics.off)}</p>`;
  const bars = barChartSvg(
    topics.top.slice(0, 15).map((t, i) => ({
      label: labelName(topics, t.label, ctx.lang),
      value: t.count,
      text: `${formatPercent(t.share)} (${count(t.count)})`,
      highlight: i < 3,
    })),
    { ariaLabel: s.topics.top, empty: s.empty },
  );
  const segments = (['industry', 'region', 'user_group'] as const)
    .filter((d) => topics.by_segment[d].some((g) => g.total > 0))
    .map((d) => `<h4>${escapeHtml(s.dims[d])}</h4>${clouds(ctx, topics, topics.by_segment[d])}`)
    .join('');
  return [
    `<h3>${escapeHtml(s.topics.heading)}</h3>`,
    `<p class="note">${escapeHtml(s.topics.classified(count(topics.classified), formatPercent(topics.sample_rate, 0)))}</p>`,
    figure(ctx, s.topics.top, bars, 'topics-top'),
    figure(ctx, s.topics.cloud, clouds(ctx, topics, topics.by_model), 'topics-models'),
    segments ? figure(ctx, s.topics.segments, segments, 'topics-segments') : '',
    figure(ctx, s.topics.shift, shiftTable(ctx, topics), 'topics-shift'),
    `<p class="note">${escapeHtml(s.topics.classifierCost(money(topics.classifier_cost)))}</p>`,
  ].join('');
}
