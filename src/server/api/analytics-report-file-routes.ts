import { z } from 'zod';
import { REPORT_FILE_FORMATS } from '../../analytics/report-file.js';
import { ReportOptionError } from '../../analytics/report-options.js';
import { PdfUnavailableError } from '../../analytics/report-pdf.js';
import { gatewayError } from '../../core/error-codes.js';
import { badRequest } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import { JobInputError, JOB_STATUSES, type JobRecord } from '../../jobs/job-types.js';
import { reportOptionsOf } from './analytics-routes.js';
import { reportQuery } from './analytics-report-schema.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { REPORT_CSP } from './eval-report-routes.js';
import { allows, isInstanceAdmin, type Principal } from './principal.js';
import { iso } from './views.js';

const reportBody = reportQuery.extend({
  format: z
    .enum(REPORT_FILE_FORMATS)
    .describe(
      'html: one standalone file (inline SVG charts); csv: the tables; json: the report; pdf: the HTML printed by headless Chromium',
    ),
  lang: z.enum(['zh', 'en']).default('zh').describe('The words of the HTML, PDF and CSV'),
});

/** A report job as the API shows it. */
const reportJobView = z.object({
  id: z.string().describe('The job id (job_…)'),
  object: z.literal('analytics.report'),
  status: z.enum(JOB_STATUSES),
  /** 0..1. */
  progress: z.number(),
  progress_message: z.string().nullable(),
  format: z.string(),
  lang: z.string(),
  period: z.object({ from: z.string(), to: z.string(), time_zone: z.string() }),
  /** null: the whole instance (instance administrators). */
  workspace_id: z.string().nullable(),
  filters: z.record(z.string(), z.string()),
  /** Why the job failed. */
  error: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  /** Once it succeeded: the file's name, type and size, and where to download it. */
  file: z.object({ filename: z.string(), content_type: z.string(), size: z.number(), rows: z.number(), url: z.string() }).nullable(),
});

interface Input {
  from: number;
  to: number;
  tz: string;
  workspace_id?: string;
  filters?: Record<string, string>;
  format: string;
  lang: string;
}

function view(job: JobRecord): z.input<typeof reportJobView> {
  const input = job.input as Input;
  const result = job.status === 'succeeded' ? (job.result as { filename: string; content_type: string; size: number; rows: number }) : null;
  return {
    id: job.id,
    object: 'analytics.report',
    status: job.status,
    progress: job.progress,
    progress_message: job.progressMessage,
    format: input.format,
    lang: input.lang,
    period: { from: iso(input.from)!, to: iso(input.to)!, time_zone: input.tz },
    workspace_id: job.workspaceId,
    filters: input.filters ?? {},
    error: job.error,
    created_by: job.createdBy,
    created_at: iso(job.createdAt)!,
    finished_at: iso(job.finishedAt),
    file: result
      ? {
          filename: result.filename,
          content_type: result.content_type,
          size: result.size,
          rows: result.rows,
          url: `/api/analytics/reports/${job.id}/file`,
        }
      : null,
  };
}

const actorOf = (p: Principal): string => (p.kind === 'user' ? p.user.id : p.kind === 'admin' ? 'admin' : p.key.id);

/** Who sees a report job: instance administrators all; members the jobs of their workspaces; a key the jobs it made. */
function sees(p: Principal, job: JobRecord): boolean {
  if (isInstanceAdmin(p)) return true;
  if (p.kind === 'key') return job.createdBy === p.key.id;
  return job.workspaceId !== null && allows(p, job.workspaceId, 'read');
}

const notFoundReport = () =>
  gatewayError('report_not_found', 'No usage report with that id (or its file was deleted after analytics.report_keep_days).');

/** `attachment` with the file's ASCII name (the job makes only `report-<day>-<day>.<ext>`; anything else becomes `_`). */
export function fileDisposition(filename: string): string {
  const ascii =
    filename
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 120) || 'report';
  return `attachment; filename="${ascii}"`;
}

