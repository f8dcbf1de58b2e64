import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fast OpenAI-compatible upstream that behaves like a careless real provider: asked for a model
 * whose name contains `leak`, or under the path prefix `/leak/`, it refuses with a 400 whose message
 * echoes every credential it was sent (Authorization, custom headers, the query string). Anything
 * else gets a short, valid answer at once. baimo must never pass those echoes on.
 */
export interface LeakyUpstream {
  /** Base URL incl. `/v1` (answers normally unless the model name contains `leak`). */
  url: string;
  /** Base URL incl. `/leak/v1`: every call is refused with the credentials echoed. */
  leakUrl: string;
  /** Chat and embedding calls received. */
  calls: number;
  close(): Promise<void>;
}

const CREATED = 1_700_000_000;

export async function startLeakyUpstream(): Promise<LeakyUpstream> {
  const up: LeakyUpstream = { url: '', leakUrl: '', calls: 0, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => answer(up, req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  up.url = `${base}/v1`;
  up.leakUrl = `${base}/leak/v1`;
  up.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return up;
}

function answer(up: LeakyUpstream, req: IncomingMessage, res: ServerResponse, raw: string): void {
  const url = req.url ?? '';
  const path = url.split('?')[0];
  let body: { model?: unknown; stream?: unknown; input?: unknown } = {};
  try {
    body = raw ? (JSON.parse(raw) as typeof body) : {};
  } catch {
    // leave it empty
  }
  const model = typeof body.model === 'string' ? body.model : '';
  if (path.startsWith('/leak/') || model.includes('leak')) {
    const echoed = Object.entries(req.headers)
      .filter(([k]) => k !== 'content-length' && k !== 'content-type' && k !== 'host' && k !== 'connection')
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    return json(res, 400, {
      error: { message: `Invalid request to ${url} with credentials ${echoed}`, type: 'invalid_request_error', param: null, code: null },
    });
  }
  if (path.endsWith('/models'))
    return json(res, 200, { object: 'list', data: [{ id: 'm1', object: 'model', created: CREATED, owned_by: 'fake' }] });
  up.calls++;
  if (path.endsWith('/embeddings')) {
    const input = Array.isArray(body.input) ? body.input : [body.input];
    return json(res, 200, {
      object: 'list',
      data: input.map((_, index) => ({ object: 'embedding', index, embedding: [0.25, 0.5, -0.25] })),
      model,
      usage: { prompt_tokens: 3, total_tokens: 3 },
    });
  }
  if (path.endsWith('/rerank')) {
    const docs = Array.isArray((body as { documents?: unknown }).documents) ? (body as { documents: unknown[] }).documents : [];
    return json(res, 200, { model, results: docs.map((_, index) => ({ index, relevance_score: 0.5 })), usage: { total_tokens: 3 } });
  }
  const usage = { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 };
  if (body.stream !== true) {
    return json(res, 200, {
      id: 'chatcmpl-leaky',
      object: 'chat.completion',
      created: CREATED,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop', logprobs: null }],
      usage,
    });
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-leaky', object: 'chat.completion.chunk', created: CREATED, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  res.write(chunk({ role: 'assistant', content: 'ok' }, null));
  res.write(chunk({}, 'stop'));
  res.write(
    `data: ${JSON.stringify({ id: 'chatcmpl-leaky', object: 'chat.completion.chunk', created: CREATED, model, choices: [], usage })}\n\n`,
  );
  res.end('data: [DONE]\n\n');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
  res.end(s);
}
