import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import { keyCreateSchema, keyUpdateSchema, keyViewSchema } from '../../governance/key-schemas.js';
import { keyView } from '../../governance/key-service.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { requireWorkspace, type Principal } from './principal.js';
import { deletedSchema, listOf } from './views.js';
import { LIMITS } from '../../core/limits.js';

const keyParams = z.object({ keyId: z.string().min(1).max(LIMITS.id) });
const wsParams = z.object({ workspaceId: z.string().min(1).max(LIMITS.id) });

/** Virtual keys: the secret is returned once, by create; never again, never its hash. */
export function registerKeyRoutes(c: ApiContext): void {
  const { keys } = c.rt;
  const load = async (p: Principal, id: string, need: 'read' | 'write' | 'admin') => {
    const k = await keys.get(id);
    if (!k) throw notFound('No key with that id.');
    // A key may read itself and nothing else.
    if (p.kind === 'key' && need === 'read' && p.key.id === k.id) return k;
    if (p.kind === 'key' && p.key.workspaceId !== k.workspace_id) throw notFound('No key with that id.');
    requireWorkspace(p, k.workspace_id, need, 'key');
    return k;
  };

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/workspaces/:workspaceId/keys',
    summary: 'List the keys of a workspace',
    tag: 'keys',
    params: wsParams,
    query: z.object({ app_id: z.string().max(LIMITS.id).optional() }),
    response: listOf(keyViewSchema),
    handler: async ({ principal, params, query }) => {
      requireWorkspace(principal, params.workspaceId, 'read');
      const rows = await keys.list(params.workspaceId, { appId: query.app_id });
      const now = Date.now();
      return { object: 'list' as const, data: rows.map((r) => keyView(r, now)) };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/workspaces/:workspaceId/keys',
    summary: 'Create a virtual key (member role); the response holds the key, shown this once',
    tag: 'keys',
    status: 201,
    params: wsParams,
    body: keyCreateSchema,
    response: keyViewSchema.extend({ key: z.string() }),
    handler: async ({ principal, params, body }) => {
      requireWorkspace(principal, params.workspaceId, 'write');
      if (!(await c.rt.tenancy.workspace(params.workspaceId))) throw notFound('No workspace with that id.');
      const { key, view } = await c.keyService.create(params.workspaceId, body);
      return { ...view, key };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/keys/:keyId',
    summary: 'Get a key (a virtual key may read itself)',
    tag: 'keys',
    params: keyParams,
    response: keyViewSchema,
    handler: async ({ principal, params }) => keyView(await load(principal, params.keyId, 'read')),
  });

  apiRoute(c.app, c.routes, {
    method: 'PATCH',
    url: '/api/keys/:keyId',
    summary: 'Change a key’s limits, models, expiry, metadata or cache (member role)',
    tag: 'keys',
    params: keyParams,
    body: keyUpdateSchema,
    response: keyViewSchema,
    handler: async ({ principal, params, body }) => c.keyService.update(await load(principal, params.keyId, 'write'), body),
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/keys/:keyId/revoke',
    summary: 'Revoke a key for good (member role)',
    tag: 'keys',
    params: keyParams,
    response: keyViewSchema,
    handler: async ({ principal, params }) => c.keyService.revoke(await load(principal, params.keyId, 'write')),
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/keys/:keyId',
    summary: 'Delete a key (admin role); its logs stay',
    tag: 'keys',
    params: keyParams,
    response: deletedSchema,
    handler: async ({ principal, params }) => {
      await c.keyService.delete(await load(principal, params.keyId, 'admin'));
      return { id: params.keyId, deleted: true as const };
    },
  });
}
