import type { StreamPart, Usage } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import { newToolCallId } from '../../core/ids.js';
import { mapSparkCode } from './map-error.js';
import type { SparkFrame } from './open-socket.js';

/**
 * Turns Spark frames into stream parts.
 *
 * - `payload.choices.text[]` entries carry `content` (text-delta), `reasoning_content` (X1's
 *   thinking) or a whole `function_call` `{name, arguments}` (one tool-call-delta with a new id);
 * - usage comes on the last frame (`header.status` 2) and is the running total of the call, so it
 *   is declared `cumulative`; the stream ends there (the server closes after it);
 * - a non-zero `header.code` is an error: before any part it is thrown (so the router may retry),
 *   after one it is yielded as an error part; the output-audit codes end the answer with
 *   `finish_reason: content_filter` instead, keeping the text already streamed;
 * - a socket that closes before a final frame is a retryable bad-response error.
 */
export async function* parseFrames(
  provider: string,
  frames: AsyncIterable<SparkFrame>,
  secrets: readonly string[] = [],
): AsyncGenerator<StreamPart> {
  let emitted = false;
  let toolCount = 0;
  for await (const frame of frames) {
    const header = frame.header ?? {};
    const code = typeof header.code === 'number' ? header.code : 0;
    if (code !== 0) {
      const outcome = mapSparkCode(provider, code, header.message, header.sid, secrets);
      if (outcome.kind === 'content_filter') {
        yield { type: 'finish', reason: 'content_filter' };
        return;
      }
      if (!emitted) throw outcome.error;
      yield { type: 'error', error: outcome.error };
      return;
    }
    for (const t of frame.payload?.choices?.text ?? []) {
      if (t.function_call?.name) {
        const args = t.function_call.arguments;
        emitted = true;
        yield {
          type: 'tool-call-delta',
          index: toolCount++,
          id: newToolCallId(),
          name: t.function_call.name,
          argumentsDelta: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
        };
        continue;
      }
      if (t.reasoning_content) {
        emitted = true;
        yield { type: 'reasoning-delta', text: t.reasoning_content };
      }
      if (t.content) {
        emitted = true;
        yield { type: 'text-delta', text: t.content };
      }
    }
    const usage = mapUsage(frame.payload?.usage?.text);
    if (usage) yield { type: 'usage', usage, cumulative: true };
    if (header.status === 2) {
      yield { type: 'finish', reason: toolCount > 0 ? 'tool_calls' : 'stop' };
      return;
    }
  }
  const error = badUpstreamResponse(provider, 'the connection closed before the last frame');
  if (!emitted) throw error;
  yield { type: 'error', error };
}

/** `prompt_tokens` already includes the history; `question_tokens` is a reserved field and is ignored. */
function mapUsage(u: { prompt_tokens?: number; completion_tokens?: number } | undefined): Usage | undefined {
  if (!u || typeof u !== 'object') return undefined;
  const prompt = u.prompt_tokens;
  const completion = u.completion_tokens;
  if (typeof prompt !== 'number' && typeof completion !== 'number') return undefined;
  return { promptTokens: typeof prompt === 'number' ? prompt : 0, completionTokens: typeof completion === 'number' ? completion : 0 };
}
