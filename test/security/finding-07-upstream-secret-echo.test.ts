import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretRedactor } from '../../src/core/redact-secrets.js';
import { api, chat } from '../helpers/admin-api.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Finding 7: a provider secret echoed in an upstream error reached clients, `/api/logs` and the
// database; only key-like patterns (`sk-…`, `Bearer …`) were masked. Real providers echo keys,
// whole or in part ("Incorrect API key provided: live0123********WXYZ"). Here the upstream echoes
// every credential it received: the key, a configured header, a configured query value.

/** None of these look like `sk-…` or `Bearer …`: only knowing them can mask them. */
const API_KEY = 'live0123456789ABCDEFGHIJKLMNOP';
const HEADER_SECRET = 'hdrZq8Wm3Kp9Lr2Tx7V';
const QUERY_SECRET = 'qry7Hj3Kd9Ls2Mn5Pb';
const ANTHROPIC_KEY = 'antKEY9f8e7d6c5b4a3210zyxw';
const SECRETS = [API_KEY, HEADER_SECRET, QUERY_SECRET, ANTHROPIC_KEY];

/** Fails when any 8-character piece of any secret appears in `text`. */
function expectNoSecret(text: string): void {
  for (const s of SECRETS) for (let i = 0; i + 8 <= s.length; i++) expect(text).not.toContain(s.slice(i, i + 8));
}

/** What the upstream saw, echoed back the way providers word auth errors. */
function echoOf(req: IncomingMessage): string {
  const auth = String(req.headers.authorization ?? req.headers['x-api-key'] ?? '').replace(/^Bearer /, '');
  const sig = new URL(req.url ?? '/', 'http://x').searchParams.get('sig') ?? '';
  const partial = auth.length > 12 ? `${auth.slice(0, 10)}********${auth.slice(-4)}` : auth;
  return `Incorrect API key provided: ${auth}. Hint: ${partial}; suffix ${auth.slice(-12)}; header ${String(req.headers['x-custom-auth'] ?? '')}; sig=${sig}`;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** An upstream that echoes credentials: by model name, as a 401, a 500, a plain-text 400, or mid-stream. */
function handle(req: IncomingMessage, res: ServerResponse, body: any): void {
  const echo = echoOf(req);
  const path = (req.url ?? '').split('?')[0];
  if (path.endsWith('/messages')) return send(res, 401, { type: 'error', error: { type: 'authentication_error', message: echo } });
  const model = String(body?.model ?? '');
  if (model === 'ok') {
    return send(res, 200, {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: 'fine' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
  }
  if (model === 'e401') return send(res, 401, { error: { message: echo, type: 'invalid_request_error', code: 'invalid_api_key' } });
  if (model === 'e500') return send(res, 500, { error: { message: echo, type: 'server_error', code: null } });
  if (model === 'e400-text') {
    res.writeHead(400, { 'content-type': 'text/plain' });
    return void res.end(echo);
  }
  if (model === 'midstream') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta: { content: 'he' } }] };
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    return void res.end(`data: ${JSON.stringify({ error: { message: echo } })}\n\n`);
  }
  send(res, 404, { error: { message: `no model ${model}; ${echo}` } });
}

