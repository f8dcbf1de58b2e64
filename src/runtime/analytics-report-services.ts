import type { AnalyticsReport, AnalyticsReportOptions } from '../analytics/analytics-report.js';
import { AnalyticsReportJobs } from '../analytics/report-jobs.js';
import { findChromium } from '../analytics/report-pdf.js';
import type { BaimoConfig } from '../config/schema.js';
import type { JobQueue } from '../jobs/job-types.js';
import { AnalyticsReportFileRepository } from '../store/analytics-report-file-repository.js';
import type { OpenedDatabase } from '../store/open-database.js';
import type { TenancyRepository } from '../store/tenancy-repository.js';

/** Usage reports as files (issue 20): the `analytics.report` job, its files, and rendering in-process. */
export interface AnalyticsReportServices {
  /** Report files: `start` (an `analytics.report` job), `job`, `file`, and `build` for the CLI. */
  analyticsReports: AnalyticsReportJobs;
}

export interface AnalyticsReportServiceDeps {
  config: BaimoConfig;
  database: OpenedDatabase;
  tenancy: TenancyRepository;
  jobs: JobQueue;
  /** The report of the options (the analytics service's). */
  report(opts: AnalyticsReportOptions): Promise<AnalyticsReport>;
}

/**
 * Registers `analytics.report` on the `analytics` queue and builds the report-file service: files in
 * `analytics_report_files` (every replica reads them), PDF through the Chromium of
 * `analytics.chromium_path` or PATH (looked up each time one is asked for, so installing it needs no restart).
 */
export function createAnalyticsReportServices(d: AnalyticsReportServiceDeps): AnalyticsReportServices {
  const analytics = d.config.analytics;
  return {
    analyticsReports: new AnalyticsReportJobs({
      jobs: d.jobs,
      files: new AnalyticsReportFileRepository(d.database.db),
      report: (opts) => d.report(opts),
      workspaceName: async (id) => (await d.tenancy.workspace(id))?.name,
      chromium: () => findChromium(analytics.chromium_path),
      chromiumConfigured: analytics.chromium_path,
      keepDays: () => analytics.report_keep_days,
    }),
  };
}
