import { z } from 'zod';
import { chunkingSettingsSchema } from './chunking/chunking-settings.js';
import { SEGMENTER_LIMITS } from './segmenter.js';

/** Bounds of the knowledge-base API: every list, string and number a caller sends. */
export const KB_LIMITS = {
  /** Knowledge bases per workspace. */
  basesPerWorkspace: 1000,
  /** Documents one add call may name (files + URLs). */
  documentsPerAdd: 200,
  /** Characters of a document's display name (a file name or a URL). */
  documentName: 1024,
  /** Metadata of a document: keys, and characters per key and per value. */
  metadataKeys: 32,
  metadataKey: 64,
  metadataValue: 512,
  /** Characters of a search query (longer queries are refused, not cut). */
  query: 4000,
  /** Hits one search returns. */
  k: 50,
  /** Candidates each method contributes before fusion (and the reranker's input). */
  candidates: 200,
  /** Texts per embedding call during ingestion. */
  embedBatch: 64,
  /** Knowledge bases one grounded request may name. */
  basesPerRequest: 8,
  /** Characters of a description. */
  description: 2000,
} as const;

/** A knowledge base's name: what aliases (`knowledge: [name]`), the CLI and the API call it. Unique per workspace. */
export const KB_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,63}$/u;
export const kbNameSchema = z
  .string()
  .regex(KB_NAME, 'a knowledge base name: 1 to 64 letters (Chinese included), digits, _ . -, starting with a letter or digit');

/** Retrieval modes: BM25 over segmented words, vector similarity, or both fused (RRF). */
export const RETRIEVAL_MODES = ['hybrid', 'keyword', 'vector'] as const;
export type RetrievalMode = (typeof RETRIEVAL_MODES)[number];

/** The retrieval settings, each without its default (what a patch may send). */
const retrievalFields = {
  mode: z.enum(RETRIEVAL_MODES),
  /** Hits returned (a grounded answer puts this many passages in the prompt). */
  top_k: z.number().int().min(1).max(KB_LIMITS.k),
  /** RRF weights of the two rankings, and RRF's k constant. */
  keyword_weight: z.number().min(0).max(10),
  vector_weight: z.number().min(0).max(10),
  rrf_k: z.number().int().min(1).max(1000),
  /**
   * Hits scoring below this are dropped. The score is the mode's: hybrid — the fused RRF score
   * normalised to 0..1 (1: first in every ranking); vector — cosine similarity; keyword — BM25
   * normalised to 0..1 by the best hit; with rerank — the reranker's relevance score.
   */
  score_threshold: z.number().min(0).max(1),
  /** A rerank model (alias or provider/model) reordering the fused candidates; none by default. */
  rerank_model: z.string().min(1).max(256).nullable(),
};

/** A knowledge base's retrieval defaults; a search or a grounded request may override each. */
export const retrievalSettingsSchema = z
  .object({
    mode: retrievalFields.mode.default('hybrid'),
    top_k: retrievalFields.top_k.default(5),
    keyword_weight: retrievalFields.keyword_weight.default(1),
    vector_weight: retrievalFields.vector_weight.default(1),
    rrf_k: retrievalFields.rrf_k.default(60),
    score_threshold: retrievalFields.score_threshold.default(0),
    rerank_model: retrievalFields.rerank_model.default(null),
  })
  .strict();
export type RetrievalSettings = z.output<typeof retrievalSettingsSchema>;

const word = z.string().min(1).max(SEGMENTER_LIMITS.wordLength);

/** What `POST /api/kb` and `baimo kb create` take. */
export const createKnowledgeBaseSchema = z
  .object({
    name: kbNameSchema,
    description: z.string().max(KB_LIMITS.description).default(''),
    /** Any configured alias or `provider/model` that embeds (the local GGUF engine included). */
    embedding_model: z.string().min(1).max(256),
    chunking: chunkingSettingsSchema.prefault({}),
    /** Words jieba keeps whole for this base (product names, terms of the trade). */
    user_words: z.array(word).max(SEGMENTER_LIMITS.userWords).default([]),
    stopwords: z.array(word).max(SEGMENTER_LIMITS.stopwords).default([]),
    retrieval: retrievalSettingsSchema.prefault({}),
  })
  .strict();
export type CreateKnowledgeBase = z.input<typeof createKnowledgeBaseSchema>;

/**
 * What `PATCH /api/kb/:name` takes: only the fields sent change (no defaults here), `retrieval` field by
 * field, `chunking` as a whole. The embedding model changes only while the base has no chunks.
 */
