import type { FinishReason } from '../../core/chat-types.js';

/** Maps Ollama's `done_reason` to OpenAI's finish reason (Ollama reports `stop` even after a tool call). */
export function mapFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  if (reason === 'length') return 'length';
  return hasToolCalls ? 'tool_calls' : 'stop'; // stop, load, unload, missing
}
