import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { GatewayError } from '../../src/core/errors.js';
import type { KnowledgeServiceImpl } from '../../src/knowledge/knowledge-service.js';
import type { KnowledgeDocument } from '../../src/knowledge/knowledge-types.js';
import { providerCredentialProblems } from '../../src/providers/registry.js';
import { createRuntime, type Runtime } from '../../src/runtime/create-runtime.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/store/tenancy-repository.js';
import { startEmbeddingFake, type EmbeddingFake } from '../fakes/embedding-fake.js';
import { writeTestConfig } from '../helpers/start-baimo.js';
import { POSTGRES_ENV } from '../helpers/test-database.js';

// The knowledge service through a real runtime: the gateway embeds through a fake OpenAI-compatible
// upstream (hashed character bigrams, 64 dimensions), ingestion runs as `knowledge.ingest` jobs on the
// embedded queue, search goes through the real keyword index and vector store.

const WS = DEFAULT_WORKSPACE_ID;
const enc = (s: string) => new TextEncoder().encode(s);

const HANDBOOK = `# 员工手册

## 退款政策

客户在购买后七天内可以申请全额退款。退款会在三个工作日内原路退回。

## 报销流程

员工出差后提交报销单，财务部门审核发票后付款。

| 项目 | 上限 |
| --- | --- |
| 住宿 | 每晚 500 元 |
| 餐饮 | 每天 150 元 |
`;

const NOTES = `The quarterly security review checks firewall rules and rotates the API keys of every service.

Deployment happens every Tuesday after the change advisory board approves the release notes.`;

let fake: EmbeddingFake;
let rt: Runtime;
let kb: KnowledgeServiceImpl;
let drop: () => Promise<void>;

