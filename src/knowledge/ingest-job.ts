import { createHash } from 'node:crypto';
import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import type { JobContext, JobQueue } from '../jobs/job-types.js';
import type { KbBaseRow, KbChunkRow, KbDocumentRow } from '../store/knowledge-repository.js';
import { chunkDocument, type Chunk } from './chunking/index.js';
import { isTransient } from './embedder.js';
import { ExtractError } from './extract/extract-error.js';
import { extractDocument } from './extract/extract-document.js';
import { FetchRefused, fetchDocument } from './fetch-url.js';
import { DimensionMismatch, type KnowledgeContext } from './knowledge-context.js';
import { writePostings, settleKeywords } from './keyword-settle.js';
import { parseSettings } from './knowledge-records.js';
import { KB_LIMITS, type DocumentFailure } from './knowledge-types.js';

/** The queue ingestion runs on (`baimo worker --queues knowledge`). */
export const KNOWLEDGE_QUEUE = 'knowledge';
export const INGEST_JOB = 'knowledge.ingest';
export const INGEST_ATTEMPTS = 3;

const ingestInput = z
  .object({
    document_id: z.string().regex(/^doc_[a-z0-9]{1,40}$/),
    /** The document's base: lets a run that finds the base deleted drop what an earlier run wrote. */
    kb_id: z
      .string()
      .regex(/^kb_[a-z0-9]{1,40}$/)
      .optional(),
  })
  .strict();
export type IngestInput = z.infer<typeof ingestInput>;

/** The job id of a document's `n`th ingestion (`n` from 1): a re-add makes a new job. */
export const ingestJobId = (documentId: string, n: number): string => `job_ingest_${documentId}_${n}`;

/** The `n` of a document's last ingestion job id (0 when none). */
export function ingestRound(jobId: string | null): number {
  const m = jobId ? /_(\d+)$/.exec(jobId) : null;
  return m ? Number(m[1]) : 0;
}

/**
 * A chunk's id: derived from the document and the chunk's text (numbered when the same text occurs
 * again in the document), so unchanged text keeps its id, and its vector, when the document changes.
 */
export function chunkId(documentId: string, text: string, occurrence: number): string {
  const h = createHash('sha256').update(documentId).update('\0').update(text).update('\0').update(String(occurrence)).digest('hex');
  return `chk_${h.slice(0, 24)}`;
}

/** A document's ingestion ends with this failure (recorded on the document; the job itself succeeds). */
class DocumentFailed extends Error {
  constructor(
    readonly reason: DocumentFailure,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentFailed';
  }
}

type Result = { document_id: string; status: string; chunks?: number; embedded?: number; removed?: number };

/** Registers `knowledge.ingest` on the `knowledge` queue: one job per document add. */
export function registerIngestJob(jobs: JobQueue, k: KnowledgeContext): void {
  jobs.register<IngestInput, Result>({
    queue: KNOWLEDGE_QUEUE,
    name: INGEST_JOB,
    maxAttempts: INGEST_ATTEMPTS,
    backoffMs: 2_000,
    concurrency: 2,
    timeoutMs: 3_600_000,
    input: ingestInput,
    handler: (ctx) => ingest(k, ctx),
  });
}

/**
 * One document's ingestion: bytes (the upload, or the URL fetched) → same hash as last time: done →
 * extract → chunk → embed the chunks not stored yet, in batches (vectors, keyword postings, then the
 * chunk rows: a crash between them redoes that batch, nothing doubles) → drop chunks the new text no
 * longer has → ready. Failures of the document (unreadable file, refused URL, no text, an embedding
 * error that retrying cannot fix) mark it failed and end the job; transient embedding errors throw so
 * the job retries, and fail the document after its last attempt.
 */
