import { gatewayError } from '../../core/error-codes.js';
import type { StreamPart } from '../../core/chat-types.js';
import { upstreamError } from '../../core/errors.js';
import { newToolCallId } from '../../core/ids.js';
import type { SseEvent } from '../shared/sse-parser.js';
import { isContentFilterError, mapTencentError } from './map-error.js';
import { mapFinishReason, mapUsage } from './map-usage.js';
import type { HunyuanChatBody } from './parse-response.js';

/**
 * Turns Hunyuan's SSE (`data: {…}` chunks, not wrapped in `Response`) into stream parts.
 * - `Choices[0].Delta.Content` / `ReasoningContent` are text deltas;
 * - `Delta.ToolCalls[]` carry `Index`; id and name are emitted the first time an index is seen,
 *   `Arguments` pieces as argument deltas;
 * - `Usage` on every chunk is a running total, so it is declared `cumulative`;
 * - `FinishReason` is empty until the last chunk (`sensitive` → content_filter);
 * - an `ErrorMsg` / `Error` chunk ends the stream with an error part.
 */
export async function* parseStream(provider: string, events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
  const seen = new Set<number>();
  let finishReason: string | undefined;
  for await (const ev of events) {
    const data = ev.data.trim();
    if (!data || data === '[DONE]') continue;
    let chunk: HunyuanChatBody & { Response?: HunyuanChatBody };
    try {
      chunk = JSON.parse(data) as HunyuanChatBody;
    } catch {
      continue;
    }
    const error = chunk.Error ?? chunk.Response?.Error;
    if (error) {
      if (isContentFilterError(error)) {
        finishReason = 'sensitive';
        break;
      }
      yield { type: 'error', error: mapTencentError(provider, error, chunk.RequestId ?? chunk.Response?.RequestId) };
      return;
    }
    if (chunk.ErrorMsg) {
      const msg = chunk.ErrorMsg.Msg ?? 'the provider reported an error mid-stream';
      yield { type: 'error', error: upstreamError(provider, 502, msg, { code: `hunyuan_${chunk.ErrorMsg.Code ?? 'stream_error'}` }) };
      return;
    }
    const choice = chunk.Choices?.[0];
    const delta = choice?.Delta;
    if (delta?.ReasoningContent) yield { type: 'reasoning-delta', text: delta.ReasoningContent };
    if (delta?.Content) yield { type: 'text-delta', text: delta.Content };
    for (const [pos, call] of (delta?.ToolCalls ?? []).entries()) {
      const index = typeof call.Index === 'number' ? call.Index : pos;
      const first = !seen.has(index);
      seen.add(index);
      const part: StreamPart = { type: 'tool-call-delta', index };
      if (first) {
        part.id = call.Id || newToolCallId();
        part.name = call.Function?.Name ?? '';
      }
      if (call.Function?.Arguments) part.argumentsDelta = call.Function.Arguments;
      yield part;
    }
    if (choice?.FinishReason) finishReason = choice.FinishReason;
    const usage = mapUsage(chunk.Usage);
    if (usage) yield { type: 'usage', usage, cumulative: true };
  }
  // Hunyuan's last chunk carries a FinishReason: without one the connection was cut.
  if (!finishReason) {
    yield {
      type: 'error',
      error: gatewayError('upstream_stream_truncated', `${provider}: the stream ended before the answer was complete`, { provider }),
    };
    return;
  }
  yield { type: 'finish', reason: mapFinishReason(finishReason, seen.size > 0) };
}
