import type { StreamPart } from '../../core/chat-types.js';
import { gatewayError } from '../../core/error-codes.js';
import { mapFinishReason } from './map-finish-reason.js';
import { mapUsage } from './map-usage.js';
import { toToolCall, type OllamaChatResponse } from './parse-response.js';

/**
 * Turns Ollama's NDJSON chat stream into stream parts. Tool calls arrive whole (one tool-call-delta each
 * with a generated id); the last line (`done: true`) carries `done_reason` and the token counts; an
 * `{error}` line ends the stream with an error part.
 */
export async function* parseStream(provider: string, lines: AsyncIterable<string>): AsyncGenerator<StreamPart> {
  let toolCount = 0;
  for await (const line of lines) {
    let chunk: OllamaChatResponse;
    try {
      chunk = JSON.parse(line) as OllamaChatResponse;
    } catch {
      continue;
    }
    if (chunk.error) {
      yield {
        type: 'error',
        error: gatewayError('upstream_stream_error', `${provider}: ${chunk.error}`, { provider }),
      };
      return;
    }
    const m = chunk.message;
    if (m?.thinking) yield { type: 'reasoning-delta', text: m.thinking };
    if (m?.content) yield { type: 'text-delta', text: m.content };
    for (const tc of m?.tool_calls ?? []) {
      const call = toToolCall(tc);
      yield { type: 'tool-call-delta', index: toolCount++, id: call.id, name: call.function.name, argumentsDelta: call.function.arguments };
    }
    if (chunk.done) {
      const usage = mapUsage(chunk);
      if (usage) yield { type: 'usage', usage, cumulative: true };
      yield { type: 'finish', reason: mapFinishReason(chunk.done_reason, toolCount > 0) };
      return;
    }
  }
  yield {
    type: 'error',
    error: gatewayError('upstream_stream_truncated', `${provider}: the stream ended before the final (done) line`, { provider }),
  };
}
