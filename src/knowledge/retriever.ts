import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { gatewayError } from '../core/error-codes.js';
import type { KbBaseRow, KbChunkRow } from '../store/knowledge-repository.js';
import { VECTOR_LIMITS, VectorStoreError } from '../store/vector-store.js';
import { fuseRankings, type Ranking } from './fuse-rankings.js';
import type { KnowledgeContext } from './knowledge-context.js';
import { parseSettings, toChunk } from './knowledge-records.js';
import { KB_LIMITS, RETRIEVAL_MODES, type SearchHit, type SearchOptions, type SearchResult } from './knowledge-types.js';

/** Candidates the reranker scores: a few times the hits asked for, within the candidate bound. */
const rerankDepth = (topK: number) => Math.min(KB_LIMITS.candidates, Math.max(20, topK * 4));

const metadataValue = z.string().max(KB_LIMITS.metadataValue);
const optionsSchema = z
  .object({
    mode: z.enum(RETRIEVAL_MODES).optional(),
    topK: z.number().int().min(1).max(KB_LIMITS.k).optional(),
    keywordWeight: z.number().min(0).max(10).optional(),
    vectorWeight: z.number().min(0).max(10).optional(),
    rrfK: z.number().int().min(1).max(1000).optional(),
    scoreThreshold: z.number().min(0).max(1).optional(),
    rerank: z.union([z.literal(false), z.string().min(1).max(256)]).optional(),
    documentIds: z.array(z.string().min(1).max(VECTOR_LIMITS.idLength)).max(VECTOR_LIMITS.documentIds).optional(),
    metadata: z
      .record(z.string().min(1).max(KB_LIMITS.metadataKey), z.union([metadataValue, z.array(metadataValue).max(100)]))
      .refine((m) => Object.keys(m).length <= KB_LIMITS.metadataKeys, `at most ${KB_LIMITS.metadataKeys} metadata keys`)
      .optional(),
    signal: z.instanceof(AbortSignal).optional(),
  })
  .strict();

/** The API's name of an option (`topK` → `top_k`), for error params. */
const PARAMS: Record<string, string> = {
  topK: 'top_k',
  keywordWeight: 'keyword_weight',
  vectorWeight: 'vector_weight',
  rrfK: 'rrf_k',
  scoreThreshold: 'score_threshold',
  documentIds: 'document_ids',
};

interface Candidate {
  id: string;
  score: number;
  ranks: SearchHit['ranks'];
  scores: SearchHit['scores'];
}

/**
 * Hybrid search over one base: BM25 over the base's segmentation and vector similarity of the
 * embedded query, run side by side, fused by reciprocal rank (weights and k from the base, overridable
 * per search), optionally reranked, cut by the score threshold and joined with their chunks and
 * documents in one query each. A metadata filter becomes a document filter both indexes apply.
 */
