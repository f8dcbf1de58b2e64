import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../../core/errors.js';
import type { KeyDirectory } from '../../governance/key-directory.js';
import { hashToken, VIRTUAL_KEY_PREFIX } from '../../security/tokens.js';
import type { Role } from '../../store/schema.js';
import type { TenancyRepository } from '../../store/tenancy-repository.js';
import type { UserRepository } from '../../store/user-repository.js';
import { bearer } from '../auth.js';
import type { Principal } from './principal.js';

export const SESSION_COOKIE = 'baimo_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ApiAuthDeps {
  adminTokenHash: Buffer;
  keys: KeyDirectory;
  users: UserRepository;
  tenancy: TenancyRepository;
}

/**
 * Finds the principal of an `/api` request: a bearer token (admin token or virtual key), else the
 * console session cookie. Cookie-authenticated writes must also carry `x-csrf-token` (the value
 * given at login and by `/api/auth/me`), and a cross-site `Origin` is refused: a forged form or
 * script on another site can send the cookie but can read neither the token nor the response.
 */
export async function authenticateApi(request: FastifyRequest, d: ApiAuthDeps): Promise<Principal | null> {
  const auth = request.headers.authorization;
  if (auth) {
    const token = bearer(auth);
    if (!token) throw unauthorized('Malformed Authorization header: use `Bearer <token>`.');
    if (token.startsWith(VIRTUAL_KEY_PREFIX)) return { kind: 'key', key: await d.keys.authenticate(token) };
    if (timingSafeEqual(hashToken(token), d.adminTokenHash)) return { kind: 'admin' };
    throw unauthorized('Incorrect token provided.');
  }
  const token = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (!token) return null;
  const session = await d.users.session(hashToken(token).toString('hex'));
  if (!session) return null;
  const user = await d.users.get(session.user_id);
  if (!user || user.disabled) return null;
  if (!SAFE.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    const given = Buffer.from(typeof sent === 'string' ? sent : '');
    const want = Buffer.from(session.csrf);
    if (given.length !== want.length || !timingSafeEqual(given, want)) {
      throw forbidden('Missing or wrong x-csrf-token header (get it from POST /api/auth/login or GET /api/auth/me).', 'csrf_failed');
    }
    const origin = request.headers.origin;
    if (origin && origin !== 'null') {
      const host = originHost(origin);
      if (host === undefined || host !== request.headers.host) throw forbidden('Cross-site request refused.', 'csrf_failed');
    }
  }
  const roles = new Map<string, Role>();
  for (const m of await d.tenancy.memberships(user.id)) roles.set(m.workspace_id, m.role);
  return { kind: 'user', user, roles, sessionId: session.id, csrf: session.csrf };
}

/** The `host` of an `Origin` header; undefined when it is not a URL (a malformed Origin is refused, not a 500). */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim()) || undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function sessionCookie(token: string, maxAgeS: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeS)}${secure ? '; Secure' : ''}`;
}
