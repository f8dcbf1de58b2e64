import { z } from 'zod';
import type { AnalyticsReportOptions } from '../../analytics/analytics-report.js';
import { FILTER_NAMES, type AnalyticsFilters } from '../../analytics/analytics-store.js';
import { reportCsv } from '../../analytics/report-csv.js';
import { reportFileName } from '../../analytics/report-file.js';
import { ReportOptionError } from '../../analytics/report-options.js';
import { reportPeriod } from '../../analytics/report-period.js';
import { badRequest, notFound } from '../../core/errors.js';
import { isValidTimeZone } from '../../core/wall-clock.js';
import { analyticsReportSchema, reportQuery } from './analytics-report-schema.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { scopeOf } from './log-routes.js';
import type { Principal } from './principal.js';

type ReportQuery = z.infer<typeof reportQuery>;

/** A report option out of bounds as the API's 400 (`invalid_value`, `param` naming the query parameter). */
function asBadRequest(err: unknown): never {
  if (err instanceof ReportOptionError) throw badRequest(err.message, err.param, 'invalid_value');
  throw err;
}

/**
 * The report options of a query, scoped like the other /api routes: a workspace the caller may read
 * (members see theirs; instance administrators may leave it out for the whole instance); a key sees
 * only its own traffic (the `key` filter is itself, another key is not found).
 */
export function reportOptionsOf(principal: Principal, query: ReportQuery, defaultZone: string, now: number): AnalyticsReportOptions {
  if (query.workspace !== undefined && query.workspace_id !== undefined && query.workspace !== query.workspace_id)
    throw badRequest('workspace and workspace_id name different workspaces: give one.', 'workspace', 'invalid_value');
  const scope = scopeOf(principal, query.workspace ?? query.workspace_id);
  const filters: AnalyticsFilters = {};
  for (const f of FILTER_NAMES) if (query[f] !== undefined) filters[f] = query[f];
  if (scope.keyId !== undefined) {
    if (filters.key !== undefined && filters.key !== scope.keyId) throw notFound('No key with that id.');
    filters.key = scope.keyId;
  }
  const timeZone = query.tz ?? defaultZone;
  if (!isValidTimeZone(timeZone))
    throw badRequest('tz is not an IANA time zone this server knows (Asia/Shanghai, America/New_York, UTC, …).', 'tz', 'invalid_value');
  try {
    const { from, to } = reportPeriod({ from: query.from, to: query.to }, timeZone, now);
    return { from, to, timeZone, workspaceId: scope.workspaceId, filters, grain: query.grain, limit: query.limit };
  } catch (err) {
    asBadRequest(err);
  }
}

/** Usage analytics' reports: the JSON the console's Analytics pages draw, and its tables as CSV. */
export function registerAnalyticsRoutes(c: ApiContext): void {
  const report = async (principal: Principal, query: ReportQuery) => {
    const opts = reportOptionsOf(principal, query, c.rt.analytics.timeZone, Date.now());
    try {
      return await c.rt.analytics.report(opts);
    } catch (err) {
      asBadRequest(err);
    }
  };

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/analytics/report',
    summary:
      'Usage report of a period: totals, by scenario/model/provider/app/key/workspace/segment, 1,440-minute activity, day × hour heatmap, series in a time zone and grain, topics',
    tag: 'analytics',
    query: reportQuery,
    response: analyticsReportSchema,
    handler: ({ principal, query }) => report(principal, query),
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/analytics/report.csv',
    summary: "The usage report's tables as CSV (UTF-8 with a BOM, one section per table); the same query as /api/analytics/report",
    tag: 'analytics',
    query: reportQuery.extend({ lang: z.enum(['zh', 'en']).default('zh').describe('The words of the headings') }),
    response: z.string().describe('text/csv'),
    responseTypes: ['text/csv; charset=utf-8'],
    handler: async ({ principal, query, reply }) => {
      const r = await report(principal, query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${reportFileName(r, 'csv')}"`)
        .header('x-content-type-options', 'nosniff')
        .send(reportCsv(r, query.lang));
    },
  });
}
