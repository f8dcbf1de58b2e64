import type { Usage } from '../../core/chat-types.js';

/** An OpenAI-style `usage` object (DeepSeek and Moonshot put cache hits in their own fields). */
export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
  prompt_cache_hit_tokens?: number;
  cached_tokens?: number;
}

export function mapUsage(u: WireUsage | null | undefined): Usage | undefined {
  if (!u || typeof u !== 'object') return undefined;
  const prompt = num(u.prompt_tokens);
  const completion =
    num(u.completion_tokens) ?? (u.total_tokens !== undefined && prompt !== undefined ? u.total_tokens - prompt : undefined);
  if (prompt === undefined && completion === undefined) return undefined;
  const usage: Usage = { promptTokens: prompt ?? 0, completionTokens: completion ?? 0 };
  const cached = num(u.prompt_tokens_details?.cached_tokens) ?? num(u.prompt_cache_hit_tokens) ?? num(u.cached_tokens);
  if (cached) usage.cachedTokens = cached;
  const reasoning = num(u.completion_tokens_details?.reasoning_tokens);
  if (reasoning) usage.reasoningTokens = reasoning;
  return usage;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
