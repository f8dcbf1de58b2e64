import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the scripted upstream answers one chat call with: a text, or an error status. */
export type ScriptedReply = string | { status: number; message?: string };

export interface ScriptedUpstream {
  /** Base URL incl. `/v1`. */
  url: string;
  /** Chat calls received (their bodies), in order of arrival. */
  calls: Array<{ model: string; stream: boolean; messages: Array<{ role: string; content: string }> }>;
  /** Streamed answers the client (baimo) closed before they were complete. */
  aborted: number;
  close(): Promise<void>;
}

const CREATED = 1_700_000_000;

/**
 * A local OpenAI-compatible upstream whose every answer comes from `reply(model, messages)`: one
 * server standing in for several models (the arena's contestants and its judge), speaking the real
 * wire format — a JSON completion, or SSE chunks (`chunkDelayMs` apart, a few characters each) with
 * `[DONE]` and usage.
 */
export async function startScriptedUpstream(
  reply: (model: string, messages: Array<{ role: string; content: string }>) => ScriptedReply,
  opts: { chunkDelayMs?: number | ((model: string) => number) } = {},
): Promise<ScriptedUpstream> {
  const up: ScriptedUpstream = { url: '', calls: [], aborted: 0, close: async () => undefined };
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      if (path.endsWith('/models')) return json(res, 200, { object: 'list', data: [] });
      let body: { model?: string; stream?: boolean; messages?: Array<{ role: string; content: string }> } = {};
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        return json(res, 400, { error: { message: 'bad json', type: 'invalid_request_error', param: null, code: null } });
      }
      const model = body.model ?? '';
      const messages = body.messages ?? [];
      const stream = body.stream === true;
      up.calls.push({ model, stream, messages });
      const r = reply(model, messages);
      if (typeof r !== 'string')
        return json(res, r.status, {
          error: { message: r.message ?? `scripted ${r.status}`, type: 'server_error', param: null, code: null },
        });
      const usage = { prompt_tokens: 10, completion_tokens: Math.max(1, r.length), total_tokens: 10 + Math.max(1, r.length) };
      if (!stream)
        return json(res, 200, {
          id: 'chatcmpl-scripted',
          object: 'chat.completion',
          created: CREATED,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: r }, finish_reason: 'stop', logprobs: null }],
          usage,
        });
      open.add(res);
      res.on('close', () => {
        open.delete(res);
        if (!res.writableEnded) up.aborted++;
      });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(chunk(model, { role: 'assistant', content: '' }, null));
      const pieces = r.match(/.{1,3}/gsu) ?? [];
      let i = 0;
      const finish = () => {
        res.write(chunk(model, {}, 'stop'));
        res.write(
          `data: ${JSON.stringify({ id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: CREATED, model, choices: [], usage })}\n\n`,
        );
        res.end('data: [DONE]\n\n');
      };
      const delay = typeof opts.chunkDelayMs === 'function' ? opts.chunkDelayMs(model) : (opts.chunkDelayMs ?? 0);
      if (!delay) {
        for (const piece of pieces) res.write(chunk(model, { content: piece }, null));
        return finish();
      }
      const step = () => {
        if (res.destroyed) return;
        if (i >= pieces.length) return finish();
        res.write(chunk(model, { content: pieces[i++] }, null));
        setTimeout(step, delay);
      };
      step();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  up.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  up.close = () =>
    new Promise<void>((resolve) => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return up;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
  res.end(s);
}

function chunk(model: string, delta: object, finish: string | null): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: CREATED, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`;
}
