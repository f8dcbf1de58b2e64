import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits.js';
import type { RunningServer } from '../../src/server/start-server.js';
import { api } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

/**
 * Finding 9: `/api` authenticated in preHandler, after Fastify had read and parsed a body of up to
 * 10 MB; and a connection dripping a byte at a time was never closed. Now `/api` authenticates in
 * onRequest, bodies are capped per route group (LIMITS.body) and the HTTP timeouts come from LIMITS.http.
 */

/** Sends the headers of a `declared`-byte body and only `sent` bytes of it; resolves with the status, or 'no answer'. */
function partialPost(url: string, path: string, declared: number, sent: number, waitMs: number): Promise<number | 'no answer'> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = httpRequest({
      host: u.hostname,
      port: u.port,
      path,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(declared) },
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve('no answer');
    }, waitMs);
    req.on('response', (res) => {
      clearTimeout(timer);
      res.resume();
      req.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      if ((err as NodeJS.ErrnoException).code === 'ECONNRESET') resolve('no answer');
      else reject(err);
    });
    req.write(Buffer.alloc(sent, '{'));
  });
}

/** Opens a raw connection, writes `head`, then one byte of `drip` every `everyMs`; resolves with how long the server kept it open. */
function drip(url: string, head: string, everyMs: number, giveUpMs: number): Promise<{ closedAfterMs: number | null; answer: string }> {
  return new Promise((resolve) => {
    const u = new URL(url);
    const started = Date.now();
    const socket = connect({ host: u.hostname, port: Number(u.port) });
    let answer = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ closedAfterMs: closed ? Date.now() - started : null, answer });
    };
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(head);
    const timer = setInterval(() => {
      if (!socket.destroyed) socket.write('a');
    }, everyMs);
    const giveUp = setTimeout(() => finish(false), giveUpMs);
  });
}

describe('finding 09: /api authenticates before reading the body', () => {
  let baimo: TestBaimo;
  beforeAll(async () => {
    baimo = await startBaimo({});
  });
  afterAll(async () => {
    await baimo?.close();
  });

  it('an unauthenticated POST is refused with 401 before its 5 MB body has arrived', async () => {
    const started = Date.now();
    // Only 1 KB of the declared 5 MB is ever sent: an answer proves the body was not waited for.
    expect(await partialPost(baimo.url, '/api/workspaces', 5 * 1024 * 1024, 1024, 3_000)).toBe(401);
    expect(await partialPost(baimo.url, '/api/no-such-route', 5 * 1024 * 1024, 1024, 3_000)).toBe(401);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a POST to a path no route serves is a 404 before its 5 MB body has arrived', async () => {
    expect(await partialPost(baimo.url, '/v1/no-such-route', 5 * 1024 * 1024, 1024, 3_000)).toBe(404);
    expect(await partialPost(baimo.url, '/nothing/here', 5 * 1024 * 1024, 1024, 3_000)).toBe(404);
  });

  it('an unauthenticated 5 MB invalid JSON body gets 401, not a parse error', async () => {
    const res = await fetch(`${baimo.url}/api/workspaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{'.repeat(5 * 1024 * 1024),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('authentication_error');
  });

  it('login, the public route, takes only a small body', async () => {
    const r = await api(baimo, 'POST', '/api/auth/login', { email: 'a@example.cn', password: 'x'.repeat(LIMITS.body.apiPublic) }, null);
    expect(r.status).toBe(413);
  });

  it('an authenticated body above LIMITS.body.api gets 413 on ordinary routes', async () => {
    const r = await api(baimo, 'POST', '/api/workspaces', { name: 'x'.repeat(LIMITS.body.api + 1) });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('request_too_large');
  });

  it('upload routes take more than LIMITS.body.api', async () => {
    // 100,000 CJK characters escaped as \uXXXX: 600 KB of JSON, within the route's own text limit.
    const body = `{"text":"${'\\u4e2d'.repeat(100_000)}"}`;
    expect(body.length).toBeGreaterThan(LIMITS.body.api);
    const res = await fetch(`${baimo.url}/api/security/moderation/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body,
    });
    expect(res.status).toBe(200);
  });

  it('the HTTP server timeouts default to LIMITS.http', () => {
    const s = baimo.app.server;
    expect(s.requestTimeout).toBe(LIMITS.http.requestTimeoutMs);
    expect(s.headersTimeout).toBe(LIMITS.http.headersTimeoutMs);
    expect(s.keepAliveTimeout).toBe(LIMITS.http.keepAliveTimeoutMs);
    expect(s.timeout).toBe(LIMITS.http.connectionTimeoutMs);
  });
});

describe('finding 09: a connection that drips bytes is closed', () => {
  let server: RunningServer;
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ fallback: { kind: 'text', text: 'slow answer', delayMs: 1_500 } });
    // The same server with shorter timeouts, so the test takes seconds instead of a minute.
    server = await startBaimo(
      {
        providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
        models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] }],
      },
      {},
      { http: { requestTimeoutMs: 1_000, headersTimeoutMs: 600 } },
    );
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it('requestTimeout bounds receiving the request, not answering it: a slow answer still arrives', async () => {
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0].message.content).toBe('slow answer');
  });

  it('a body dripped a byte at a time is cut off at requestTimeout', async () => {
    const head = 'POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';
    const r = await drip(server.url, head, 100, 5_000);
    expect(r.closedAfterMs).not.toBeNull();
    expect(r.closedAfterMs!).toBeLessThan(3_000);
  });

  it('headers dripped a byte at a time are cut off at headersTimeout', async () => {
    const r = await drip(server.url, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ', 100, 5_000);
    expect(r.closedAfterMs).not.toBeNull();
    expect(r.closedAfterMs!).toBeLessThan(3_000);
    expect(r.answer).not.toContain('200 OK');
  });

  it('the server keeps answering', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
