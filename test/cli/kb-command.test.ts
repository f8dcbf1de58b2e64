import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddingFake, type EmbeddingFake } from '../fakes/embedding-fake.js';
import { kbConfig } from '../helpers/kb-api.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { writeTestConfig } from '../helpers/start-baimo.js';

const ENV = { BAIMO_MASTER_KEY: '7'.repeat(64) };

let fake: EmbeddingFake;
let dir: string;
let configPath: string;
let dropDatabase: () => Promise<void>;

/** `baimo kb …` through the built CLI against the test config. */
const kb = (args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> =>
  runCli(['kb', ...args, '--config', configPath], { env: { ...ENV, ...opts.env }, timeoutMs: opts.timeoutMs ?? 60_000 });

const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

beforeAll(async () => {
  fake = await startEmbeddingFake();
  ({ dir, configPath, dropDatabase } = writeTestConfig(kbConfig(fake.url), 'baimo-kb-cli-'));
});
afterAll(async () => {
  await fake?.close();
  await dropDatabase?.().catch(() => undefined);
});

// Each command starts a runtime (and jieba): a few seconds each on a small machine.
describe('baimo kb', { timeout: 120_000 }, () => {
  let shjtDocId: string;
  let shjtChunkId: string;

  it('create makes a base with the embedding model given, or the one obvious alias', async () => {
    const r = await kb(['create', 'docs', '--embedding', 'embed', '--description', '产品文档']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created knowledge base docs \(kb_[a-z0-9]+\) in workspace .+; embedding model embed\n$/);

    // No --embedding: the config's only embedding-looking alias is used, and said so.
    const guessed = await kb(['create', 'guessed', '--json']);
    expect(guessed.code).toBe(0);
    expect(guessed.stderr).toContain('embedding model: embed');
    expect(JSON.parse(guessed.stdout)).toMatchObject({
      object: 'knowledge_base',
      name: 'guessed',
      embedding_model: 'embed',
      description: '',
    });
  });

  it('create refuses a taken name, a bad name and an unknown model with clear messages', async () => {
    const again = await kb(['create', 'docs', '--embedding', 'embed']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/docs/);
    const bad = await kb(['create', 'bad name!', '--embedding', 'embed']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid value for <name>: "bad name!"');
    const unknown = await kb(['create', 'other', '--embedding', 'nope/none']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no model "nope/none" is configured');
    // In Chinese too.
    const zh = await kb(['create', 'other', '--embedding', 'nope/none'], { env: { BAIMO_LANG: 'zh-CN' } });
    expect(zh.stderr).toContain('未配置模型 "nope/none"');
  });

  it('add ingests files with progress; a corrupt PDF fails alone, with its reason, and exits 1', async () => {
    const files = [
      file('shjt.md', '# 上海交通大学\n\n上海交通大学位于上海，创建于一八九六年，是著名的高等学府。\n'),
      file('wenxin.txt', '文心一言是百度推出的知识增强大语言模型产品。\n'),
      file(
        'tongyi.html',
        '<html><head><title>通义千问</title></head><body><h1>通义千问</h1><p>通义千问是阿里云推出的超大规模语言模型。</p></body></html>',
      ),
      file('broken.pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref\n'),
    ];
    const r = await kb(['add', 'docs', ...files, '--metadata', '{"team":"research"}']);
    expect(r.code, r.stderr).toBe(1);
    // Plain progress lines on a pipe, ending with every document done.
    expect(r.stderr).toMatch(/ingesting \[[#-]{24}\] +\d+\.\d% /);
    expect(r.stderr).toMatch(/ingesting \[#{24}\] 100\.0% 4\/4 documents \(1 failed\)/);
    expect(r.stderr).toMatch(/failed: broken\.pdf: .+ \[corrupt-pdf\]/);
    expect(r.stderr).not.toMatch(/failed: (shjt|wenxin|tongyi)/);
    expect(r.stdout).toMatch(/^3 document\(s\) ready, 1 failed; \d+ chunk\(s\) in these documents\n$/);
    // The fake embedder was given the documents' text.
    const embedded = fake.texts().join('\n');
    for (const term of ['上海交通大学', '文心一言', '通义千问']) expect(embedded).toContain(term);
  });

  it('add again with the same bytes has nothing to do; a missing file adds nothing', async () => {
    const r = await kb(['add', 'docs', join(dir, 'shjt.md')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('shjt.md: unchanged since it was last ingested');
    expect(r.stdout).toMatch(/^1 document\(s\) ready;/);

    const count = async () =>
      JSON.parse((await kb(['list', '--json'])).stdout).find((b: { name: string }) => b.name === 'docs').document_count;
    const before = await count();
    const missing = await kb(['add', 'docs', file('new.txt', '新的文档'), join(dir, 'nope.md')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`cannot read ${join(dir, 'nope.md')}: ENOENT`);
    expect(await count()).toBe(before);
    const usage = await kb(['add', 'docs']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: baimo kb add <name> <file|url>...');
    const badMeta = await kb(['add', 'docs', join(dir, 'wenxin.txt'), '--metadata', '{"team": 1}']);
    expect(badMeta.code).toBe(2);
    expect(badMeta.stderr).toContain('invalid value for --metadata');
  });

  it('search prints ranked hits: rank, score, document, title path and an excerpt', async () => {
    const r = await kb(['search', 'docs', '上海交通大学']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ {2}1 {2}[01]\.\d{4} {2}shjt\.md › 上海交通大学$/);
    expect(lines[1]).toMatch(/^ {6}.*上海交通大学位于上海/);
  });

  it('search --json prints an array of hits with text, score and document', async () => {
    const r = await kb(['search', 'docs', '文心一言', '--json', '--k', '2']);
    expect(r.code, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout);
    expect(Array.isArray(hits)).toBe(true);
    expect(hits.length).toBeGreaterThanOrEqual(1);
    expect(hits.length).toBeLessThanOrEqual(2);
    expect(hits[0]).toMatchObject({
      rank: 1,
      document: 'wenxin.txt',
      chunk_id: expect.stringMatching(/^chk_[0-9a-f]{24}$/),
      document_id: expect.stringMatching(/^doc_/),
      title_path: expect.any(Array),
      ranks: { fused: 1 },
    });
    expect(hits[0].text).toContain('文心一言');
    expect(typeof hits[0].score).toBe('number');

    const shjt = JSON.parse((await kb(['search', 'docs', '上海交通大学', '--json', '--mode', 'keyword', '--k', '1'])).stdout);
    expect(shjt).toHaveLength(1);
    expect(shjt[0]).toMatchObject({ document: 'shjt.md', title_path: ['上海交通大学'], ranks: { vector: null } });
    shjtDocId = shjt[0].document_id;
    shjtChunkId = shjt[0].chunk_id;

    const badMode = await kb(['search', 'docs', 'x', '--mode', 'semantic']);
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toContain('invalid value for --mode: "semantic"');
    const badK = await kb(['search', 'docs', 'x', '--k', '0']);
    expect(badK.code).toBe(2);
  });

  it('list shows the bases as a table and as JSON', async () => {
    const table = await kb(['list']);
    expect(table.code).toBe(0);
    const rows = table.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^NAME +WORKSPACE +DOCUMENTS +CHUNKS +EMBEDDING +UPDATED$/);
    expect(rows.find((l) => l.startsWith('docs '))).toMatch(/^docs +\S+ +\d+ +[1-9]\d* +embed \(64d\) +\d{4}-\d\d-\d\d \d\d:\d\d$/);
    const json = JSON.parse((await kb(['list', '--json'])).stdout);
    const docs = json.find((b: { name: string }) => b.name === 'docs');
    expect(docs).toMatchObject({ object: 'knowledge_base', embedding_model: 'embed', dimensions: 64, description: '产品文档' });
    expect(docs.chunk_count).toBeGreaterThanOrEqual(3);
    expect(json.map((b: { name: string }) => b.name).sort()).toEqual(['docs', 'guessed']);
  });

  it('eval reports recall@k and MRR per method, as computed by hand', async () => {
    // Each query names one document's distinctive term, so every method ranks that document first (k = 1):
    // q1 finds its one relevant item (recall 1, RR 1); q2 finds one of two (0.5, 1); q3's relevant
    // document is another (0, 0); q4 names the chunk by id (1, 1). Means: recall 2.5/4, MRR 3/4.
    const labelled = file(
      'labelled.jsonl',
      [
        { query: '上海交通大学', relevant: ['shjt.md'] },
        { query: '文心一言', relevant: ['wenxin.txt', 'tongyi.html'] },
        { query: '通义千问', relevant: [shjtDocId] },
        { query: '上海交通大学', relevant: [shjtChunkId], note: 'extra fields are ignored' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n\n',
    );
    const r = await kb(['eval', 'docs', labelled, '--k', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('warning');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ knowledge_base: 'docs', k: 1, queries: 4 });
    for (const method of ['keyword', 'vector', 'hybrid']) {
      expect(out.metrics[method].recall_at_k, method).toBeCloseTo(0.625, 10);
      expect(out.metrics[method].mrr, method).toBeCloseTo(0.75, 10);
    }
    expect(out.per_query.map((q: { line: number }) => q.line)).toEqual([1, 2, 3, 4]);
    expect(out.per_query[1].hybrid).toEqual({ recall: 0.5, reciprocal_rank: 1, first_relevant_rank: 1 });
    expect(out.per_query[2].keyword).toEqual({ recall: 0, reciprocal_rank: 0, first_relevant_rank: null });

    const human = await kb(['eval', 'docs', labelled, '--k', '1']);
    expect(human.code).toBe(0);
    expect(human.stdout).toBe(
      [
        'knowledge base docs: 4 question(s), top 1',
        'MODE     RECALL@1  MRR@1',
        'keyword  0.6250    0.7500',
        'vector   0.6250    0.7500',
        'hybrid   0.6250    0.7500',
        '',
      ].join('\n'),
    );
  });

  it('eval refuses a bad line with its number and why, and warns about unknown relevant items', async () => {
    const bad = file('bad.jsonl', `${JSON.stringify({ query: '文心一言', relevant: ['wenxin.txt'] })}\n{"query": "x", "relevant": []}\n`);
    const r = await kb(['eval', 'docs', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}, line 2: relevant:`);
    const notJson = file('notjson.jsonl', `\n{"query": "x"`);
    expect((await kb(['eval', 'docs', notJson])).stderr).toContain(`${notJson}, line 2: not a JSON object`);

    const typo = file(
      'typo.jsonl',
      `${JSON.stringify({ query: '文心一言', relevant: ['wenxin.text', 'chk_000000000000000000000000'] })}\n`,
    );
    const w = await kb(['eval', 'docs', typo, '--json']);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('warning: line 1: "wenxin.text" is no document name');
    expect(w.stderr).toContain('warning: line 1: "chk_000000000000000000000000" is no document name');
    expect(JSON.parse(w.stdout).metrics.hybrid.recall_at_k).toBe(0);
  });

  it('a name in several workspaces needs --workspace', async () => {
    const ws = await runCli(['workspaces', 'create', 'Team', '--config', configPath], { env: ENV });
    expect(ws.code).toBe(0);
    expect((await kb(['create', 'docs', '--embedding', 'embed', '--workspace', 'Team'])).code).toBe(0);
    const r = await kb(['search', 'docs', '文心一言']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('knowledge base "docs" exists in several workspaces');
    const team = await kb(['search', 'docs', '文心一言', '--workspace', 'Team']);
    expect(team.code, team.stderr).toBe(0);
    expect(team.stdout).toBe('no hits\n');
    expect((await kb(['rm', 'docs', '--workspace', 'Team'])).code).toBe(0);
  });

  it('rm deletes the base; it is gone from list and search', async () => {
    const r = await kb(['rm', 'docs']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^deleted knowledge base docs \(kb_[a-z0-9]+\) with \d+ document\(s\) and \d+ chunk\(s\)\n$/);
    expect(JSON.parse((await kb(['list', '--json'])).stdout).map((b: { name: string }) => b.name)).toEqual(['guessed']);
    const gone = await kb(['search', 'docs', '文心一言']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('no knowledge base "docs"');
    expect((await kb(['rm', 'docs'])).code).toBe(1);
  });
});
