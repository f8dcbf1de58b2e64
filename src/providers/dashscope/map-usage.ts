import type { FinishReason, Usage } from '../../core/chat-types.js';

export interface DashScopeUsage {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number };
  output_tokens_details?: { reasoning_tokens?: number };
  /** Vision models report image tokens separately; they are already inside `input_tokens`. */
  image_tokens?: number;
}

/**
 * DashScope's `input_tokens` / `output_tokens` are what it bills (`total_tokens` is their sum); thinking
 * tokens are inside `output_tokens` and reported again as reasoning; cached tokens are part of input.
 */
export function mapUsage(u: DashScopeUsage | null | undefined): Usage | undefined {
  if (!u || typeof u !== 'object') return undefined;
  const input = num(u.input_tokens);
  const output = num(u.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const usage: Usage = { promptTokens: input ?? 0, completionTokens: output ?? 0 };
  const cached = num(u.prompt_tokens_details?.cached_tokens);
  if (cached) usage.cachedTokens = cached;
  const reasoning = num(u.output_tokens_details?.reasoning_tokens);
  if (reasoning) usage.reasoningTokens = reasoning;
  return usage;
}

/**
 * Maps DashScope's `finish_reason`. It sends the STRING "null" (or null) while the answer is still
 * running: that is `undefined` here, meaning "not finished".
 */
export function mapFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason | undefined {
  if (reason == null || reason === '' || reason === 'null') return undefined;
  if (reason === 'length') return 'length';
  if (reason === 'tool_calls') return 'tool_calls';
  if (reason === 'content_filter') return 'content_filter';
  return hasToolCalls ? 'tool_calls' : 'stop';
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
