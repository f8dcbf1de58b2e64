import { performance } from 'node:perf_hooks';
import type SQLite from 'better-sqlite3';
import type { Embedder } from '../src/knowledge/embedder.js';
import type { KnowledgeServiceImpl } from '../src/knowledge/knowledge-service.js';
import { Segmenter } from '../src/knowledge/segmenter.js';
import type { KbBaseRow } from '../src/store/knowledge-repository.js';
import { DEFAULT_WORKSPACE_ID } from '../src/store/tenancy-repository.js';
import { prose, seeded, type CorpusPlan, type Topic, type Vocabulary } from './kb-corpus.js';

/**
 * The seeding and checks of `bench/kb-search.ts`: a knowledge base as the service keeps it (its row,
 * document rows, chunk rows, the vectors and keyword postings in collections named by its id), written
 * straight through the repository and the stores, 1,000 chunks a batch as ingestion writes them.
 */

export const WS = DEFAULT_WORKSPACE_ID;
export const BASE = 'bench';
const BATCH = 1000;

const log = (s = ''): void => void process.stdout.write(`${s}\n`);
const int = (n: number): string => Math.round(n).toLocaleString('en');

export interface Corpus {
  vocab: Vocabulary;
  topics: Topic[];
  plan: CorpusPlan;
  vectors: Float32Array;
  dimensions: number;
  chunks: number;
  seed: number;
}

/**
 * The bench base when it holds this corpus (its chunk count, and chunk 0's vector nearest itself),
 * else a new one seeded with it (an old one dropped first).
 */
export async function benchBase(service: KnowledgeServiceImpl, corpus: Corpus, where: string): Promise<KbBaseRow> {
  const k = service.context;
  const existing = await k.repo.findBase(WS, BASE);
  if (existing) {
    const first = corpus.vectors.subarray(0, corpus.dimensions);
    const vectors = (await k.vectors.getCollection(existing.id)) ? await k.vectors.count(existing.id) : 0;
    const same =
      vectors === corpus.chunks &&
      (await k.keywords.count(existing.id)) === corpus.chunks &&
      (await k.repo.countChunks(existing.id)) === corpus.chunks &&
      ((await k.vectors.query(existing.id, first, { k: 1 }))[0]?.distance ?? 1) < 1e-4;
    if (same) {
      log(`Reusing ${where}: ${int(corpus.chunks)} chunks`);
      return existing;
    }
    log(`Dropping the bench base of ${where} (another corpus)`);
    await service.remove(WS, BASE);
  }
  await service.create(WS, { name: BASE, embedding_model: 'bench-query' });
  const base = (await k.repo.findBase(WS, BASE))!;
  await k.ensureVectors(base.id, corpus.dimensions);
  await seed(service, base, corpus);
  return (await k.repo.baseById(base.id))!;
}

