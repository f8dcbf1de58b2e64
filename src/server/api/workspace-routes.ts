import { z } from 'zod';
import { badRequest, forbidden, notFound } from '../../core/errors.js';
import { newId } from '../../security/tokens.js';
import { DEFAULT_WORKSPACE_ID } from '../../store/tenancy-repository.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { requireInstanceAdmin, requireUser, requireWorkspace, roleIn, userVisibleTo, visibleWorkspaces } from './principal.js';
import { deletedSchema, iso, listOf, memberViewSchema, roleSchema, workspaceView, workspaceViewSchema } from './views.js';
import { LIMITS } from '../../core/limits.js';

const wsParams = z.object({ workspaceId: z.string().min(1).max(LIMITS.id) });
const memberParams = wsParams.extend({ userId: z.string().min(1).max(LIMITS.id) });

/** Workspaces and their members. */
export function registerWorkspaceRoutes(c: ApiContext): void {
  const { tenancy, users } = c.rt;

  const load = async (id: string) => {
    const w = await tenancy.workspace(id);
    if (!w) throw notFound('No workspace with that id.');
    return w;
  };

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/workspaces',
    summary: 'List the workspaces the caller can see',
    tag: 'workspaces',
    response: listOf(workspaceViewSchema),
    handler: async ({ principal }) => {
      const rows = await tenancy.workspaces(visibleWorkspaces(principal));
      return { object: 'list' as const, data: rows.map((w) => workspaceView(w, roleIn(principal, w.id))) };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/workspaces',
    summary: 'Create a workspace (instance administrators; a user creating one becomes its owner)',
    tag: 'workspaces',
    status: 201,
    body: z.object({ name: z.string().trim().min(1).max(LIMITS.name) }).strict(),
    response: workspaceViewSchema,
    handler: async ({ principal, body }) => {
      requireInstanceAdmin(principal);
      const w = await tenancy.createWorkspace({ id: newId('ws'), name: body.name, created_at: Date.now() });
      if (principal.kind === 'user') await tenancy.setMember(w.id, principal.user.id, 'owner');
      return workspaceView(w, 'owner');
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/workspaces/:workspaceId',
    summary: 'Get a workspace',
    tag: 'workspaces',
    params: wsParams,
    response: workspaceViewSchema,
    handler: async ({ principal, params }) => {
      if (principal.kind !== 'key' || principal.key.workspaceId !== params.workspaceId)
        requireWorkspace(principal, params.workspaceId, 'read');
      return workspaceView(await load(params.workspaceId), roleIn(principal, params.workspaceId));
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'PATCH',
    url: '/api/workspaces/:workspaceId',
    summary: 'Rename a workspace (admin role)',
    tag: 'workspaces',
    params: wsParams,
    body: z.object({ name: z.string().trim().min(1).max(LIMITS.name) }).strict(),
    response: workspaceViewSchema,
    handler: async ({ principal, params, body }) => {
      requireWorkspace(principal, params.workspaceId, 'admin');
      await load(params.workspaceId);
      await tenancy.renameWorkspace(params.workspaceId, body.name);
      return workspaceView(await load(params.workspaceId), roleIn(principal, params.workspaceId));
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/workspaces/:workspaceId',
    summary: 'Delete a workspace with its apps and keys (owner role)',
    tag: 'workspaces',
    params: wsParams,
    response: deletedSchema,
    handler: async ({ principal, params }) => {
      requireWorkspace(principal, params.workspaceId, 'owner');
      if (params.workspaceId === DEFAULT_WORKSPACE_ID)
        throw badRequest('The default workspace cannot be deleted.', 'workspaceId', 'default_workspace');
      await load(params.workspaceId);
      await tenancy.deleteWorkspace(params.workspaceId);
      await c.rt.announce('keys');
      return { id: params.workspaceId, deleted: true as const };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/workspaces/:workspaceId/members',
    summary: 'List the members of a workspace',
    tag: 'workspaces',
    params: wsParams,
    response: listOf(memberViewSchema),
    handler: async ({ principal, params }) => {
      requireWorkspace(principal, params.workspaceId, 'read');
      const rows = await tenancy.members(params.workspaceId);
      return { object: 'list' as const, data: rows.map((m) => ({ ...m, created_at: iso(m.created_at)! })) };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'PUT',
    url: '/api/workspaces/:workspaceId/members/:userId',
    summary: 'Add a member or change their role (admin role; only owners grant owner)',
    tag: 'workspaces',
    params: memberParams,
    body: z.object({ role: roleSchema }).strict(),
    response: memberViewSchema,
    handler: async ({ principal, params, body }) => {
      requireUser(principal);
      requireWorkspace(principal, params.workspaceId, body.role === 'owner' ? 'owner' : 'admin');
      // A workspace admin may only add users they can already see (members of their workspaces);
      // anyone else reads as unknown, so ids and e-mails of other tenants' users are never confirmed.
      // Instance administrators create users and may put anyone in any workspace.
      const user = (await userVisibleTo(principal, params.userId, tenancy)) ? await users.get(params.userId) : undefined;
      if (!user) throw notFound('No user with that id.');
      const current = (await tenancy.members(params.workspaceId)).find((m) => m.user_id === user.id);
      if (current?.role === 'owner' && roleIn(principal, params.workspaceId) !== 'owner')
        throw forbidden('Only owners change an owner.', 'role_insufficient');
      await tenancy.setMember(params.workspaceId, user.id, body.role);
      return {
        user_id: user.id,
        workspace_id: params.workspaceId,
        email: user.email,
        name: user.name,
        role: body.role,
        created_at: iso(current?.created_at ?? Date.now())!,
      };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/workspaces/:workspaceId/members/:userId',
    summary: 'Remove a member (admin role)',
    tag: 'workspaces',
    params: memberParams,
    response: deletedSchema,
    handler: async ({ principal, params }) => {
      requireWorkspace(principal, params.workspaceId, 'admin');
      const current = (await tenancy.members(params.workspaceId)).find((m) => m.user_id === params.userId);
      if (!current) throw notFound('No such member.');
      if (current.role === 'owner' && roleIn(principal, params.workspaceId) !== 'owner')
        throw forbidden('Only owners remove an owner.', 'role_insufficient');
      await tenancy.removeMember(params.workspaceId, params.userId);
      return { id: params.userId, deleted: true as const };
    },
  });
}
