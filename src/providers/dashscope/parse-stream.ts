import type { FinishReason, StreamPart } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import { newToolCallId } from '../../core/ids.js';
import type { SseEvent } from '../shared/sse-parser.js';
import { dashscopeError, isOutputInspection } from './map-error.js';
import { mapFinishReason, mapUsage } from './map-usage.js';
import { messageText, type DashScopeResponse } from './parse-response.js';

/**
 * Turns a DashScope SSE stream into stream parts. Events look like
 *
 *   id:1
 *   event:result
 *   :HTTP_STATUS/200
 *   data:{"output":{"choices":[{"message":{"content":"Hel","role":"assistant"},"finish_reason":"null"}]},"usage":{…}}
 *
 * with no space after the colons (the shared parser takes both forms) and the status as a comment.
 * The request asks for `incremental_output`, so each event holds only the new text and tool-call
 * fragments. `usage` is the running total in every event: declared `cumulative`.
 * `finish_reason` is the string "null" until the last event.
 *
 * Errors arrive as `event:error` with `{code, message}`. A `DataInspectionFailed` about the OUTPUT
 * means the answer so far was cut by Alibaba's content filter: the stream ends with
 * `finish_reason: content_filter` (what OpenAI clients expect), not with an error.
 */
export async function* parseStream(provider: string, events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
  // DashScope sends the id (and name) only on a call's first fragment; later fragments have `index` only.
  const seen = new Set<number>();
  let finish: FinishReason | undefined;
  let started = false;
  for await (const ev of events) {
    const data = ev.data.trim();
    if (!data) continue;
    let chunk: DashScopeResponse;
    try {
      chunk = JSON.parse(data) as DashScopeResponse;
    } catch {
      continue;
    }
    if (ev.event === 'error' || (chunk.code && !chunk.output)) {
      const message = chunk.message ?? 'the provider reported an error mid-stream';
      if (isOutputInspection(chunk.code, message)) {
        yield { type: 'finish', reason: 'content_filter' };
        return;
      }
      const error = dashscopeError(provider, undefined, chunk.code, message);
      // Before any part, throwing lets the router retry or fall back (a throttled stream, say).
      if (!started) throw error;
      yield { type: 'error', error };
      return;
    }
    started = true;
    const choice = chunk.output?.choices?.[0];
    const msg = choice?.message;
    if (msg?.reasoning_content) yield { type: 'reasoning-delta', text: msg.reasoning_content };
    const text = choice ? messageText(msg?.content) : (chunk.output?.text ?? '');
    if (text) yield { type: 'text-delta', text };
    for (const [i, call] of (msg?.tool_calls ?? []).entries()) {
      const index = typeof call.index === 'number' ? call.index : i;
      const first = !seen.has(index);
      seen.add(index);
      const part: StreamPart = { type: 'tool-call-delta', index };
      if (first) part.id = call.id || newToolCallId();
      if (call.function?.name) part.name = call.function.name;
      if (call.function?.arguments) part.argumentsDelta = call.function.arguments;
      yield part;
    }
    const usage = mapUsage(chunk.usage);
    if (usage) yield { type: 'usage', usage, cumulative: true };
    const reason = mapFinishReason(choice ? choice.finish_reason : chunk.output?.finish_reason, seen.size > 0);
    if (reason) finish = reason;
  }
  if (!finish) {
    yield { type: 'error', error: badUpstreamResponse(provider, 'the stream ended before a finish reason') };
    return;
  }
  yield { type: 'finish', reason: finish };
}
