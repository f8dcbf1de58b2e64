import { z } from 'zod';
import type { JobContext, JobQueue } from '../jobs/job-types.js';
import { KNOWLEDGE_QUEUE } from './ingest-job.js';
import type { KnowledgeContext } from './knowledge-context.js';
import { settleKeywords, writePostings } from './keyword-settle.js';
import { parseSettings } from './knowledge-records.js';

export const REINDEX_JOB = 'knowledge.reindex';
export const REINDEX_ATTEMPTS = 3;
/** Chunks re-segmented and written per keyword upsert. */
export const REINDEX_BATCH = 500;
/** Documents listed per page while collecting the base's chunks. */
const DOCUMENTS_PER_PAGE = 200;

const reindexInput = z.object({ kb_id: z.string().regex(/^kb_[a-z0-9]{1,40}$/) }).strict();
export type ReindexInput = z.infer<typeof reindexInput>;

/** The job id of a base's `n`th reindex (`n` from 1): one per change of its dictionary. */
export const reindexJobId = (kbId: string, n: number): string => `job_reindex_${kbId}_${n}`;

type Result = { kb_id: string; status: 'done' | 'deleted' | 'superseded'; chunks: number; vanished: number };

/** Registers `knowledge.reindex` on the `knowledge` queue: one job per change of a base's user words or stopwords. */
export function registerReindexJob(jobs: JobQueue, k: KnowledgeContext): void {
  jobs.register<ReindexInput, Result>({
    queue: KNOWLEDGE_QUEUE,
    name: REINDEX_JOB,
    maxAttempts: REINDEX_ATTEMPTS,
    backoffMs: 2_000,
    concurrency: 1,
    timeoutMs: 3_600_000,
    input: reindexInput,
    handler: (ctx) => reindex(k, ctx),
  });
}

/** The job a base's settings name as its reindex (null when none is pending). */
const pendingJob = (settings: string): string | null => parseSettings(settings).reindex.job_id;

/**
 * Re-segments every chunk of a base with its dictionary as it is now: the text from `kb_chunks`, the
 * postings upserted by id in batches (keyword index only, no embedding), document by document. Before
 * each batch the base is read again: gone, the job drops the keyword collection it may have made again
 * and ends; another reindex named on it (a newer change), it ends and leaves the rest to that one.
 * After each batch the postings follow a dictionary changed meanwhile, and postings of chunks deleted
 * meanwhile go. A crash or retry simply starts over: upserts by id are idempotent. At the end the base
 * no longer names this job.
 */
async function reindex(k: KnowledgeContext, ctx: JobContext<ReindexInput>): Promise<Result> {
  const kbId = ctx.input.kb_id;
  let done = 0;
  let vanished = 0;
  const result = (status: Result['status']): Result => ({ kb_id: kbId, status, chunks: done, vanished });
  try {
    const base = await k.repo.baseById(kbId);
    if (!base) {
      await k.keywords.dropCollection(kbId);
      return result('deleted');
    }
    if (pendingJob(base.settings) !== ctx.id) return result('superseded');
    let total = await k.repo.countChunks(kbId);
    const say = () => `reindexed ${done}/${total} chunks`;
    ctx.progress(0, say());

    /** One batch: `ok`, or why the job ends. */
    const flush = async (ids: string[]): Promise<'ok' | 'deleted' | 'superseded'> => {
      ctx.signal.throwIfAborted();
      const current = await k.repo.baseById(kbId);
      if (!current) return 'deleted';
      if (pendingJob(current.settings) !== ctx.id) return 'superseded';
      const rows = await k.repo.chunksByIds(ids);
      if (rows.length > 0) {
        const items = rows.map((r) => ({ id: r.id, documentId: r.document_id, text: r.text }));
        await writePostings(k, current, items);
        if (!(await settleKeywords(k, current, items))) return 'deleted';
        // Chunks deleted since they were read (their document removed, or re-ingested without them)
        // must not keep the postings just written for them.
        const present = await k.repo.presentChunkIds(items.map((i) => i.id));
        const gone = items.filter((i) => !present.has(i.id)).map((i) => i.id);
        if (gone.length > 0) await k.keywords.delete(kbId, gone);
        vanished += gone.length;
      }
      done += ids.length;
      total = Math.max(total, done);
      ctx.progress(done / total, say());
      return 'ok';
    };

    const pending: string[] = [];
    for (let after = ''; ;) {
      ctx.signal.throwIfAborted();
      const documents = await k.repo.documentIdsAfter(kbId, after, DOCUMENTS_PER_PAGE);
      for (const documentId of documents) {
        pending.push(...(await k.repo.chunkIndexes(documentId)).keys());
        while (pending.length >= REINDEX_BATCH) {
          const outcome = await flush(pending.splice(0, REINDEX_BATCH));
          if (outcome !== 'ok') return await end(k, kbId, outcome, result);
        }
      }
      if (documents.length < DOCUMENTS_PER_PAGE) break;
      after = documents[documents.length - 1]!;
    }
    if (pending.length > 0) {
      const outcome = await flush(pending.splice(0));
      if (outcome !== 'ok') return await end(k, kbId, outcome, result);
    }
    await release(k, kbId, ctx.id);
    ctx.progress(1, say());
    return result('done');
  } catch (err) {
    // Deleted under the job (a write failed, or the job was cancelled for it): what it wrote goes.
    const gone = await k.repo.baseById(kbId).then(
      (b) => !b,
      () => false,
    );
    if (gone) await k.keywords.dropCollection(kbId).catch(() => undefined);
    if (gone && !ctx.signal.aborted) return result('deleted');
    throw err;
  }
}

/** Ends the job early: a deleted base loses the keyword collection this job may have made again. */
async function end(
  k: KnowledgeContext,
  kbId: string,
  outcome: 'deleted' | 'superseded',
  result: (status: Result['status']) => Result,
): Promise<Result> {
  if (outcome === 'deleted') await k.keywords.dropCollection(kbId);
  return result(outcome);
}

/** The base no longer names this job as its pending reindex (unless a newer one took its place). */
async function release(k: KnowledgeContext, kbId: string, jobId: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const base = await k.repo.baseById(kbId);
    if (!base) return;
    const s = parseSettings(base.settings);
    if (s.reindex.job_id !== jobId) return;
    const settings = JSON.stringify({ ...s, reindex: { round: s.reindex.round, job_id: null } });
    if (await k.repo.updateBase(kbId, { settings }, base.settings)) return;
  }
}
