import { z } from 'zod';
import { chunkingSettingsSchema } from '../../knowledge/chunking/chunking-settings.js';
import {
  DOCUMENT_STATUSES,
  RETRIEVAL_MODES,
  retrievalSettingsSchema,
  type KnowledgeBase,
  type KnowledgeChunk,
  type KnowledgeDocument,
  type SearchHit,
  type SearchResult,
} from '../../knowledge/knowledge-types.js';
import type { JobRecord } from '../../jobs/job-types.js';
import { iso } from './views.js';

/** A knowledge base as the API shows it. */
export const kbViewSchema = z.object({
  /** `kb_…`. */
  id: z.string(),
  object: z.literal('knowledge_base'),
  workspace_id: z.string(),
  name: z.string(),
  description: z.string(),
  embedding_model: z.string(),
  /** Set by the first embedding; null until then. */
  dimensions: z.number().nullable(),
  chunking: chunkingSettingsSchema,
  user_words: z.array(z.string()),
  stopwords: z.array(z.string()),
  retrieval: retrievalSettingsSchema,
  /**
   * The `knowledge.reindex` job (GET /api/jobs/{id}) re-segmenting the chunks after `user_words` or
   * `stopwords` changed, until it finishes (it stays when it failed); null when the keyword index
   * follows the dictionary.
   */
  reindex_job_id: z.string().nullable(),
  document_count: z.number(),
  chunk_count: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const kbView = (kb: KnowledgeBase): z.input<typeof kbViewSchema> => ({
  id: kb.id,
  object: 'knowledge_base',
  workspace_id: kb.workspaceId,
  name: kb.name,
  description: kb.description,
  embedding_model: kb.embeddingModel,
  dimensions: kb.dimensions,
  chunking: kb.chunking,
  user_words: kb.userWords,
  stopwords: kb.stopwords,
  retrieval: kb.retrieval,
  reindex_job_id: kb.reindexJobId,
  document_count: kb.documentCount,
  chunk_count: kb.chunkCount,
  created_at: iso(kb.createdAt)!,
  updated_at: iso(kb.updatedAt)!,
});

/** A document as the API shows it; `queued` only in the answer of an add. */
export const documentViewSchema = z.object({
  /** `doc_…`. */
  id: z.string(),
  object: z.literal('knowledge_document'),
  kb_id: z.string(),
  /** The file name, or the URL as given. */
  name: z.string(),
  source: z.enum(['file', 'url']),
  format: z.enum(['txt', 'md', 'html', 'pdf', 'docx']).nullable(),
  title: z.string().nullable(),
  bytes: z.number().nullable(),
  status: z.enum(DOCUMENT_STATUSES),
  /** Why the document failed: a stable reason code and a message. */
  error: z.object({ reason: z.string(), message: z.string() }).nullable(),
  chunk_count: z.number(),
  metadata: z.record(z.string(), z.string()),
  /** The ingestion job (`job_…`; GET /api/jobs/{id}). */
  job_id: z.string().nullable(),
  /** 0..1: the ingestion job's progress while queued or processing; 1 when ready. */
  progress: z.number(),
  progress_message: z.string().nullable(),
  /** In the answer of an add only: false when the same bytes were ingested already (nothing to do). */
  queued: z.boolean().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** `job`: the document's ingestion job, read while the document is queued or processing. */
export const documentView = (d: KnowledgeDocument, job?: JobRecord, queued?: boolean): z.input<typeof documentViewSchema> => {
  const pending = d.status === 'queued' || d.status === 'processing';
  return {
    id: d.id,
    object: 'knowledge_document',
    kb_id: d.kbId,
    name: d.name,
    source: d.source,
    format: d.format,
    title: d.title,
    bytes: d.bytes,
    status: d.status,
    error: d.status === 'failed' ? { reason: d.errorReason ?? 'internal', message: d.errorMessage ?? '' } : null,
    chunk_count: d.chunkCount,
    metadata: d.metadata,
    job_id: d.jobId,
    progress: pending ? (job?.progress ?? 0) : d.status === 'ready' ? 1 : 0,
    progress_message: pending ? (job?.progressMessage ?? null) : null,
    ...(queued === undefined ? {} : { queued }),
    created_at: iso(d.createdAt)!,
    updated_at: iso(d.updatedAt)!,
  };
};

export const chunkViewSchema = z.object({
  /** `chk_…`: stable while the chunk's text is unchanged. */
  id: z.string(),
  object: z.literal('knowledge_chunk'),
  document_id: z.string(),
  /** Position in the document, from 0. */
  index: z.number(),
  text: z.string(),
  /** The headings above the chunk, outermost first. */
  title_path: z.array(z.string()),
  tokens: z.number(),
  kind: z.enum(['text', 'table', 'code']),
});

export const chunkView = (c: KnowledgeChunk): z.input<typeof chunkViewSchema> => ({
  id: c.id,
  object: 'knowledge_chunk',
  document_id: c.documentId,
  index: c.index,
  text: c.text,
  title_path: c.titlePath,
  tokens: c.tokens,
  kind: c.kind,
});

const perMethod = z.object({
  keyword: z.number().nullable(),
  vector: z.number().nullable(),
  fused: z.number(),
  rerank: z.number().nullable(),
});

const hitSchema = z.object({
  chunk_id: z.string(),
  document_id: z.string(),
  document_name: z.string(),
  document_title: z.string().nullable(),
  title_path: z.array(z.string()),
  text: z.string(),
  kind: z.enum(['text', 'table', 'code']),
  /** Position of the chunk in its document. */
  index: z.number(),
  /** The score the threshold applied to: fused (hybrid), cosine (vector), normalised BM25 (keyword), or the reranker's. */
  score: z.number(),
  /** 1-based rank in each ranking that found the chunk; null: not among that ranking's candidates. */
  ranks: perMethod,
  /** Raw scores: BM25, cosine similarity, normalised RRF, reranker relevance. */
  scores: perMethod,
});

export const searchResultSchema = z.object({
  object: z.literal('list'),
  mode: z.enum(RETRIEVAL_MODES),
  data: z.array(hitSchema),
  /** Milliseconds spent on each step; null for a step that did not run. */
  timings: z.object({
    embed: z.number().nullable(),
    keyword: z.number().nullable(),
    vector: z.number().nullable(),
    rerank: z.number().nullable(),
    total: z.number(),
  }),
});

const hitView = (h: SearchHit): z.input<typeof hitSchema> => ({
  chunk_id: h.chunk.id,
  document_id: h.document.id,
  document_name: h.document.name,
  document_title: h.document.title,
  title_path: h.chunk.titlePath,
  text: h.chunk.text,
  kind: h.chunk.kind,
  index: h.chunk.index,
  score: h.score,
  ranks: { keyword: h.ranks.keyword ?? null, vector: h.ranks.vector ?? null, fused: h.ranks.fused, rerank: h.ranks.rerank ?? null },
  scores: { keyword: h.scores.keyword ?? null, vector: h.scores.vector ?? null, fused: h.scores.fused, rerank: h.scores.rerank ?? null },
});

export const searchResultView = (r: SearchResult): z.input<typeof searchResultSchema> => ({
  object: 'list',
  mode: r.mode,
  data: r.hits.map(hitView),
  timings: {
    embed: r.timings.embed ?? null,
    keyword: r.timings.keyword ?? null,
    vector: r.timings.vector ?? null,
    rerank: r.timings.rerank ?? null,
    total: r.timings.total,
  },
});
