import type { FinishReason, Usage } from '../../core/chat-types.js';

export interface HunyuanUsage {
  PromptTokens?: number;
  CompletionTokens?: number;
  TotalTokens?: number;
}

/** Tencent usage → baimo usage; undefined when the vendor sent none. */
export function mapUsage(u: HunyuanUsage | undefined): Usage | undefined {
  if (!u || (u.PromptTokens === undefined && u.CompletionTokens === undefined)) return undefined;
  const prompt = u.PromptTokens ?? 0;
  // Some answers carry only the total: the completion is what the prompt does not account for.
  const completion = u.CompletionTokens ?? Math.max(0, (u.TotalTokens ?? prompt) - prompt);
  return { promptTokens: prompt, completionTokens: completion };
}

/**
 * Hunyuan's FinishReason: `stop`, `tool_calls`, `sensitive` (moderation stopped the answer) and, on
 * some models, `length`; an empty string on chunks that are not the last.
 */
export function mapFinishReason(reason: string | undefined, hasToolCalls: boolean): FinishReason {
  switch (reason) {
    case 'sensitive':
      return 'content_filter';
    case 'length':
      return 'length';
    case 'tool_calls':
      return 'tool_calls';
    default:
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}