async function ingest(k: KnowledgeContext, ctx: JobContext<IngestInput>): Promise<Result> {
  const documentId = ctx.input.document_id;
  const doc = await k.repo.documentById(documentId);
  // Deleted meanwhile (an earlier run, cut off, may have written to the stores: they go), or re-added
  // since (a newer job owns it): nothing to do.
  if (!doc) {
    if (ctx.input.kb_id) await abandon(k, ctx.input.kb_id, documentId, (await ownership(k, ctx.input.kb_id, documentId, ctx.id)).state);
    return { document_id: documentId, status: 'deleted' };
  }
  if (doc.job_id !== ctx.id) return { document_id: documentId, status: 'superseded' };
  const base = await k.repo.baseById(doc.kb_id);
  if (!base) {
    await abandon(k, doc.kb_id, documentId, 'base-gone');
    return { document_id: documentId, status: 'deleted' };
  }
  try {
    await k.repo.updateDocument(doc.id, { status: 'processing', updated_at: Date.now() }, ctx.id);
    return await run(k, ctx, base, doc);
  } catch (err) {
    // The base or the document deleted under the job (a write failed, or the job was cancelled for it):
    // what it wrote goes, and there is nothing to retry.
    const owner = (await ownership(k, base.id, doc.id, ctx.id).catch(() => undefined))?.state ?? 'ok';
    if (owner !== 'ok') {
      await abandon(k, base.id, doc.id, owner).catch(() => undefined);
      if (ctx.signal.aborted) throw err;
      return { document_id: documentId, status: owner === 'superseded' ? 'superseded' : 'deleted' };
    }
    if (ctx.signal.aborted) throw err; // cancelled, shut down or timed out: the queue decides
    const last = ctx.attempt >= INGEST_ATTEMPTS;
    let failure: DocumentFailed;
    if (err instanceof DocumentFailed) failure = err;
    else if (err instanceof GatewayError && !isTransient(err)) {
      // The model refused for good (unknown model, a policy, bad input): retrying cannot help.
      failure = new DocumentFailed('embedding-failed', `Embedding failed: ${err.message}`);
    } else {
      // A passing model failure (rate limit, timeout, 5xx), or an unexpected one (the database): retry
      // while attempts are left.
      if (!last) throw err;
      const model = err instanceof GatewayError;
      failure = new DocumentFailed(
        model ? 'embedding-failed' : 'internal',
        `${model ? 'Embedding' : 'Ingestion'} failed after ${ctx.attempt} attempts: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    await fail(k, base, doc, ctx.id, failure);
    return { document_id: documentId, status: 'failed' };
  }
}

async function run(k: KnowledgeContext, ctx: JobContext<IngestInput>, initial: KbBaseRow, doc: KbDocumentRow): Promise<Result> {
  let base = initial;
  ctx.progress(0, doc.source === 'url' ? 'fetching' : 'reading');
  const { bytes, contentType } = await loadBytes(k, doc);
  const hash = createHash('sha256').update(bytes).digest('hex');
  if (hash === doc.content_hash) {
    // The same bytes were ingested already: the chunks are there.
    await finish(k, base, doc, ctx.id, { content_hash: hash });
    return { document_id: doc.id, status: 'ready', chunks: doc.chunk_count, embedded: 0, removed: 0 };
  }
  ctx.progress(0, 'extracting');
  const maxMb = doc.source === 'url' ? k.config.fetch_max_mb : k.config.max_file_mb;
  let extracted;
  try {
    extracted = await extractDocument(
      { bytes, filename: doc.source === 'file' ? doc.name : urlFileName(doc.name), contentType: contentType ?? undefined },
      { maxBytes: Math.floor(maxMb * 1024 * 1024) },
    );
  } catch (err) {
    if (err instanceof ExtractError) throw new DocumentFailed(err.reason, err.message);
    throw err;
  }
  const settings = parseSettings(base.settings);
  const chunks = chunkDocument(extracted.blocks, settings.chunking).chunks.filter((c) => c.text.trim().length > 0);
  if (chunks.length === 0) throw new DocumentFailed('empty', 'The document holds no text to index.');

  const occurrences = new Map<string, number>();
  const ids = chunks.map((c) => {
    const n = occurrences.get(c.text) ?? 0;
    occurrences.set(c.text, n + 1);
    return chunkId(doc.id, c.text, n);
  });
  const stored = await k.repo.chunkIndexes(doc.id);
  const todo: number[] = [];
  ids.forEach((id, i) => {
    if (!stored.has(id)) todo.push(i);
  });
  const total = chunks.length;
  let done = total - todo.length;
  const say = () => `embedded ${done}/${total} chunks`;
  ctx.progress(done / total, say());
  let round = 0;
  for (let at = 0; at < todo.length; at += KB_LIMITS.embedBatch) {
    ctx.signal.throwIfAborted();
    const batch = todo.slice(at, at + KB_LIMITS.embedBatch);
    const texts = batch.map((i) => chunks[i]!.text);
    const vectors = await k.embedder.embed(base.embedding_model, texts, {
      workspaceId: base.workspace_id,
      requestId: `kb-${doc.id}-${ctx.attempt}-${++round}`,
      signal: ctx.signal,
    });
    if (vectors.length !== texts.length || vectors.some((v) => !Array.isArray(v) || v.length === 0))
      throw new DocumentFailed('embedding-failed', `The embedding model returned ${vectors.length} vectors for ${texts.length} texts.`);
    ctx.signal.throwIfAborted();
    // Before writing: the base and the document still there and still this job's (the embedding may
    // have taken long). The base read here also gives this batch the dictionary it has now.
    const owner = await ownership(k, base.id, doc.id, ctx.id);
    if (owner.state !== 'ok') return abandoned(k, base.id, doc.id, owner.state);
    base = owner.base!;
    try {
      await k.ensureVectors(base.id, vectors[0]!.length);
    } catch (err) {
      if (err instanceof DimensionMismatch) throw new DocumentFailed('embedding-failed', `Embedding failed: ${err.message}.`);
      throw err;
    }
    await k.vectors.upsert(
      base.id,
      batch.map((i, j) => ({ id: ids[i]!, vector: vectors[j]!, documentId: doc.id })),
    );
    const postings = batch.map((i) => ({ id: ids[i]!, documentId: doc.id, text: chunks[i]!.text }));
    await writePostings(k, base, postings);
    // The row last: a chunk row means its vector and postings are stored.
    await k.repo.insertChunks(batch.map((i) => chunkRow(base.id, doc.id, ids[i]!, i, chunks[i]!)));
    // The dictionary changed since it was read: the postings follow (a reindex may not see these rows).
    const settled = await settleKeywords(k, base, postings);
    if (!settled) return abandoned(k, base.id, doc.id, 'base-gone');
    base = settled;
    done += batch.length;
    ctx.progress(done / total, say());
  }
  // After the last write: a base or document deleted meanwhile takes what this job wrote with it.
  const last = (await ownership(k, base.id, doc.id, ctx.id)).state;
  if (last === 'base-gone' || last === 'document-gone') return abandoned(k, base.id, doc.id, last);

  // Chunks the new text no longer has go from all three stores; kept ones may have moved.
  const keep = new Set(ids);
  const stale = [...stored.keys()].filter((id) => !keep.has(id));
  await removeChunks(k, base, stale);
  const moves = ids.flatMap((id, i) => (stored.has(id) && stored.get(id) !== i ? [{ id, idx: i }] : []));
  await k.repo.setChunkIndexes(moves);
  await finish(k, base, doc, ctx.id, {
    content_hash: hash,
    format: extracted.format,
    title: extracted.title?.slice(0, 1000) ?? null,
    bytes: bytes.length,
    chunk_count: total,
  });
  ctx.progress(1, say());
  return { document_id: doc.id, status: 'ready', chunks: total, embedded: todo.length, removed: stale.length };
}

async function loadBytes(k: KnowledgeContext, doc: KbDocumentRow): Promise<{ bytes: Uint8Array; contentType: string | null }> {
  if (doc.source === 'file') {
    const upload = await k.repo.upload(doc.id);
    if (!upload) throw new DocumentFailed('internal', 'The uploaded file is no longer stored; add it again.');
    return {
      bytes: new Uint8Array(upload.bytes.buffer, upload.bytes.byteOffset, upload.bytes.byteLength),
      contentType: upload.content_type,
    };
  }
  try {
    const fetched = await fetchDocument(doc.name, {
      allowPrivate: k.config.fetch_allow_private,
      maxBytes: Math.floor(k.config.fetch_max_mb * 1024 * 1024),
      timeoutMs: Math.round(k.config.fetch_timeout_s * 1000),
    });
    return { bytes: fetched.bytes, contentType: fetched.contentType ?? null };
  } catch (err) {
    if (err instanceof FetchRefused) throw new DocumentFailed(err.reason, err.message);
    throw err;
  }
}

/** The last path segment of a URL, for the extractor's format guess (`…/guide.md` → guide.md). */
function urlFileName(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').pop();
    return last ? decodeURIComponent(last).slice(0, 256) : undefined;
  } catch {
    return undefined;
  }
}

function chunkRow(kbId: string, documentId: string, id: string, idx: number, c: Chunk): KbChunkRow {
  return {
    id,
    kb_id: kbId,
    document_id: documentId,
    idx,
    text: c.text,
    title_path: JSON.stringify(c.titlePath),
    tokens: c.tokens,
    kind: c.kind,
  };
}

/**
 * Deletes chunks from the vectors, the keyword index and the table, a thousand at a time. The stores
 * first (a crash before the rows leaves rows that a rerun deletes again), the postings once more after
 * the rows: a reindex that read the rows before may have written them back meanwhile.
 */
export async function removeChunks(k: KnowledgeContext, base: Pick<KbBaseRow, 'id' | 'dimensions'>, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    const part = ids.slice(i, i + 1000);
    if (await k.vectors.getCollection(base.id)) await k.vectors.delete(base.id, part);
    await k.keywords.delete(base.id, part);
    await k.repo.deleteChunks(part);
    await k.keywords.delete(base.id, part);
  }
}

/** Whether a job may still write for a document: `ok`, or why not. */
type Ownership = 'ok' | 'base-gone' | 'document-gone' | 'superseded';

/** Reads the base and the document: whether the job may write, and the base as it is now. */
async function ownership(
  k: KnowledgeContext,
  kbId: string,
  documentId: string,
  jobId: string,
): Promise<{ state: Ownership; base?: KbBaseRow }> {
  const base = await k.repo.baseById(kbId);
  if (!base) return { state: 'base-gone' };
  const doc = await k.repo.documentById(documentId);
  if (!doc) return { state: 'document-gone', base };
  return { state: doc.job_id === jobId ? 'ok' : 'superseded', base };
}

/**
 * A job that stops because its base or document was deleted under it drops what it wrote: the base's
 * collections (deleting the base dropped them, a write after that made them again), or the document's
 * vectors and postings. A superseded job leaves them to the newer one.
 */
async function abandon(k: KnowledgeContext, kbId: string, documentId: string, why: Ownership): Promise<void> {
  if (why === 'base-gone') {
    await k.vectors.dropCollection(kbId);
    await k.keywords.dropCollection(kbId);
    k.forget(kbId);
  } else if (why === 'document-gone') {
    if (await k.vectors.getCollection(kbId)) await k.vectors.deleteByDocument(kbId, documentId);
    await k.keywords.deleteByDocument(kbId, documentId);
  }
}

async function abandoned(k: KnowledgeContext, kbId: string, documentId: string, why: Ownership): Promise<Result> {
  await abandon(k, kbId, documentId, why);
  return { document_id: documentId, status: why === 'superseded' ? 'superseded' : 'deleted' };
}

async function finish(
  k: KnowledgeContext,
  base: KbBaseRow,
  doc: KbDocumentRow,
  jobId: string,
  patch: Partial<Pick<KbDocumentRow, 'content_hash' | 'format' | 'title' | 'bytes' | 'chunk_count'>>,
): Promise<void> {
  const now = Date.now();
  const updated = await k.repo.updateDocument(
    doc.id,
    { ...patch, status: 'ready', error_reason: null, error_message: null, updated_at: now },
    jobId,
  );
  if (!updated) return; // re-added meanwhile: the newer job finishes it
  await k.repo.deleteUpload(doc.id);
  await k.repo.refreshCounts(base.id, now);
}

/** The document failed: its chunks leave the search (all three stores), the reason and message stay on it. */
async function fail(k: KnowledgeContext, base: KbBaseRow, doc: KbDocumentRow, jobId: string, f: DocumentFailed): Promise<void> {
  const current = await k.repo.documentById(doc.id);
  if (current?.job_id !== jobId) return;
  const stored = await k.repo.chunkIndexes(doc.id);
  await removeChunks(k, base, [...stored.keys()]);
  const now = Date.now();
  const updated = await k.repo.updateDocument(
    doc.id,
    {
      status: 'failed',
      error_reason: f.reason,
      error_message: f.message.slice(0, 2000),
      chunk_count: 0,
      content_hash: null,
      updated_at: now,
    },
    jobId,
  );
  if (!updated) return;
  await k.repo.deleteUpload(doc.id);
  await k.repo.refreshCounts(base.id, now);
}
