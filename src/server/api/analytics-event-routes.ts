import { z } from 'zod';
import type { AnalyticsWriter } from '../../analytics/analytics-store.js';
import { segmentsOf } from '../../analytics/segments.js';
import { cleanText } from '../../core/clean-text.js';
import { notFound } from '../../core/errors.js';
import { CALLER_ID_MAX, sessionOf } from '../caller-ids.js';
import { analyticsCaller, callerIdentity, eventEndUser } from './analytics-caller.js';
import {
  endUserBodySchema,
  endUserQuerySchema,
  endUserViewSchema,
  eventsBodySchema,
  eventsResponseSchema,
  feedbackBodySchema,
  feedbackResponseSchema,
} from './analytics-event-schemas.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { allows, isInstanceAdmin, type Principal } from './principal.js';
import { pageViewInputs } from './page-view-inputs.js';

const notFoundRequest = () =>
  notFound(
    'No request with that id in a workspace you may see (feedback is given on logged requests). / 没有这个请求（或无权查看）。',
    'request_not_found',
    'request_id',
  );

/**
 * What the console and apps report for usage analytics (issue 20): page views (`POST /api/events`),
 * likes and dislikes of answers (`POST /api/feedback`) and end users' segment attributes
 * (`PUT /api/analytics/end-users/{id}`). Console sessions report for their workspaces and as their own
 * user; API keys for their own workspace and for the end users they name; the admin token for any
 * workspace. Page views and feedback are statistics, not changes: they are not audited.
 */
export function registerAnalyticsEventRoutes(c: ApiContext, writer: () => AnalyticsWriter): void {
  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/events',
    summary:
      'Report page views of console or app pages, up to 50 at once (idempotent by event id; console session, API key or admin token)',
    tag: 'analytics',
    body: eventsBodySchema,
    response: eventsResponseSchema,
    handler: async ({ principal, body, request }) => {
      const caller = await analyticsCaller(principal, request, body.workspace_id, 'read', c.rt.tenancy);
      const inputs = await pageViewInputs(body.events, caller, {
        apps: c.rt.apps,
        sessionId: sessionOf(request, undefined),
        now: Date.now(),
        mayRead: (ws) => principal.kind !== 'key' && allows(principal, ws, 'read'),
      });
      await writer().recordPageViews(inputs);
      return { object: 'events' as const, accepted: inputs.length };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/feedback',
    summary:
      'Like or dislike an answer by its request id, with an optional comment (one rating per request and end user; null withdraws it)',
    tag: 'analytics',
    body: feedbackBodySchema,
    response: feedbackResponseSchema,
    handler: async ({ principal, body, request }) => {
      const input = {
        requestId: body.request_id,
        workspaceId: await feedbackWorkspace(principal, body.request_id),
        rating: body.rating,
        comment: body.comment ?? null,
        endUser: eventEndUser(callerIdentity(principal, request), body.end_user, 'end_user'),
        ts: Date.now(),
      };
      // The answer may still be in the log writer's queue: flush it once before giving up.
      if (!(await writer().recordFeedback(input)) && !(await c.rt.logWriter.flush().then(() => writer().recordFeedback(input))))
        throw notFoundRequest();
      return { object: 'feedback' as const, request_id: body.request_id, rating: body.rating };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'PUT',
    url: '/api/analytics/end-users/:id',
    summary:
      'Set an end user’s segment attributes (industry, region, user_group; left out: cleared); they win over the app’s and the key’s (member role, or an API key for its own workspace)',
    tag: 'analytics',
    params: z.object({ id: z.string().min(1).max(CALLER_ID_MAX) }),
    query: endUserQuerySchema,
    body: endUserBodySchema,
    response: endUserViewSchema,
    handler: async ({ principal, params, query, body, request }) => {
      const caller = await analyticsCaller(principal, request, query.workspace_id, 'write', c.rt.tenancy);
      const id = cleanText(params.id, CALLER_ID_MAX);
      if (id === null) throw notFound('No end user with that id.', 'not_found', 'id');
      const segments = segmentsOf(body);
      await writer().setEndUser({ workspaceId: caller.workspaceId, endUser: id, segments, ts: Date.now() });
      return {
        object: 'end_user' as const,
        id,
        workspace_id: caller.workspaceId,
        industry: segments.industry ?? null,
        region: segments.region ?? null,
        user_group: segments.user_group ?? null,
      };
    },
  });

  /**
   * The workspace feedback lands in: a key's own (the writer checks the request is there); for anyone
   * else the logged request's, which they must be able to see (the admin token's own calls have none:
   * '', for instance administrators only).
   */
  async function feedbackWorkspace(p: Principal, requestId: string): Promise<string> {
    if (p.kind === 'key') return p.key.workspaceId;
    const row = (await c.rt.logs.get(requestId)) ?? (await c.rt.logWriter.flush().then(() => c.rt.logs.get(requestId)));
    if (!row) throw notFoundRequest();
    if (row.workspace_id === null ? !isInstanceAdmin(p) : !allows(p, row.workspace_id, 'read')) throw notFoundRequest();
    return row.workspace_id ?? '';
  }
}
