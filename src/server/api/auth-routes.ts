import { z } from 'zod';
import { gatewayError } from '../../core/error-codes.js';
import { unauthorized } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import { hashPassword, verifyPassword } from '../../security/passwords.js';
import { hashToken, newSessionToken } from '../../security/tokens.js';
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

interface Attempts {
  n: number;
  since: number;
}

/**
 * Login, logout and "who am I". Failed logins are throttled per e-mail address and per client
 * address (`request.ip`, which follows `trust_proxy`). An attempt is counted before anything is
 * awaited and given back only when it succeeds, and each account has at most one login in flight,
 * so parallel guesses cannot all reach the password check.
 */
export function registerAuthRoutes(c: ApiContext): void {
  const failures = new Map<string, Attempts>();
  const inFlight = new Set<string>();
  let dummyHash: Promise<string> | undefined;

  const throttled = (message: string, retryAfterS: number, code: 'login_throttled' | 'login_in_progress' = 'login_throttled') =>
    gatewayError(code, message, { retryAfter: Math.max(1, Math.ceil(retryAfterS)) });
  /** The live counter of `k` (a fresh one when absent or expired), kept within LIMITS.loginThrottleEntries. */
  const counter = (k: string, now: number): Attempts => {
    let cur = failures.get(k);
    if (cur && now - cur.since < FAILURE_WINDOW_MS) return cur;
    if (!cur && failures.size >= LIMITS.loginThrottleEntries) {
      for (const [key, v] of failures) if (now - v.since >= FAILURE_WINDOW_MS) failures.delete(key);
      // Still full of live counters: drop the oldest (Map order is insertion order).
      for (const key of failures.keys()) {
        if (failures.size < LIMITS.loginThrottleEntries) break;
        failures.delete(key);
      }
    }
    cur = { n: 0, since: now };
    failures.set(k, cur);
    return cur;
  };

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Log in to the console; sets an httpOnly session cookie and returns the CSRF token',
    tag: 'auth',
    auth: 'public',
    body: z.object({ email: z.string().min(1).max(LIMITS.email), password: z.string().min(1).max(LIMITS.password) }).strict(),
    response: z.object({ user: userViewSchema, csrf_token: z.string(), expires_at: z.string() }),
    handler: async ({ body, reply, request }) => {
      const email = body.email.trim().toLowerCase();
      const now = Date.now();
      // Everything up to `inFlight.add` is synchronous: no two requests interleave here.
      if (inFlight.has(email))
        throw throttled('A login for this account is already in progress; try again in a moment.', 1, 'login_in_progress');
      const byAccount = counter(email, now);
      const byIp = counter(`ip:${request.ip}`, now);
      for (const [x, max, what] of [
        [byAccount, MAX_FAILURES, 'for this account'],
        [byIp, MAX_FAILURES_PER_IP, 'from this address'],
      ] as const) {
        if (x.n >= max) throw throttled(`Too many failed logins ${what}; try again later.`, (x.since + FAILURE_WINDOW_MS - now) / 1000);
      }
      // Counted as a failure until it proves otherwise.
      byAccount.n++;
      byIp.n++;
      inFlight.add(email);
      let user: Awaited<ReturnType<typeof c.rt.users.byEmail>>;
      let ok: boolean;
      try {
        user = await c.rt.users.byEmail(email);
        // Unknown accounts cost the same scrypt as known ones, so timing does not reveal which exist.
        ok = user
          ? await verifyPassword(body.password, user.password_hash)
          : (await verifyPassword(body.password, await (dummyHash ??= hashPassword('baimo-dummy'))), false);
      } finally {
        inFlight.delete(email);
      }
      if (!user || !ok || user.disabled) throw unauthorized('Wrong e-mail or password.', 'invalid_credentials');
      failures.delete(email);
      byIp.n = Math.max(0, byIp.n - 1);
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
    url: '/api/auth/status',
    summary: 'Before logging in: whether any console user exists yet (a fresh install signs in with the admin token)',
    tag: 'auth',
    auth: 'public',
    response: z.object({
      has_users: z.boolean().describe('False on a fresh install: no console user yet, only the admin token can sign in.'),
    }),
    handler: async () => ({ has_users: await c.rt.users.any() }),
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
