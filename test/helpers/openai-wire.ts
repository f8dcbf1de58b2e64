import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the fake OpenAI-compatible upstreams share (fake-openai-upstream.ts, eval-upstream.ts,
 * scripted-upstream.ts): the local server, and the documented wire format of chat answers — a JSON
 * completion, SSE chunks ending in `[DONE]`, and errors.
 */

/** `created` of every fake answer. */
export const CREATED = 1_700_000_000;

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface UpstreamServer {
  /** Base URL incl. `/v1`. */
  url: string;
  /** Destroys the answers still open, then stops listening. */
  close(): Promise<void>;
}

/**
 * A local HTTP server on 127.0.0.1: each request's body is read as UTF-8 text (a multi-byte
 * character split across chunks must not become U+FFFD), then `handle` answers it. `onAborted` hears
 * of every answer the client (baimo) closed before it was complete.
 */
export async function startUpstreamServer(
  handle: (req: IncomingMessage, res: ServerResponse, raw: string) => void,
  onAborted: () => void = () => undefined,
): Promise<UpstreamServer> {
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      open.add(res);
      res.on('close', () => {
        open.delete(res);
        if (!res.writableEnded) onAborted();
      });
      handle(req, res, raw);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The path of a request without its query. */
export const pathOf = (req: IncomingMessage): string => (req.url ?? '').split('?')[0]!;

export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** An OpenAI error answer (`type: server_error`). */
export function writeError(
  res: ServerResponse,
  status: number,
  message: string,
  code: string | null = null,
  headers: Record<string, string> = {},
): void {
  writeJson(res, status, { error: { message, type: 'server_error', param: null, code } }, headers);
}

/** `usage` as OpenAI sends it, with `total_tokens`. */
export const fullUsage = (u: Usage) => ({ ...u, total_tokens: u.prompt_tokens + u.completion_tokens });

/** A `chat.completion` with one choice holding `message`; `usage` left out when not given. */
export function completion(id: string, model: string, message: object, finishReason: string, usage?: Usage): object {
  return {
    id,
    object: 'chat.completion',
    created: CREATED,
    model,
    choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
    ...(usage ? { usage: fullUsage(usage) } : {}),
  };
}

export function sseHead(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
}

/** One `chat.completion.chunk` event with one choice. */
export function sseChunk(id: string, model: string, delta: object, finish: string | null): string {
  return `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: CREATED, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`;
}

/** The usage event of a stream (no choices), sent before `[DONE]`. */
export function sseUsage(id: string, model: string, usage: Usage): string {
  return `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: CREATED, model, choices: [], usage: fullUsage(usage) })}\n\n`;
}