async function seed(service: KnowledgeServiceImpl, base: KbBaseRow, corpus: Corpus): Promise<void> {
  const k = service.context;
  const { vocab, topics, plan, vectors, dimensions: d, chunks } = corpus;
  const segmenter = new Segmenter();
  const rand = seeded(corpus.seed * 1000 + 3);
  const spent = { text: 0, segment: 0, keyword: 0, vector: 0, rows: 0 };
  let tokens = 0;
  const now = Date.now();
  let t = performance.now();
  for (let doc = 0; doc < plan.docTopic.length; doc++) {
    await k.repo.insertDocument({
      id: `d${doc}`,
      kb_id: base.id,
      name: `doc-${doc}.md`,
      source: 'file',
      format: 'markdown',
      title: null,
      bytes: null,
      content_hash: null,
      status: 'ready',
      error_reason: null,
      error_message: null,
      chunk_count: plan.docStart[doc + 1] - plan.docStart[doc],
      metadata: '{}',
      job_id: null,
      created_at: now,
      updated_at: now,
    });
  }
  spent.rows += performance.now() - t;
  for (let i = 0; i < chunks; i += BATCH) {
    const end = Math.min(chunks, i + BATCH);
    t = performance.now();
    const texts: string[] = [];
    for (let c = i; c < end; c++) texts.push(prose(rand, vocab, topics[plan.docTopic[plan.chunkDoc[c]]], 300 + Math.floor(rand() * 100)));
    spent.text += performance.now() - t;
    t = performance.now();
    const items = texts.map((text, j) => ({ id: `c${i + j}`, documentId: `d${plan.chunkDoc[i + j]}`, tokens: segmenter.index(text) }));
    for (const it of items) tokens += it.tokens.length;
    spent.segment += performance.now() - t;
    t = performance.now();
    await k.keywords.upsert(base.id, items);
    spent.keyword += performance.now() - t;
    t = performance.now();
    await k.vectors.upsert(
      base.id,
      items.map((it, j) => ({ id: it.id, documentId: it.documentId, vector: vectors.subarray((i + j) * d, (i + j + 1) * d) })),
    );
    spent.vector += performance.now() - t;
    t = performance.now();
    await k.repo.insertChunks(
      texts.map((text, j) => {
        const c = i + j;
        const doc = plan.chunkDoc[c];
        return {
          id: `c${c}`,
          kb_id: base.id,
          document_id: `d${doc}`,
          idx: c - plan.docStart[doc],
          text,
          title_path: '[]',
          tokens: text.length,
          kind: 'text',
        };
      }),
    );
    spent.rows += performance.now() - t;
    process.stdout.write(`\r  seeding ${int(end)} / ${int(chunks)}`);
  }
  await k.repo.refreshCounts(base.id, Date.now());
  log(`\nSeeded ${int(chunks)} chunks (${(tokens / chunks).toFixed(0)} keyword tokens each):`);
  for (const [part, ms] of Object.entries(spent))
    log(`  ${part.padEnd(8)} ${(ms / 1000).toFixed(1)} s  (${int(chunks / (ms / 1000))} chunks/s)`);
}

/** The embedder of the bench base: each query's vector, made beforehand. */
export function queryEmbedder(vectors: ReadonlyMap<string, Float32Array>): Embedder {
  return {
    async embed(_model, texts) {
      return texts.map((text) => {
        const v = vectors.get(text);
        if (!v) throw new Error(`no vector made for the query ${JSON.stringify(text)}`);
        return Array.from(v);
      });
    },
  };
}

/** The exact top `k` chunks by cosine (the vectors are unit: a dot product), nearest first. */
export function exactTop(vectors: Float32Array, q: Float32Array, k: number): string[] {
  const d = q.length;
  const n = vectors.length / d;
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let j = 0, o = i * d; j < d; j++) dot += vectors[o + j] * q[j];
    scores[i] = dot;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => scores[b] - scores[a]);
  return order.slice(0, k).map((i) => `c${i}`);
}

/** The share of `want`'s first k found in `got`'s first k. */
export function recallAt(got: string[], want: string[], k: number): number {
  const w = new Set(want.slice(0, k));
  return got.slice(0, k).filter((id) => w.has(id)).length / Math.min(k, w.size);
}

/** FTS5's ranking of the plain OR of every query term, the first `k` ids (SQLite). */
export function plainOrSearch(sqlite: SQLite.Database, collection: string, k: number): (tokens: string[]) => string[] {
  const f = `"kw:${collection}:fts"`;
  const statement = sqlite.prepare<[string], string>(
    `select i.id from ${f} join "kw:${collection}:ids" i on i.rowid = ${f}.rowid where ${f} match ? order by bm25(${f}), i.id limit ${k}`,
  );
  return (tokens) => (tokens.length ? statement.pluck().all(tokens.map((t) => `"${t}"`).join(' OR ')) : []);
}

/** The value at percentile `p` of sorted values. */
export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
