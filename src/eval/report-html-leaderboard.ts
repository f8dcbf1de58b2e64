import type { ModelResult, RunReport } from './eval-types.js';
import { escapeHtml } from './html-escape.js';
import { formatMoney, formatNumber, formatPercent } from './report-format.js';
import { reportHasMetrics } from './report-has-metrics.js';
import { badge, headRow, td } from './report-html-parts.js';
import type { ReportStrings } from './report-strings.js';
import { safetyPassed } from './safety-checks.js';

interface Column {
  label: string;
  html(r: ModelResult): string;
  /** The number compared for the column's best value, and which way is better. */
  value?(r: ModelResult): number | null | undefined;
  better?: 'max' | 'min';
  num?: boolean;
}

function columns(report: RunReport, s: ReportStrings): Column[] {
  const has = reportHasMetrics(report);
  const type = report.run.type;
  const pct = (f: (r: ModelResult) => number | null | undefined): Pick<Column, 'html' | 'value' | 'better' | 'num'> => ({
    html: (r) => formatPercent(f(r)),
    value: f,
    better: 'max',
    num: true,
  });
  const cols: Column[] = [
    {
      label: s.col.model,
      html: (r) => `${escapeHtml(r.model)}${r.pareto ? ` <span class="star" title="${escapeHtml(s.scatter.onFront)}">★</span>` : ''}`,
    },
    { label: s.scoreNames[type] ?? s.col.score, ...pct((r) => (type === 'mcq' ? (r.accuracy ?? r.score) : r.score)) },
  ];
  if (has.qa)
    cols.push(
      { label: s.col.exactMatch, ...pct((r) => r.metrics?.exact_match) },
      { label: s.col.f1, ...pct((r) => r.metrics?.f1) },
      { label: s.col.rougeL, ...pct((r) => r.metrics?.rouge_l) },
    );
  if (has.judge)
    cols.push({
      label: s.col.judgeScore,
      html: (r) => formatNumber(r.judge_score, 2),
      value: (r) => r.judge_score,
      better: 'max',
      num: true,
    });
  if (report.results.some((r) => r.safety))
    cols.push({ label: s.col.verdict, html: (r) => (r.safety ? badge(safetyPassed(r.safety), s) : '—') });
  const min = (f: (r: ModelResult) => number | null, html: (x: number | null) => string): Omit<Column, 'label'> => ({
    html: (r) => html(f(r)),
    value: f,
    better: 'min',
    num: true,
  });
  cols.push(
    { label: `${s.col.done} / ${s.col.items}`, html: (r) => `${formatNumber(r.done)} / ${formatNumber(r.items)}`, num: true },
    { label: s.col.errors, html: (r) => formatNumber(r.errors), num: true },
    {
      label: s.col.errorRate,
      ...min(
        (r) => r.error_rate,
        (x) => formatPercent(x),
      ),
    },
    {
      label: s.col.costCny,
      ...min(
        (r) => r.cost_cny,
        (x) => formatMoney(x, '¥'),
      ),
    },
    {
      label: s.col.costPer1kCny,
      ...min(
        (r) => r.cost_per_1k_cny,
        (x) => formatMoney(x, '¥'),
      ),
    },
    {
      label: s.col.costPer1kUsd,
      ...min(
        (r) => r.cost_per_1k_usd,
        (x) => formatMoney(x, '$'),
      ),
    },
    {
      label: s.col.p50,
      ...min(
        (r) => r.p50_ms,
        (x) => formatNumber(x),
      ),
    },
    {
      label: s.col.p95,
      ...min(
        (r) => r.p95_ms,
        (x) => formatNumber(x),
      ),
    },
    { label: s.col.tokensPerS, html: (r) => formatNumber(r.tokens_per_s, 1), value: (r) => r.tokens_per_s, better: 'max', num: true },
  );
  return cols;
}

/** The best value of a column, when at least two models differ on it (else nothing stands out). */
function best(results: readonly ModelResult[], col: Column): number | null {
  if (!col.value || !col.better) return null;
  const values = results.map((r) => col.value!(r)).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (values.length < 2 || values.every((x) => x === values[0])) return null;
  return col.better === 'max' ? Math.max(...values) : Math.min(...values);
}

/** The run's leaderboard: one row per model, the best value of each column highlighted (`class="best"`). */
export function leaderboardTable(report: RunReport, s: ReportStrings): string {
  const cols = columns(report, s);
  const bests = cols.map((c) => best(report.results, c));
  const rows = report.results.map(
    (r) =>
      `<tr${r.pareto ? ' class="on-front"' : ''}>${cols
        .map((c, i) => {
          const v = c.value?.(r);
          const isBest = bests[i] !== null && v === bests[i];
          const cls = [c.num ? 'num' : '', isBest ? 'best' : ''].filter(Boolean).join(' ');
          return td(c.html(r), cls || undefined);
        })
        .join('')}</tr>`,
  );
  return `<table class="leaderboard"><thead>${headRow(
    cols.map((c) => c.label),
    cols.map((c) => (c.num ? 'num' : undefined)),
  )}</thead><tbody>${rows.join('')}</tbody></table><p class="note">${escapeHtml(s.bestNote)}</p>`;
}
