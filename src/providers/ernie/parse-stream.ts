import type { StreamPart } from '../../core/chat-types.js';
import { badUpstreamResponse, type GatewayError } from '../../core/errors.js';
import type { ErnieErrorBody } from './errors.js';
import { mapFinishReason, mapUsage, toToolCall, type ErnieResponse } from './parse-response.js';

/**
 * Turns an ERNIE stream into parts. The wire is `data: {…}` lines with no `[DONE]`: each chunk
 * carries the next piece of `result`, the last one has `is_end: true`. `usage` on the chunks is a
 * running total (the last chunk's is the whole request's), so it is declared cumulative. A function
 * call arrives whole in one chunk. Errors after the stream began come as a bare `{error_code,…}`
 * line; they end the stream with an error part.
 */
export async function* parseStream(
  provider: string,
  lines: AsyncIterable<string>,
  toError: (body: ErnieErrorBody) => GatewayError,
): AsyncGenerator<StreamPart> {
  let toolCount = 0;
  let last: ErnieResponse | undefined;
  let filtered = false;
  for await (const line of lines) {
    const data = line.startsWith('data:') ? line.slice(5).trim() : line.trim();
    if (!data.startsWith('{')) continue; // blank keep-alives, `event:` / `id:` lines
    let chunk: ErnieResponse;
    try {
      chunk = JSON.parse(data) as ErnieResponse;
    } catch {
      continue;
    }
    if (typeof chunk.error_code === 'number' && chunk.error_code !== 0) {
      yield { type: 'error', error: toError(chunk) };
      return;
    }
    if (chunk.result) yield { type: 'text-delta', text: chunk.result };
    if (chunk.function_call?.name) {
      const call = toToolCall(chunk.function_call);
      if (chunk.function_call.thoughts) yield { type: 'reasoning-delta', text: chunk.function_call.thoughts };
      yield { type: 'tool-call-delta', index: toolCount++, id: call.id, name: call.function.name, argumentsDelta: call.function.arguments };
    }
    const usage = mapUsage(chunk.usage);
    if (usage && (usage.promptTokens > 0 || usage.completionTokens > 0)) yield { type: 'usage', usage, cumulative: true };
    if (chunk.need_clear_history === true) filtered = true;
    last = chunk;
    if (chunk.is_end === true) break;
  }
  if (!last?.is_end && !filtered) {
    // Without `is_end` the answer was cut off (the connection ended early): say so, do not finish.
    yield { type: 'error', error: badUpstreamResponse(provider, 'the stream ended before its last chunk (is_end)') };
    return;
  }
  yield { type: 'finish', reason: filtered || !last ? 'content_filter' : mapFinishReason(last, toolCount > 0) };
}
