/**
 * Reranking with a local GGUF cross-encoder (a model with rank pooling and a classification head,
 * e.g. bge-reranker or Qwen3-Reranker): each document is scored together with the query by
 * node-llama-cpp's ranking context, one forward pass per document.
 */
import type { Token } from 'node-llama-cpp';
import type { RerankRequest, RerankScore } from '../../core/chat-types.js';
import { badRequest } from '../../core/errors.js';
import type { RankingLease } from './model-pool.js';
import { abortReason } from './request-queue.js';

export interface RankOutcome {
  /** Most relevant first; ties keep the documents' order; at most `top_n`. */
  results: RerankScore[];
  /** Tokens evaluated: every query + document input (every window of a long document). */
  promptTokens: number;
}

/**
 * Scores every document against the query. A document longer than the context is scored by its
 * best window (windows overlap by half, as node-llama-cpp's `maxChunk`); a query that leaves less
 * than half of the context for the document is refused. Stops between evaluations when `signal` aborts.
 */
export async function rank(lease: RankingLease, req: RerankRequest, signal: AbortSignal): Promise<RankOutcome> {
  const { model, ranking, contextSize } = lease;
  // As node-llama-cpp tokenizes ranking inputs itself: no special tokens, no added leading space.
  const tokenize = (text: string): Token[] => model.tokenize(text, false, 'trimLeadingSpace');
  const query = tokenize(req.query);
  if (query.length === 0) throw badRequest('query is empty after tokenization', 'query');
  // Tokens the query and separators take, and how often the template repeats the document.
  const overhead = ranking.calculateInputLength(query, []);
  const probe = tokenize('a').slice(0, 1);
  const instances = Math.max(1, ranking.calculateInputLength(query, probe) - overhead);
  const window = Math.floor((contextSize - 1 - overhead) / instances);
  if (window < contextSize / 2 / instances) {
    throw badRequest(
      `query is ${query.length} tokens; this local reranker reads ${contextSize} tokens of query and document together ` +
        `and needs at least half of them for the document`,
      'query',
      'context_length_exceeded',
    );
  }
  const step = Math.max(1, window - Math.ceil(window / 2));

  const scores: RerankScore[] = [];
  let promptTokens = 0;
  for (const [index, text] of req.documents.entries()) {
    const doc = tokenize(text);
    let best = 0;
    for (let start = 0; ; start = Math.min(start + step, doc.length - window)) {
      if (signal.aborted) throw abortReason(signal);
      const part: Token[] = doc.length <= window ? doc : doc.slice(start, start + window);
      promptTokens += ranking.calculateInputLength(query, part);
      best = Math.max(best, await ranking.rank(query, part));
      if (start + window >= doc.length) break;
    }
    scores.push({ index, relevanceScore: best });
  }
  scores.sort((a, b) => b.relevanceScore - a.relevanceScore || a.index - b.index);
  if (req.top_n !== undefined && scores.length > req.top_n) scores.length = req.top_n;
  return { results: scores, promptTokens };
}
