import type { ChatResult, ToolCall } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import { newToolCallId } from '../../core/ids.js';
import type { DashScopeContentItem } from './convert-request.js';
import { mapFinishReason, mapUsage, type DashScopeUsage } from './map-usage.js';

export interface DashScopeToolCallWire {
  index?: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

export interface DashScopeChoice {
  finish_reason?: string | null;
  message?: {
    role?: string;
    content?: string | DashScopeContentItem[] | null;
    reasoning_content?: string | null;
    tool_calls?: DashScopeToolCallWire[];
  };
}

/** A generation answer (whole, or one streamed event), or an error body (`code`, `message`). */
export interface DashScopeResponse {
  output?: {
    choices?: DashScopeChoice[];
    /** `result_format: text` answers (older models ignoring `message`). */
    text?: string;
    finish_reason?: string | null;
  };
  usage?: DashScopeUsage;
  request_id?: string;
  code?: string;
  message?: string;
}

/** The text of a message's content: a string, or the `text` items of a multimodal answer. */
export function messageText(content: string | DashScopeContentItem[] | null | undefined): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((c) => ('text' in c && typeof c.text === 'string' ? c.text : '')).join('');
}

/** Converts a whole `generation` answer into a ChatResult (first choice only). */
export function parseResponse(provider: string, body: DashScopeResponse, model?: string): ChatResult {
  const out = body.output;
  const choice = out?.choices?.[0];
  if (!choice && typeof out?.text !== 'string') {
    throw badUpstreamResponse(provider, body.message ?? 'the provider returned no choices');
  }
  const toolCalls = (choice?.message?.tool_calls ?? []).map(toToolCall);
  const text = choice ? messageText(choice.message?.content) : (out?.text ?? '');
  const result: ChatResult = {
    content: text || (toolCalls.length > 0 ? null : ''),
    toolCalls,
    finishReason:
      mapFinishReason(choice ? choice.finish_reason : out?.finish_reason, toolCalls.length > 0) ??
      (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    usage: mapUsage(body.usage),
    model,
  };
  const reasoning = choice?.message?.reasoning_content;
  if (reasoning) result.reasoning = reasoning;
  return result;
}

function toToolCall(c: DashScopeToolCallWire): ToolCall {
  return {
    id: c.id || newToolCallId(),
    type: 'function',
    function: { name: c.function?.name ?? '', arguments: c.function?.arguments || '{}' },
  };
}
