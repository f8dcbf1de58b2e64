import { z } from 'zod';
import { appSlugSchema, appSpecSchema, BUILTIN_SLUGS } from '../../apps/app-types.js';
import { badRequest, notFound } from '../../core/errors.js';
import { newId } from '../../security/tokens.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { actorOf } from './kb-access.js';
import { requireWorkspace, type Principal } from './principal.js';
import { appView, appViewSchema, deletedSchema, listOf } from './views.js';
import { LIMITS } from '../../core/limits.js';
import { hasSegments, segmentsOf, segmentsSchema } from '../../analytics/segments.js';

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
    /** Segment attributes analytics groups the app's requests and page views by (over the key's, under the end user's). */
    metadata: segmentsSchema.nullable().optional().describe('Segment attributes: industry, region, user_group (null clears them)'),
  })
  .strict();

/** A plain app (`name`), or a scenario app: `slug` plus `spec` or `from_builtin` (issue 18). */
const createFields = appFields.extend({
  name: appFields.shape.name.optional().describe('Required for a plain app; a scenario app defaults to its spec’s name'),
  slug: appSlugSchema.optional().describe('Makes it a scenario app, run as app:{slug} (unique in the workspace, not a built-in slug)'),
  spec: appSpecSchema.optional().describe('A scenario app of your own: its first version'),
  from_builtin: z.enum(BUILTIN_SLUGS).optional().describe('A scenario app copied from this built-in'),
  note: z.string().max(LIMITS.shortText).optional().describe('The first version’s note'),
  publish: z.boolean().optional().describe('Publish the first version at once (default: it stays a draft)'),
});

/** Apps group keys inside a workspace (one per product or team); scenario apps add a slug and versions. */
export function registerAppRoutes(c: ApiContext): void {
  const { tenancy } = c.rt;
  const load = async (p: Principal, id: string, need: 'read' | 'write' | 'admin') => {
    const a = await c.rt.apps.row(id);
    if (!a) throw notFound('No app with that id.');
    requireWorkspace(p, a.workspace_id, need, 'app');
    return a;
  };

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/workspaces/:workspaceId/apps',
    summary: 'List the apps of a workspace (kind=scenario: only scenario apps)',
    tag: 'apps',
    params: z.object({ workspaceId: z.string().min(1).max(LIMITS.id) }),
    query: z.object({ kind: z.enum(['all', 'scenario']).optional().describe('scenario: only apps with a slug (default all)') }),
    response: listOf(appViewSchema),
    handler: async ({ principal, params, query }) => {
      requireWorkspace(principal, params.workspaceId, 'read');
      return { object: 'list' as const, data: (await c.rt.apps.rows(params.workspaceId, query.kind === 'scenario')).map(appView) };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/workspaces/:workspaceId/apps',
    summary: 'Create an app, or a scenario app from a spec or a built-in (member role)',
    tag: 'apps',
    status: 201,
    // A scenario app's spec may carry long prompts in two languages.
    upload: true,
    params: z.object({ workspaceId: z.string().min(1).max(LIMITS.id) }),
    body: createFields,
    response: appViewSchema,
    handler: async ({ principal, params, body }) => {
      requireWorkspace(principal, params.workspaceId, 'write');
      if (!(await tenancy.workspace(params.workspaceId))) throw notFound('No workspace with that id.');
      const settings = {
        ...(body.cache !== undefined ? { cache: body.cache ? 1 : 0 } : {}),
        ...(body.cache_ttl_s !== undefined ? { cache_ttl_s: body.cache_ttl_s } : {}),
        ...(body.metadata !== undefined ? { metadata: metadataColumn(body.metadata) } : {}),
      };
      if (body.slug !== undefined) {
        const { app } = await c.rt.apps.create(
          params.workspaceId,
          {
            slug: body.slug,
            name: body.name,
            description: body.description ?? undefined,
            spec: body.spec,
            fromBuiltin: body.from_builtin,
            note: body.note,
            publish: body.publish,
          },
          actorOf(principal),
        );
        if (Object.keys(settings).length) await tenancy.updateApp(app.id, settings);
        return appView((await c.rt.apps.row(app.id))!);
      }
      if (body.spec !== undefined || body.from_builtin !== undefined || body.publish !== undefined || body.note !== undefined)
        throw badRequest('A scenario app needs a slug.', 'slug', 'missing_required_parameter');
      if (body.name === undefined) throw badRequest('Invalid name: this field is required', 'name', 'missing_required_parameter');
      const row = await tenancy.createApp({
        id: newId('app'),
        workspace_id: params.workspaceId,
        name: body.name,
        description: body.description ?? null,
        cache: body.cache ? 1 : 0,
        cache_ttl_s: body.cache_ttl_s ?? null,
        metadata: metadataColumn(body.metadata),
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
      const before = await load(principal, params.appId, 'write');
      if (before.slug && body.name !== undefined && body.name.length > 100)
        throw badRequest('A scenario app’s name has at most 100 characters.', 'name', 'invalid_value');
      await tenancy.updateApp(params.appId, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.cache !== undefined ? { cache: body.cache ? 1 : 0 } : {}),
        ...(body.cache_ttl_s !== undefined ? { cache_ttl_s: body.cache_ttl_s } : {}),
        ...(body.metadata !== undefined ? { metadata: metadataColumn(body.metadata) } : {}),
      });
      await c.rt.announce('keys');
      if (before.slug) await c.rt.apps.changed();
      return appView((await c.rt.apps.row(params.appId))!);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/apps/:appId',
    summary: 'Delete an app (a scenario app with its versions); its keys stay, without an app (admin role)',
    tag: 'apps',
    params: z.object({ appId: z.string().min(1).max(LIMITS.id) }),
    response: deletedSchema,
    handler: async ({ principal, params }) => {
      const before = await load(principal, params.appId, 'admin');
      await tenancy.deleteApp(params.appId);
      await c.rt.announce('keys');
      if (before.slug) await c.rt.apps.changed();
      return { id: params.appId, deleted: true as const };
    },
  });
}

/** The `metadata` column of segment attributes as given (unset ones left out); null when none is set. */
function metadataColumn(m: z.infer<typeof segmentsSchema> | null | undefined): string | null {
  const segments = segmentsOf(m ?? null);
  return hasSegments(segments) ? JSON.stringify(segments) : null;
}
