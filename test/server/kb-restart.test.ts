import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KB_LIMITS } from '../../src/knowledge/knowledge-types.js';
import { createKeywordIndex } from '../../src/store/keyword-index.js';
import { createVectorStore } from '../../src/store/vector-store.js';
import { startEmbeddingFake, type EmbeddingFake } from '../fakes/embedding-fake.js';
import { withDatabase, countRows } from '../helpers/db-query.js';
import { allChunks, call, createKb, kbConfig, search, settled, upload } from '../helpers/kb-api.js';
import { waitFor } from '../helpers/wait-for.js';
import { spawnBaimo, type SpawnedBaimo } from '../security/load/spawn-baimo.js';

// Issue 17, acceptance: `kill -9` of the server in the middle of an ingestion job, then a restart on
// the same database: the job's lease runs out, a worker of the new process takes the job again, it
// resumes (the chunks stored before the kill are not embedded again) and finishes, and there is not
// one duplicate chunk — in the API, in kb_chunks, in the vector store or in the keyword index.

/** A document of many small paragraphs: some 300 chunks of at most 50 tokens, so several embedding batches. */
function longDocument(): string {
  const parts: string[] = ['# Inspection log', ''];
  for (let i = 0; i < 600; i++) {
    parts.push(
      `Unit ${i} was inspected on day ${i % 28} of month ${(i % 12) + 1}: pressure ${100 + (i % 37)} kPa, temperature ${20 + (i % 13)} degrees, inspector number ${i * 7}.`,
      '',
    );
  }
  return parts.join('\n');
}

/** The slow embedding upstream: one call per batch of 64 texts takes this long. */
const EMBED_DELAY_MS = 300;

describe('kill -9 during ingestion, then restart', () => {
  let fake: EmbeddingFake;
  let first: SpawnedBaimo | undefined;
  let second: SpawnedBaimo | undefined;

  beforeAll(async () => {
    fake = await startEmbeddingFake({ delayMs: EMBED_DELAY_MS });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await fake?.close();
  });

  it(
    'the job finishes after the restart, resumes rather than starts over, and leaves no duplicate chunk',
    { timeout: 120_000 },
    async () => {
      // A short lease: the killed worker's claim on the job runs out within seconds.
      const config = kbConfig(fake.url, { jobs: { lease_s: 2, poll_ms: 50 } });
      first = await spawnBaimo(config);
      await createKb(first.url, { name: 'crash', chunking: { chunk_tokens: 50, overlap_tokens: 0 } });
      const added = await upload(first.url, 'crash', { files: [{ name: 'inspections.md', data: longDocument(), type: 'text/markdown' }] });
      expect(added.status, JSON.stringify(added.body)).toBe(202);
      const docId = added.body.data[0].id as string;

      // Kill it while its fourth embedding call is in flight: three batches are stored by then.
      await waitFor(() => fake.requests.length >= 4, { timeoutMs: 30_000, what: 'the fourth embedding call' });
      const during = await call(first.url, 'GET', `/api/kb/crash/documents/${docId}`);
      expect(during.body.status).toBe('processing');
      expect(during.body.progress).toBeGreaterThan(0);
      expect(during.body.progress).toBeLessThan(1);
      first.child.kill('SIGKILL');
      await new Promise<void>((r) =>
        first!.child.exitCode !== null || first!.child.signalCode !== null ? r() : first!.child.once('exit', () => r()),
      );
      const embeddedBefore = fake.texts().length;

      second = await spawnBaimo({ ...config, database: first.database });
      const docs = await settled(second.url, 'crash', 60_000);
      const doc = docs.get('inspections.md');
      expect(doc, JSON.stringify(doc)).toMatchObject({ id: docId, status: 'ready', error: null });
      expect(doc.chunk_count).toBeGreaterThan(4 * KB_LIMITS.embedBatch);

      // The API: chunk_count chunks, each id and each index once.
      const { data, total } = await allChunks(second.url, 'crash', docId);
      expect(total).toBe(doc.chunk_count);
      expect(data).toHaveLength(doc.chunk_count);
      expect(new Set(data.map((c) => c.id)).size).toBe(doc.chunk_count);
      expect(data.map((c) => c.index)).toEqual(data.map((_, i) => i));
      const base = (await call(second.url, 'GET', '/api/kb/crash')).body;
      expect(base).toMatchObject({ document_count: 1, chunk_count: doc.chunk_count });

      // Resumed, not started over: what was stored before the kill was not embedded again. At most the
      // batch in flight at the kill (and one more, were the kill slow) is embedded twice.
      const embedded = fake.texts();
      expect(embeddedBefore).toBeGreaterThanOrEqual(3 * KB_LIMITS.embedBatch);
      expect(embedded.length - doc.chunk_count).toBeLessThanOrEqual(2 * KB_LIMITS.embedBatch);
      expect(new Set(embedded).size).toBe(doc.chunk_count);

      // Search: unique chunk ids, in every mode.
      for (const mode of ['hybrid', 'keyword', 'vector']) {
        const r = await search(second.url, 'crash', { query: 'Unit 42 inspected pressure', mode, top_k: KB_LIMITS.k });
        expect(r.data.length, mode).toBeGreaterThan(0);
        expect(new Set(r.data.map((h: any) => h.chunk_id)).size, mode).toBe(r.data.length);
      }

      await second.close();
      const kbId = base.id as string;
      await withDatabase(first.database, async (db) => {
        expect(await countRows(db, `select count(*) as n from kb_chunks where document_id = '${docId}'`)).toBe(doc.chunk_count);
        expect(await countRows(db, `select count(distinct idx) as n from kb_chunks where document_id = '${docId}'`)).toBe(doc.chunk_count);
        expect(await createVectorStore(db).count(kbId)).toBe(doc.chunk_count);
        expect(await createKeywordIndex(db).count(kbId)).toBe(doc.chunk_count);
        expect(await countRows(db, `select count(*) as n from kb_uploads`)).toBe(0);
      });
    },
  );
});
