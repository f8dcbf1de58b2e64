import type { FastifyRequest } from 'fastify';
import { forbidden, notFound } from '../../core/errors.js';
import { DEFAULT_WORKSPACE_ID, type TenancyRepository } from '../../store/tenancy-repository.js';
import { endUserOf } from '../caller-ids.js';
import { isInstanceAdmin, requireWorkspace, type Need, type Principal } from './principal.js';

/** Who reports page views, feedback or end-user attributes, and for which workspace. */
export interface AnalyticsCaller {
  workspaceId: string;
  /** The key's id (null for console sessions and the admin token). */
  keyId: string | null;
  /** The end user when the caller names none: the console user, else `x-end-user-id`. */
  endUser: string | null;
  /** A console session: its end user is its user, `end_user` may not name another. */
  endUserFixed: boolean;
  /** The key's segment attributes (its app's winning); empty for other callers. */
  segments: Readonly<Record<string, string>>;
}

/** Who the caller is, whatever the workspace: its key, its end user, its key's segment attributes. */
export function callerIdentity(p: Principal, request: FastifyRequest): Omit<AnalyticsCaller, 'workspaceId'> {
  if (p.kind === 'key')
    return { keyId: p.key.id, endUser: endUserOf(request, undefined), endUserFixed: false, segments: p.key.segments ?? {} };
  if (p.kind === 'user') return { keyId: null, endUser: p.user.id, endUserFixed: true, segments: {} };
  return { keyId: null, endUser: endUserOf(request, undefined), endUserFixed: false, segments: {} };
}

/**
 * The caller of an analytics capture route in a workspace: an API key reports for its own workspace
 * (another one named is not found), a console user for a workspace they may act on at `need`, the
 * admin token (and instance administrators) for any that exists. None named: the default workspace
 * (a console user who is not a member of it: their first).
 */
export async function analyticsCaller(
  p: Principal,
  request: FastifyRequest,
  workspaceId: string | undefined,
  need: Need,
  tenancy: Pick<TenancyRepository, 'workspace'>,
): Promise<AnalyticsCaller> {
  const who = callerIdentity(p, request);
  if (p.kind === 'key') {
    if (workspaceId !== undefined && workspaceId !== p.key.workspaceId)
      throw notFound('No workspace with that id.', 'not_found', 'workspace_id');
    return { ...who, workspaceId: p.key.workspaceId };
  }
  const ws = workspaceId ?? defaultWorkspaceOf(p);
  if (isInstanceAdmin(p)) {
    if (!(await tenancy.workspace(ws))) throw notFound('No workspace with that id.', 'not_found', 'workspace_id');
  } else requireWorkspace(p, ws, need);
  return { ...who, workspaceId: ws };
}

/** A console user's default: the default workspace when they are a member of it, else their first. */
function defaultWorkspaceOf(p: Principal): string {
  if (p.kind !== 'user' || isInstanceAdmin(p) || p.roles.has(DEFAULT_WORKSPACE_ID)) return DEFAULT_WORKSPACE_ID;
  return p.roles.keys().next().value ?? DEFAULT_WORKSPACE_ID;
}

/** The end user an event names, checked against the caller: a console session may name only its own user. */
export function eventEndUser(
  caller: Pick<AnalyticsCaller, 'endUser' | 'endUserFixed'>,
  given: string | null | undefined,
  param: string,
): string | null {
  if (given === undefined || given === null) return caller.endUser;
  if (caller.endUserFixed && given !== caller.endUser)
    throw forbidden(
      'A console session reports for its own user only: leave end_user out. / 控制台会话只能以自己的用户身份上报，请不要填写 end_user。',
      'end_user_not_allowed',
      param,
    );
  return given;
}
