import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createJobQueue } from '../src/jobs/create-job-queue.js';
import { createKnowledgeService, type KnowledgeServiceImpl } from '../src/knowledge/knowledge-service.js';
import { Segmenter } from '../src/knowledge/segmenter.js';
import { openDatabase, type OpenedDatabase } from '../src/store/open-database.js';
import { ensureDefaultWorkspace, TenancyRepository } from '../src/store/tenancy-repository.js';
import {
  DEFAULT_SHAPE,
  loadVocabulary,
  makeTopics,
  makeVectors,
  planCorpus,
  queryText,
  queryVector,
  seeded,
  type CorpusShape,
} from './kb-corpus.js';
import { BASE, benchBase, exactTop, pct, plainOrSearch, queryEmbedder, recallAt, WS } from './kb-seed.js';
import { dropPgSchema, pgLocation } from './logs-query-pg.js';
import { printTable } from './report.js';

/**
 * `npm run bench:kb-search`: hybrid search over a large knowledge base, on SQLite (default) or
 * PostgreSQL (`BENCH_DATABASE=postgres`).
 *
 * Seeds a knowledge base of BENCH_CHUNKS chunks of synthetic Chinese+English text and clustered unit
 * vectors (`bench/kb-corpus.ts`) as the service keeps one: base, document and chunk rows, keyword
 * postings segmented by the knowledge layer's jieba segmenter, vectors (`bench/kb-seed.ts`). Then runs
 * BENCH_QUERIES queries after BENCH_WARMUP unmeasured ones, twice, one at a time, each with its
 * embedding made beforehand (the embedder hands it over at once):
 * - at the store level, part by part: segmentation of the query, keyword top 200, vector top 200, RRF
 *   fusion (k 60, equal weights) to the top 10;
 * - through `KnowledgeService.search` (hybrid, top 10): the same plus option checks, the chunk and
 *   document rows of the hits. Its p95 is what the target applies to.
 * Prints p50/p95/p99/max, the vector store's recall@10/50/200 against an exact scan of the same vectors
 * (the first BENCH_RECALL queries) and, on SQLite, how many of the keyword results FTS5's plain OR of
 * every term finds too. Exits 1 when the service's p95 is over BENCH_P95_MS or recall@10 under
 * BENCH_RECALL_MIN.
 *
 * SQLite: a temp file, or BENCH_DB (kept; reused when it holds this corpus). PostgreSQL: the schema
 * BENCH_SCHEMA (default bench_kb) of BENCH_PG_URL, likewise kept and reused (BENCH_DROP=1 drops it at
 * the end). A reused database skips the seeding: the vectors and queries are made again from the seeds.
 *
 * Env: BENCH_CHUNKS=100000  BENCH_QUERIES=500  BENCH_WARMUP=50  BENCH_RECALL=100  BENCH_P95_MS=30
 *   BENCH_RECALL_MIN=0.95  BENCH_DATABASE=sqlite|postgres  BENCH_DB=path  BENCH_SCHEMA=name  BENCH_DROP=1
 *   BENCH_DIMS=384  BENCH_ANISOTROPY=1 (the direction all vectors share; 0: isotropic)  BENCH_SEED=1
 */

const CHUNKS = num('BENCH_CHUNKS', 100_000);
const QUERIES = num('BENCH_QUERIES', 500);
const WARMUP = num('BENCH_WARMUP', 50, true);
const RECALL = Math.min(num('BENCH_RECALL', 100, true), QUERIES);
const TARGET_MS = num('BENCH_P95_MS', 30);
const RECALL_MIN = num('BENCH_RECALL_MIN', 0.95);
const SEED = num('BENCH_SEED', 1);
const DATABASE = process.env.BENCH_DATABASE ?? 'sqlite';
const SCHEMA = process.env.BENCH_SCHEMA ?? 'bench_kb';
const SHAPE: CorpusShape = {
  ...DEFAULT_SHAPE,
  dimensions: num('BENCH_DIMS', DEFAULT_SHAPE.dimensions),
  anisotropy: num('BENCH_ANISOTROPY', DEFAULT_SHAPE.anisotropy, true),
};
/** Candidates each ranking gives the fusion (the knowledge service's SEARCH_LIMITS.candidates), and hits kept. */
const CANDIDATES = 200;
const TOP = 10;
const RRF_K = 60;
if (DATABASE !== 'sqlite' && DATABASE !== 'postgres') throw new Error('BENCH_DATABASE must be sqlite or postgres');
if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(SCHEMA)) throw new Error('BENCH_SCHEMA must be letters, digits and _');

function num(name: string, def: number, zero = false): number {
  const n = Number(process.env[name] || def);
  if (!(n > 0 || (zero && n === 0))) throw new Error(`${name} must be a positive number`);
  return n;
}

