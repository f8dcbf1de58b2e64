import { isValidTimeZone } from '../core/wall-clock.js';
import type { RunReport } from './eval-types.js';
import { escapeHtml } from './html-escape.js';
import { DEFAULT_REPORT_TIME_ZONE, formatDateTime, formatNumber } from './report-format.js';
import { leaderboardTable } from './report-html-leaderboard.js';
import { errorSection, mcqSections, safetySection } from './report-html-sections.js';
import { REPORT_CSS } from './report-html-style.js';
import { factsSection, reportPage } from './report-page.js';
import { reportStrings, type ReportLang, type ReportStrings } from './report-strings.js';
import { scatterSvg } from './report-scatter.js';

/** Options of the HTML report. */
export interface ReportHtmlOptions {
  /** IANA time zone of the dates shown (default Asia/Shanghai); an unknown one is a RangeError. */
  timeZone?: string;
}

/** The suite's name: the validated suite's, else the run's. */
function suiteName(report: RunReport): string {
  return typeof report.suite.name === 'string' && report.suite.name ? report.suite.name : report.run.name;
}

function facts(report: RunReport, s: ReportStrings, timeZone: string): string {
  const run = report.run;
  const date = (iso: string | null) => formatDateTime(iso, timeZone);
  const rows: [string, string][] = [
    [s.facts.suite, suiteName(report)],
    [s.facts.type, s.typeNames[run.type] ?? run.type],
    [s.facts.dataset, `${run.dataset.name}@${run.dataset.version}`],
    [s.facts.models, run.models.join(', ')],
    [s.facts.status, s.statusNames[run.status] ?? run.status],
    [s.facts.items, s.facts.itemsValue(run.done_items, run.total_items, run.error_items)],
    [s.facts.created, date(run.created_at)],
    [s.facts.started, date(run.started_at)],
    [s.facts.finished, date(run.finished_at)],
    [s.facts.generated, date(report.generated_at)],
    [s.facts.timeZone, timeZone],
    [s.facts.usdCny, formatNumber(report.usd_cny, 4)],
    [s.facts.runId, run.id],
  ];
  return factsSection(s.facts.heading, rows);
}

/**
 * The 含金量 report of a run as ONE standalone HTML file: inline CSS, no script, no external request
 * (works offline, prints well). Title and run facts (dates in `options.timeZone`, Asia/Shanghai by
 * default), the leaderboard (best values highlighted, Pareto models starred), the quality-vs-cost
 * scatter as inline SVG with the Pareto front, MCQ heat grids (models × groups, subjects × models),
 * the safety verdicts (合格/不合格 per check and risk), and the error summary. Every string from the
 * data is HTML-escaped. Words in `lang` (zh or en).
 */
export function reportHtml(report: RunReport, lang: ReportLang, options: ReportHtmlOptions = {}): string {
  const s = reportStrings(lang);
  const timeZone = options.timeZone ?? DEFAULT_REPORT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) throw new RangeError(`reportHtml: unknown time zone ${JSON.stringify(timeZone)}`);
  const title = s.title(suiteName(report));
  const type = report.run.type;
  const scatter = scatterSvg(
    report.results.map((r) => ({
      label: r.model,
      cost: r.cost_per_1k_cny,
      score: type === 'mcq' ? (r.accuracy ?? r.score) : r.score,
      pareto: r.pareto,
    })),
    { ...s.scatter, yAxis: s.scoreNames[type] ?? s.col.score },
  );
  return reportPage({
    htmlLang: s.htmlLang,
    title,
    css: REPORT_CSS,
    heading: title,
    subtitle: `${s.typeNames[type] ?? type} · ${report.run.dataset.name}@${report.run.dataset.version} · ${formatDateTime(report.run.finished_at ?? report.run.created_at, timeZone)}`,
    sections: [
      facts(report, s, timeZone),
      `<section class="leaderboard"><h2>${escapeHtml(s.leaderboardHeading)}</h2><div class="table-wrap">${leaderboardTable(report, s)}</div></section>`,
      `<section class="scatter"><h2>${escapeHtml(s.scatter.heading)}</h2>${scatter}</section>`,
      mcqSections(report, lang, s),
      safetySection(report, s),
      errorSection(report, s),
    ],
    footer: s.footer(formatDateTime(report.generated_at, timeZone)),
  });
}
