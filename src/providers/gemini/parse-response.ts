import type { ChatResult, ToolCall } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import { newToolCallId } from '../../core/ids.js';
import { mapFinishReason } from './map-finish-reason.js';
import { mapUsage, type GeminiUsageMetadata } from './map-usage.js';

export interface GeminiResponsePart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: { name?: string; args?: unknown; id?: string };
}

export interface GeminiResponse {
  candidates?: Array<{ content?: { role?: string; parts?: GeminiResponsePart[] }; finishReason?: string; index?: number }>;
  promptFeedback?: { blockReason?: string };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
  error?: { code?: number; message?: string; status?: string };
}

/** Converts a `GenerateContentResponse` into a ChatResult (first candidate only). */
export function parseResponse(provider: string, body: GeminiResponse): ChatResult {
  const candidate = body.candidates?.[0];
  const usage = mapUsage(body.usageMetadata);
  if (!candidate) {
    if (body.promptFeedback?.blockReason) {
      // The prompt itself was blocked: an empty, filtered answer.
      return { content: '', toolCalls: [], finishReason: 'content_filter', usage, model: body.modelVersion };
    }
    const msg = body.error?.message ?? 'the provider returned no candidates';
    throw badUpstreamResponse(provider, msg);
  }
  const texts: string[] = [];
  const thoughts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if (part.functionCall) toolCalls.push(toToolCall(part.functionCall));
    else if (typeof part.text === 'string') (part.thought ? thoughts : texts).push(part.text);
  }
  const result: ChatResult = {
    content: texts.length > 0 ? texts.join('') : toolCalls.length > 0 ? null : '',
    toolCalls,
    finishReason: mapFinishReason(candidate.finishReason, toolCalls.length > 0),
    usage,
    model: body.modelVersion,
  };
  if (thoughts.length > 0) result.reasoning = thoughts.join('');
  return result;
}

export function toToolCall(call: { name?: string; args?: unknown; id?: string }): ToolCall {
  return {
    id: call.id || newToolCallId(),
    type: 'function',
    function: { name: call.name ?? '', arguments: JSON.stringify(call.args ?? {}) },
  };
}
