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

/**
 * The credentials of a write made with `fetch` directly (a streamed answer): the stored admin token, else
 * the session's CSRF token (the session cookie goes with the request by itself).
 */
export function writeHeaders(): Record<string, string> {
  const token = getToken();
  if (token) return authHeaders(token);
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
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

export interface UploadOptions {
  /** Called as the request body goes out: the fraction sent, 0..1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs a `multipart/form-data` body with upload progress (fetch cannot report it, XHR can), with the
 * same credentials as `api()`: the stored bearer token, or the session cookie and its CSRF token.
 */
export function upload<T>(path: string, form: FormData, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    const token = getToken();
    const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(token) };
    if (!token && csrfToken) headers['x-csrf-token'] = csrfToken;
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch (e) {
          reject(new ApiError(xhr.status, (e as Error).message, 'invalid_response'));
        }
        return;
      }
      if (xhr.status < 200 || xhr.status > 599) return reject(new ApiError(xhr.status, `${xhr.status} upload failed`));
      void toApiError(new Response(xhr.responseText || null, { status: xhr.status, statusText: xhr.statusText })).then(reject);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network error', 'network_error'));
    xhr.onabort = () => reject(new DOMException('The upload was aborted.', 'AbortError'));
    if (opts.signal) {
      if (opts.signal.aborted) return reject(new DOMException('The upload was aborted.', 'AbortError'));
      opts.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}
