import { z } from 'zod';
import { badRequest } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import { isValidTimeZone } from '../../core/wall-clock.js';
import { reportCsv } from '../../eval/report-csv.js';
import { reportHtml } from '../../eval/report-html.js';
import { reportJson } from '../../eval/report-json.js';
import { workspaceLeaderboard } from '../../eval/run-leaderboard.js';
import { SUITE_TYPES } from '../../eval/suite.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { workspaceLeaderboardSchema } from './eval-leaderboard-views.js';
import { requireEvalAccess, runNotFound, sees } from './eval-run-routes.js';
import { pickWorkspace, workspaceQuery } from './kb-access.js';

/** The report formats, their content types and file extensions. */
export const REPORT_FORMATS = {
  html: { type: 'text/html; charset=utf-8', ext: 'html' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
} as const;

/** The HTML report has no script and no external resource: inline styles and data: images only. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const reportQuery = workspaceQuery.extend({
  format: z.enum(['html', 'csv', 'json']).default('html').describe('html: one standalone file; csv: UTF-8 with a BOM; json: the RunReport'),
  lang: z.enum(['zh', 'en']).default('zh').describe('The words of the HTML and CSV reports'),
  time_zone: z.string().min(1).max(64).optional().describe('IANA time zone of the dates in the HTML report (default Asia/Shanghai)'),
});

const leaderboardQuery = workspaceQuery.extend({
  suite: z.string().min(1).max(100).optional().describe('Only runs of this suite name'),
  type: z.enum(SUITE_TYPES).optional().describe('Only runs of this suite type'),
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `content-disposition` of a report download: `attachment` with an ASCII `filename` (other characters
 * as `_`) and the run's own name in `filename*` (RFC 6266 / 5987), `<suite name>-<run id>.<ext>`.
 */
export function reportDisposition(name: string, runId: string, ext: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'eval-report';
  const utf8 = encodeURIComponent(`${name.replace(LONE_SURROGATE, '')}-${runId}.${ext}`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii.slice(0, 100)}-${runId}.${ext}"; filename*=UTF-8''${utf8}`;
}

/**
 * The 含金量 report of a run as a download (HTML, CSV or JSON), and the cross-run leaderboard of a
 * workspace. Read access to the run's workspace, like `GET /api/eval/runs/:id`.
 */
export function registerEvalReportRoutes(c: ApiContext): void {
  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/eval/runs/:id/report',
    summary:
      'An evaluation run’s 含金量 report as a file: standalone HTML (no script), CSV (UTF-8 with a BOM) or JSON; live while the run runs',
    tag: 'eval',
    params: z.object({ id: z.string().min(1).max(LIMITS.id).describe('The run id (evr_…)') }),
    query: reportQuery,
    response: z.string().describe('The report (text/html, text/csv or application/json, as format asks)'),
    responseTypes: Object.values(REPORT_FORMATS).map((f) => f.type),
    handler: async ({ principal, params, query, reply }) => {
      const run = await c.rt.evalRuns.row(params.id);
      if (!run || !sees(principal, run.workspace_id) || (query.workspace_id !== undefined && query.workspace_id !== run.workspace_id))
        throw runNotFound();
      requireEvalAccess(principal, run.workspace_id, 'read');
      if (query.time_zone !== undefined && !isValidTimeZone(query.time_zone))
        throw badRequest('time_zone is not an IANA time zone this server knows (Asia/Shanghai, UTC, …).', 'time_zone', 'invalid_value');
      const report = await c.rt.evalRuns.get(params.id);
      const body =
        query.format === 'html'
          ? reportHtml(report, query.lang, { timeZone: query.time_zone })
          : query.format === 'csv'
            ? reportCsv(report, query.lang)
            : reportJson(report);
      const f = REPORT_FORMATS[query.format];
      reply
        .type(f.type)
        .header('content-disposition', reportDisposition(run.name, run.id, f.ext))
        .header('x-content-type-options', 'nosniff');
      if (query.format === 'html') reply.header('content-security-policy', REPORT_CSP);
      return reply.send(body);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/eval/leaderboard',
    summary:
      "The workspace's evaluation leaderboard across runs: per suite and dataset version, every model's latest completed result (best score first, ranked, Pareto front), and each model's mean across them; the newest 200 completed runs",
    tag: 'eval',
    query: leaderboardQuery,
    response: workspaceLeaderboardSchema,
    handler: async ({ principal, query }) => {
      const workspaceId = pickWorkspace(principal, query.workspace_id);
      requireEvalAccess(principal, workspaceId, 'read');
      return workspaceLeaderboard(c.rt.evalRunStore, workspaceId, {
        suite: query.suite,
        type: query.type,
        usdCny: c.rt.config.currency.usd_cny,
      });
    },
  });
}
