import type {
  AddedDocument,
  CreateKnowledgeBase,
  DocumentSource,
  KnowledgeBase,
  KnowledgeChunk,
  KnowledgeDocument,
  SearchOptions,
  SearchResult,
  UpdateKnowledgeBase,
} from './knowledge-types.js';

/** A page of a list, newest first, with the cursor of the next page when there is one. */
export interface Page<T> {
  items: T[];
  next?: string;
}

/**
 * The knowledge bases of every workspace: what the API routes, the CLI and the grounded-chat stage
 * use. Methods take the workspace explicitly (the caller checked access) and throw GatewayErrors with
 * API shape: 400 `invalid_request` (bad input, named param), 404 `knowledge_base_not_found` /
 * `document_not_found`, 409 `knowledge_base_exists` / `embedding_model_locked`.
 */
export interface KnowledgeService {
  create(workspaceId: string, input: CreateKnowledgeBase, createdBy?: string): Promise<KnowledgeBase>;
  list(workspaceId: string): Promise<KnowledgeBase[]>;
  /** By name (or id) in the workspace; undefined when there is none. */
  get(workspaceId: string, nameOrId: string): Promise<KnowledgeBase | undefined>;
  /**
   * Changes the base. A change of its user words or stopwords enqueues a `knowledge.reindex` job (its id
   * in `reindexJobId` until it finishes) that segments the chunks already indexed again; no embedding.
   */
  update(workspaceId: string, nameOrId: string, patch: UpdateKnowledgeBase): Promise<KnowledgeBase>;
  /** Deletes the base, its documents, chunks, vectors and keyword index; cancels its running jobs. */
  remove(workspaceId: string, nameOrId: string): Promise<boolean>;

  /**
   * Stores the files (bytes kept until ingested) and URLs as documents and enqueues one
   * `knowledge.ingest` job each. A name already in the base is re-ingested incrementally: same bytes,
   * nothing to do (`queued: false`); changed text, only changed chunks are embedded again.
   */
  addDocuments(workspaceId: string, nameOrId: string, sources: DocumentSource[], createdBy?: string): Promise<AddedDocument[]>;
  documents(
    workspaceId: string,
    nameOrId: string,
    opts: { limit: number; cursor?: string; status?: string },
  ): Promise<Page<KnowledgeDocument>>;
  document(workspaceId: string, nameOrId: string, documentId: string): Promise<KnowledgeDocument | undefined>;
  chunks(
    workspaceId: string,
    nameOrId: string,
    documentId: string,
    opts: { limit: number; offset?: number },
  ): Promise<{ items: KnowledgeChunk[]; total: number }>;
  removeDocument(workspaceId: string, nameOrId: string, documentId: string): Promise<boolean>;

  /** Hybrid (or keyword / vector) search with optional rerank; the embedding and rerank calls are logged under the workspace. */
  search(workspaceId: string, nameOrId: string, query: string, opts?: SearchOptions): Promise<SearchResult>;
}
