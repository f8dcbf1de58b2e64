/**
 * Streams `/v1/chat/completions` (SSE): yields text deltas as they arrive, then the usage chunk,
 * then a final `done` event with time to first token and total latency. Errors (HTTP or an
 * `{"error": …}` event in the stream) are thrown as ApiError; aborting throws an AbortError.
 */
import { ApiError, authHeaders, getToken, route, toApiError } from './client.ts';
import { sseChunks } from './sse-chunks.ts';
import type { Body, Events } from './types.ts';

type ChatRequest = Body<'postV1ChatCompletions'>;
type ChatChunk = Events<'postV1ChatCompletions'>;

/** The text messages the playground sends (a subset of what the route takes: the request `satisfies` its type). */
export type ChatMessage = { [R in 'system' | 'user' | 'assistant']: { role: R; content: string } }['system' | 'user' | 'assistant'];

export interface ChatParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
}

export type ChatUsage = NonNullable<ChatChunk['usage']>;

export interface StreamChatOptions {
  model: string;
  messages: ChatMessage[];
  params?: ChatParams;
  /** Bearer token for `/v1`: a virtual key or the admin token; defaults to the stored admin token. */
  token?: string | null;
  signal?: AbortSignal;
  /** Sent as `x-request-id`; the request log row gets the same id. */
  requestId?: string;
  /** More headers (the tab's `x-session-id` and `x-end-user-id` for usage analytics). */
  headers?: Record<string, string>;
}

export type StreamEvent =
  | { type: 'delta'; text: string }
  | { type: 'usage'; usage: ChatUsage }
  | { type: 'done'; ttftMs: number | null; latencyMs: number; requestId: string | null; finishReason: string | null; cache: string | null };

/** A chunk, or the error event a stream may end with. */
type Chunk = Partial<ChatChunk> & { error?: { message?: string; code?: string | null; type?: string | null; param?: string | null } };

export function newRequestId(): string {
  const rand = Math.random().toString(36).slice(2, 10);
  return `pg_${Date.now().toString(36)}${rand}`;
}

export async function* streamChat(opts: StreamChatOptions): AsyncGenerator<StreamEvent, void, void> {
  const started = performance.now();
  const token = opts.token !== undefined ? opts.token : getToken();
  const headers: Record<string, string> = {
    ...opts.headers,
    'content-type': 'application/json',
    accept: 'text/event-stream',
    ...authHeaders(token),
  };
  if (opts.requestId) headers['x-request-id'] = opts.requestId;
  const res = await fetch(route('/v1/chat/completions'), {
    method: 'POST',
    headers,
    signal: opts.signal,
    body: JSON.stringify({
      model: opts.model,
      messages: opts.messages,
      ...opts.params,
      stream: true,
      stream_options: { include_usage: true },
    } satisfies ChatRequest),
  });
  if (!res.ok) throw await toApiError(res);
  if (!res.body) throw new ApiError(res.status, 'Empty response body', 'empty_body');

  const requestId = res.headers.get('x-request-id') ?? opts.requestId ?? null;
  let ttftMs: number | null = null;
  let finishReason: string | null = null;
  // A stream that ends without [DONE] still reports what it had.
  for await (const chunk of sseChunks<Chunk>(res.body, res.status)) {
    for (const choice of chunk.choices ?? []) {
      if (choice.finish_reason) finishReason = choice.finish_reason;
      const text = choice.delta?.content;
      if (text) {
        if (ttftMs === null) ttftMs = performance.now() - started;
        yield { type: 'delta', text };
      }
    }
    if (chunk.usage) yield { type: 'usage', usage: chunk.usage };
  }
  yield finish();

  function finish(): StreamEvent {
    return {
      type: 'done',
      ttftMs,
      latencyMs: performance.now() - started,
      requestId,
      finishReason,
      cache: res.headers.get('x-baimo-cache'),
    };
  }
}
