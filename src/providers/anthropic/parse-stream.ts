import type { StreamPart } from '../../core/chat-types.js';
import { gatewayError } from '../../core/error-codes.js';
import { GatewayError, upstreamError } from '../../core/errors.js';
import type { SseEvent } from '../shared/sse-parser.js';
import { mapFinishReason } from './map-finish-reason.js';
import { mapUsage, type AnthropicUsage } from './map-usage.js';

interface AnthropicStreamEvent {
  type?: string;
  index?: number;
  message?: { model?: string; usage?: AnthropicUsage };
  content_block?: { type?: string; id?: string; name?: string; text?: string; thinking?: string };
  delta?: { type?: string; text?: string; partial_json?: string; thinking?: string; stop_reason?: string | null };
  usage?: AnthropicUsage;
  error?: { type?: string; message?: string };
}

/** HTTP status Anthropic uses for each error `type` (for errors that arrive inside a stream). */
const STATUS_BY_ERROR_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/** An Anthropic `{type, message}` error object as a GatewayError (overloaded → 529, retryable). */
export function anthropicError(provider: string, error: { type?: string; message?: string } | undefined): GatewayError {
  const status = STATUS_BY_ERROR_TYPE[error?.type ?? ''] ?? 502;
  return upstreamError(provider, status, error?.message ?? 'the provider reported an error mid-stream', {
    code: error?.type ?? 'upstream_stream_error',
  });
}

/**
 * Turns Messages API SSE events into stream parts. Tool-use blocks are numbered by their position
 * among tool-use blocks (text/thinking blocks do not count); `input_json_delta` fragments are passed on
 * as argument deltas. Usage parts are running totals (`cumulative: true`).
 */
export async function* parseStream(provider: string, events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
  const toolIndexByBlock = new Map<number, number>();
  const toolHasArgs = new Set<number>();
  let toolCount = 0;
  let usageWire: AnthropicUsage = {};
  let stopReason: string | null | undefined;
  let sawMessageDelta = false;

  const finish = (): StreamPart => ({ type: 'finish', reason: mapFinishReason(stopReason, toolCount > 0) });

  for await (const ev of events) {
    const data = ev.data.trim();
    if (!data) continue;
    let e: AnthropicStreamEvent;
    try {
      e = JSON.parse(data) as AnthropicStreamEvent;
    } catch {
      continue;
    }
    const type = e.type ?? ev.event;
    switch (type) {
      case 'message_start': {
        usageWire = { ...usageWire, ...defined(e.message?.usage) };
        const usage = mapUsage(usageWire);
        if (usage) yield { type: 'usage', usage, cumulative: true };
        break;
      }
      case 'content_block_start': {
        const block = e.content_block ?? {};
        const blockIndex = e.index ?? 0;
        if (block.type === 'tool_use') {
          const index = toolCount++;
          toolIndexByBlock.set(blockIndex, index);
          yield { type: 'tool-call-delta', index, id: block.id, name: block.name };
        } else if (block.type === 'text' && block.text) {
          yield { type: 'text-delta', text: block.text };
        } else if (block.type === 'thinking' && block.thinking) {
          yield { type: 'reasoning-delta', text: block.thinking };
        }
        break;
      }
      case 'content_block_delta': {
        const d = e.delta ?? {};
        if (d.type === 'text_delta' && d.text) yield { type: 'text-delta', text: d.text };
        else if (d.type === 'thinking_delta' && d.thinking) yield { type: 'reasoning-delta', text: d.thinking };
        else if (d.type === 'input_json_delta' && d.partial_json) {
          const index = toolIndexByBlock.get(e.index ?? 0);
          if (index !== undefined) {
            toolHasArgs.add(index);
            yield { type: 'tool-call-delta', index, argumentsDelta: d.partial_json };
          }
        }
        // signature_delta and citations_delta carry nothing the OpenAI shape can hold.
        break;
      }
      case 'content_block_stop': {
        const index = toolIndexByBlock.get(e.index ?? 0);
        // A tool called without arguments streams no JSON at all: give clients a parseable `{}`.
        if (index !== undefined && !toolHasArgs.has(index)) {
          toolHasArgs.add(index);
          yield { type: 'tool-call-delta', index, argumentsDelta: '{}' };
        }
        break;
      }
      case 'message_delta': {
        sawMessageDelta = true;
        if (e.delta?.stop_reason !== undefined) stopReason = e.delta.stop_reason;
        usageWire = { ...usageWire, ...defined(e.usage) };
        const usage = mapUsage(usageWire);
        if (usage) yield { type: 'usage', usage, cumulative: true };
        break;
      }
      case 'message_stop':
        yield finish();
        return;
      case 'error':
        yield { type: 'error', error: anthropicError(provider, e.error) };
        return;
      default: // ping and future event types
        break;
    }
  }
  if (sawMessageDelta) {
    yield finish();
    return;
  }
  yield {
    type: 'error',
    error: gatewayError('upstream_stream_truncated', `${provider}: the stream ended before the message was complete`, { provider }),
  };
}

/** Drops null/undefined fields so a later partial usage object does not erase earlier counts. */
function defined(u: AnthropicUsage | undefined): AnthropicUsage {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(u ?? {})) if (typeof v === 'number') out[k] = v;
  return out as AnthropicUsage;
}
