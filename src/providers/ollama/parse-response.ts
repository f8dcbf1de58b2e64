import type { ChatResult, ToolCall } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import { newToolCallId } from '../../core/ids.js';
import { mapFinishReason } from './map-finish-reason.js';
import { mapUsage } from './map-usage.js';

export interface OllamaWireToolCall {
  id?: string;
  function?: { index?: number; name?: string; arguments?: unknown };
}

export interface OllamaChatResponse {
  model?: string;
  created_at?: string;
  message?: { role?: string; content?: string; thinking?: string; tool_calls?: OllamaWireToolCall[] };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

/** Converts a non-streamed `/api/chat` answer into a ChatResult. */
export function parseResponse(provider: string, body: OllamaChatResponse): ChatResult {
  if (body.error || !body.message) {
    const msg = body.error ?? 'the provider returned no message';
    throw badUpstreamResponse(provider, msg);
  }
  const toolCalls = (body.message.tool_calls ?? []).map(toToolCall);
  const content = body.message.content ?? '';
  const result: ChatResult = {
    content: content === '' && toolCalls.length > 0 ? null : content,
    toolCalls,
    finishReason: mapFinishReason(body.done_reason, toolCalls.length > 0),
    usage: mapUsage(body),
    model: body.model,
  };
  if (body.message.thinking) result.reasoning = body.message.thinking;
  return result;
}

/** Ollama sends arguments as an object (older builds a JSON string) and usually no id. */
export function toToolCall(c: OllamaWireToolCall): ToolCall {
  const args = c.function?.arguments;
  return {
    id: c.id || newToolCallId(),
    type: 'function',
    function: { name: c.function?.name ?? '', arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}) },
  };
}