let server: Server;
let baimo: TestBaimo;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => handle(req, res, raw ? JSON.parse(raw) : null));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  baimo = await startBaimo({
    providers: {
      up: {
        type: 'openai-compatible',
        base_url: url,
        api_key: API_KEY,
        headers: { 'x-custom-auth': HEADER_SECRET },
        query: { sig: QUERY_SECRET },
      },
      spare: { type: 'openai-compatible', base_url: url, api_key: API_KEY },
      ant: { type: 'anthropic', base_url: url, api_key: ANTHROPIC_KEY },
    },
    models: [
      { name: 'fallback', targets: [{ provider: 'up', model: 'e500' }], fallbacks: ['good'], retries: 1 },
      { name: 'good', targets: [{ provider: 'spare', model: 'ok' }] },
    ],
    router: { retries: 0, backoff_base_ms: 1, backoff_max_ms: 5, circuit_failures: 1000 },
  });
});
afterAll(async () => {
  await baimo?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

async function logRow(id: string | null): Promise<string> {
  await baimo.runtime.logWriter.flush();
  const list = await api(baimo, 'GET', '/api/logs?limit=50');
  expect(list.status).toBe(200);
  const row = id ?? list.body.data[0].id;
  const detail = await api(baimo, 'GET', `/api/logs/${row}`);
  expect(detail.status).toBe(200);
  return JSON.stringify(list.body) + JSON.stringify(detail.body);
}

describe('finding 7: provider secrets echoed by an upstream never leave baimo', () => {
  it('a 401 echoing the key, a header and a query value: masked for the client and in the log', async () => {
    const r = await chat(baimo, ADMIN_TOKEN, { model: 'up/e401' });
    expect(r.status).toBe(502);
    expect(r.body.error.message).toContain('Incorrect API key provided');
    expectNoSecret(JSON.stringify(r.body));
    expectNoSecret(await logRow(r.headers.get('x-request-id')));
  });

  it('a plain-text 400 echo and a native adapter (Anthropic x-api-key) are masked too', async () => {
    const text = await chat(baimo, ADMIN_TOKEN, { model: 'up/e400-text' });
    expect(text.status).toBe(400);
    expectNoSecret(JSON.stringify(text.body));
    const ant = await chat(baimo, ADMIN_TOKEN, { model: 'ant/claude-x' });
    expect(ant.status).toBe(502);
    expect(ant.body.error.message).toContain('Incorrect API key provided');
    expectNoSecret(JSON.stringify(ant.body));
    expectNoSecret(await logRow(ant.headers.get('x-request-id')));
  });

  it('an error in the middle of a stream is masked in the SSE and the log', async () => {
    const res = await fetch(`${baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ model: 'up/midstream', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const sse = await res.text();
    expect(sse).toContain('Incorrect API key provided');
    expectNoSecret(sse);
    expectNoSecret(await logRow(res.headers.get('x-request-id')));
  });

  it('failed attempts before a fallback (attempts_detail) are masked', async () => {
    const r = await chat(baimo, ADMIN_TOKEN, { model: 'fallback' });
    expect(r.status).toBe(200);
    const log = await logRow(r.headers.get('x-request-id'));
    expect(log).toContain('Incorrect API key provided');
    expectNoSecret(log);
  });

  it('nothing of any secret is in the database files', async () => {
    await baimo.runtime.logWriter.flush();
    const db = join(baimo.dir, 'baimo.db');
    let bytes = readFileSync(db).toString('latin1');
    try {
      if (statSync(`${db}-wal`).size > 0) bytes += readFileSync(`${db}-wal`).toString('latin1');
    } catch {
      // no WAL
    }
    expect(bytes).toContain('Incorrect API key provided');
    expectNoSecret(bytes);
  });
});

describe('the per-provider redactor', () => {
  let r: SecretRedactor;
  beforeAll(() => {
    r = new SecretRedactor([API_KEY, 'a+b/c=d&e?f', 'sk-upstream-secret', 'short7x']);
  });

  it('masks a secret whole, its first or last 8+ characters, and its URL-encoded form', () => {
    expect(r.redact(`key ${API_KEY}.`)).toBe('key ***.');
    expect(r.redact(`key ${API_KEY.slice(0, 10)}********${API_KEY.slice(-4)}`)).toBe(`key ***********${API_KEY.slice(-4)}`);
    expect(r.redact(`ends ${API_KEY.slice(-9)}`)).toBe('ends ***');
    expect(r.redact(`q=${encodeURIComponent('a+b/c=d&e?f')}`)).toBe('q=***');
    expect(r.redact('code short7x here')).toBe('code *** here');
  });

  it('keeps short hints and words that only occur inside a secret', () => {
    expect(r.redact(`hint ${API_KEY.slice(0, 6)}…${API_KEY.slice(-4)}`)).toBe(`hint ${API_KEY.slice(0, 6)}…${API_KEY.slice(-4)}`);
    expect(r.redact('rate limited upstream')).toBe('rate limited upstream');
  });

  it('is idempotent', () => {
    const once = r.redact(`${API_KEY} and ${API_KEY.slice(3)}`);
    expect(r.redact(once)).toBe(once);
    expectNoSecret(once);
  });
});