export async function searchBase(k: KnowledgeContext, base: KbBaseRow, query: string, options: SearchOptions = {}): Promise<SearchResult> {
  const started = performance.now();
  if (typeof query !== 'string' || query.trim().length === 0)
    throw gatewayError('invalid_value', 'query must be a non-empty string', { param: 'query' });
  if (query.length > KB_LIMITS.query)
    throw gatewayError('invalid_value', `query is longer than ${KB_LIMITS.query} characters`, { param: 'query' });
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    throw gatewayError('invalid_value', `${PARAMS[key] ?? key}: ${issue.message}`, { param: PARAMS[key] ?? key });
  }
  const o = parsed.data;
  const r = parseSettings(base.settings).retrieval;
  const mode = o.mode ?? r.mode;
  const topK = o.topK ?? r.top_k;
  const keywordWeight = o.keywordWeight ?? r.keyword_weight;
  const vectorWeight = o.vectorWeight ?? r.vector_weight;
  const rrfK = o.rrfK ?? r.rrf_k;
  const threshold = o.scoreThreshold ?? r.score_threshold;
  const rerankModel = o.rerank === false ? null : (o.rerank ?? r.rerank_model);
  if (mode === 'hybrid' && keywordWeight + vectorWeight <= 0)
    throw gatewayError('invalid_value', 'keyword_weight and vector_weight cannot both be 0 in hybrid mode', { param: 'keyword_weight' });
  const timings: SearchResult['timings'] = { total: 0 };
  const empty = (): SearchResult => ({ hits: [], mode, timings: { ...timings, total: performance.now() - started } });

  // The document filter: ids given and/or documents whose metadata matches. More than the indexes take
  // in one filter: they search unfiltered and the candidates are filtered here.
  let documentIds: string[] | undefined = o.documentIds ? [...new Set(o.documentIds)] : undefined;
  if (o.metadata && Object.keys(o.metadata).length > 0) {
    const filter = Object.fromEntries(Object.entries(o.metadata).map(([key, v]) => [key, Array.isArray(v) ? v : [v]]));
    const matching = await k.repo.documentIdsByMetadata(base.id, filter, VECTOR_LIMITS.documentIds * 10 + 1);
    documentIds = documentIds ? matching.filter((id) => documentIds!.includes(id)) : matching;
  }
  if (documentIds?.length === 0) return empty();
  const indexFilter = documentIds && documentIds.length <= VECTOR_LIMITS.documentIds ? documentIds : undefined;
  const postFilter = documentIds && !indexFilter ? new Set(documentIds) : undefined;
  const depth = postFilter ? Math.min(VECTOR_LIMITS.k, KB_LIMITS.candidates * 4) : KB_LIMITS.candidates;
  const call = { workspaceId: base.workspace_id, requestId: `kb-search-${randomBytes(8).toString('hex')}`, signal: o.signal };

  const keywordRun = async () => {
    if (mode === 'vector') return undefined;
    const t = performance.now();
    const tokens = k.segmenter(base).query(query);
    const matches = tokens.length ? await k.keywords.search(base.id, tokens, { k: depth, documentIds: indexFilter }) : [];
    timings.keyword = performance.now() - t;
    return matches;
  };
  const vectorRun = async () => {
    // No vectors before the first embedding: nothing to compare with.
    if (mode === 'keyword' || base.dimensions === null) return undefined;
    let t = performance.now();
    const [vector] = await k.embedder.embed(base.embedding_model, [query], { ...call, requestId: `${call.requestId}-q` });
    timings.embed = performance.now() - t;
    t = performance.now();
    if (!vector || vector.length !== base.dimensions)
      throw gatewayError(
        'invalid_request',
        `the embedding model returned a ${vector?.length ?? 0}-dimensional vector; this base holds ${base.dimensions}`,
      );
    const matches = await k.vectors.query(base.id, vector, { k: depth, documentIds: indexFilter }).catch((err: unknown) => {
      // Dropped meanwhile (the base deleted, its model changed): nothing to compare with.
      if (err instanceof VectorStoreError && err.kind === 'not_found') return [];
      throw err;
    });
    timings.vector = performance.now() - t;
    return matches;
  };
  const [keyword, vector] = await Promise.all([keywordRun(), vectorRun()]);
  const kw = keyword ?? [];
  const vec = (vector ?? []).filter((m) => !postFilter || (m.documentId !== null && postFilter.has(m.documentId)));

  const kwScore = new Map(kw.map((m) => [m.id, m.score]));
  const vecScore = new Map(vec.map((m) => [m.id, m.score]));
  const rankings: Ranking[] = [];
  if (keyword) rankings.push({ name: 'keyword', ids: kw.map((m) => m.id), weight: mode === 'hybrid' ? keywordWeight : 1 });
  if (vector) rankings.push({ name: 'vector', ids: vec.map((m) => m.id), weight: mode === 'hybrid' ? vectorWeight : 1 });
  const bestKeyword = kw[0]?.score ?? 0;
  let candidates: Candidate[] = fuseRankings(rankings, rrfK).map((f) => {
    const scores: Candidate['scores'] = { fused: f.score };
    if (kwScore.has(f.id)) scores.keyword = kwScore.get(f.id);
    if (vecScore.has(f.id)) scores.vector = vecScore.get(f.id);
    const ranks: Candidate['ranks'] = { fused: 0 };
    if (f.ranks.keyword !== undefined) ranks.keyword = f.ranks.keyword;
    if (f.ranks.vector !== undefined) ranks.vector = f.ranks.vector;
    const score =
      mode === 'hybrid' ? f.score : mode === 'vector' ? (scores.vector ?? 0) : bestKeyword > 0 ? (scores.keyword ?? 0) / bestKeyword : 0;
    return { id: f.id, score, ranks, scores };
  });
  candidates.forEach((c, i) => (c.ranks.fused = i + 1));

  // The keyword index knows no documents: a post-filter needs the chunk rows first.
  const rows = new Map<string, KbChunkRow>();
  const load = async (ids: string[]) => {
    const missing = ids.filter((id) => !rows.has(id));
    for (const row of await k.repo.chunksByIds(missing)) rows.set(row.id, row);
  };
  if (postFilter) {
    await load(candidates.map((c) => c.id));
    candidates = candidates.filter((c) => postFilter.has(rows.get(c.id)?.document_id ?? ''));
  }

  if (rerankModel && candidates.length > 0) {
    if (!k.reranker) throw gatewayError('invalid_request', 'reranking is not available here', { param: 'rerank' });
    const t = performance.now();
    const pool = candidates.slice(0, rerankDepth(topK));
    await load(pool.map((c) => c.id));
    const present = pool.filter((c) => rows.has(c.id));
    const results = await k.reranker.rerank(
      rerankModel,
      query,
      present.map((c) => rows.get(c.id)!.text),
      call,
    );
    const reranked: Candidate[] = [];
    results.forEach((res, i) => {
      const c = present[res.index];
      if (!c || c.ranks.rerank !== undefined) return;
      c.ranks.rerank = i + 1;
      c.scores.rerank = res.relevanceScore;
      c.score = res.relevanceScore;
      reranked.push(c);
    });
    candidates = reranked.sort((a, b) => b.score - a.score);
    timings.rerank = performance.now() - t;
  }

  const chosen = candidates.filter((c) => c.score >= threshold).slice(0, topK + 8);
  await load(chosen.map((c) => c.id));
  const found = chosen.filter((c) => rows.has(c.id)).slice(0, topK); // a chunk deleted meanwhile drops out
  const docs = new Map((await k.repo.documentBriefs(found.map((c) => rows.get(c.id)!.document_id))).map((d) => [d.id, d]));
  const hits: SearchHit[] = [];
  for (const c of found) {
    const row = rows.get(c.id)!;
    const d = docs.get(row.document_id);
    if (!d) continue;
    hits.push({
      chunk: toChunk(row),
      document: { id: d.id, name: d.name, title: d.title, metadata: JSON.parse(d.metadata) as Record<string, string> },
      score: c.score,
      ranks: c.ranks,
      scores: c.scores,
    });
  }
  return { hits, mode, timings: { ...timings, total: performance.now() - started } };
}
