import type { FinishReason } from '../../core/chat-types.js';

/** Maps an Anthropic `stop_reason` to OpenAI's finish reason. */
export function mapFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default: // end_turn, stop_sequence, pause_turn
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}
