import type { ChatResult, FinishReason, ToolCall, Usage } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import { newToolCallId } from '../../core/ids.js';
import type { ErnieFunctionCall } from './convert-request.js';
import type { ErnieErrorBody } from './errors.js';

export interface ErnieUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

/** A whole answer, or one stream chunk (which adds `sentence_id` and `is_end`). */
export interface ErnieResponse extends ErnieErrorBody {
  id?: string;
  object?: string;
  created?: number;
  result?: string;
  is_truncated?: boolean;
  is_end?: boolean;
  sentence_id?: number;
  need_clear_history?: boolean;
  ban_round?: number;
  flag?: number;
  finish_reason?: string;
  function_call?: ErnieFunctionCall;
  usage?: ErnieUsage;
}

/**
 * ERNIE's `finish_reason`: normal | stop | length | content_filter | function_call. Older endpoints
 * only set `is_truncated`, and a moderated prompt only sets `need_clear_history` (with `ban_round`,
 * the offending turn): both are honoured, and moderation wins over everything else.
 */
export function mapFinishReason(r: ErnieResponse, hasToolCalls: boolean): FinishReason {
  if (r.need_clear_history === true || r.finish_reason === 'content_filter' || (typeof r.flag === 'number' && r.flag > 0)) {
    return 'content_filter';
  }
  if (hasToolCalls || r.finish_reason === 'function_call') return 'tool_calls';
  if (r.finish_reason === 'length' || r.is_truncated === true) return 'length';
  return 'stop';
}

/**
 * ERNIE reports prompt, completion and total tokens. The total is what Baidu bills, so the
 * completion count is derived from it when the two disagree (One API does the same).
 */
export function mapUsage(u: ErnieUsage | undefined): Usage | undefined {
  if (!u || typeof u !== 'object') return undefined;
  const prompt = num(u.prompt_tokens);
  const total = num(u.total_tokens);
  const completion = num(u.completion_tokens);
  if (prompt === undefined && total === undefined && completion === undefined) return undefined;
  const p = prompt ?? 0;
  return { promptTokens: p, completionTokens: total !== undefined ? Math.max(0, total - p) : (completion ?? 0) };
}

export function toToolCall(fc: ErnieFunctionCall): ToolCall {
  const args = typeof fc.arguments === 'string' ? fc.arguments : JSON.stringify(fc.arguments ?? {});
  return { id: newToolCallId(), type: 'function', function: { name: fc.name, arguments: args || '{}' } };
}

/** Converts a whole answer (already checked for `error_code`) into a ChatResult. */
export function parseResponse(provider: string, body: ErnieResponse, model?: string): ChatResult {
  if (typeof body.result !== 'string' && !body.function_call && body.need_clear_history !== true) {
    throw badUpstreamResponse(provider, 'the provider returned no result');
  }
  const toolCalls = body.function_call?.name ? [toToolCall(body.function_call)] : [];
  const text = body.result ?? '';
  const result: ChatResult = {
    content: text === '' && toolCalls.length > 0 ? null : text,
    toolCalls,
    finishReason: mapFinishReason(body, toolCalls.length > 0),
    usage: mapUsage(body.usage),
    model,
  };
  // The model's reasoning for a function call is the closest thing ERNIE v1 has to reasoning text.
  if (body.function_call?.thoughts) result.reasoning = body.function_call.thoughts;
  return result;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
