import { startFakeOpenAI, type FakeUpstream } from './fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from './start-baimo.js';

export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

/** Who makes an `/api` call: the admin token, a bearer key, or a console session (cookie + CSRF token). */
export type Caller = { token: string } | { cookie: string; csrf?: string } | null;

export const admin: Caller = { token: ADMIN_TOKEN };

/** The headers that make `caller` the one calling: a bearer token, or the session cookie and CSRF token. */
export function callerHeaders(caller: Caller): Record<string, string> {
  const headers: Record<string, string> = {};
  if (caller && 'token' in caller) headers.authorization = `Bearer ${caller.token}`;
  if (caller && 'cookie' in caller) {
    headers.cookie = caller.cookie;
    if (caller.csrf) headers['x-csrf-token'] = caller.csrf;
  }
  return headers;
}

/** An answer read to its end: the body parsed when it is JSON (null when empty), else its text. */
export async function readResponse(res: Response): Promise<ApiResponse> {
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (an SSE stream, a CSV report)
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** One HTTP call to baimo's admin API; a `Uint8Array` body is sent as already encoded JSON. */
export async function api(baimo: TestBaimo, method: string, path: string, body?: unknown, caller: Caller = admin): Promise<ApiResponse> {
  const headers = callerHeaders(caller);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baimo.url}${path}`, {
    method,
    headers,
    body: body === undefined || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
  return readResponse(res);
}

/** A multipart/form-data POST (an upload) to baimo's admin API at a server or a bare origin. */
export async function postForm(baimo: TestBaimo | string, path: string, form: FormData, caller: Caller = admin): Promise<ApiResponse> {
  const origin = typeof baimo === 'string' ? baimo : baimo.url;
  return readResponse(await fetch(`${origin}${path}`, { method: 'POST', headers: callerHeaders(caller), body: form }));
}

/** Creates a virtual key through the API and returns the secret and its id. */
export async function createKey(
  baimo: TestBaimo,
  fields: Record<string, unknown>,
  workspace = 'ws_default',
): Promise<{ key: string; id: string }> {
  const r = await api(baimo, 'POST', `/api/workspaces/${workspace}/keys`, { name: 'test key', ...fields });
  if (r.status !== 201) throw new Error(`key creation failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { key: r.body.key, id: r.body.id };
}

/** Logs in and returns a session caller. */
export async function login(baimo: TestBaimo, email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const r = await api(baimo, 'POST', '/api/auth/login', { email, password }, null);
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
  const set = r.headers.get('set-cookie') ?? '';
  return { cookie: set.split(';')[0], csrf: r.body.csrf_token };
}

/** A console user with these roles, created through the API (201 expected), logged in. */
export async function userSession(
  baimo: TestBaimo,
  email: string,
  workspaces: Array<{ id: string; role: string }>,
  name = email.split('@')[0]!,
): Promise<{ cookie: string; csrf: string }> {
  const password = 'correct horse battery';
  const r = await api(baimo, 'POST', '/api/users', { email, name, password, workspaces });
  if (r.status !== 201) throw new Error(`creating the user ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return login(baimo, email, password);
}

/**
 * Two workspaces, A and B, each with a virtual key, and a console session of a user who is admin of
 * A only: the cast of the tests where one workspace attacks and another must not notice.
 */
export async function attackerAndBystander(
  baimo: TestBaimo,
  names: { a: string; b: string; email: string },
): Promise<{ wsA: string; wsB: string; adminA: Caller; keyA: string; keyB: string }> {
  const wsA = (await api(baimo, 'POST', '/api/workspaces', { name: names.a })).body.id as string;
  const wsB = (await api(baimo, 'POST', '/api/workspaces', { name: names.b })).body.id as string;
  const adminA = await userSession(baimo, names.email, [{ id: wsA, role: 'admin' }], 'A admin');
  return { wsA, wsB, adminA, keyA: (await createKey(baimo, {}, wsA)).key, keyB: (await createKey(baimo, {}, wsB)).key };
}

/** A server whose alias `echo` answers with what it was sent (a self-hosted fake), with {@link attackerAndBystander}'s cast. */
export async function attackScene(names: {
  a: string;
  b: string;
  email: string;
}): Promise<{ fake: FakeUpstream; baimo: TestBaimo } & Awaited<ReturnType<typeof attackerAndBystander>>> {
  const fake = await startFakeOpenAI({ fallback: { kind: 'echo' } });
  const baimo = await startBaimo({
    providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
    models: [{ name: 'echo', targets: [{ provider: 'up', model: 'm1' }] }],
  });
  return { fake, baimo, ...(await attackerAndBystander(baimo, names)) };
}

/** A chat call with a bearer key; returns the raw response. */
export async function chat(
  baimo: TestBaimo,
  key: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const res = await fetch(`${baimo.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], ...body }),
  });
  return readResponse(res);
}
