/** Signing in and out, who is calling, and whether the install has any console user yet. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError, route } from './client.ts';
import type { Body, Res } from './types.ts';

export type Me = Res<'getApiAuthMe'>;
export type Role = NonNullable<Me['workspaces'][number]['role']>;
export type AuthStatus = Res<'getApiAuthStatus'>;

export const authKeys = {
  all: ['auth'] as const,
  status: () => [...authKeys.all, 'status'] as const,
};

/** Who the token (or, with `null`, the session cookie) belongs to; null when it is not valid (401). */
export async function fetchMe(token?: string | null): Promise<Me | null> {
  try {
    return await api<Me>('GET', route('/api/auth/me'), undefined, token !== undefined ? { token } : {});
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** Checks a token before keeping it: its principal, or the API error (401 when it is wrong). */
export const fetchMeWith = (token: string) => api<Me>('GET', route('/api/auth/me'), undefined, { token });

/** Opens a console session (an httpOnly cookie) and returns its CSRF token. */
export const login = (body: Body<'postApiAuthLogin'>) =>
  api<Res<'postApiAuthLogin'>>('POST', route('/api/auth/login'), body, { token: null });

export const logout = () => api<Res<'postApiAuthLogout'>>('POST', route('/api/auth/logout'));

/** Public: answered before anyone signs in (no token is sent, so a stale one cannot turn it into a 401). */
export const authStatusQuery = queryOptions({
  queryKey: authKeys.status(),
  queryFn: () => api<AuthStatus>('GET', route('/api/auth/status'), undefined, { token: null }),
  staleTime: 30_000,
  // Unanswered, the page opens on the account tab rather than wait for retries.
  retry: false,
});

export const useAuthStatus = () => useQuery(authStatusQuery);
