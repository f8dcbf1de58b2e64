import type { ChatResult, ToolCall } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import { newToolCallId } from '../../core/ids.js';
import { mapFinishReason } from './map-finish-reason.js';
import { mapUsage, type WireUsage } from './map-usage.js';

interface WireChoice {
  message?: {
    content?: string | null;
    reasoning_content?: string | null;
    refusal?: string | null;
    tool_calls?: Array<{ id?: string; type?: string; function?: { name?: string; arguments?: string | object } }> | null;
  };
  finish_reason?: string | null;
}
export interface WireChatResponse {
  model?: string;
  choices?: WireChoice[];
  usage?: WireUsage;
  error?: { message?: string; code?: string | number };
}

/** Converts an OpenAI-style `chat.completion` body into a ChatResult. */
export function parseResponse(provider: string, body: WireChatResponse): ChatResult {
  const choice = body.choices?.[0];
  if (!choice) {
    // Spark and a few others answer HTTP 200 with an error inside.
    const msg = body.error?.message ?? 'the provider returned no choices';
    throw badUpstreamResponse(provider, msg);
  }
  const m = choice.message ?? {};
  const toolCalls: ToolCall[] = (m.tool_calls ?? []).map((c) => ({
    id: c.id || newToolCallId(),
    type: 'function',
    function: {
      name: c.function?.name ?? '',
      arguments: typeof c.function?.arguments === 'string' ? c.function.arguments : JSON.stringify(c.function?.arguments ?? {}),
    },
  }));
  const result: ChatResult = {
    content: m.content ?? null,
    toolCalls,
    finishReason: mapFinishReason(choice.finish_reason, toolCalls.length > 0),
    usage: mapUsage(body.usage),
    model: body.model,
  };
  if (m.reasoning_content) result.reasoning = m.reasoning_content;
  if (m.refusal) result.refusal = m.refusal;
  return result;
}
