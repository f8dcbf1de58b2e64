import type { AnalyticsReport } from './analytics-report.js';
import { reportCsv } from './report-csv.js';
import { reportHtml } from './report-html.js';
import type { UsageReportLang } from './report-html-strings.js';
import { htmlToPdf, PdfUnavailableError, pdfUnavailableMessage } from './report-pdf.js';
import { TimeBuckets } from './time-buckets.js';

/** The formats a usage report is written in. */
export const REPORT_FILE_FORMATS = ['html', 'csv', 'json', 'pdf'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

/** Each format's content type and file extension. */
export const REPORT_FILE_TYPES: Record<ReportFileFormat, { type: string; ext: string }> = {
  html: { type: 'text/html; charset=utf-8', ext: 'html' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
  pdf: { type: 'application/pdf', ext: 'pdf' },
};

/** The largest report file kept (the job fails beyond it: report on a shorter period or fewer rows). */
export const MAX_REPORT_FILE_BYTES = 20 * 1024 * 1024;

/** A rendered report. */
export interface ReportFile {
  format: ReportFileFormat;
  bytes: Buffer;
  contentType: string;
  /** `report-<first day>-<last day>.<ext>`, days of the report's zone: ASCII only. */
  filename: string;
}

export interface RenderOptions {
  lang: UsageReportLang;
  workspaceName?: string;
  /** The browser for PDF (null: none here, a PDF is a {@link PdfUnavailableError}); `configured` names it in the message. */
  chromium?: string | null;
  configured?: string;
  pdfTimeoutMs?: number;
  signal?: AbortSignal;
}

/** The report's first and last local day (`to` is exclusive) as `report-2026-12-01-2026-12-07.<ext>`. */
export function reportFileName(report: Pick<AnalyticsReport, 'period'>, ext: string): string {
  const { from, to, time_zone } = report.period;
  const buckets = TimeBuckets.of(time_zone);
  const day = (ts: number) => buckets.label(buckets.start(ts, 'day'), 'day').replace(/[^0-9-]/g, '');
  const start = Date.parse(from);
  const end = Math.max(start, Date.parse(to) - 1);
  return `report-${day(start)}-${day(end)}.${ext}`;
}

/**
 * The report as a file of `format`: the standalone HTML, the CSV of its tables (UTF-8 with a BOM),
 * the JSON contract, or the HTML printed to PDF by headless Chromium (a {@link PdfUnavailableError}
 * when there is none).
 */
export async function renderReportFile(report: AnalyticsReport, format: ReportFileFormat, opts: RenderOptions): Promise<ReportFile> {
  const { type, ext } = REPORT_FILE_TYPES[format];
  const filename = reportFileName(report, ext);
  let bytes: Buffer;
  if (format === 'json') bytes = Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === 'csv') bytes = Buffer.from(reportCsv(report, opts.lang));
  else {
    const html = reportHtml(report, opts.lang, { workspaceName: opts.workspaceName });
    if (format === 'html') bytes = Buffer.from(html);
    else {
      if (!opts.chromium) throw new PdfUnavailableError(pdfUnavailableMessage(opts.configured));
      bytes = await htmlToPdf(html, { chromium: opts.chromium, timeoutMs: opts.pdfTimeoutMs, signal: opts.signal });
    }
  }
  return { format, bytes, contentType: type, filename };
}
