import { z } from 'zod';
import { gatewayError } from '../../core/error-codes.js';
import { badRequest, forbidden, notFound } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import { hashPassword, verifyPassword } from '../../security/passwords.js';
import { newId } from '../../security/tokens.js';
import type { UserRow } from '../../store/user-repository.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { isInstanceAdmin, requireInstanceAdmin, requireUser, visibleUsers, type Principal } from './principal.js';
import { deletedSchema, listOf, roleSchema, userView, userViewSchema } from './views.js';

const userParams = z.object({ userId: z.string().min(1).max(LIMITS.id) });
const password = z.string().min(8, 'use at least 8 characters').max(LIMITS.password);

/** Console users. Instance administrators manage them; everyone may change their own name and password. */
export function registerUserRoutes(c: ApiContext): void {
  const { users, tenancy } = c.rt;

  /** Users the caller may see: everyone (instance admins), else themselves and members of their workspaces. */
  const visible = async (p: Principal): Promise<string[] | undefined> => {
    requireUser(p);
    return visibleUsers(p, tenancy);
  };
  const load = async (p: Principal, id: string): Promise<UserRow> => {
    const ids = await visible(p);
    const u = ids && !ids.includes(id) ? undefined : await users.get(id);
    if (!u) throw notFound('No user with that id.');
    return u;
  };

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/users',
    summary: 'List users (instance admins: all; others: members of their workspaces)',
    tag: 'users',
    response: listOf(userViewSchema),
    handler: async ({ principal }) => ({ object: 'list' as const, data: (await users.list(await visible(principal))).map(userView) }),
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/users',
    summary: 'Create a user (instance administrators)',
    tag: 'users',
    status: 201,
    body: z
      .object({
        email: z.email().max(LIMITS.email),
        name: z.string().trim().min(1).max(LIMITS.name),
        password,
        is_admin: z.boolean().optional(),
        workspaces: z
          .array(z.object({ id: z.string().min(1).max(LIMITS.id), role: roleSchema }).strict())
          .max(100)
          .optional(),
      })
      .strict(),
    response: userViewSchema,
    handler: async ({ principal, body }) => {
      requireInstanceAdmin(principal);
      const email = body.email.trim().toLowerCase();
      if (await users.byEmail(email)) throw gatewayError('user_exists', 'A user with that e-mail already exists.', { param: 'email' });
      for (const w of body.workspaces ?? [])
        if (!(await tenancy.workspace(w.id))) throw badRequest(`No workspace "${w.id}".`, 'workspaces', 'workspace_not_found');
      const user = await users.create({
        id: newId('usr'),
        email,
        name: body.name,
        password_hash: await hashPassword(body.password),
        is_admin: body.is_admin ? 1 : 0,
        disabled: 0,
        created_at: Date.now(),
      });
      for (const w of body.workspaces ?? []) await tenancy.setMember(w.id, user.id, w.role);
      return userView(user);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/users/:userId',
    summary: 'Get a user',
    tag: 'users',
    params: userParams,
    response: userViewSchema,
    handler: async ({ principal, params }) => userView(await load(principal, params.userId)),
  });

  apiRoute(c.app, c.routes, {
    method: 'PATCH',
    url: '/api/users/:userId',
    summary: 'Change a user (yourself: name and password with current_password; instance admins: anything)',
    tag: 'users',
    params: userParams,
    body: z
      .object({
        name: z.string().trim().min(1).max(LIMITS.name).optional(),
        password: password.optional(),
        current_password: z.string().max(1024).optional(),
        is_admin: z.boolean().optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
    response: userViewSchema,
    handler: async ({ principal, params, body }) => {
      const u = await load(principal, params.userId);
      const admin = isInstanceAdmin(principal);
      const self = principal.kind === 'user' && principal.user.id === u.id;
      if (!admin && !self) throw forbidden('You may only change your own account.', 'admin_required');
      if (!admin && (body.is_admin !== undefined || body.disabled !== undefined))
        throw forbidden('Only instance administrators change roles or disable users.', 'admin_required');
      if (!admin && body.password !== undefined && !(await verifyPassword(body.current_password ?? '', u.password_hash))) {
        throw forbidden('current_password is wrong.', 'invalid_credentials');
      }
      const updated = await users.update(u.id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.password !== undefined ? { password_hash: await hashPassword(body.password) } : {}),
        ...(body.is_admin !== undefined ? { is_admin: body.is_admin ? 1 : 0 } : {}),
        ...(body.disabled !== undefined ? { disabled: body.disabled ? 1 : 0 } : {}),
      });
      return userView(updated!);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/users/:userId',
    summary: 'Delete a user (instance administrators)',
    tag: 'users',
    params: userParams,
    response: deletedSchema,
    handler: async ({ principal, params }) => {
      requireInstanceAdmin(principal);
      if (principal.kind === 'user' && principal.user.id === params.userId)
        throw badRequest('You cannot delete yourself.', 'userId', 'self_delete');
      if (!(await users.delete(params.userId))) throw notFound('No user with that id.');
      return { id: params.userId, deleted: true as const };
    },
  });
}
