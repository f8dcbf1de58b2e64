import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { KnowledgeConfig } from '../config/schema.js';
import { gatewayError } from '../core/error-codes.js';
import type { JobQueue } from '../jobs/job-types.js';
import { createKeywordIndex } from '../store/keyword-index.js';
import { KnowledgeRepository, type KbBaseRow, type KbDocumentRow } from '../store/knowledge-repository.js';
import type { OpenedDatabase } from '../store/open-database.js';
import { createVectorStore } from '../store/vector-store.js';
import type { Embedder, Reranker } from './embedder.js';
import { INGEST_JOB, ingestJobId, ingestRound, registerIngestJob } from './ingest-job.js';
import { KnowledgeContext } from './knowledge-context.js';
import { decodeCursor, encodeCursor, newKnowledgeId, parseSettings, toBase, toChunk, toDocument } from './knowledge-records.js';
import type { KnowledgeService, Page } from './knowledge-service-types.js';
import {
  createKnowledgeBaseSchema,
  DOCUMENT_STATUSES,
  KB_LIMITS,
  updateKnowledgeBaseSchema,
  type AddedDocument,
  type DocumentSource,
  type KnowledgeBase,
  type KnowledgeDocument,
} from './knowledge-types.js';
import { REINDEX_JOB, reindexJobId, registerReindexJob } from './reindex-job.js';
import { searchBase } from './retriever.js';

export interface KnowledgeServiceOptions {
  database: Pick<OpenedDatabase, 'db' | 'dialect' | 'sqlite' | 'pool'>;
  jobs: JobQueue;
  embedder: Embedder;
  reranker?: Reranker;
  /** `knowledge:` of baimo.yaml (its defaults when absent). */
  config?: KnowledgeConfig;
}

const invalid = (message: string, param: string) => gatewayError('invalid_value', message, { param });

/** A zod failure as a 400 naming the field (`chunking.chunk_tokens`). */
function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const param = issue.path.map(String).join('.') || 'body';
  throw invalid(`${param}: ${issue.message}`, param);
}

function checkMetadata(m: unknown, param: string): Record<string, string> | undefined {
  if (m === undefined) return undefined;
  if (m === null || typeof m !== 'object' || Array.isArray(m)) throw invalid('metadata must be an object of strings', param);
  const entries = Object.entries(m as Record<string, unknown>);
  if (entries.length > KB_LIMITS.metadataKeys) throw invalid(`metadata holds at most ${KB_LIMITS.metadataKeys} keys`, param);
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > KB_LIMITS.metadataKey)
      throw invalid(`a metadata key is 1 to ${KB_LIMITS.metadataKey} characters`, param);
    if (typeof value !== 'string' || value.length > KB_LIMITS.metadataValue)
      throw invalid(`metadata ${key.slice(0, 64)}: a string of at most ${KB_LIMITS.metadataValue} characters`, param);
  }
  return m as Record<string, string>;
}

/** The knowledge service (see {@link KnowledgeService}) plus what tests and the CLI may want beside it. */
export interface KnowledgeServiceImpl extends KnowledgeService {
  /** The stores and caches the service runs on. */
  readonly context: KnowledgeContext;
}

/**
 * The knowledge bases of every workspace on one database: the bases and documents in its tables, the
 * vectors and BM25 postings in its vector store and keyword index (collection = base id), ingestion as
 * `knowledge.ingest` jobs on the `knowledge` queue (registered on `jobs` here), embeddings and reranks
 * through the gateway (`embedder`, `reranker`).
 */
