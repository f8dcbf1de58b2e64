import { z } from 'zod';
import { DIRECT_API } from '../../analytics/analytics-event.js';
import { badRequest, notFound } from '../../core/errors.js';
import { decodeTimeCursor, encodeTimeCursor } from './time-cursor.js';
import type { RequestLogRow } from '../../store/schema.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { isInstanceAdmin, requireWorkspace, type Principal } from './principal.js';
import { iso } from './views.js';
import { LIMITS } from '../../core/limits.js';

const instant = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (Number.isNaN(n)) ctx.addIssue({ code: 'custom', message: 'use ISO 8601 (2026-11-28T08:00:00+08:00) or epoch milliseconds' });
    return n;
  });

const logQuery = z.object({
  workspace_id: z.string().max(LIMITS.id).optional(),
  from: instant.optional().describe('Inclusive start, ISO 8601 or epoch ms'),
  to: instant.optional().describe('Exclusive end, ISO 8601 or epoch ms'),
  key_id: z.string().max(LIMITS.id).optional(),
  app_id: z.string().max(LIMITS.id).optional(),
  model: z.string().max(LIMITS.modelName).optional(),
  scenario: z
    .string()
    .max(LIMITS.id)
    .optional()
    .describe(`The scenario app's slug, or ${DIRECT_API} for requests no scenario app made (narrow by from/to too: it has no index)`),
  status: z
    .string()
    .max(5)
    .regex(/^(error|ok|\d{3})$/, 'use error, ok or a status code')
    .optional()
    .describe('error (≥ 400), ok (< 400) or an exact status code'),
  limit: z.coerce.number().int().min(1).max(LIMITS.logPageSize).default(50),
  cursor: z.string().max(LIMITS.cursor).optional().describe('next_cursor of the previous page'),
});

const logView = z.object({
  id: z.string(),
  object: z.literal('log'),
  created_at: z.string(),
  workspace_id: z.string().nullable(),
  app_id: z.string().nullable(),
  key_id: z.string().nullable(),
  endpoint: z.string(),
  model: z.string(),
  provider: z.string().nullable(),
  upstream_model: z.string().nullable(),
  attempts: z.number(),
  status: z.number(),
  error_type: z.string().nullable(),
  error_message: z.string().nullable(),
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  cached_tokens: z.number(),
  estimated: z.boolean(),
  cost: z.number(),
  currency: z.string().nullable(),
  cost_cny: z.number(),
  latency_ms: z.number(),
  ttft_ms: z.number().nullable(),
  stream: z.boolean(),
  finish_reason: z.string().nullable(),
  cache_hit: z.boolean(),
  session_id: z.string().nullable(),
  user_id: z.string().nullable(),
  /** Policy events of the request (PII found and the action taken, moderation, data routing); null when none. */
  compliance: z.record(z.string(), z.unknown()).nullable(),
  /** The scenario app the request ran (`app:{slug}`, `/v1/apps/{slug}/run`) and its version; null for other requests. */
  app_slug: z.string().nullable(),
  app_version: z.number().nullable(),
});
const attemptView = z.object({
  provider: z.string(),
  model: z.string(),
  status: z.number(),
  error_type: z.string(),
  error_message: z.string(),
  latency_ms: z.number(),
});
const logDetail = logView.extend({
  /** The failed attempts, in order, when the call took more than one attempt (retries, fallbacks); else null. */
  attempts_detail: z.array(attemptView).nullable(),
  request_body: z.string().nullable(),
  response_body: z.string().nullable(),
  /** The signed implicit AIGC label of the answer (header form; check it with `baimo label verify`). */
  aigc_label: z.string().nullable(),
});

