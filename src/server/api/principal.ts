import { forbidden, notFound, unauthorized } from '../../core/errors.js';
import type { KeyPolicy } from '../../governance/key-policy.js';
import type { Role } from '../../store/schema.js';
import type { TenancyRepository } from '../../store/tenancy-repository.js';
import type { UserRow } from '../../store/user-repository.js';

/**
 * Who calls an `/api` route:
 * - `admin`: the instance admin token; sees and changes everything.
 * - `user`: a console user (session cookie); instance administrators see everything, others only the
 *   workspaces they are members of, with their role there.
 * - `key`: a virtual key; it may read only itself, its usage and its logs.
 */
export type Principal =
  | { kind: 'admin' }
  | { kind: 'user'; user: UserRow; roles: Map<string, Role>; sessionId: string; csrf: string }
  | { kind: 'key'; key: KeyPolicy };

/** What a route needs in a workspace; each level includes the ones before it. */
export type Need = 'read' | 'write' | 'admin' | 'owner';

const RANK: Record<Role, number> = { viewer: 1, member: 2, admin: 3, owner: 4 };
const NEED: Record<Need, number> = { read: 1, write: 2, admin: 3, owner: 4 };

export function isInstanceAdmin(p: Principal): boolean {
  return p.kind === 'admin' || (p.kind === 'user' && p.user.is_admin === 1);
}

export function requireInstanceAdmin(p: Principal): void {
  if (!isInstanceAdmin(p)) throw forbidden('Only instance administrators may do this.', 'admin_required');
}

/** Users only (not keys): a key cannot manage anything. */
export function requireUser(p: Principal): void {
  if (p.kind === 'key')
    throw forbidden('API keys may only read their own key, usage and logs; log in to the console instead.', 'key_not_allowed');
}

/**
 * Checks `p` may act on workspace `id` at level `need`. A workspace the caller cannot see is
 * reported as not found, so ids of other tenants are not even confirmed to exist.
 */
export function requireWorkspace(p: Principal, id: string, need: Need, what = 'workspace'): void {
  if (isInstanceAdmin(p)) return;
  if (p.kind === 'key') {
    if (p.key.workspaceId !== id) throw notFound(`No ${what} with that id.`);
    throw forbidden('API keys may only read their own key, usage and logs.', 'key_not_allowed');
  }
  if (p.kind !== 'user') throw unauthorized('Log in first.');
  const role = p.roles.get(id);
  if (!role) throw notFound(`No ${what} with that id.`);
  if (RANK[role] < NEED[need])
    throw forbidden(`Your role in this workspace (${role}) does not allow this; it needs ${need} access.`, 'role_insufficient');
}

/** Whether `p` may act on workspace `id` at level `need` (what `requireWorkspace` checks, as a yes or no). */
export function allows(p: Principal, id: string, need: Need): boolean {
  if (isInstanceAdmin(p)) return true;
  const role = p.kind === 'user' ? p.roles.get(id) : undefined;
  return role !== undefined && RANK[role] >= NEED[need];
}

/** The role a user holds in a workspace (instance administrators act as owners). */
export function roleIn(p: Principal, id: string): Role | null {
  if (isInstanceAdmin(p)) return 'owner';
  return p.kind === 'user' ? (p.roles.get(id) ?? null) : null;
}

/** Workspaces a principal may read; undefined means all of them. */
export function visibleWorkspaces(p: Principal): string[] | undefined {
  if (isInstanceAdmin(p)) return undefined;
  if (p.kind === 'key') return [p.key.workspaceId];
  return p.kind === 'user' ? [...p.roles.keys()] : [];
}

/**
 * Users a principal may see: every user (instance administrators: undefined), else themselves and the
 * members of their workspaces. Keys see none.
 */
export async function visibleUsers(p: Principal, tenancy: Pick<TenancyRepository, 'members'>): Promise<string[] | undefined> {
  if (isInstanceAdmin(p)) return undefined;
  if (p.kind !== 'user') return [];
  const ids = new Set([p.user.id]);
  for (const ws of p.roles.keys()) for (const m of await tenancy.members(ws)) ids.add(m.user_id);
  return [...ids];
}

/** Whether `userId` is among `visibleUsers(p)`; an unknown id is simply not visible. */
export async function userVisibleTo(p: Principal, userId: string, tenancy: Pick<TenancyRepository, 'members'>): Promise<boolean> {
  const ids = await visibleUsers(p, tenancy);
  return ids === undefined || ids.includes(userId);
}
