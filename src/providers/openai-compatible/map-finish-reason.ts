import type { FinishReason } from '../../core/chat-types.js';

/** Normalises finish reasons of the OpenAI-compatible family (some send odd values or none). */
export function mapFinishReason(reason: unknown, hasToolCalls: boolean): FinishReason {
  switch (reason) {
    case 'stop':
    case 'eos':
    case 'end_turn':
      return hasToolCalls ? 'tool_calls' : 'stop';
    case 'length':
    case 'max_tokens':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
    case 'sensitive':
      return 'content_filter';
    default:
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}
