import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ActorType } from '../../compliance/audit/audit-chain.js';
import { POLICY_SCOPES, type PolicyScope } from '../../store/policy-repository.js';
import type { Runtime } from '../../runtime/create-runtime.js';
import { auditAction, CREATE_OR_UPDATE } from './audit-actions.js';
import { scopeWorkspace } from './compliance-scope.js';
import type { Principal } from './principal.js';
import { pickWorkspace } from './kb-access.js';

/** What the hook learns before the handler runs (afterwards a deleted key or app can no longer tell). */
interface Pending {
  action: string;
  workspaceId: string | null;
}

const pending = new WeakMap<FastifyRequest, Pending>();

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function actor(p: Principal): { actorType: ActorType; actorId: string | null } {
  if (p.kind === 'user') return { actorType: 'user', actorId: p.user.id };
  if (p.kind === 'key') return { actorType: 'key', actorId: p.key.id };
  return { actorType: 'admin_token', actorId: null };
}

/** The workspace a write concerns, from its path parameters or body, looked up before it happens. */
async function workspaceOf(
  rt: Runtime,
  url: string,
  params: Record<string, unknown>,
  body: Record<string, unknown>,
): Promise<string | null> {
  const ws = str(params.workspaceId);
  if (ws) return ws;
  const keyId = str(params.keyId);
  if (keyId) return (await rt.keys.get(keyId))?.workspace_id ?? null;
  const appId = str(params.appId);
  if (appId) return (await rt.tenancy.app(appId))?.workspace_id ?? null;
  const scopeType = str(params.scopeType);
  const scopeId = str(params.scopeId);
  if (scopeType && scopeId && (POLICY_SCOPES as readonly string[]).includes(scopeType))
    return (await scopeWorkspace(rt, scopeType as PolicyScope, scopeId)) ?? null;
  const libId = str(params.id);
  if (libId && url.startsWith('/api/moderation/libraries/'))
    return (await rt.compliance.policies.libraries.get(libId))?.workspace_id ?? null;
  if (libId && url.startsWith('/api/arena/battles/')) return (await rt.arena.get(libId))?.workspace_id ?? null;
  if (libId && url.startsWith('/api/eval/runs/')) return (await rt.evalRuns.row(libId))?.workspace_id ?? null;
  if (libId && url.startsWith('/api/eval/datasets/')) {
    const ws = (await rt.evalDatasetStore.getDataset(libId))?.workspace_id;
    if (ws) return ws;
  }
  return str(body.workspace_id) ?? null;
}

/** Whether a create-or-replace route's target existed before the call. */
function existed(rt: Runtime, route: string, params: Record<string, unknown>): boolean {
  const name = str(params.name) ?? '';
  if (route.startsWith('PUT /api/providers/')) return name in rt.models.config.providers || rt.models.problems.has(`provider:${name}`);
  return rt.models.config.models.some((m) => m.name === name) || rt.models.problems.has(`model:${name}`);
}

/** The id a response names (`id`), when it is a JSON object that has one. */
function responseId(payload: unknown): { id?: string; workspaceId?: string } {
  if (typeof payload !== 'string' || payload[0] !== '{') return {};
  try {
    const body = JSON.parse(payload) as Record<string, unknown>;
    // An evaluation dataset import answers {dataset, version, …}: the dataset is the target.
    const inner = !str(body.id) && body.dataset && typeof body.dataset === 'object' ? (body.dataset as Record<string, unknown>) : body;
    return { id: str(inner.id), workspaceId: str(inner.workspace_id) };
  } catch {
    return {};
  }
}

/**
 * Records every successful (status < 400) admin API write in the audit log: who (admin token, user
 * or key), the action (AUDIT_ACTIONS, else `METHOD url`), the workspace when known, the target (the
 * response's id, else the last path parameter) and the request body and query without secrets.
 * Sign-in, sign-out and the POSTs that only read are not recorded. One hook for every route: a new
 * route is audited without code of its own.
 */
export function registerAuditHook(api: FastifyInstance, rt: Runtime): void {
  api.addHook('preHandler', async (request) => {
    if (!request.principal) return;
    const url = request.routeOptions.url ?? '';
    let action = auditAction(request.method, url);
    if (action === null) return;
    const route = `${request.method} ${url}`;
    const params = (request.params ?? {}) as Record<string, unknown>;
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    let workspaceId: string | null = null;
    try {
      if (CREATE_OR_UPDATE.has(route) && !existed(rt, route, params)) action = action.replace(/\.update$/, '.create');
      workspaceId = await workspaceOf(rt, url, params, body);
      // The arena's other writes name their workspace as the knowledge bases do: the query, else the caller's own.
      // So do evaluation datasets named by name (or uploaded: a multipart body has no workspace_id).
      if (workspaceId === null && (url.startsWith('/api/arena/') || url.startsWith('/api/eval/datasets')))
        workspaceId = pickWorkspace(request.principal, str((request.query as Record<string, unknown> | undefined)?.workspace_id));
    } catch {
      // A failed lookup only costs the entry its workspace id; the handler reports real problems.
    }
    pending.set(request, { action, workspaceId });
  });

  api.addHook('onSend', async (request, reply, payload) => {
    const p = pending.get(request);
    if (!p || reply.statusCode >= 400 || !request.principal) return payload;
    pending.delete(request);
    const params = (request.params ?? {}) as Record<string, string>;
    const fromResponse = responseId(payload);
    const lastParam = Object.values(params)
      .filter((v) => typeof v === 'string' && v !== '')
      .pop();
    const detail: Record<string, unknown> = {};
    // The audit log strips secrets when it serialises the detail (a large one on a thread of its own).
    if (request.body && typeof request.body === 'object' && Object.keys(request.body).length) detail.body = request.body;
    const query = request.query as Record<string, unknown> | undefined;
    if (query && Object.keys(query).length) detail.query = query;
    const targetId = fromResponse.id ?? lastParam ?? null;
    const targetType = p.action.includes('.') ? p.action.slice(0, p.action.indexOf('.')) : null;
    rt.compliance.audit.record({
      ...actor(request.principal),
      workspaceId: p.workspaceId ?? fromResponse.workspaceId ?? (targetType === 'workspace' ? targetId : null),
      action: p.action,
      targetType,
      targetId,
      detail: Object.keys(detail).length ? detail : null,
    });
    return payload;
  });
}
