import { completion, pathOf, startUpstreamServer, writeError, writeJson } from './openai-wire.js';

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
  const server = await startUpstreamServer((req, res, raw) => {
    if (pathOf(req).endsWith('/models')) return writeJson(res, 200, { object: 'list', data: [] });
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      return writeJson(res, 400, { error: { message: 'not JSON', type: 'invalid_request_error', param: null, code: null } });
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
      if ('status' in r)
        return writeError(
          res,
          r.status,
          r.message ?? `fake error ${r.status}`,
          r.code ?? null,
          r.retryAfter ? { 'retry-after': r.retryAfter } : {},
        );
      const usage = r.usage ?? { prompt_tokens: 100, completion_tokens: 10 };
      const message = { role: 'assistant', content: r.text };
      writeJson(res, 200, completion('chatcmpl-eval', body.model, message, r.finishReason ?? 'stop', usage));
    };
    if (r.delayMs) setTimeout(send, r.delayMs);
    else send();
  });
  up.url = server.url;
  up.close = server.close;
  return up;
}
