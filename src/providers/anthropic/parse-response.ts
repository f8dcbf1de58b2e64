import type { ChatResult, ToolCall } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import { newToolCallId } from '../../core/ids.js';
import { mapFinishReason } from './map-finish-reason.js';
import { mapUsage, type AnthropicUsage } from './map-usage.js';

export interface AnthropicContentBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  thinking?: string;
}

export interface AnthropicResponse {
  id?: string;
  type?: string;
  role?: string;
  model?: string;
  content?: AnthropicContentBlock[];
  stop_reason?: string | null;
  stop_sequence?: string | null;
  usage?: AnthropicUsage;
  error?: { type?: string; message?: string };
}

/** Converts a Messages API `message` body into a ChatResult. */
export function parseResponse(provider: string, body: AnthropicResponse): ChatResult {
  if (body.type === 'error' || !Array.isArray(body.content)) {
    const msg = body.error?.message ?? 'the provider returned no content';
    throw badUpstreamResponse(provider, msg);
  }
  const texts: string[] = [];
  const thinking: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of body.content) {
    if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    else if (block.type === 'thinking' && block.thinking) thinking.push(block.thinking);
    else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id || newToolCallId(),
        type: 'function',
        function: { name: block.name ?? '', arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  const result: ChatResult = {
    content: texts.length > 0 ? texts.join('') : toolCalls.length > 0 ? null : '',
    toolCalls,
    finishReason: mapFinishReason(body.stop_reason, toolCalls.length > 0),
    usage: mapUsage(body.usage),
    model: body.model,
  };
  if (thinking.length > 0) result.reasoning = thinking.join('\n');
  return result;
}