/**
 * Usage reports as files (HTML, CSV, JSON, PDF) made by `analytics.report` jobs: start one (202 and the
 * job to poll), read its status, download its file. Scoped like `GET /api/analytics/report`: a
 * workspace the caller may read, the whole instance for instance administrators, a key its own traffic.
 */
export function registerAnalyticsReportFileRoutes(c: ApiContext): void {
  const idParams = z.object({ id: z.string().min(1).max(LIMITS.id).describe('The report job id (job_…)') });
  const visibleJob = async (p: Principal, id: string): Promise<JobRecord> => {
    const job = await c.rt.analyticsReports.job(id);
    if (!job || !sees(p, job)) throw notFoundReport();
    return job;
  };

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/analytics/reports',
    summary:
      'Make the usage report of a period as a file (html, csv, json or pdf) in the background: answers 202 with the job; poll it, then download its file',
    tag: 'analytics',
    body: reportBody,
    response: reportJobView,
    status: 202,
    handler: async ({ principal, body }) => {
      const opts = reportOptionsOf(principal, body, c.rt.analytics.timeZone, Date.now());
      let resolved;
      try {
        resolved = c.rt.analytics.resolve(opts);
      } catch (err) {
        if (err instanceof ReportOptionError) throw badRequest(err.message, err.param, 'invalid_value');
        throw err;
      }
      try {
        const job = await c.rt.analyticsReports.start(
          {
            from: resolved.from,
            to: resolved.to,
            tz: resolved.timeZone,
            ...(resolved.workspaceId !== undefined ? { workspace_id: resolved.workspaceId } : {}),
            filters: resolved.filters as Record<string, string>,
            ...(body.grain ? { grain: body.grain } : {}),
            ...(body.limit ? { limit: body.limit } : {}),
            format: body.format,
            lang: body.lang,
          },
          { workspaceId: resolved.workspaceId ?? null, createdBy: actorOf(principal) },
        );
        return view(job);
      } catch (err) {
        if (err instanceof PdfUnavailableError) throw gatewayError('pdf_unavailable', err.message, { param: 'format' });
        if (err instanceof JobInputError) throw badRequest(err.message, err.param, 'invalid_value');
        throw err;
      }
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/analytics/reports/:id',
    summary: 'A usage report job: status, progress, and once it succeeded its file (name, type, size, download URL)',
    tag: 'analytics',
    params: idParams,
    response: reportJobView,
    handler: async ({ principal, params }) => view(await visibleJob(principal, params.id)),
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/analytics/reports/:id/file',
    summary: "A usage report job's file (409 report_not_ready until the job succeeded; 404 once deleted after analytics.report_keep_days)",
    tag: 'analytics',
    params: idParams,
    response: z.string().describe('The report: text/html, text/csv, application/json or application/pdf'),
    responseTypes: ['text/html; charset=utf-8', 'text/csv; charset=utf-8', 'application/json; charset=utf-8', 'application/pdf'],
    handler: async ({ principal, params, reply }) => {
      const job = await visibleJob(principal, params.id);
      if (job.status !== 'succeeded')
        throw gatewayError(
          'report_not_ready',
          job.status === 'failed' || job.status === 'cancelled'
            ? `The report job ${job.status}${job.error ? `: ${job.error}` : ''}; start a new one.`
            : `The report is ${job.status} (${Math.round(job.progress * 100)}%); try again shortly.`,
        );
      const file = await c.rt.analyticsReports.file(job.id);
      if (!file) throw notFoundReport();
      reply
        .type(file.content_type)
        .header('content-disposition', fileDisposition(file.filename))
        .header('x-content-type-options', 'nosniff');
      if (file.format === 'html') reply.header('content-security-policy', REPORT_CSP);
      return reply.send(file.bytes);
    },
  });
}
