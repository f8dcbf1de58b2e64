import type { ChatResult, ToolCall } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import { newToolCallId } from '../../core/ids.js';
import type { HunyuanToolCall } from './convert-request.js';
import { isContentFilterError, mapTencentError, type TencentError } from './map-error.js';
import { mapFinishReason, mapUsage, type HunyuanUsage } from './map-usage.js';

export interface HunyuanWireMessage {
  Role?: string;
  Content?: string;
  ReasoningContent?: string;
  ToolCalls?: HunyuanToolCall[] | null;
}

/** One answer (`Response` of a whole call) or one streamed chunk (same fields, `Delta` instead of `Message`). */
export interface HunyuanChatBody {
  Id?: string;
  Created?: number;
  Choices?: Array<{ FinishReason?: string; Message?: HunyuanWireMessage; Delta?: HunyuanWireMessage; Index?: number }>;
  Usage?: HunyuanUsage;
  RequestId?: string;
  Error?: TencentError;
  /** Mid-stream failures use this shape (numeric code). */
  ErrorMsg?: { Code?: number | string; Msg?: string };
}

export interface HunyuanEnvelope<T> {
  Response?: T & { Error?: TencentError; RequestId?: string };
}

/**
 * Unwraps `{Response:{…}}`: an `Error` inside becomes a GatewayError (Tencent answers errors with
 * HTTP 200), except a content refusal, which the caller turns into a `content_filter` answer.
 */
export function unwrap<T>(provider: string, body: HunyuanEnvelope<T>): (T & { RequestId?: string }) | { filtered: true } {
  const r = body.Response;
  if (!r) throw badUpstreamResponse(provider, 'the provider answered without a Response');
  if (r.Error) {
    if (isContentFilterError(r.Error)) return { filtered: true };
    throw mapTencentError(provider, r.Error, r.RequestId);
  }
  return r;
}

/** An empty answer stopped by moderation. */
export const FILTERED: ChatResult = { content: '', toolCalls: [], finishReason: 'content_filter' };

/** Converts a `ChatCompletions` answer into a ChatResult (first choice only). */
export function parseResponse(provider: string, envelope: HunyuanEnvelope<HunyuanChatBody>, model: string): ChatResult {
  const body = unwrap(provider, envelope);
  if ('filtered' in body) return { ...FILTERED, model };
  const choice = body.Choices?.[0];
  if (!choice?.Message) throw badUpstreamResponse(provider, 'the provider returned no choices');
  const toolCalls = (choice.Message.ToolCalls ?? []).map(toToolCall);
  const text = choice.Message.Content ?? '';
  const result: ChatResult = {
    content: text !== '' ? text : toolCalls.length > 0 ? null : '',
    toolCalls,
    finishReason: mapFinishReason(choice.FinishReason, toolCalls.length > 0),
    usage: mapUsage(body.Usage),
    model,
  };
  if (choice.Message.ReasoningContent) result.reasoning = choice.Message.ReasoningContent;
  return result;
}

export function toToolCall(c: HunyuanToolCall): ToolCall {
  return {
    id: c.Id || newToolCallId(),
    type: 'function',
    function: { name: c.Function?.Name ?? '', arguments: c.Function?.Arguments || '{}' },
  };
}
