import type { StreamPart } from '../../core/chat-types.js';
import { gatewayError } from '../../core/error-codes.js';
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
  for await (const ev of events) {
    const data = ev.data.trim();
    if (data === '[DONE]') break;
    if (!data) continue;
    let chunk: WireChunk;
    try {
      chunk = JSON.parse(data) as WireChunk;
    } catch {
      continue; // providers sometimes interleave non-JSON status lines; they carry no content
    }
    if (chunk.error || ev.event === 'error') {
      const message = chunk.error?.message ?? 'the provider reported an error mid-stream';
      yield {
        type: 'error',
        error: gatewayError('upstream_stream_error', `${provider}: ${message}`, { provider }),
      };
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
  yield finish ?? { type: 'finish', reason: sawToolCalls ? 'tool_calls' : 'stop' };
}
