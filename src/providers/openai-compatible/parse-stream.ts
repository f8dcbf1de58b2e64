import type { StreamPart } from '../../core/chat-types.js';
import { gatewayError } from '../../core/error-codes.js';
import { upstreamError, type GatewayError } from '../../core/errors.js';
import type { SseEvent } from '../shared/sse-parser.js';
import { mapFinishReason } from './map-finish-reason.js';
import { mapUsage, type WireUsage } from './map-usage.js';

interface WireChunk {
  choices?: Array<{
    delta?: {
      content?: string | null;
      reasoning_content?: string | null;
      tool_calls?: Array<{ index?: number; id?: string; function?: { name?: string; arguments?: string } }> | null;
    } | null;
    finish_reason?: string | null;
  }> | null;
  usage?: WireUsage | null;
  error?: { message?: string; code?: string | number; type?: string };
}

/**
 * Turns OpenAI-style `chat.completion.chunk` events into stream parts. Tolerates `data:` without a
 * space, keep-alive comments, usage chunks with `choices: null` (vLLM) and usage on every chunk.
 */
export async function* parseStream(provider: string, events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
  let sawToolCalls = false;
  // Held until the stream ends: with `include_usage` the usage chunk comes after the finish_reason chunk.
  let finish: StreamPart | undefined;
  let done = false;
  for await (const ev of events) {
    const data = ev.data.trim();
    if (data === '[DONE]') {
      done = true;
      break;
    }
    if (!data) continue;
    let chunk: WireChunk;
    try {
      chunk = JSON.parse(data) as WireChunk;
    } catch {
      continue; // providers sometimes interleave non-JSON status lines; they carry no content
    }
    if (chunk.error || ev.event === 'error') {
      yield { type: 'error', error: streamError(provider, chunk.error) };
      return;
    }
    const choice = chunk.choices?.[0];
    const delta = choice?.delta;
    if (delta) {
      if (delta.reasoning_content) yield { type: 'reasoning-delta', text: delta.reasoning_content };
      if (delta.content) yield { type: 'text-delta', text: delta.content };
      if (delta.tool_calls) {
        for (const [i, tc] of delta.tool_calls.entries()) {
          sawToolCalls = true;
          yield {
            type: 'tool-call-delta',
            index: tc.index ?? i,
            id: tc.id || undefined,
            name: tc.function?.name || undefined,
            argumentsDelta: tc.function?.arguments || undefined,
          };
        }
      }
    }
    const usage = mapUsage(chunk.usage);
    if (usage) yield { type: 'usage', usage, cumulative: true };
    if (choice?.finish_reason && !finish) finish = { type: 'finish', reason: mapFinishReason(choice.finish_reason, sawToolCalls) };
  }
  // Neither a finish_reason nor [DONE]: the connection was cut, the answer is incomplete.
  if (!finish && !done) {
    yield {
      type: 'error',
      error: gatewayError('upstream_stream_truncated', `${provider}: the stream ended before the answer was complete`, { provider }),
    };
    return;
  }
  yield finish ?? { type: 'finish', reason: sawToolCalls ? 'tool_calls' : 'stop' };
}

/** Error `code`/`type` values of OpenAI-style error frames that name a status (vLLM, DeepSeek, Qwen…). */
const STATUS_BY_ERROR: Record<string, number> = {
  rate_limit_exceeded: 429,
  rate_limit_error: 429,
  insufficient_quota: 429,
  server_error: 500,
  internal_error: 500,
  service_unavailable: 503,
  overloaded: 503,
  overloaded_error: 503,
};

/**
 * An `{"error":…}` frame as a GatewayError. A frame that names a status (a numeric `code`, or a
 * `code`/`type` such as `rate_limit_exceeded` or `server_error`) keeps it, so a 429 or 5xx sent before
 * the first token is retried on another target like an HTTP 429 or 5xx would be; anything else is a
 * non-retryable `upstream_stream_error`.
 */
function streamError(provider: string, error: WireChunk['error']): GatewayError {
  const message = error?.message ?? 'the provider reported an error mid-stream';
  const code = error?.code;
  const status =
    typeof code === 'number' && code >= 400 && code <= 599
      ? code
      : (STATUS_BY_ERROR[String(code ?? '')] ?? STATUS_BY_ERROR[error?.type ?? '']);
  if (status) return upstreamError(provider, status, message, { code: typeof code === 'string' ? code : (error?.type ?? null) });
  return gatewayError('upstream_stream_error', `${provider}: ${message}`, { provider });
}
