import { z } from 'zod';
import { PermanentJobError, type JobContext, type JobQueue, type JobRecord } from '../jobs/job-types.js';
import type { AnalyticsReport, AnalyticsReportOptions } from './analytics-report.js';
import { FILTER_NAMES, type AnalyticsFilters } from './analytics-store.js';
import { MAX_REPORT_FILE_BYTES, REPORT_FILE_FORMATS, renderReportFile, type ReportFile } from './report-file.js';
import { MAX_REPORT_LIMIT, ReportOptionError, SERIES_GRAINS } from './report-options.js';
import { PdfUnavailableError } from './report-pdf.js';
import { MAX_REPORT_FILTER_LENGTH } from './usage-report.js';

/** The queue of analytics work (`baimo worker --queues analytics`). */
export const ANALYTICS_QUEUE = 'analytics';
export const ANALYTICS_REPORT_JOB = 'analytics.report';
const DAY = 86_400_000;

/** What `analytics.report` takes: the period (epoch ms, resolved by the caller), zone, filters, format and language. */
export const reportJobInput = z
  .object({
    from: z.number().int().min(0).max(8.64e15),
    to: z.number().int().min(0).max(8.64e15),
    tz: z.string().min(1).max(64),
    /** The workspace reported on; absent: the whole instance (instance administrators). */
    workspace_id: z.string().min(1).max(256).optional(),
    filters: z.partialRecord(z.enum(FILTER_NAMES), z.string().min(1).max(MAX_REPORT_FILTER_LENGTH)).default({}),
    grain: z.enum(SERIES_GRAINS as ['minute', 'hour', 'day', 'week', 'month']).optional(),
    limit: z.number().int().min(1).max(MAX_REPORT_LIMIT).optional(),
    format: z.enum(REPORT_FILE_FORMATS),
    lang: z.enum(['zh', 'en']).default('zh'),
  })
  .strict();
export type ReportJobInput = z.infer<typeof reportJobInput>;

/** What a finished job returns (its `result`): the file's name, type and size, and the rows it came from. */
export interface ReportJobResult {
  format: string;
  filename: string;
  content_type: string;
  size: number;
  rows: number;
}

/** Where the files go (src/store/analytics-report-file-repository.ts). */
export interface ReportFileStore {
  put(row: {
    id: string;
    workspace_id: string | null;
    format: string;
    filename: string;
    content_type: string;
    bytes: Buffer;
    created_at: number;
  }): Promise<void>;
  purgeBefore(before: number): Promise<number>;
}

export interface ReportJobDeps {
  /** The report of the options (AnalyticsService.report). */
  report(opts: AnalyticsReportOptions): Promise<AnalyticsReport>;
  files: ReportFileStore;
  /** A workspace's display name, for the HTML's facts. */
  workspaceName?(id: string): Promise<string | undefined>;
  /** The browser for PDF, looked up when a PDF is made (null: none). */
  chromium(): string | null;
  /** `analytics.chromium_path` as configured (named in the error when it is not a browser). */
  chromiumConfigured?: string;
  /** Days a file is kept. */
  keepDays(): number;
  now?: () => number;
}

/** The report options of a job's input. */
export function reportOptionsOf(input: ReportJobInput): AnalyticsReportOptions {
  return {
    from: input.from,
    to: input.to,
    timeZone: input.tz,
    workspaceId: input.workspace_id,
    filters: input.filters as AnalyticsFilters,
    grain: input.grain,
    limit: input.limit,
  };
}

/** Reads the report of `input` and renders it (what the job does before it stores the file; the CLI calls it directly). */
export async function buildReportFile(
  deps: ReportJobDeps,
  input: ReportJobInput,
  signal?: AbortSignal,
): Promise<{ file: ReportFile; rows: number }> {
  const report = await deps.report(reportOptionsOf(input));
  const workspaceName = report.workspace && deps.workspaceName ? await deps.workspaceName(report.workspace) : undefined;
  const file = await renderReportFile(report, input.format, {
    lang: input.lang,
    workspaceName,
    chromium: input.format === 'pdf' ? deps.chromium() : null,
    configured: deps.chromiumConfigured,
    signal,
  });
  if (file.bytes.byteLength > MAX_REPORT_FILE_BYTES)
    throw new PermanentJobError(
      `The report file is larger than ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MiB: report on a shorter period, with filters, or fewer rows (limit).`,
    );
  return { file, rows: report.rows };
}

async function runReportJob(deps: ReportJobDeps, ctx: JobContext<ReportJobInput>): Promise<ReportJobResult> {
  const now = deps.now ?? Date.now;
  ctx.progress(0.1, 'reading');
  let built: { file: ReportFile; rows: number };
  try {
    built = await buildReportFile(deps, ctx.input, ctx.signal);
  } catch (err) {
    // Bad options or no browser: another attempt cannot help.
    if (err instanceof ReportOptionError || err instanceof PdfUnavailableError) throw new PermanentJobError(err.message);
    throw err;
  }
  ctx.progress(0.9, 'storing');
  const { file } = built;
  await deps.files.put({
    id: ctx.id,
    workspace_id: ctx.workspaceId,
    format: file.format,
    filename: file.filename,
    content_type: file.contentType,
    bytes: file.bytes,
    created_at: now(),
  });
  // Old files go as new ones come (any replica may; deleting twice is harmless).
  await deps.files.purgeBefore(now() - deps.keepDays() * DAY).catch(() => undefined);
  return { format: file.format, filename: file.filename, content_type: file.contentType, size: file.bytes.byteLength, rows: built.rows };
}

export const ANALYTICS_REPORT_PURGE_JOB = 'analytics.report_purge';
/** How often the report files past `analytics.report_keep_days` are deleted (besides after each new report). */
const PURGE_EVERY_MS = 6 * 3_600_000;

/**
 * Registers `analytics.report` on the `analytics` queue (one job per report file, input
 * {@link reportJobInput}) and `analytics.report_purge`, which deletes the files past their days every
 * six hours (once per period for the whole cluster) while processes work the queue.
 */
export function registerReportJob(jobs: JobQueue, deps: ReportJobDeps): void {
  const now = deps.now ?? Date.now;
  jobs.register<Record<string, never>, { deleted: number }>({
    queue: ANALYTICS_QUEUE,
    name: ANALYTICS_REPORT_PURGE_JOB,
    maxAttempts: 2,
    backoffMs: 60_000,
    handler: async () => ({ deleted: await deps.files.purgeBefore(now() - deps.keepDays() * DAY) }),
  });
  jobs.schedule({ name: ANALYTICS_REPORT_PURGE_JOB, everyMs: PURGE_EVERY_MS, firstDelayMs: 60_000 });
  jobs.register<ReportJobInput, ReportJobResult>({
    queue: ANALYTICS_QUEUE,
    name: ANALYTICS_REPORT_JOB,
    maxAttempts: 2,
    backoffMs: 2_000,
    timeoutMs: 10 * 60_000,
    input: reportJobInput,
    handler: (ctx) => runReportJob(deps, ctx),
  });
}

/** Whether a job is a report job (the report routes see only those). */
export function isReportJob(job: JobRecord | undefined): job is JobRecord {
  return job?.name === ANALYTICS_REPORT_JOB;
}
