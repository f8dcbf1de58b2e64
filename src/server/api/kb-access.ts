import { z } from 'zod';
import { badRequest, forbidden, notFound, type GatewayError } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-types.js';
import type { KnowledgeService } from '../../knowledge/knowledge-service-types.js';
import { DEFAULT_WORKSPACE_ID } from '../../store/tenancy-repository.js';
import { isInstanceAdmin, requireWorkspace, type Principal } from './principal.js';

/** `:kb` in a path: the base's id (`kb_…`) or its name (URL-encoded). */
export const kbParams = z.object({ kb: z.string().min(1).max(LIMITS.id).describe('The knowledge base id (kb_…) or name') });

/** `?workspace_id=`: which workspace the base is in; absent, the caller's only one or the default workspace. */
export const workspaceQuery = z.object({
  workspace_id: z
    .string()
    .min(1)
    .max(LIMITS.id)
    .optional()
    .describe("The base's workspace; absent: the caller's only workspace, else the default workspace"),
});

/** Who did it, for the base's and documents' `created_by`. */
export const actorOf = (p: Principal): string => (p.kind === 'user' ? p.user.id : p.kind === 'admin' ? 'admin' : p.key.id);

/**
 * The workspace a knowledge-base call is about: the one named, else the key's own, else a user's only
 * workspace, else the default workspace (when the caller can see it). A caller in several workspaces
 * and not in the default one must name it.
 */
export function pickWorkspace(p: Principal, given: string | undefined): string {
  if (given) return given;
  if (p.kind === 'key') return p.key.workspaceId;
  if (isInstanceAdmin(p) || p.kind !== 'user') return DEFAULT_WORKSPACE_ID;
  if (p.roles.size === 1) return [...p.roles.keys()][0]!;
  if (p.roles.has(DEFAULT_WORKSPACE_ID)) return DEFAULT_WORKSPACE_ID;
  if (p.roles.size === 0) throw notFound('No workspace with that id.');
  throw badRequest(
    'You are a member of several workspaces: name the one you mean in workspace_id.',
    'workspace_id',
    'missing_required_parameter',
  );
}

/**
 * Checks `p` may act on knowledge bases of `workspaceId`: members with read access (and the
 * workspace's API keys) read and search; members with write access change. A key of another workspace,
 * like a user outside it, learns nothing: not found.
 */
export function requireKbAccess(p: Principal, workspaceId: string, need: 'read' | 'write'): void {
  requireMemberOrKey(p, workspaceId, need, {
    notFound: () => notFound('No workspace with that id.'),
    keyMayNot: 'API keys may read and search their workspace’s knowledge bases; changing them needs a console user.',
  });
}

/**
 * {@link requireWorkspace} for what the workspace's API keys may read too (knowledge bases,
 * evaluation datasets and runs): a key of another workspace gets `notFound()`, a key asking to change
 * something a 403 `key_not_allowed` saying `keyMayNot`; users are checked for `need` (`what` names
 * the thing a user outside the workspace is told is not found).
 */
export function requireMemberOrKey(
  p: Principal,
  workspaceId: string,
  need: 'read' | 'write',
  opts: { notFound: () => GatewayError; keyMayNot: string; what?: string },
): void {
  if (p.kind === 'key') {
    if (p.key.workspaceId !== workspaceId) throw opts.notFound();
    if (need !== 'read') throw forbidden(opts.keyMayNot, 'key_not_allowed');
    return;
  }
  requireWorkspace(p, workspaceId, need, opts.what);
}

/** The workspace checked for `need`, and the base (404 `knowledge_base_not_found` when there is none). */
export async function loadBase(
  knowledge: KnowledgeService,
  p: Principal,
  workspace: string | undefined,
  nameOrId: string,
  need: 'read' | 'write',
): Promise<{ workspaceId: string; base: KnowledgeBase }> {
  const workspaceId = pickWorkspace(p, workspace);
  requireKbAccess(p, workspaceId, need);
  const base = await knowledge.get(workspaceId, nameOrId);
  if (!base) throw kbNotFound();
  return { workspaceId, base };
}

export const kbNotFound = () => notFound('No knowledge base with that name or id in this workspace.', 'knowledge_base_not_found', 'kb');
export const documentNotFound = () => notFound('No document with that id in this knowledge base.', 'document_not_found', 'id');