const log = (s = ''): void => void process.stdout.write(`${s}\n`);
const int = (n: number): string => Math.round(n).toLocaleString('en');

interface Query {
  text: string;
  vector: Float32Array;
}

const PARTS = ['segment', 'keyword', 'vector', 'fuse', 'total'] as const;
type Part = (typeof PARTS)[number];

interface Timed {
  ms: Record<Part, number>;
  /** Process CPU time of the whole search (SQLite: all of the work; PostgreSQL: the client's share). */
  cpu: number;
  vectorIds: string[];
  keywordIds: string[];
}

/** One hybrid search at the store level, timed part by part (SQLite's calls are synchronous: the parts run one after another anyway). */
async function storeSearch(service: KnowledgeServiceImpl, collection: string, segmenter: Segmenter, q: Query): Promise<Timed> {
  const { keywords, vectors } = service.context;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const tokens = segmenter.query(q.text);
  const t1 = performance.now();
  const keyword = tokens.length ? await keywords.search(collection, tokens, { k: CANDIDATES }) : [];
  const t2 = performance.now();
  const vector = await vectors.query(collection, q.vector, { k: CANDIDATES });
  const t3 = performance.now();
  const fused = new Map<string, number>();
  keyword.forEach((m, rank) => fused.set(m.id, 1 / (RRF_K + rank + 1)));
  vector.forEach((m, rank) => fused.set(m.id, (fused.get(m.id) ?? 0) + 1 / (RRF_K + rank + 1)));
  [...fused].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  const t4 = performance.now();
  const used = process.cpuUsage(cpu);
  return {
    ms: { segment: t1 - t0, keyword: t2 - t1, vector: t3 - t2, fuse: t4 - t3, total: t4 - t0 },
    cpu: (used.user + used.system) / 1000,
    vectorIds: vector.map((m) => m.id),
    keywordIds: keyword.map((m) => m.id),
  };
}

/** One search through `KnowledgeService.search` (hybrid, top 10, the query's embedding ready): wall and CPU milliseconds. */
async function serviceSearch(service: KnowledgeServiceImpl, q: Query): Promise<{ ms: number; cpu: number; hits: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const r = await service.search(WS, BASE, q.text, { topK: TOP });
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { ms, cpu: (used.user + used.system) / 1000, hits: r.hits.length };
}

const row = (label: string, values: number[]): string[] => {
  const sorted = [...values].sort((a, b) => a - b);
  return [label, ...[50, 95, 99, 100].map((p) => pct(sorted, p).toFixed(2))];
};

