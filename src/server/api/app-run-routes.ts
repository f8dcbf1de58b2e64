import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ResolvedApp } from '../../apps/app-types.js';
import { newCompletionId } from '../../core/ids.js';
import { notFound } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import type { RequestContext } from '../../gateway/request-context.js';
import { requestContext } from '../request-context.js';
import { answerAppRun, appRunRequestSchema, type AppRunBody } from '../v1/app-run-route.js';
import { appSegments } from '../v1/app-caller.js';
import { appRunCompletionSchema, chatCompletionChunkSchema } from '../v1/v1-openapi.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { loadScenarioApp } from './app-studio-routes.js';
import { allows, requireWorkspace, type Principal } from './principal.js';

const RUN_SUMMARY =
  'same body and answer as POST /v1/apps/{slug}/run (`stream: true`: its chunks); `user` is the console user’s id for a session';

/**
 * Running scenario apps from the console (issue 18): the studio, the comparison of two versions and the
 * end-user page run with the console session (or the admin token), not with a virtual key. The same
 * body and answer as `POST /v1/apps/{slug}/run` (answerAppRun), the app found by id in its own
 * workspace: read access runs the published versions, pinning a draft needs write access. The request
 * is the caller's own: no key (no key limits), the user's id and the app's workspace on its log row,
 * the app's security policies (ctx.appId). Runs are logged as requests, not audited.
 */
export function registerAppRunRoutes(c: ApiContext): void {
  const apps = () => c.rt.apps;

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/apps/:appId/run',
    summary: `Run a scenario app as the caller (read access; pinning a draft \`version\` needs write access): ${RUN_SUMMARY}`,
    tag: 'apps',
    upload: true,
    params: z.object({ appId: z.string().min(1).max(LIMITS.id) }),
    body: appRunRequestSchema,
    response: appRunCompletionSchema,
    events: chatCompletionChunkSchema,
    handler: async ({ principal, params, body, request, reply }) => {
      const app = await loadScenarioApp(apps(), principal, params.appId, 'read');
      const writer = allows(principal, app.workspaceId, 'write');
      // A reader may pin a published (or retired) version; a draft is the writers' to try.
      if (body.version !== undefined && !writer && (await apps().version(app.id, body.version)).status === 'draft')
        requireWorkspace(principal, app.workspaceId, 'write', 'app');
      const resolved = await apps().resolve(app.workspaceId, app.slug, { version: body.version, drafts: writer });
      return run(principal, request, reply, resolved, app.workspaceId, body);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/workspaces/:workspaceId/app-library/:slug/run',
    summary: `Run a built-in scenario app in a workspace as the caller (read access): ${RUN_SUMMARY}`,
    tag: 'apps',
    upload: true,
    params: z.object({ workspaceId: z.string().min(1).max(LIMITS.id), slug: z.string().min(1).max(LIMITS.name) }),
    body: appRunRequestSchema,
    response: appRunCompletionSchema,
    events: chatCompletionChunkSchema,
    handler: async ({ principal, params, body, request, reply }) => {
      requireWorkspace(principal, params.workspaceId, 'read');
      if (!apps().isBuiltin(params.slug))
        throw notFound(`No built-in app "${params.slug.slice(0, 64)}". / 没有这个内置应用。`, 'scenario_app_not_found', 'slug');
      const resolved = await apps().resolve(params.workspaceId, params.slug, { version: body.version });
      return run(principal, request, reply, resolved, params.workspaceId, body);
    },
  });

  /** The run in the caller's own context: the app's workspace, no key, the user (or, for the admin token, `user`). */
  const run = (
    p: Principal,
    request: FastifyRequest,
    reply: FastifyReply,
    app: ResolvedApp,
    workspaceId: string,
    body: AppRunBody,
  ): Promise<FastifyReply> => {
    const id = newCompletionId();
    // A console user is the run's end user; the admin token's runs name theirs (`user`, or `x-end-user-id`).
    const base = requestContext(request, reply, {
      ...(p.kind === 'user' ? { user: p.user.id, userFromSession: true } : { user: body.user }),
      contentId: id,
      conversation: body.conversation_id,
    });
    // The admin token's runs are logged as on /v1 (key id `admin`); a user's under no key at all.
    const ctx: RequestContext = {
      ...base,
      keyId: p.kind === 'admin' ? 'admin' : null,
      key: null,
      workspaceId,
      appId: app.app?.id ?? null,
      segments: app.app ? appSegments(null, app.app.segments) : null,
    };
    return answerAppRun(c.rt.appRunner, request, reply, { app, ctx, id, body });
  };
}
