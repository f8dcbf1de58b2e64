import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat request as the eval fake sees it. */
export interface EvalCall {
  /** The upstream model (the target's `model`). */
  model: string;
  messages: Array<{ role: string; content: string }>;
  /** The last user message's text: the prompt key calls are counted by. */
  prompt: string;
  body: any;
  /** Date.now() when the request arrived. */
  at: number;
}

/** What the fake does with one call: answer text, or fail with a status (and `retry-after`), after an optional delay. */
export type EvalReply =
  | string
  | { text: string; delayMs?: number; usage?: { prompt_tokens: number; completion_tokens: number }; finishReason?: string }
  | { status: number; retryAfter?: string; message?: string; code?: string; delayMs?: number };

export interface EvalUpstream {
  /** Base URL with /v1. */
  url: string;
  calls: EvalCall[];
  /** Calls per `${model}\u0000${prompt}`. */
  count(model: string, prompt: string): number;
  /** Decides each call's reply (replaceable during a test). */
  answer: (call: EvalCall) => EvalReply;
  close(): Promise<void>;
}

const CREATED = 1_700_000_000;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * A local OpenAI-compatible upstream for evaluation tests (`/v1/chat/completions`, non-streamed, the
 * documented wire format): each call is recorded with its arrival time and counted by model and last
 * user message, and answered by `answer` (a known subset right, refusals, 429s…). It runs in the test
 * process, so it counts calls across every baimo process the test starts.
 */
export async function startEvalUpstream(answer: EvalUpstream['answer']): Promise<EvalUpstream> {
  const counts = new Map<string, number>();
  const up: EvalUpstream = {
    url: '',
    calls: [],
    count: (model, prompt) => counts.get(`${model}\u0000${prompt}`) ?? 0,
    answer,
    close: async () => undefined,
  };
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      open.add(res);
      res.on('close', () => open.delete(res));
      const path = (req.url ?? '').split('?')[0];
      if (path.endsWith('/models')) return json(res, 200, { object: 'list', data: [] });
      let body: any;
      try {
        body = JSON.parse(raw);
      } catch {
        return json(res, 400, { error: { message: 'not JSON', type: 'invalid_request_error', param: null, code: null } });
      }
      const messages = (body.messages ?? []) as EvalCall['messages'];
      const lastUser = [...messages].reverse().find((m) => m.role === 'user');
      const call: EvalCall = { model: body.model, messages, prompt: String(lastUser?.content ?? ''), body, at: Date.now() };
      up.calls.push(call);
      const key = `${call.model}\u0000${call.prompt}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const reply = up.answer(call);
      const r = typeof reply === 'string' ? { text: reply } : reply;
      const send = () => {
        if (res.destroyed) return;
        if ('status' in r) {
          return json(
            res,
            r.status,
            { error: { message: r.message ?? `fake error ${r.status}`, type: 'server_error', param: null, code: r.code ?? null } },
            r.retryAfter ? { 'retry-after': r.retryAfter } : {},
          );
        }
        const usage = r.usage ?? { prompt_tokens: 100, completion_tokens: 10 };
        json(res, 200, {
          id: 'chatcmpl-eval',
          object: 'chat.completion',
          created: CREATED,
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: r.text }, finish_reason: r.finishReason ?? 'stop', logprobs: null }],
          usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
        });
      };
      if (r.delayMs) setTimeout(send, r.delayMs);
      else send();
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
