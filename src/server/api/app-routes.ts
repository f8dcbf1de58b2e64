import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import { newId } from '../../security/tokens.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { requireWorkspace, type Principal } from './principal.js';
import { appView, appViewSchema, deletedSchema, listOf } from './views.js';
import { LIMITS } from '../../core/limits.js';

const appFields = z
  .object({
    name: z.string().trim().min(1).max(LIMITS.name),
    description: z.string().max(LIMITS.shortText).nullable().optional(),
    /** Response cache for the app's keys (a key or a request may override). */
    cache: z.boolean().optional(),
    cache_ttl_s: z
      .number()
      .int()
      .positive()
      .max(30 * 86_400)
      .nullable()
      .optional(),
  })
  .strict();

/** Apps group keys inside a workspace (one per product or team). */
export function registerAppRoutes(c: ApiContext): void {
  const { tenancy } = c.rt;
  const load = async (p: Principal, id: string, need: 'read' | 'write' | 'admin') => {
    const a = await tenancy.app(id);
    if (!a) throw notFound('No app with that id.');
    requireWorkspace(p, a.workspace_id, need, 'app');
    return a;
  };

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/workspaces/:workspaceId/apps',
    summary: 'List the apps of a workspace',
    tag: 'apps',
    params: z.object({ workspaceId: z.string().min(1).max(LIMITS.id) }),
    response: listOf(appViewSchema),
    handler: async ({ principal, params }) => {
      requireWorkspace(principal, params.workspaceId, 'read');
      return { object: 'list' as const, data: (await tenancy.apps(params.workspaceId)).map(appView) };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/workspaces/:workspaceId/apps',
    summary: 'Create an app (member role)',
    tag: 'apps',
    status: 201,
    params: z.object({ workspaceId: z.string().min(1).max(LIMITS.id) }),
    body: appFields,
    response: appViewSchema,
    handler: async ({ principal, params, body }) => {
      requireWorkspace(principal, params.workspaceId, 'write');
      if (!(await tenancy.workspace(params.workspaceId))) throw notFound('No workspace with that id.');
      const row = await tenancy.createApp({
        id: newId('app'),
        workspace_id: params.workspaceId,
        name: body.name,
        description: body.description ?? null,
        cache: body.cache ? 1 : 0,
        cache_ttl_s: body.cache_ttl_s ?? null,
        created_at: Date.now(),
      });
      return appView(row);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/apps/:appId',
    summary: 'Get an app',
    tag: 'apps',
    params: z.object({ appId: z.string().min(1).max(LIMITS.id) }),
    response: appViewSchema,
    handler: async ({ principal, params }) => appView(await load(principal, params.appId, 'read')),
  });

  apiRoute(c.app, c.routes, {
    method: 'PATCH',
    url: '/api/apps/:appId',
    summary: 'Change an app (member role)',
    tag: 'apps',
    params: z.object({ appId: z.string().min(1).max(LIMITS.id) }),
    body: appFields.partial(),
    response: appViewSchema,
    handler: async ({ principal, params, body }) => {
      await load(principal, params.appId, 'write');
      const updated = await tenancy.updateApp(params.appId, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.cache !== undefined ? { cache: body.cache ? 1 : 0 } : {}),
        ...(body.cache_ttl_s !== undefined ? { cache_ttl_s: body.cache_ttl_s } : {}),
      });
      await c.rt.announce('keys');
      return appView(updated!);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/apps/:appId',
    summary: 'Delete an app; its keys stay, without an app (admin role)',
    tag: 'apps',
    params: z.object({ appId: z.string().min(1).max(LIMITS.id) }),
    response: deletedSchema,
    handler: async ({ principal, params }) => {
      await load(principal, params.appId, 'admin');
      await tenancy.deleteApp(params.appId);
      await c.rt.announce('keys');
      return { id: params.appId, deleted: true as const };
    },
  });
}
