import type { Usage } from '../../core/chat-types.js';

export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/**
 * Anthropic's `input_tokens` excludes cached prompt tokens: the prompt is input + cache reads + cache
 * writes, and cache reads are reported as `cachedTokens`.
 */
export function mapUsage(u: AnthropicUsage | null | undefined): Usage | undefined {
  if (!u || typeof u !== 'object') return undefined;
  const input = num(u.input_tokens);
  const output = num(u.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const cacheRead = num(u.cache_read_input_tokens) ?? 0;
  const cacheWrite = num(u.cache_creation_input_tokens) ?? 0;
  const usage: Usage = { promptTokens: (input ?? 0) + cacheRead + cacheWrite, completionTokens: output ?? 0 };
  if (cacheRead > 0) usage.cachedTokens = cacheRead;
  return usage;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
