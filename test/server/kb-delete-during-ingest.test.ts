import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { KnowledgeServiceImpl } from '../../src/knowledge/knowledge-service.js';
import { KB_LIMITS } from '../../src/knowledge/knowledge-types.js';
import { providerCredentialProblems } from '../../src/providers/registry.js';
import { createRuntime, type Runtime } from '../../src/runtime/create-runtime.js';
import { startEmbeddingFake, type EmbeddingFake } from '../fakes/embedding-fake.js';
import { countRows, tableNames, withDatabase } from '../helpers/db-query.js';
import { call, createKb, kbConfig, settled, upload } from '../helpers/kb-api.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { POSTGRES_ENV } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';

// A knowledge base (or one of its documents) deleted while its ingestion runs leaves nothing behind:
// no vector or keyword collection of the base, no vectors or postings of the document. The ingestion
// runs in a worker of another runtime on the same database (as `baimo worker` would), so the
// cancellation the deletion sends reaches it late, at its next lease renewal: its embedding call
// (slow upstream) returns after the deletion, and the job itself must notice before it writes.

/** Some 150 chunks of at most 50 tokens: three embedding batches. */
function longDocument(): string {
  const parts: string[] = [];
  for (let i = 0; i < 300; i++)
    parts.push(`Unit ${i} was inspected on day ${i % 28}: pressure ${100 + (i % 37)} kPa, inspector number ${i * 7}.`, '');
  return parts.join('\n');
}

const LONG = { name: 'inspections.txt', data: longDocument(), type: 'text/plain' };
const SHORT = { name: 'keep.txt', data: 'The turbine flange bolts are tightened to 45 newton metres.', type: 'text/plain' };
/** One embedding call (a batch of 64 chunks) takes this long once the documents to delete are added. */
const EMBED_DELAY_MS = 1_500;
const CHUNKING = { chunk_tokens: 50, overlap_tokens: 0 };

describe('deleting a knowledge base or a document while its ingestion runs elsewhere', () => {
  let fake: EmbeddingFake;
  let baimo: TestBaimo;
  let worker: Runtime;
  let database: string;

  const context = () => (worker.knowledge as KnowledgeServiceImpl).context;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    fake = await startEmbeddingFake();
    // The server answers the API without working jobs; the worker runtime works the `knowledge` queue.
    baimo = await startBaimo(kbConfig(fake.url), {}, { workers: false });
    const env = { ...POSTGRES_ENV };
    const { config } = loadConfig({ configPath: baimo.configPath, env, cwd: baimo.dir, checkProvider: providerCredentialProblems });
    database = config.database;
    worker = await createRuntime(config, { env, metrics: false, workers: ['knowledge'] });
  }, 30_000);
  afterAll(async () => {
    fake.delayMs = 0;
    await worker?.close();
    await baimo?.close();
    await fake?.close();
  });

  /** Adds the long document slowly and waits until its first batch is stored and the second is being embedded. */
  async function startSlowIngestion(kb: string): Promise<{ docId: string; jobId: string; calls: number }> {
    fake.delayMs = EMBED_DELAY_MS;
    const before = fake.requests.length;
    const added = await upload(baimo, kb, { files: [LONG] });
    expect(added.status, JSON.stringify(added.body)).toBe(202);
    await waitFor(() => fake.requests.length >= before + 2, { timeoutMs: 20_000, what: 'the second embedding call' });
    const doc = (await call(baimo, 'GET', `/api/kb/${kb}/documents/${added.body.data[0].id}`)).body;
    expect(doc).toMatchObject({ status: 'processing' });
    expect(doc.progress).toBeGreaterThan(0);
    return { docId: doc.id, jobId: doc.job_id, calls: before + 2 };
  }

  it('a deleted document: the batch embedded after the deletion is not written, nothing of it stays', { timeout: 60_000 }, async () => {
    const base = await createKb(baimo, { name: 'docs', chunking: CHUNKING });
    expect((await upload(baimo, 'docs', { files: [SHORT] })).status).toBe(202);
    const keep = (await settled(baimo, 'docs')).get(SHORT.name);
    expect(keep.status).toBe('ready');
    const keepChunks = keep.chunk_count as number;
    const k = context();

    const { docId, calls } = await startSlowIngestion('docs');
    expect(await k.vectors.count(base.id)).toBe(keepChunks + KB_LIMITS.embedBatch);
    const deleted = await call(baimo, 'DELETE', `/api/kb/docs/documents/${docId}`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);

    // The embedding call in flight returns after the deletion; the job stops instead of writing it.
    await sleep(EMBED_DELAY_MS + 1_500);
    expect(fake.requests.length).toBe(calls);
    expect(await k.vectors.count(base.id)).toBe(keepChunks);
    expect(await k.keywords.count(base.id)).toBe(keepChunks);
    await withDatabase(database, async (db) => {
      expect(await countRows(db, `select count(*) as n from kb_chunks where kb_id = '${base.id}'`)).toBe(keepChunks);
    });
  });

  it('a deleted base: neither the vector store nor the keyword index keeps a collection of it', { timeout: 60_000 }, async () => {
    const base = await createKb(baimo, { name: 'gone', chunking: CHUNKING });
    const k = context();
    const { jobId, calls } = await startSlowIngestion('gone');
    expect(await k.vectors.getCollection(base.id)).toBeDefined();
    expect(await k.keywords.count(base.id)).toBe(KB_LIMITS.embedBatch);
    const deleted = await call(baimo, 'DELETE', '/api/kb/gone');
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect((await call(baimo, 'GET', `/api/jobs/${jobId}`)).body.status).toBe('cancelled');

    await sleep(EMBED_DELAY_MS + 1_500);
    expect(fake.requests.length).toBe(calls);
    expect(await k.vectors.getCollection(base.id)).toBeUndefined();
    expect(await k.keywords.count(base.id)).toBe(0);
    await withDatabase(database, async (db) => {
      expect((await tableNames(db)).filter((t) => t.includes(base.id))).toEqual([]);
      for (const table of ['kb_documents', 'kb_chunks'])
        expect(await countRows(db, `select count(*) as n from ${table} where kb_id = '${base.id}'`), table).toBe(0);
    });
  });
});