async function waitReady(name: string, ids: string[], timeoutMs = 20_000): Promise<KnowledgeDocument[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const docs = await Promise.all(ids.map((id) => kb.document(WS, name, id)));
    if (docs.every((d) => d && (d.status === 'ready' || d.status === 'failed'))) return docs as KnowledgeDocument[];
    if (Date.now() > until) throw new Error(`documents not done: ${JSON.stringify(docs.map((d) => d?.status))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function rejection(p: Promise<unknown>): Promise<GatewayError> {
  try {
    await p;
  } catch (err) {
    return err as GatewayError;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  fake = await startEmbeddingFake();
  const written = writeTestConfig(
    {
      providers: { emb: { type: 'openai-compatible', base_url: fake.url, api_key: 'sk-fake', models: ['fake-embed'] } },
      models: [{ name: 'embed', targets: [{ provider: 'emb', model: 'fake-embed' }] }],
      router: { retries: 0 },
      jobs: { poll_ms: 50 },
    },
    'baimo-kb-service-',
  );
  drop = written.dropDatabase;
  const env = { ...POSTGRES_ENV };
  const { config } = loadConfig({ configPath: written.configPath, env, cwd: written.dir, checkProvider: providerCredentialProblems });
  rt = await createRuntime(config, { env, metrics: false });
  kb = rt.knowledge as KnowledgeServiceImpl;
});

afterAll(async () => {
  await rt?.close();
  await fake?.close();
  await drop?.();
});

describe('knowledge service (runtime, fake embedding upstream)', () => {
  it('creates bases, refuses a duplicate name, an unknown model and bad settings', async () => {
    const base = await kb.create(WS, {
      name: 'handbook',
      embedding_model: 'embed',
      chunking: { chunk_tokens: 60 },
      user_words: ['报销单'],
    });
    expect(base).toMatchObject({ name: 'handbook', embeddingModel: 'embed', dimensions: null, documentCount: 0, userWords: ['报销单'] });
    expect(base.id).toMatch(/^kb_[a-z0-9]{20}$/);
    expect(base.retrieval).toMatchObject({ mode: 'hybrid', top_k: 5, rrf_k: 60 });
    expect((await rejection(kb.create(WS, { name: 'handbook', embedding_model: 'embed' }))).code).toBe('knowledge_base_exists');
    const unknown = await rejection(kb.create(WS, { name: 'other', embedding_model: 'nope/none' }));
    expect([unknown.status, unknown.param]).toEqual([400, 'embedding_model']);
    const bad = await rejection(kb.create(WS, { name: 'bad', embedding_model: 'embed', chunking: { chunk_tokens: 10 } }));
    expect([bad.status, bad.param]).toEqual([400, 'chunking.chunk_tokens']);
    expect((await kb.list(WS)).map((b) => b.name)).toEqual(['handbook']);
    expect((await kb.get(WS, base.id))?.name).toBe('handbook');
    expect(await kb.get('ws_elsewhere', 'handbook')).toBeUndefined();
  });

  it('ingests a Markdown and a text file as jobs, then finds them by keyword, vector and hybrid search', async () => {
    const added = await kb.addDocuments(WS, 'handbook', [
      { kind: 'file', name: 'handbook.md', bytes: enc(HANDBOOK), metadata: { dept: 'hr' } },
      { kind: 'file', name: 'notes.txt', bytes: enc(NOTES), contentType: 'text/plain', metadata: { dept: 'it' } },
    ]);
    expect(added.map((a) => [a.queued, a.document.status])).toEqual([
      [true, 'queued'],
      [true, 'queued'],
    ]);
    const [md, txt] = await waitReady(
      'handbook',
      added.map((a) => a.document.id),
    );
    expect(md).toMatchObject({ status: 'ready', format: 'md', title: '员工手册', errorReason: null, metadata: { dept: 'hr' } });
    expect(txt).toMatchObject({ status: 'ready', format: 'txt' });
    expect(md!.chunkCount).toBeGreaterThan(1);
    expect((await rt.jobs.get(md!.jobId!))?.status).toBe('succeeded');
    const base = (await kb.get(WS, 'handbook'))!;
    expect(base).toMatchObject({ dimensions: 64, documentCount: 2, chunkCount: md!.chunkCount + txt!.chunkCount });

    const chunks = await kb.chunks(WS, 'handbook', md!.id, { limit: 100 });
    expect(chunks.total).toBe(md!.chunkCount);
    expect(chunks.items.map((c) => c.index)).toEqual([...chunks.items.keys()]);
    const table = chunks.items.find((c) => c.kind === 'table');
    expect(table?.titlePath).toEqual(['员工手册', '报销流程']);
    expect(table?.text).toContain('每晚 500 元');

    for (const mode of ['keyword', 'vector', 'hybrid'] as const) {
      const r = await kb.search(WS, 'handbook', '退款政策 全额退款', { mode });
      expect(r.mode).toBe(mode);
      expect(r.hits[0]?.document.name, mode).toBe('handbook.md');
      expect(r.hits[0]?.chunk.text, mode).toContain('全额退款');
      expect(r.timings.total).toBeGreaterThan(0);
      if (mode !== 'vector') expect(r.hits[0]!.ranks.keyword).toBe(1);
      if (mode !== 'keyword') expect(r.hits[0]!.scores.vector).toBeGreaterThan(0);
    }
    const hybrid = await kb.search(WS, 'handbook', 'firewall rules security review', { topK: 3 });
    expect(hybrid.hits[0]).toMatchObject({ document: { name: 'notes.txt', metadata: { dept: 'it' } }, ranks: { fused: 1 } });
    expect(hybrid.hits[0]!.score).toBeLessThanOrEqual(1);
    expect(hybrid.timings.embed).toBeGreaterThanOrEqual(0);
    // Filters: metadata, document ids, and a threshold no hit reaches.
    const hrOnly = await kb.search(WS, 'handbook', 'firewall rules security review', { metadata: { dept: 'hr' } });
    expect(hrOnly.hits.every((h) => h.document.id === md!.id)).toBe(true);
    expect((await kb.search(WS, 'handbook', 'firewall', { documentIds: [md!.id], mode: 'keyword' })).hits).toEqual([]);
    expect((await kb.search(WS, 'handbook', '退款', { scoreThreshold: 1, mode: 'vector' })).hits).toEqual([]);
    const badK = await rejection(kb.search(WS, 'handbook', '退款', { topK: 0 }));
    expect([badK.status, badK.param]).toEqual([400, 'top_k']);
    expect((await rejection(kb.search(WS, 'nothing', '退款'))).code).toBe('knowledge_base_not_found');
  });

  it('re-adds the same bytes without a job, and a changed file embedding only its new chunks', async () => {
    const before = fake.texts().length;
    const [same] = await kb.addDocuments(WS, 'handbook', [{ kind: 'file', name: 'handbook.md', bytes: enc(HANDBOOK) }]);
    expect(same!.queued).toBe(false);
    expect(same!.document.status).toBe('ready');
    expect(fake.texts().length).toBe(before);

    const oldChunks = (await kb.chunks(WS, 'handbook', same!.document.id, { limit: 100 })).items;
    const changed = `${HANDBOOK}\n## 年假\n\n入职满一年的员工每年享有十天带薪年假，可以分两次休完。\n`;
    const [again] = await kb.addDocuments(WS, 'handbook', [{ kind: 'file', name: 'handbook.md', bytes: enc(changed) }]);
    expect(again).toMatchObject({ queued: true, document: { id: same!.document.id, status: 'queued' } });
    expect(again!.document.jobId).toMatch(/_2$/);
    const [doc] = await waitReady('handbook', [again!.document.id]);
    expect(doc!.status).toBe('ready');
    const embedded = fake.texts().slice(before);
    expect(embedded.length).toBeGreaterThan(0);
    expect(embedded.length).toBeLessThan(doc!.chunkCount);
    expect(embedded.join('\n')).toContain('带薪年假');
    const newChunks = (await kb.chunks(WS, 'handbook', doc!.id, { limit: 100 })).items;
    // Unchanged chunks kept their ids; nothing is left over from before.
    const kept = oldChunks.filter((c) => newChunks.some((n) => n.id === c.id));
    expect(kept.length).toBe(oldChunks.length - (oldChunks.length + embedded.length - newChunks.length));
    expect(new Set(newChunks.map((c) => c.id)).size).toBe(newChunks.length);
    expect(await kb.context.vectors.count((await kb.get(WS, 'handbook'))!.id)).toBe((await kb.get(WS, 'handbook'))!.chunkCount);
    const r = await kb.search(WS, 'handbook', '带薪年假', { mode: 'keyword' });
    expect(r.hits[0]?.chunk.text).toContain('带薪年假');
  });

  it('fails a corrupt PDF with its reason while the others ingest, and retries a passing embedding failure', async () => {
    fake.failNext.push(503);
    const added = await kb.addDocuments(WS, 'handbook', [
      { kind: 'file', name: 'broken.pdf', bytes: enc('%PDF-1.7\nthis is not really a pdf at all') },
      { kind: 'file', name: 'faq.txt', bytes: enc('如何重置密码？在登录页点击忘记密码，按邮件提示操作。') },
    ]);
    const [pdf, faq] = await waitReady(
      'handbook',
      added.map((a) => a.document.id),
    );
    expect(pdf).toMatchObject({ status: 'failed', errorReason: 'corrupt-pdf', chunkCount: 0 });
    expect(pdf!.errorMessage).toBeTruthy();
    expect(faq).toMatchObject({ status: 'ready' });
    expect((await rt.jobs.get(faq!.jobId!))?.attempts).toBe(2); // the 503 made the first attempt retry
    const page = await kb.documents(WS, 'handbook', { limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.next).toBeTruthy();
    const rest = await kb.documents(WS, 'handbook', { limit: 10, cursor: page.next });
    expect([...page.items, ...rest.items].map((d) => d.name).sort()).toEqual(['broken.pdf', 'faq.txt', 'handbook.md', 'notes.txt']);
    expect((await kb.documents(WS, 'handbook', { limit: 10, status: 'failed' })).items.map((d) => d.name)).toEqual(['broken.pdf']);
  });

  it('removes a document from search, then the base with its collections', async () => {
    const base = (await kb.get(WS, 'handbook'))!;
    const notes = (await kb.documents(WS, 'handbook', { limit: 10 })).items.find((d) => d.name === 'notes.txt')!;
    expect(await kb.removeDocument(WS, 'handbook', notes.id)).toBe(true);
    expect(await kb.removeDocument(WS, 'handbook', notes.id)).toBe(false);
    const r = await kb.search(WS, 'handbook', 'firewall rules security review');
    expect(r.hits.some((h) => h.document.id === notes.id)).toBe(false);
    const after = (await kb.get(WS, 'handbook'))!;
    expect(after.documentCount).toBe(base.documentCount - 1);
    expect(await kb.context.vectors.count(base.id)).toBe(after.chunkCount);
    expect(await kb.context.keywords.count(base.id)).toBe(after.chunkCount);

    const locked = await rejection(kb.update(WS, 'handbook', { embedding_model: 'emb/other-model' }));
    expect(locked.code).toBe('embedding_model_locked');
    await kb.update(WS, 'handbook', { retrieval: { mode: 'keyword' } });
    const updated = await kb.update(WS, 'handbook', { description: '手册', retrieval: { top_k: 2 } });
    // Only what a patch names changes: the rest keeps its value, not the schema's default.
    expect(updated).toMatchObject({
      description: '手册',
      userWords: ['报销单'],
      chunking: { chunk_tokens: 60 },
      retrieval: { top_k: 2, mode: 'keyword', rrf_k: 60 },
    });

    expect(await kb.remove(WS, 'handbook')).toBe(true);
    expect(await kb.remove(WS, 'handbook')).toBe(false);
    expect(await kb.get(WS, 'handbook')).toBeUndefined();
    expect(await kb.context.vectors.getCollection(base.id)).toBeUndefined();
    expect(await kb.context.keywords.count(base.id)).toBe(0);
    expect(await kb.context.repo.countChunks(base.id)).toBe(0);
  });
});
