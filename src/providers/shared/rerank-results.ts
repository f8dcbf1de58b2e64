import type { RerankRequest, RerankResult, RerankScore } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';

/**
 * A rerank answer as the vendors spell it: `results[{index, relevance_score, document?}]` (Jina,
 * Cohere v2, SiliconFlow, Xinference, vLLM; DashScope under `output`), tokens as `usage.total_tokens`
 * (Jina, vLLM, DashScope) or `meta.tokens.input_tokens` (SiliconFlow, Xinference; Cohere bills
 * search units, which are not tokens).
 */
export interface WireRerankAnswer {
  results?: Array<{ index?: unknown; relevance_score?: unknown } | null>;
  usage?: { total_tokens?: unknown; prompt_tokens?: unknown };
  meta?: { tokens?: { input_tokens?: unknown; output_tokens?: unknown } };
  model?: unknown;
}

/**
 * Checks and normalizes the scores: every index points into the documents sent, most relevant first,
 * at most `top_n` (some servers ignore it). Documents are not read from the answer: the edge takes
 * them from the client's own request by index.
 */
export function rerankResult(provider: string, req: RerankRequest, answer: WireRerankAnswer, model?: string): RerankResult {
  if (!Array.isArray(answer.results)) throw badUpstreamResponse(provider, 'the provider returned no rerank results');
  const results: RerankScore[] = [];
  for (const r of answer.results) {
    const index = r?.index;
    const score = r?.relevance_score;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= req.documents.length || typeof score !== 'number')
      throw badUpstreamResponse(provider, 'a rerank result has no valid index or relevance_score');
    results.push({ index, relevanceScore: score });
  }
  results.sort((a, b) => b.relevanceScore - a.relevanceScore);
  if (req.top_n !== undefined && results.length > req.top_n) results.length = req.top_n;
  const tokens = num(answer.usage?.total_tokens) ?? num(answer.usage?.prompt_tokens) ?? tokensOf(answer.meta?.tokens);
  return {
    results,
    ...(tokens !== undefined ? { usage: { promptTokens: tokens } } : {}),
    model: typeof answer.model === 'string' ? answer.model : model,
  };
}

function tokensOf(t: { input_tokens?: unknown; output_tokens?: unknown } | undefined): number | undefined {
  const input = num(t?.input_tokens);
  return input === undefined ? undefined : input + (num(t?.output_tokens) ?? 0);
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : undefined);
