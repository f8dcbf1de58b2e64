import { badRequest, notFound } from '../../core/errors.js';
import type { PolicyScope } from '../../store/policy-repository.js';
import type { PolicyIds } from '../../compliance/policy/policy-service.js';
import type { Runtime } from '../../runtime/create-runtime.js';
import { requireUser, requireWorkspace, type Need, type Principal } from './principal.js';

/** The workspace a policy scope belongs to, or undefined when the workspace, app or key does not exist. */
export async function scopeWorkspace(rt: Runtime, scopeType: PolicyScope, scopeId: string): Promise<string | undefined> {
  switch (scopeType) {
    case 'workspace':
      return (await rt.tenancy.workspace(scopeId))?.id;
    case 'app':
      return (await rt.tenancy.app(scopeId))?.workspace_id;
    case 'key':
      return (await rt.keys.get(scopeId))?.workspace_id;
  }
}

/**
 * Checks `p` may act on the policy of a scope at level `need` and returns the scope's workspace.
 * Scopes of other tenants and missing ones are both not found.
 */
export async function requireScope(rt: Runtime, p: Principal, scopeType: PolicyScope, scopeId: string, need: Need): Promise<string> {
  requireUser(p);
  if (scopeType === 'workspace') requireWorkspace(p, scopeId, need);
  const ws = await scopeWorkspace(rt, scopeType, scopeId);
  if (!ws) throw notFound(`No ${scopeType} with that id.`);
  requireWorkspace(p, ws, need, scopeType);
  return ws;
}

/**
 * The ids an effective policy is looked up by, from optional workspace, app and key ids: the app
 * and workspace default to the key's, the workspace to the app's, and ids that do not belong
 * together are a 400. The caller needs `need` in that workspace; without any id (the deployment
 * defaults) any user may ask.
 */
export async function resolvePolicyIds(
  rt: Runtime,
  p: Principal,
  given: { workspace_id?: string; app_id?: string; key_id?: string },
  need: Need = 'read',
): Promise<PolicyIds> {
  requireUser(p);
  let workspaceId = given.workspace_id ?? null;
  let appId = given.app_id ?? null;
  const keyId = given.key_id ?? null;
  if (workspaceId) requireWorkspace(p, workspaceId, need);
  if (keyId) {
    const k = await rt.keys.get(keyId);
    if (!k) throw notFound('No key with that id.');
    requireWorkspace(p, k.workspace_id, need, 'key');
    if (workspaceId !== null && workspaceId !== k.workspace_id)
      throw badRequest('The key is not in that workspace.', 'key_id', 'scope_mismatch');
    if (appId !== null && k.app_id !== null && appId !== k.app_id)
      throw badRequest('The key is not in that app.', 'key_id', 'scope_mismatch');
    workspaceId = k.workspace_id;
    appId ??= k.app_id;
  }
  if (appId) {
    const a = await rt.tenancy.app(appId);
    if (!a) throw notFound('No app with that id.');
    requireWorkspace(p, a.workspace_id, need, 'app');
    if (workspaceId !== null && workspaceId !== a.workspace_id)
      throw badRequest('The app is not in that workspace.', 'app_id', 'scope_mismatch');
    workspaceId = a.workspace_id;
  }
  if (workspaceId && !(await rt.tenancy.workspace(workspaceId))) throw notFound('No workspace with that id.');
  return { workspaceId, appId, keyId };
}
