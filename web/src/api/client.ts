/**
 * Fetch wrapper for the admin API. Auth is either the admin token (sessionStorage `baimo.token`,
 * sent as a bearer token) or the console session cookie; cookie writes carry `x-csrf-token`.
 */
import type { paths } from './schema';

const TOKEN_KEY = 'baimo.token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

let csrfToken: string | null = null;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly type: string | null;
  readonly param: string | null;
  constructor(status: number, message: string, code: string | null = null, type: string | null = null, param: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.type = type;
    this.param = param;
  }
}

export function getToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage unavailable: the token lives only for this page.
  }
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function authHeaders(token: string | null = getToken()): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Turns an OpenAI-shaped error body (or anything else) into an ApiError. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (proxy error page, empty body).
  }
  const err = (body as { error?: { message?: string; code?: string | null; type?: string | null; param?: string | null } } | null)?.error;
  const message = err?.message || `${res.status} ${res.statusText || 'request failed'}`;
  return new ApiError(res.status, message, err?.code ?? null, err?.type ?? null, err?.param ?? null);
}

export interface ApiOptions {
  /** Overrides the stored token (checking a token before keeping it). */
  token?: string | null;
  signal?: AbortSignal;
}

export async function api<T>(method: string, path: string, body?: unknown, opts: ApiOptions = {}): Promise<T> {
  const m = method.toUpperCase();
  const token = opts.token !== undefined ? opts.token : getToken();
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(token) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!token && !SAFE.has(m) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method: m,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, (e as Error).message || 'network error', 'network_error');
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Builds a query string, skipping empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

type PathParams<P extends string> = P extends `${string}{${infer K}}${infer Rest}` ? K | PathParams<Rest> : never;

/**
 * A URL of the API from its OpenAPI path (`route('/api/models/{name}', { name })`): the template must
 * be a path of the generated schema, and every `{param}` is given and encoded.
 */
export function route<P extends keyof paths & string>(
  template: P,
  ...params: [PathParams<P>] extends [never] ? [] : [Record<PathParams<P>, string>]
): string {
  const values = (params[0] ?? {}) as Record<string, string>;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(values[k]!));
}