export const updateKnowledgeBaseSchema = z
  .object({
    description: z.string().max(KB_LIMITS.description),
    embedding_model: z.string().min(1).max(256),
    chunking: chunkingSettingsSchema,
    user_words: z.array(word).max(SEGMENTER_LIMITS.userWords),
    stopwords: z.array(word).max(SEGMENTER_LIMITS.stopwords),
    retrieval: z.object(retrievalFields).partial().strict(),
  })
  .partial()
  .strict();
export type UpdateKnowledgeBase = z.input<typeof updateKnowledgeBaseSchema>;

export interface KnowledgeBase {
  /** `kb_` + 20 lower-case letters and digits; also the name of its vector and keyword collections. */
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  embeddingModel: string;
  /** Set by the first embedding: every vector of the base has this many numbers. */
  dimensions: number | null;
  chunking: z.output<typeof chunkingSettingsSchema>;
  userWords: string[];
  stopwords: string[];
  retrieval: RetrievalSettings;
  /**
   * The `knowledge.reindex` job that re-segments the base's chunks after its user words or stopwords
   * changed, until it finishes (it stays when it failed); null when the keyword index follows them.
   */
  reindexJobId: string | null;
  documentCount: number;
  chunkCount: number;
  createdAt: number;
  updatedAt: number;
}

export const DOCUMENT_STATUSES = ['queued', 'processing', 'ready', 'failed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Why a document failed: the extractor's and fetcher's reasons, plus the ingestion's own. */
export type DocumentFailure =
  | import('./extract/extract-error.js').ExtractReason
  | import('./fetch-refused.js').FetchRefusedReason
  | 'embedding-failed'
  | 'empty'
  | 'internal';

export interface KnowledgeDocument {
  /** `doc_` + 20 lower-case letters and digits. */
  id: string;
  kbId: string;
  /** The file name, or the URL as given. Adding the same name again re-ingests it (incrementally). */
  name: string;
  source: 'file' | 'url';
  /** Detected format once extracted. */
  format: 'txt' | 'md' | 'html' | 'pdf' | 'docx' | null;
  title: string | null;
  bytes: number | null;
  /** SHA-256 (hex) of the bytes last ingested: the same bytes again are not re-ingested. */
  contentHash: string | null;
  status: DocumentStatus;
  /** Present when failed: a stable reason code and a message in the request's language. */
  errorReason: DocumentFailure | null;
  errorMessage: string | null;
  chunkCount: number;
  /** String metadata given on upload: what search filters match. */
  metadata: Record<string, string>;
  /** The ingestion job (`job_…`), for progress. */
  jobId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface KnowledgeChunk {
  /** `chk_…`: derived from the document and the chunk text, so unchanged text keeps its id (and its vector). */
  id: string;
  kbId: string;
  documentId: string;
  /** Position in the document, from 0. */
  index: number;
  text: string;
  titlePath: string[];
  tokens: number;
  kind: 'text' | 'table' | 'code';
}

/** One search's options; each absent one takes the base's retrieval default. */
export interface SearchOptions {
  mode?: RetrievalMode;
  topK?: number;
  keywordWeight?: number;
  vectorWeight?: number;
  rrfK?: number;
  scoreThreshold?: number;
  /** A rerank model, or false to skip the base's reranker. */
  rerank?: string | false;
  /** Only chunks of these documents (ids). */
  documentIds?: string[];
  /** Only chunks of documents whose metadata has these values (a list: any of them). */
  metadata?: Record<string, string | string[]>;
  /** Who searches: the embedding and rerank calls are logged and costed under its request id and workspace. */
  signal?: AbortSignal;
}

export interface SearchHit {
  chunk: KnowledgeChunk;
  document: Pick<KnowledgeDocument, 'id' | 'name' | 'title' | 'metadata'>;
  /** The score the threshold applied to (see `score_threshold`). */
  score: number;
  /** 1-based rank in each ranking that found it (absent: not in that ranking's candidates). */
  ranks: { keyword?: number; vector?: number; fused: number; rerank?: number };
  /** Raw scores: BM25, cosine similarity, normalised RRF, reranker relevance. */
  scores: { keyword?: number; vector?: number; fused: number; rerank?: number };
}

export interface SearchResult {
  hits: SearchHit[];
  mode: RetrievalMode;
  /** Milliseconds spent: embedding the query, each ranking, reranking. */
  timings: { embed?: number; keyword?: number; vector?: number; rerank?: number; total: number };
}

/** A file or URL to add. */
export type DocumentSource =
  | { kind: 'file'; name: string; bytes: Uint8Array; contentType?: string; metadata?: Record<string, string> }
  | { kind: 'url'; url: string; metadata?: Record<string, string> };

export interface AddedDocument {
  document: KnowledgeDocument;
  /** False when the same bytes were ingested already under this name (nothing to do, no job). */
  queued: boolean;
}