export function createKnowledgeService(o: KnowledgeServiceOptions): KnowledgeServiceImpl {
  // A config object built by hand (not through the schema) may lack the section: its defaults then.
  const config: KnowledgeConfig = o.config ?? { max_file_mb: 50, fetch_allow_private: [], fetch_timeout_s: 20, fetch_max_mb: 20 };
  const repo = new KnowledgeRepository(o.database.db);
  const k = new KnowledgeContext(repo, createVectorStore(o.database), createKeywordIndex(o.database), o.embedder, o.reranker, config);
  registerIngestJob(o.jobs, k);
  registerReindexJob(o.jobs, k);
  const maxFileBytes = Math.floor(config.max_file_mb * 1024 * 1024);

  const requireBase = async (workspaceId: string, nameOrId: string): Promise<KbBaseRow> => {
    const base = typeof nameOrId === 'string' && nameOrId.length <= 256 ? await repo.findBase(workspaceId, nameOrId) : undefined;
    if (!base) throw gatewayError('knowledge_base_not_found', `No knowledge base named ${JSON.stringify(String(nameOrId).slice(0, 80))}`);
    return base;
  };
  const requireDocument = async (base: KbBaseRow, documentId: string): Promise<KbDocumentRow> => {
    const doc = typeof documentId === 'string' && documentId.length <= 64 ? await repo.document(base.id, documentId) : undefined;
    if (!doc) throw gatewayError('document_not_found', `No document ${JSON.stringify(String(documentId).slice(0, 80))} in ${base.name}`);
    return doc;
  };
  const checkModel = (model: string) => {
    try {
      o.embedder.check?.(model);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw gatewayError('model_not_found', `embedding_model: ${message}`, {
        status: 400,
        type: 'invalid_request_error',
        param: 'embedding_model',
      });
    }
  };
  const cancelJob = async (jobId: string | null) => {
    if (jobId) await o.jobs.cancel(jobId).catch(() => undefined);
  };

  /** Stores one source as a document (new, or the one of that name again) and enqueues its ingestion. */
  const addOne = async (base: KbBaseRow, source: DocumentSource, createdBy: string | undefined): Promise<AddedDocument> => {
    const name = (source.kind === 'file' ? source.name : source.url).trim();
    const metadata = checkMetadata(source.metadata, 'metadata');
    const hash = source.kind === 'file' ? createHash('sha256').update(source.bytes).digest('hex') : undefined;
    const now = Date.now();
    let existing = await repo.documentByName(base.id, name);
    if (existing && hash && existing.status === 'ready' && existing.content_hash === hash) {
      // The same bytes under the same name: nothing to ingest (new metadata still applies).
      const meta = metadata ? JSON.stringify(metadata) : existing.metadata;
      if (meta !== existing.metadata) existing = (await repo.updateDocument(existing.id, { metadata: meta, updated_at: now })) ?? existing;
      return { document: toDocument(existing), queued: false };
    }
    let doc: KbDocumentRow | undefined;
    if (!existing) {
      const id = newKnowledgeId('doc');
      doc = await repo.insertDocument({
        id,
        kb_id: base.id,
        name,
        source: source.kind,
        format: null,
        title: null,
        bytes: source.kind === 'file' ? source.bytes.length : null,
        content_hash: null,
        status: 'queued',
        error_reason: null,
        error_message: null,
        chunk_count: 0,
        metadata: JSON.stringify(metadata ?? {}),
        job_id: ingestJobId(id, 1),
        created_at: now,
        updated_at: now,
      });
      existing = doc ? undefined : await repo.documentByName(base.id, name); // added at the same moment elsewhere
    }
    if (existing) {
      await cancelJob(existing.status === 'queued' || existing.status === 'processing' ? existing.job_id : null);
      doc = await repo.updateDocument(existing.id, {
        source: source.kind,
        status: 'queued',
        error_reason: null,
        error_message: null,
        job_id: ingestJobId(existing.id, ingestRound(existing.job_id) + 1),
        ...(metadata ? { metadata: JSON.stringify(metadata) } : {}),
        ...(source.kind === 'file' ? { bytes: source.bytes.length } : {}),
        updated_at: now,
      });
    }
    if (!doc) throw gatewayError('internal_error', `document ${name.slice(0, 80)} could not be stored`);
    if (source.kind === 'file') await repo.putUpload(doc.id, source.bytes, source.contentType?.slice(0, 256) ?? null, now);
    else await repo.deleteUpload(doc.id);
    try {
      await o.jobs.enqueue(
        INGEST_JOB,
        { document_id: doc.id, kb_id: base.id },
        { id: doc.job_id!, workspaceId: base.workspace_id, createdBy },
      );
    } catch (err) {
      await repo.updateDocument(
        doc.id,
        { status: 'failed', error_reason: 'internal', error_message: `Not queued: ${(err as Error).message}`.slice(0, 2000) },
        doc.job_id!,
      );
      throw err;
    }
    return { document: toDocument(doc), queued: true };
  };

  /**
   * One try of an update: undefined when the base's settings changed since they were read. A change of
   * the user words or stopwords names the next reindex on the base (cancelling the one before, unless
   * finished) and enqueues it: every chunk is segmented again with the new dictionary.
   */
  const updateOnce = async (
    workspaceId: string,
    nameOrId: string,
    p: z.output<typeof updateKnowledgeBaseSchema>,
  ): Promise<KnowledgeBase | undefined> => {
    const base = await requireBase(workspaceId, nameOrId);
    const s = parseSettings(base.settings);
    const modelChanges = p.embedding_model !== undefined && p.embedding_model !== base.embedding_model;
    if (modelChanges) {
      checkModel(p.embedding_model!);
      if ((await repo.countChunks(base.id)) > 0)
        throw gatewayError(
          'embedding_model_locked',
          `${base.name} holds chunks embedded by ${base.embedding_model}; remove its documents or create another knowledge base`,
          { param: 'embedding_model' },
        );
    }
    const user_words = p.user_words ?? s.user_words;
    const stopwords = p.stopwords ?? s.stopwords;
    const reindex = JSON.stringify([user_words, stopwords]) !== JSON.stringify([s.user_words, s.stopwords]);
    const round = s.reindex.round + 1;
    const settings = {
      chunking: p.chunking ?? s.chunking,
      user_words,
      stopwords,
      retrieval: { ...s.retrieval, ...(p.retrieval ?? {}) },
      reindex: reindex ? { round, job_id: reindexJobId(base.id, round) } : s.reindex,
    };
    const row = await repo.updateBase(
      base.id,
      {
        ...(p.description !== undefined ? { description: p.description } : {}),
        ...(modelChanges ? { embedding_model: p.embedding_model, dimensions: null } : {}),
        settings: JSON.stringify(settings),
        updated_at: Date.now(),
      },
      base.settings,
    );
    if (!row) return undefined;
    if (modelChanges) {
      // Another model may give vectors of another length: the next embedding fixes them anew.
      await k.vectors.dropCollection(base.id);
      k.forget(base.id);
    }
    if (reindex) {
      // The one before stops at its next batch anyway (the base names another job now).
      await cancelJob(s.reindex.job_id);
      try {
        await o.jobs.enqueue(REINDEX_JOB, { kb_id: base.id }, { id: settings.reindex.job_id!, workspaceId: base.workspace_id });
      } catch (err) {
        // Not queued: the old dictionary comes back, so that the same change asked again reindexes.
        await repo.updateBase(base.id, { settings: base.settings }, row.settings).catch(() => undefined);
        throw err;
      }
    }
    return toBase(row);
  };

  const service: KnowledgeServiceImpl = {
    context: k,

    async create(workspaceId, input, createdBy) {
      const v = parseInput(createKnowledgeBaseSchema, input);
      checkModel(v.embedding_model);
      if ((await repo.countBases(workspaceId)) >= KB_LIMITS.basesPerWorkspace)
        throw gatewayError('invalid_request', `A workspace holds at most ${KB_LIMITS.basesPerWorkspace} knowledge bases`, {
          param: 'name',
        });
      const now = Date.now();
      const row = await repo.insertBase({
        id: newKnowledgeId('kb'),
        workspace_id: workspaceId,
        name: v.name,
        description: v.description,
        embedding_model: v.embedding_model,
        dimensions: null,
        settings: JSON.stringify({ chunking: v.chunking, user_words: v.user_words, stopwords: v.stopwords, retrieval: v.retrieval }),
        document_count: 0,
        chunk_count: 0,
        created_by: createdBy ?? null,
        created_at: now,
        updated_at: now,
      });
      if (!row)
        throw gatewayError('knowledge_base_exists', `A knowledge base named ${JSON.stringify(v.name)} exists already`, { param: 'name' });
      return toBase(row);
    },

    async list(workspaceId) {
      return (await repo.listBases(workspaceId)).map(toBase);
    },

    async get(workspaceId, nameOrId) {
      if (typeof nameOrId !== 'string' || nameOrId.length > 256) return undefined;
      const row = await repo.findBase(workspaceId, nameOrId);
      return row ? toBase(row) : undefined;
    },

    async update(workspaceId, nameOrId, patch) {
      const p = parseInput(updateKnowledgeBaseSchema, patch);
      // The settings are written only over the text they were read from: a change at the same moment
      // (another update, a reindex finishing) makes this one read them again.
      for (let attempt = 1; ; attempt++) {
        const updated = await updateOnce(workspaceId, nameOrId, p);
        if (updated) return updated;
        if (attempt >= 10) throw gatewayError('internal_error', 'The knowledge base kept changing under the update; try again');
      }
    },

    async remove(workspaceId, nameOrId) {
      if (typeof nameOrId !== 'string' || nameOrId.length > 256) return false;
      const base = await repo.findBase(workspaceId, nameOrId);
      if (!base) return false;
      // Its jobs first (a job that writes on regardless finds the base gone and drops what it wrote).
      for (const jobId of await repo.unfinishedJobs(base.id)) await cancelJob(jobId);
      await cancelJob(parseSettings(base.settings).reindex.job_id);
      const deleted = await repo.deleteBase(base.id);
      await k.vectors.dropCollection(base.id);
      await k.keywords.dropCollection(base.id);
      k.forget(base.id);
      return deleted;
    },

    async addDocuments(workspaceId, nameOrId, sources, createdBy) {
      const base = await requireBase(workspaceId, nameOrId);
      if (!Array.isArray(sources) || sources.length === 0) throw invalid('name at least one file or URL', 'documents');
      if (sources.length > KB_LIMITS.documentsPerAdd) throw invalid(`at most ${KB_LIMITS.documentsPerAdd} documents per add`, 'documents');
      const names = new Set<string>();
      for (const s of sources) {
        const name = (s.kind === 'file' ? s.name : s.kind === 'url' ? s.url : '').trim();
        const param = s.kind === 'url' ? 'url' : 'file';
        if (typeof name !== 'string' || name.length === 0 || name.length > KB_LIMITS.documentName)
          throw invalid(`a document name (file name or URL) is 1 to ${KB_LIMITS.documentName} characters`, param);
        if (names.has(name)) throw invalid(`${name.slice(0, 200)} is named twice`, param);
        names.add(name);
        if (s.kind === 'file') {
          if (!(s.bytes instanceof Uint8Array)) throw invalid(`${name.slice(0, 200)}: no file content`, 'file');
          if (s.bytes.length > maxFileBytes)
            throw gatewayError(
              'file_too_large',
              `${name.slice(0, 200)} is ${(s.bytes.length / 1048576).toFixed(1)} MiB; files up to ${config.max_file_mb} MiB can be added ` +
                `(knowledge.max_file_mb) / 文件 ${name.slice(0, 200)} 超过 ${config.max_file_mb} MiB 上限`,
              { param: 'file' },
            );
        } else {
          let url: URL | undefined;
          try {
            url = new URL(name);
          } catch {
            url = undefined;
          }
          if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
            throw invalid(`${name.slice(0, 200)} is not an http(s) URL`, 'url');
        }
        checkMetadata(s.metadata, 'metadata');
      }
      const out: AddedDocument[] = [];
      for (const s of sources) out.push(await addOne(base, s, createdBy));
      await repo.refreshCounts(base.id, Date.now());
      return out;
    },

    async documents(workspaceId, nameOrId, opts): Promise<Page<KnowledgeDocument>> {
      const base = await requireBase(workspaceId, nameOrId);
      const limit = Math.max(1, Math.min(1000, Math.floor(Number(opts.limit) || 20)));
      const cursor = opts.cursor ? decodeCursor(opts.cursor) : undefined;
      if (opts.cursor && !cursor) throw invalid('after: not a cursor this list returned', 'after');
      const status = opts.status || undefined;
      if (status && !(DOCUMENT_STATUSES as readonly string[]).includes(status))
        throw invalid(`status must be one of ${DOCUMENT_STATUSES.join(', ')}`, 'status');
      const page = await repo.listDocuments(base.id, { limit, cursor, status: status as KbDocumentRow['status'] | undefined });
      return page.next ? { items: page.rows.map(toDocument), next: encodeCursor(page.next) } : { items: page.rows.map(toDocument) };
    },

    async document(workspaceId, nameOrId, documentId) {
      const base = await requireBase(workspaceId, nameOrId);
      const doc = typeof documentId === 'string' && documentId.length <= 64 ? await repo.document(base.id, documentId) : undefined;
      return doc ? toDocument(doc) : undefined;
    },

    async chunks(workspaceId, nameOrId, documentId, opts) {
      const base = await requireBase(workspaceId, nameOrId);
      const doc = await requireDocument(base, documentId);
      const limit = Math.max(1, Math.min(1000, Math.floor(Number(opts.limit) || 20)));
      const offset = Math.max(0, Math.min(10_000_000, Math.floor(Number(opts.offset) || 0)));
      const { rows, total } = await repo.listChunks(doc.id, limit, offset);
      return { items: rows.map(toChunk), total };
    },

    async removeDocument(workspaceId, nameOrId, documentId) {
      const base = await requireBase(workspaceId, nameOrId);
      const doc = typeof documentId === 'string' && documentId.length <= 64 ? await repo.document(base.id, documentId) : undefined;
      if (!doc) return false;
      if (doc.status === 'queued' || doc.status === 'processing') await cancelJob(doc.job_id);
      // Rows first (chunks and upload cascade; search joins hits with them, so the document vanishes at
      // once), then its vectors and postings.
      const deleted = await repo.deleteDocument(doc.id);
      if (await k.vectors.getCollection(base.id)) await k.vectors.deleteByDocument(base.id, doc.id);
      await k.keywords.deleteByDocument(base.id, doc.id);
      await repo.refreshCounts(base.id, Date.now());
      return deleted;
    },

    async search(workspaceId, nameOrId, query, opts) {
      return searchBase(k, await requireBase(workspaceId, nameOrId), query, opts);
    },
  };
  return service;
}
