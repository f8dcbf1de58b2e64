import { gatewayError } from '../../core/error-codes.js';
import type { StreamPart } from '../../core/chat-types.js';
import { upstreamError } from '../../core/errors.js';
import type { SseEvent } from '../shared/sse-parser.js';
import { mapFinishReason } from './map-finish-reason.js';
import { mapUsage } from './map-usage.js';
import { toToolCall, type GeminiResponse } from './parse-response.js';

/**
 * Turns `streamGenerateContent?alt=sse` chunks into stream parts. Each chunk is a whole
 * GenerateContentResponse; function calls arrive whole (one tool-call-delta with id, name and all
 * arguments); `usageMetadata` is a running total; the finish reason comes from the last chunk that has one.
 */
export async function* parseStream(provider: string, events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
  let toolCount = 0;
  let finishReason: string | undefined;
  let blocked = false;
  for await (const ev of events) {
    const data = ev.data.trim();
    if (!data) continue;
    let chunk: GeminiResponse;
    try {
      chunk = JSON.parse(data) as GeminiResponse;
    } catch {
      continue;
    }
    if (chunk.error) {
      const status = typeof chunk.error.code === 'number' ? chunk.error.code : 502;
      yield {
        type: 'error',
        error: upstreamError(provider, status, chunk.error.message ?? 'the provider reported an error mid-stream', {
          code: chunk.error.status ?? 'upstream_stream_error',
        }),
      };
      return;
    }
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.functionCall) {
        const call = toToolCall(part.functionCall);
        yield {
          type: 'tool-call-delta',
          index: toolCount++,
          id: call.id,
          name: call.function.name,
          argumentsDelta: call.function.arguments,
        };
      } else if (part.text) {
        yield part.thought ? { type: 'reasoning-delta', text: part.text } : { type: 'text-delta', text: part.text };
      }
    }
    if (candidate?.finishReason) finishReason = candidate.finishReason;
    if (!candidate && chunk.promptFeedback?.blockReason) blocked = true;
    const usage = mapUsage(chunk.usageMetadata);
    if (usage) yield { type: 'usage', usage, cumulative: true };
  }
  // Gemini's last chunk carries the finishReason (or a prompt block): without either the connection was cut.
  if (!finishReason && !blocked) {
    yield {
      type: 'error',
      error: gatewayError('upstream_stream_truncated', `${provider}: the stream ended before the answer was complete`, { provider }),
    };
    return;
  }
  yield { type: 'finish', reason: blocked ? 'content_filter' : mapFinishReason(finishReason, toolCount > 0) };
}
