import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createKb, search, settled, startKbScene, upload } from '../helpers/kb-api.js';
import { waitFor } from '../helpers/wait-for.js';

// A change of a knowledge base's user dictionary (or stopwords) re-segments the chunks already indexed:
// PATCH /api/kb/:kb enqueues a `knowledge.reindex` job that rewrites the keyword postings from the
// chunks' text, without one embedding call. The corpus is the one where the dictionary matters (see
// test/knowledge/keyword-recall.test.ts): without 大模型备案 in the dictionary the query splits into
// 大/模型/备案, and a checklist full of 大模型, 模型 and 备案 outranks the one document about the term.

const TERM = '大模型备案';
const FILING = { name: 'filing.txt', data: '生成式人工智能服务上线前需要完成大模型备案。', type: 'text/plain' };
const OTHERS = [
  { name: 'checklist.txt', data: '模型备案清单：大模型说明、备案表、模型评估报告、备案承诺书、模型安全自评估。', type: 'text/plain' },
  { name: 'sjtu.txt', data: '上海交通大学位于上海市闵行区，是一所著名高校。', type: 'text/plain' },
  { name: 'bank.txt', data: '交通银行推出了新的信用卡业务。', type: 'text/plain' },
  { name: 'qwen.txt', data: '阿里云的通义千问支持多轮对话和长文本。', type: 'text/plain' },
];

describe('reindexing the keyword postings after a dictionary change', () => {
  let scene: Awaited<ReturnType<typeof startKbScene>>;

  beforeAll(async () => {
    scene = await startKbScene();
  }, 30_000);
  afterAll(async () => {
    await scene?.close();
  });

  const firstFor = async (kb: string) => (await search(scene.baimo, kb, { query: TERM, mode: 'keyword', top_k: 5 })).data[0]?.document_name;

  /** Waits for a job to end and returns its view. */
  const finished = (id: string) =>
    waitFor(
      async () => {
        const r = await call(scene.baimo, 'GET', `/api/jobs/${id}`);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        return ['succeeded', 'failed', 'cancelled'].includes(r.body.status) ? r.body : undefined;
      },
      { timeoutMs: 20_000, everyMs: 50, what: `job ${id} to end` },
    );

  it('re-segments what was ingested before user_words changed: the term then finds its document first, and nothing is embedded', async () => {
    const created = await createKb(scene.baimo, { name: 'filings' });
    expect(created.reindex_job_id).toBeNull();
    expect((await upload(scene.baimo, 'filings', { files: [FILING, ...OTHERS] })).status).toBe(202);
    const docs = await settled(scene.baimo, 'filings');
    for (const d of docs.values()) expect(d.status, d.name).toBe('ready');
    expect(await firstFor('filings')).toBe('checklist.txt');

    const embedCalls = scene.fake.requests.length;
    const patched = await call(scene.baimo, 'PATCH', '/api/kb/filings', { user_words: [TERM] });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.user_words).toEqual([TERM]);
    expect(patched.body.reindex_job_id).toBe(`job_reindex_${created.id}_1`);

    const job = await finished(patched.body.reindex_job_id);
    const chunks = (await call(scene.baimo, 'GET', '/api/kb/filings')).body.chunk_count as number;
    expect(chunks).toBeGreaterThanOrEqual(docs.size);
    expect(job).toMatchObject({
      name: 'knowledge.reindex',
      queue: 'knowledge',
      status: 'succeeded',
      workspace_id: created.workspace_id,
      progress: 1,
      progress_message: `reindexed ${chunks}/${chunks} chunks`,
      input: { kb_id: created.id },
      result: { kb_id: created.id, status: 'done', chunks },
    });
    // The base no longer names a pending reindex; the job made no embedding call.
    expect((await call(scene.baimo, 'GET', '/api/kb/filings')).body.reindex_job_id).toBeNull();
    expect(scene.fake.requests.length).toBe(embedCalls);
    expect(await firstFor('filings')).toBe('filing.txt');

    // Removing the word again: the old segmentation comes back, with the next job.
    const removed = await call(scene.baimo, 'PATCH', '/api/kb/filings', { user_words: [] });
    expect(removed.body.reindex_job_id).toBe(`job_reindex_${created.id}_2`);
    expect((await finished(removed.body.reindex_job_id)).status).toBe('succeeded');
    expect(await firstFor('filings')).toBe('checklist.txt');
    expect(scene.fake.requests.length).toBe(embedCalls);
  });

  it('starts no reindex for a change that keeps the dictionary, and one per change of the stopwords', async () => {
    const created = await createKb(scene.baimo, { name: 'quiet', user_words: [TERM] });
    expect((await upload(scene.baimo, 'quiet', { files: OTHERS.slice(0, 2) })).status).toBe(202);
    await settled(scene.baimo, 'quiet');
    for (const patch of [{ description: 'filings' }, { user_words: [TERM] }, { retrieval: { top_k: 3 } }]) {
      const r = await call(scene.baimo, 'PATCH', '/api/kb/quiet', patch);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.reindex_job_id, JSON.stringify(patch)).toBeNull();
    }
    const jobs = await call(scene.baimo, 'GET', '/api/jobs?name=knowledge.reindex&limit=100');
    expect(jobs.status, JSON.stringify(jobs.body)).toBe(200);
    expect(jobs.body.data.filter((j: any) => j.input?.kb_id === created.id)).toEqual([]);

    const r = await call(scene.baimo, 'PATCH', '/api/kb/quiet', { stopwords: ['模型'] });
    expect(r.body).toMatchObject({ stopwords: ['模型'], reindex_job_id: `job_reindex_${created.id}_1` });
    expect((await finished(r.body.reindex_job_id)).status).toBe('succeeded');
    // 模型 is a stopword now: the checklist no longer matches it alone.
    const hits = (await search(scene.baimo, 'quiet', { query: '模型', mode: 'keyword', top_k: 5 })).data;
    expect(hits).toEqual([]);
  });

  it('segments a document ingested while the dictionary changes with the new dictionary', async () => {
    await createKb(scene.baimo, { name: 'during' });
    expect((await upload(scene.baimo, 'during', { files: OTHERS })).status).toBe(202);
    await settled(scene.baimo, 'during');
    // The filing's embedding call hangs while the dictionary changes and the reindex runs and ends.
    scene.fake.delayMs = 2_500;
    try {
      const before = scene.fake.requests.length;
      const added = await upload(scene.baimo, 'during', { files: [FILING] });
      expect(added.status).toBe(202);
      const docId = added.body.data[0].id as string;
      await waitFor(() => scene.fake.requests.length > before, { timeoutMs: 10_000, what: "the filing's embedding call" });
      const patched = await call(scene.baimo, 'PATCH', '/api/kb/during', { user_words: [TERM] });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect((await finished(patched.body.reindex_job_id)).status).toBe('succeeded');
      // The reindex is over before the filing's chunks exist: the ingestion has to use the new dictionary itself.
      expect((await call(scene.baimo, 'GET', `/api/kb/during/documents/${docId}`)).body.status).toBe('processing');
      const docs = await settled(scene.baimo, 'during');
      expect(docs.get(FILING.name)?.status).toBe('ready');
    } finally {
      scene.fake.delayMs = 0;
    }
    expect(await firstFor('during')).toBe('filing.txt');
  });
});
