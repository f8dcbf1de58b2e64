import { formatDateTime, formatNumber } from '../eval/report-format.js';
import { factsSection, reportPage } from '../eval/report-page.js';
import type { AnalyticsReport } from './analytics-report.js';
import type { AnalyticsFilters, RollupDimension } from './analytics-store.js';
import { grainName, type ReportContext } from './report-html-parts.js';
import { summarySection, whatSection, whoSection } from './report-html-sections.js';
import { usageReportStrings, type UsageReportLang, type UsageReportStrings } from './report-html-strings.js';
import { USAGE_REPORT_CSS } from './report-html-style.js';
import { howMuchSection, modelsSection, whenSection } from './report-html-usage.js';

/** Options of the HTML report. */
export interface UsageReportHtmlOptions {
  /** The workspace's display name (the report names only its id). */
  workspaceName?: string;
}

/** A period bound (ISO) as `YYYY-MM-DD HH:mm` in the report's zone. */
function when(iso: string, zone: string): string {
  return formatDateTime(iso, zone).slice(0, 16);
}

/** The filters as `模型=qwen-max, 地区=华东`, or the word for none. */
export function filtersText(filters: AnalyticsFilters, s: UsageReportStrings): string {
  const entries = Object.entries(filters).filter(([, v]) => typeof v === 'string');
  if (entries.length === 0) return s.facts.none;
  return entries.map(([k, v]) => `${s.dims[k as RollupDimension] ?? k}=${v as string}`).join(', ');
}

function facts(ctx: ReportContext, opts: UsageReportHtmlOptions): string {
  const { s, report } = ctx;
  const zone = report.period.time_zone;
  const workspace =
    report.workspace === null
      ? s.facts.allWorkspaces
      : opts.workspaceName && opts.workspaceName !== report.workspace
        ? `${opts.workspaceName} (${report.workspace})`
        : report.workspace;
  const rows: [string, string][] = [
    [s.facts.period, `${when(report.period.from, zone)} – ${when(report.period.to, zone)}`],
    [s.facts.timeZone, zone],
    [s.facts.workspace, workspace],
    [s.facts.filters, filtersText(report.filters, s)],
    [s.facts.rows, formatNumber(report.rows)],
    [s.facts.grain, grainName(ctx)],
    [s.facts.generated, formatDateTime(report.generated_at, zone)],
  ];
  return factsSection(s.facts.heading, rows, ' data-section="facts"');
}

/**
 * The usage report as ONE standalone HTML file: inline CSS, inline SVG charts drawn here, no script and
 * no external request (opens offline, prints well). Sections: summary, who (users, new users,
 * segments), what for (top three scenarios, interest clouds), when (24 h × 60 min activity, day-of-week
 * × hour heatmap, trend), how much (tokens, cost, latency, TTFT, error and cache-hit rates,
 * satisfaction) and which model holds users longest. Every figure says its period, zone, filters and
 * row count; every string from the data is HTML-escaped. Words in `lang` (zh, the default, or en).
 */
export function reportHtml(report: AnalyticsReport, lang: UsageReportLang = 'zh', opts: UsageReportHtmlOptions = {}): string {
  const s = usageReportStrings(lang);
  const zone = report.period.time_zone;
  const period = `${when(report.period.from, zone)} – ${when(report.period.to, zone)}`;
  const ctx: ReportContext = {
    report,
    s,
    lang,
    caption: s.caption(period, zone, filtersText(report.filters, s), formatNumber(report.rows)),
  };
  return reportPage({
    htmlLang: s.htmlLang,
    title: `${s.title} ${period}`,
    css: USAGE_REPORT_CSS,
    heading: s.title,
    subtitle: s.subtitle(when(report.period.from, zone), when(report.period.to, zone), zone),
    sections: [
      facts(ctx, opts),
      summarySection(ctx),
      whoSection(ctx),
      whatSection(ctx),
      whenSection(ctx),
      howMuchSection(ctx),
      modelsSection(ctx),
    ],
    footer: s.footer(formatDateTime(report.generated_at, zone)),
  });
}