async function main(): Promise<void> {
  const postgres = DATABASE === 'postgres';
  const keep = process.env.BENCH_DB;
  const dir = postgres || keep ? undefined : mkdtempSync(join(tmpdir(), 'baimo-bench-kb-'));
  const location = postgres ? pgLocation(SCHEMA) : (keep ?? join(dir!, 'baimo.db'));
  let opened: OpenedDatabase | undefined;
  try {
    const t = performance.now();
    const vocab = loadVocabulary(SEED * 1000 + 1);
    const topics = makeTopics(vocab, SHAPE, SEED * 1000 + 2);
    const plan = planCorpus(CHUNKS, SHAPE, SEED * 1000 + 4);
    const vectors = makeVectors(plan, topics, SHAPE, SEED * 1000 + 5);
    log(
      `Corpus: ${int(CHUNKS)} chunks in ${int(plan.docTopic.length)} documents, ${SHAPE.topics} topics, ` +
        `${SHAPE.dimensions}-d vectors (anisotropy ${SHAPE.anisotropy}); made in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const rand = seeded(SEED * 1000 + 6);
    const queries: Query[] = Array.from({ length: WARMUP + QUERIES }, () => {
      const chunk = Math.floor(rand() * CHUNKS);
      const topic = topics[plan.docTopic[plan.chunkDoc[chunk]]];
      return { text: queryText(rand, vocab, topic), vector: queryVector(rand, vectors, chunk, SHAPE.dimensions) };
    });

    opened = await openDatabase(location);
    await ensureDefaultWorkspace(new TenancyRepository(opened.db));
    const service = createKnowledgeService({
      database: opened,
      jobs: createJobQueue(opened.db, { jobs: { concurrency: {}, lease_s: 30, poll_ms: 1000, keep_days: 1 } }),
      embedder: queryEmbedder(new Map(queries.map((q) => [q.text, q.vector]))),
    });
    const corpus = { vocab, topics, plan, vectors, dimensions: SHAPE.dimensions, chunks: CHUNKS, seed: SEED };
    const base = await benchBase(service, corpus, postgres ? `schema ${SCHEMA}` : location);
    if (postgres) await opened.pool!.query(`analyze "vec_${base.id}"; analyze "kw:${base.id}"; analyze kb_chunks; analyze kb_documents`);
    else opened.sqlite!.exec('analyze');

    const segmenter = new Segmenter();
    const results: Timed[] = [];
    const viaService: { ms: number; cpu: number; hits: number }[] = [];
    for (const [i, q] of queries.entries()) {
      const r = await storeSearch(service, base.id, segmenter, q);
      if (i >= WARMUP) results.push(r);
    }
    for (const [i, q] of queries.entries()) {
      const r = await serviceSearch(service, q);
      if (i >= WARMUP) viaService.push(r);
    }

    const avg = (f: (i: number) => number) => Array.from({ length: RECALL }, (_, i) => f(i)).reduce((a, b) => a + b, 0) / RECALL;
    const exact = Array.from({ length: RECALL }, (_, i) => exactTop(vectors, queries[WARMUP + i].vector, CANDIDATES));
    const vectorRecall = [10, 50, 200].map((at) => avg((i) => recallAt(results[i].vectorIds, exact[i], at)));
    // SQLite: the keyword index against FTS5's plain OR of every term (what it ranked before common terms only scored).
    const plainOr = postgres ? undefined : plainOrSearch(opened.sqlite!, base.id, CANDIDATES);
    const keywordAgreement = plainOr
      ? [10, 200].map((at) =>
          avg((i) => {
            const want = plainOr(segmenter.query(queries[WARMUP + i].text));
            return want.length ? recallAt(results[i].keywordIds, want, at) : 1;
          }),
        )
      : undefined;

    const on = postgres ? 'PostgreSQL' : 'SQLite';
    const size = postgres ? '' : `, database ${(statSync(location).size / 2 ** 20).toFixed(0)} MiB`;
    log(
      `\nHybrid search over ${int(CHUNKS)} chunks on ${on}${size}: ${QUERIES} queries after ${WARMUP} warm-up, one at a time; ` +
        `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()[0].toFixed(1)}\n`,
    );
    const hits = results.reduce((n, r) => n + r.keywordIds.length, 0) / results.length;
    const label: Record<Part, string> = {
      segment: 'query segmentation',
      keyword: `keyword top ${CANDIDATES} (${hits.toFixed(0)} hits on average)`,
      vector: `vector top ${CANDIDATES}`,
      fuse: 'RRF fusion',
      total: 'store level: all of the above',
    };
    const cpuLabel = postgres ? 'client CPU' : 'process CPU';
    printTable(
      ['part', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [
        ...PARTS.map((part) =>
          row(
            label[part],
            results.map((r) => r.ms[part]),
          ),
        ),
        row(
          `store level, ${cpuLabel}`,
          results.map((r) => r.cpu),
        ),
        row(
          `KnowledgeService.search (top ${TOP}, with chunk rows)`,
          viaService.map((r) => r.ms),
        ),
        row(
          `KnowledgeService.search, ${cpuLabel}`,
          viaService.map((r) => r.cpu),
        ),
      ],
    );
    if (RECALL > 0) {
      const f = (x: number) => x.toFixed(3);
      const [r10, r50, r200] = vectorRecall.map(f);
      log(`\nVector recall against an exact scan (${RECALL} queries): @10 ${r10}, @50 ${r50}, @200 ${r200}`);
      if (keywordAgreement)
        log(`Keyword results found by FTS5's plain OR of every term too: @10 ${f(keywordAgreement[0])}, @200 ${f(keywordAgreement[1])}`);
    }
    const p95 = pct(
      viaService.map((r) => r.ms).sort((a, b) => a - b),
      95,
    );
    const failed: string[] = [];
    if (viaService.some((r) => r.hits === 0)) failed.push('a search through the service found nothing');
    if (p95 > TARGET_MS) failed.push(`the service's p95 ${p95.toFixed(1)} ms is over ${TARGET_MS} ms`);
    if (RECALL > 0 && vectorRecall[0] < RECALL_MIN) failed.push(`recall@10 ${vectorRecall[0].toFixed(3)} is under ${RECALL_MIN}`);
    if (failed.length) {
      log(`\nFAIL: ${failed.join('; ')}`);
      process.exitCode = 1;
    } else {
      log(`\nPASS: the service's p95 ${p95.toFixed(1)} ms ≤ ${TARGET_MS} ms${RECALL > 0 ? `, recall@10 ≥ ${RECALL_MIN}` : ''}`);
    }
  } finally {
    await opened?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (postgres && process.env.BENCH_DROP === '1') {
      await dropPgSchema(SCHEMA);
      log(`Dropped schema ${SCHEMA}`);
    }
  }
}

await main();