/** The stored JSON of `compliance`; a row it cannot parse shows null. */
function complianceOf(json: string | null | undefined): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The stored JSON of `attempts_detail`; a row it cannot parse shows null rather than failing the request. */
function attemptsOf(json: string | null | undefined): z.infer<typeof attemptView>[] | null {
  if (!json) return null;
  try {
    const parsed = z.array(attemptView).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const view = (r: RequestLogRow) => ({
  id: r.id,
  object: 'log' as const,
  created_at: iso(r.created_at)!,
  workspace_id: r.workspace_id,
  app_id: r.app_id,
  key_id: r.key_id,
  endpoint: r.endpoint,
  model: r.model_requested,
  provider: r.provider,
  upstream_model: r.upstream_model,
  attempts: r.attempts,
  status: r.status,
  error_type: r.error_type,
  error_message: r.error_message,
  prompt_tokens: r.prompt_tokens,
  completion_tokens: r.completion_tokens,
  cached_tokens: r.cached_tokens,
  estimated: r.estimated === 1,
  cost: r.cost,
  currency: r.currency,
  cost_cny: r.cost_cny,
  latency_ms: r.latency_ms,
  ttft_ms: r.ttft_ms,
  stream: r.stream === 1,
  finish_reason: r.finish_reason,
  cache_hit: r.cache_hit === 1,
  session_id: r.session_id,
  user_id: r.user_id,
  compliance: complianceOf(r.compliance),
  app_slug: r.app_slug ?? null,
  app_version: r.app_version ?? null,
});

/**
 * The workspace a query covers: a key sees only its own rows; users name a workspace they belong
 * to (or have only one); instance administrators may query everything.
 */
export function scopeOf(p: Principal, workspaceId: string | undefined): { workspaceId?: string; keyId?: string } {
  if (p.kind === 'key') {
    if (workspaceId && workspaceId !== p.key.workspaceId) throw notFound('No workspace with that id.');
    return { workspaceId: p.key.workspaceId, keyId: p.key.id };
  }
  if (workspaceId) {
    requireWorkspace(p, workspaceId, 'read');
    return { workspaceId };
  }
  if (isInstanceAdmin(p)) return {};
  const mine = p.kind === 'user' ? [...p.roles.keys()] : [];
  if (mine.length === 1) return { workspaceId: mine[0] };
  throw badRequest(
    'Name the workspace: workspace_id is required when you belong to several (or none).',
    'workspace_id',
    'missing_required_parameter',
  );
}

/** The request log: filtered, newest first, paged by cursor over indexes (never OFFSET). */
export function registerLogRoutes(c: ApiContext): void {
  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/logs',
    summary: 'Query the request log (time range, key, app, model, scenario, status), newest first, cursor-paged',
    tag: 'logs',
    query: logQuery,
    response: z.object({ object: z.literal('list'), data: z.array(logView), next_cursor: z.string().nullable() }),
    handler: async ({ principal, query }) => {
      const scope = scopeOf(principal, query.workspace_id);
      if (scope.keyId && query.key_id && query.key_id !== scope.keyId) throw notFound('No key with that id.');
      const status =
        query.status === undefined ? undefined : query.status === 'error' || query.status === 'ok' ? query.status : Number(query.status);
      const page = await c.rt.logs.query({
        workspaceId: scope.workspaceId,
        keyId: scope.keyId ?? query.key_id,
        appId: query.app_id,
        model: query.model,
        scenario: query.scenario === DIRECT_API ? null : query.scenario,
        status,
        from: query.from,
        to: query.to,
        limit: query.limit,
        cursor: query.cursor ? decodeTimeCursor(query.cursor) : undefined,
      });
      return { object: 'list' as const, data: page.rows.map(view), next_cursor: page.next ? encodeTimeCursor(page.next) : null };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/logs/:id',
    summary: 'One request log row, with bodies when body logging is on',
    tag: 'logs',
    params: z.object({ id: z.string().min(1).max(LIMITS.id) }),
    response: logDetail,
    handler: async ({ principal, params }) => {
      const row = await c.rt.logs.get(params.id);
      const visible =
        row &&
        (isInstanceAdmin(principal) ||
          (principal.kind === 'key'
            ? row.key_id === principal.key.id
            : principal.kind === 'user' && row.workspace_id !== null && principal.roles.has(row.workspace_id)));
      if (!visible) throw notFound('No log row with that id.');
      return {
        ...view(row),
        attempts_detail: attemptsOf(row.attempts_detail),
        request_body: row.request_body,
        response_body: row.response_body,
        aigc_label: row.aigc_label ?? null,
      };
    },
  });
}
