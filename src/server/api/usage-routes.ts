import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { scopeOf } from './log-routes.js';
import { LIMITS } from '../../core/limits.js';

const day = z.iso.date();

/** Usage summaries from the daily rollups (report time zone, Asia/Shanghai by default). */
export function registerUsageRoutes(c: ApiContext): void {
  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/usage',
    summary: 'Requests, tokens and cost grouped by day, model, provider, key, app or workspace',
    tag: 'usage',
    query: z.object({
      workspace_id: z.string().max(LIMITS.id).optional(),
      from: day.optional().describe('First day (YYYY-MM-DD, report time zone); default 30 days ago'),
      to: day.optional().describe('Last day, inclusive; default today'),
      group_by: z.enum(['day', 'model', 'provider', 'key', 'app', 'workspace']).default('day'),
      key_id: z.string().max(LIMITS.id).optional(),
      app_id: z.string().max(LIMITS.id).optional(),
      model: z.string().max(LIMITS.modelName).optional(),
    }),
    response: z.object({
      object: z.literal('list'),
      group_by: z.string(),
      from: z.string(),
      to: z.string(),
      time_zone: z.string(),
      data: z.array(
        z.object({
          group: z.string(),
          requests: z.number(),
          errors: z.number(),
          cache_hits: z.number(),
          prompt_tokens: z.number(),
          completion_tokens: z.number(),
          cost_cny: z.number(),
          cost_usd: z.number(),
        }),
      ),
    }),
    handler: async ({ principal, query }) => {
      const scope = scopeOf(principal, query.workspace_id);
      if (scope.keyId && query.key_id && query.key_id !== scope.keyId) throw notFound('No key with that id.');
      const cal = c.rt.calendar;
      const now = Date.now();
      const to = query.to ?? cal.day(now);
      const from = query.from ?? cal.day(now - 29 * 86_400_000);
      const data = await c.rt.usage.summary({
        groupBy: query.group_by,
        fromDay: from,
        toDay: to,
        workspaceId: scope.workspaceId,
        keyId: scope.keyId ?? query.key_id,
        appId: query.app_id,
        model: query.model,
      });
      return { object: 'list' as const, group_by: query.group_by, from, to, time_zone: cal.timeZone, data };
    },
  });
}
