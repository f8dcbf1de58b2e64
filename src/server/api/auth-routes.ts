import { z } from 'zod';
import { GatewayError, unauthorized } from '../../core/errors.js';
import { hashPassword, verifyPassword } from '../../security/passwords.js';
import { newSessionToken } from '../../security/tokens.js';
import { hashToken } from '../auth.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { sessionCookie } from './authenticate-api.js';
import { isInstanceAdmin, type Principal } from './principal.js';
import { iso, roleSchema, userView, userViewSchema } from './views.js';

const meSchema = z.object({
  kind: z.enum(['admin', 'user', 'key']),
  user: userViewSchema.nullable(),
  is_admin: z.boolean(),
  key_id: z.string().nullable(),
  workspaces: z.array(z.object({ id: z.string(), role: roleSchema.nullable() })),
  csrf_token: z.string().nullable(),
});

const FAILURE_WINDOW_MS = 15 * 60_000;
/** Wrong passwords per account, and per client address (guessing across many accounts), per window. */
const MAX_FAILURES = 5;
const MAX_FAILURES_PER_IP = 30;

/** Login, logout and "who am I". Failed logins are throttled per e-mail address and per client address. */
export function registerAuthRoutes(c: ApiContext): void {
  const failures = new Map<string, { n: number; since: number }>();
  let dummyHash: Promise<string> | undefined;

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Log in to the console; sets an httpOnly session cookie and returns the CSRF token',
    tag: 'auth',
    auth: 'public',
    body: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) }).strict(),
    response: z.object({ user: userViewSchema, csrf_token: z.string(), expires_at: z.string() }),
    handler: async ({ body, reply, request }) => {
      const email = body.email.trim().toLowerCase();
      const ip = `ip:${request.ip}`;
      const now = Date.now();
      const f = failures.get(email);
      const byIp = failures.get(ip);
      const blocked = (x: { n: number; since: number } | undefined, max: number) => x && now - x.since < FAILURE_WINDOW_MS && x.n >= max;
      if (blocked(f, MAX_FAILURES) || blocked(byIp, MAX_FAILURES_PER_IP)) {
        const perAccount = blocked(f, MAX_FAILURES);
        const since = (perAccount ? f : byIp)!.since;
        throw new GatewayError(`Too many failed logins ${perAccount ? 'for this account' : 'from this address'}; try again later.`, {
          status: 429,
          type: 'rate_limit_error',
          code: 'login_throttled',
          retryAfter: Math.max(1, Math.ceil((since + FAILURE_WINDOW_MS - now) / 1000)),
        });
      }
      const user = await c.rt.users.byEmail(email);
      // Unknown accounts cost the same scrypt as known ones, so timing does not reveal which exist.
      const ok = user
        ? await verifyPassword(body.password, user.password_hash)
        : (await verifyPassword(body.password, await (dummyHash ??= hashPassword('baimo-dummy'))), false);
      if (!user || !ok || user.disabled) {
        if (failures.size > 10_000) failures.clear();
        for (const [k, prev] of [
          [email, f],
          [ip, byIp],
        ] as const) {
          const cur = prev && now - prev.since < FAILURE_WINDOW_MS ? prev : { n: 0, since: now };
          cur.n++;
          failures.set(k, cur);
        }
        throw unauthorized('Wrong e-mail or password.', 'invalid_credentials');
      }
      failures.delete(email);
      const token = newSessionToken();
      const csrf = newSessionToken();
      const ttlMs = c.rt.config.sessions.ttl_hours * 3_600_000;
      await c.rt.users.createSession({
        id: hashToken(token).toString('hex'),
        user_id: user.id,
        csrf,
        created_at: now,
        expires_at: now + ttlMs,
      });
      void c.rt.users.purgeExpiredSessions().catch(() => undefined);
      reply.header('set-cookie', sessionCookie(token, ttlMs / 1000, c.rt.config.sessions.secure_cookie));
      return { user: userView(user), csrf_token: csrf, expires_at: iso(now + ttlMs)! };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'End the console session',
    tag: 'auth',
    response: z.object({ ok: z.boolean() }),
    handler: async ({ principal, reply }) => {
      if (principal.kind === 'user') await c.rt.users.deleteSession(principal.sessionId);
      reply.header('set-cookie', sessionCookie('', 0, c.rt.config.sessions.secure_cookie));
      return { ok: true };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/auth/me',
    summary: 'Who is calling: user, workspaces and roles, and the CSRF token for writes',
    tag: 'auth',
    response: meSchema,
    handler: ({ principal }) => me(principal),
  });
}

function me(p: Principal): z.input<typeof meSchema> {
  if (p.kind === 'admin') return { kind: 'admin', user: null, is_admin: true, key_id: null, workspaces: [], csrf_token: null };
  if (p.kind === 'key')
    return {
      kind: 'key',
      user: null,
      is_admin: false,
      key_id: p.key.id,
      workspaces: [{ id: p.key.workspaceId, role: null }],
      csrf_token: null,
    };
  return {
    kind: 'user',
    user: userView(p.user),
    is_admin: isInstanceAdmin(p),
    key_id: null,
    workspaces: [...p.roles].map(([id, role]) => ({ id, role })),
    csrf_token: p.csrf,
  };
}
