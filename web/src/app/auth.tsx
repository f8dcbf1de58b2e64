import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fetchMe, fetchMeWith, login, logout as endSession, type Me } from '../api/auth.ts';
import { ApiError, getToken, setCsrfToken, setToken } from '../api/client.ts';

export type { Me, Role } from '../api/auth.ts';

interface AuthState {
  me: Me | null;
  /** True until the first `/api/auth/me` answered. */
  loading: boolean;
  loginWithToken: (token: string) => Promise<void>;
  loginWithPassword: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Reloads `me` (after role changes). */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

// The session cookie is httpOnly; this flag only says "a session may exist", so a visitor who never
// logged in does not get a 401 from /api/auth/me (a console error) on every page load.
const SESSION_HINT = 'baimo.session';
function sessionHint(on?: boolean): boolean {
  try {
    if (on === true) localStorage.setItem(SESSION_HINT, '1');
    else if (on === false) localStorage.removeItem(SESSION_HINT);
    return localStorage.getItem(SESSION_HINT) === '1';
  } catch {
    return true;
  }
}

/** Thrown by loginWithToken when the token is a virtual key rather than the admin token. */
export const NOT_ADMIN_TOKEN = 'not_admin_token';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const qc = useQueryClient();

  const refresh = useCallback(async () => {
    let m: Me | null = null;
    try {
      if (getToken()) {
        m = await fetchMe();
        // A stored token that no longer works is dropped; the session cookie may still be valid.
        if (!m) setToken(null);
      }
      if (!m && sessionHint()) {
        m = await fetchMe(null);
        if (!m) sessionHint(false);
      }
    } catch {
      m = null;
    }
    setCsrfToken(m?.csrf_token ?? null);
    setMe(m);
  }, []);

  useEffect(() => {
    // The first check of who is signed in. refresh() sets state after its requests; with no token and
    // no session stored it makes none and sets null over the initial null, which renders nothing again.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh().finally(() => setLoading(false));
  }, [refresh]);

  // What one principal read is not shown to the next: the cache is emptied whenever who is signed in changes.
  const loginWithToken = useCallback(
    async (token: string) => {
      const m = await fetchMeWith(token);
      if (m.kind !== 'admin') throw new ApiError(403, 'not the admin token', NOT_ADMIN_TOKEN);
      qc.clear();
      setToken(token);
      setCsrfToken(null);
      setMe(m);
    },
    [qc],
  );

  const loginWithPassword = useCallback(
    async (email: string, password: string) => {
      setToken(null);
      const res = await login({ email, password });
      setCsrfToken(res.csrf_token);
      const m = await fetchMe(null);
      if (!m) throw new ApiError(401, 'session not established', 'no_session');
      qc.clear();
      sessionHint(true);
      setCsrfToken(m.csrf_token ?? res.csrf_token);
      setMe(m);
    },
    [qc],
  );

  const logout = useCallback(async () => {
    if (!getToken()) await endSession().catch(() => undefined);
    setToken(null);
    setCsrfToken(null);
    sessionHint(false);
    qc.clear();
    setMe(null);
  }, [qc]);

  const value = useMemo(
    () => ({ me, loading, loginWithToken, loginWithPassword, logout, refresh }),
    [me, loading, loginWithToken, loginWithPassword, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** Instance administrators (admin token or an admin user). */
export function useIsAdmin(): boolean {
  return useAuth().me?.is_admin ?? false;
}

/** Display name of the signed-in principal. */
export function principalName(me: Me | null): string {
  if (!me) return '';
  if (me.user) return me.user.name || me.user.email;
  return me.kind === 'admin' ? 'admin' : (me.key_id ?? '');
}
