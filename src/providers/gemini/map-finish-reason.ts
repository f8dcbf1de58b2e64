import type { FinishReason } from '../../core/chat-types.js';

const FILTERED = new Set(['SAFETY', 'RECITATION', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'IMAGE_SAFETY', 'LANGUAGE']);

/** Maps a Gemini `finishReason` to OpenAI's finish reason. */
export function mapFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason && FILTERED.has(reason)) return 'content_filter';
  return hasToolCalls ? 'tool_calls' : 'stop'; // STOP, MALFORMED_FUNCTION_CALL, OTHER, unspecified
}
