import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createJobQueue } from '../src/jobs/create-job-queue.js';
import { chunkDocument } from '../src/knowledge/chunking/index.js';
import type { Embedder } from '../src/knowledge/embedder.js';
import { extractDocument } from '../src/knowledge/extract/index.js';
import { createKnowledgeService } from '../src/knowledge/knowledge-service.js';
import type { Segmenter } from '../src/knowledge/segmenter.js';
import { openDatabase, type OpenedDatabase } from '../src/store/open-database.js';
import { DEFAULT_WORKSPACE_ID, ensureDefaultWorkspace, TenancyRepository } from '../src/store/tenancy-repository.js';
import { DEFAULT_SHAPE, loadVocabulary, makeTopics, markdownDocument, seeded } from './kb-corpus.js';
import { dropPgSchema, pgLocation } from './logs-query-pg.js';
import { printTable } from './report.js';

/**
 * `npm run bench:kb-ingest`: ingestion throughput, embedding excluded, through the knowledge service
 * itself on SQLite (default) or PostgreSQL (`BENCH_DATABASE=postgres`, schema BENCH_SCHEMA, dropped
 * before and after).
 *
 * BENCH_DOCS Markdown documents of 20 to 250 KB (100 KB on average: headings, prose of jieba's words by
 * their frequencies, tables, lists, code; `bench/kb-corpus.ts`) go into a new knowledge base by
 * `addDocuments`, and the embedded job queue ingests them as the server does (`knowledge.ingest`, one
 * at a time unless BENCH_CONCURRENCY says otherwise): extract → chunk (400 tokens, the default) → for each batch of 64: embed, vectors, keyword
 * postings (segmented by the base's jieba), chunk rows. The embedder answers at once with vectors made
 * from hashes (clustered by document); the time it takes is measured and left out. chunks/s = chunks ÷ (time
 * until every document is ready − embedding time).
 *
 * The stages are timed as they run (the stores' and the segmenter's calls wrapped with a clock), and
 * extraction and chunking once more on their own, so the table shows where the time goes; "jobs and
 * the rest" is the remainder (queue, document rows, hashing, checks between batches). With two jobs at a
 * time the stage times overlap (one job's wait is the other's work) and only the total holds; on
 * SQLite the work is synchronous, so a second job adds no throughput there.
 *
 * Env: BENCH_DOCS=48  BENCH_CONCURRENCY=1 (documents at a time; the server runs 2)  BENCH_DIMS=384  BENCH_MIN_RATE=1000 (chunks/s; exit 1 below)  BENCH_SEED=1
 *   BENCH_DATABASE=sqlite|postgres  BENCH_SCHEMA=bench_kb_ingest
 */

const DOCS = num('BENCH_DOCS', 48);
const CONCURRENCY = num('BENCH_CONCURRENCY', 1);
const DIMS = num('BENCH_DIMS', 384);
const MIN_RATE = num('BENCH_MIN_RATE', 1000);
const SEED = num('BENCH_SEED', 1);
const DATABASE = process.env.BENCH_DATABASE ?? 'sqlite';
const SCHEMA = process.env.BENCH_SCHEMA ?? 'bench_kb_ingest';
if (DATABASE !== 'sqlite' && DATABASE !== 'postgres') throw new Error('BENCH_DATABASE must be sqlite or postgres');
if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(SCHEMA)) throw new Error('BENCH_SCHEMA must be letters, digits and _');

function num(name: string, def: number): number {
  const n = Number(process.env[name] || def);
  if (!(n > 0)) throw new Error(`${name} must be a positive number`);
  return n;
}

const log = (s = ''): void => void process.stdout.write(`${s}\n`);
const int = (n: number): string => Math.round(n).toLocaleString('en');
const enc = new TextEncoder();

/**
 * An embedder that answers at once, with vectors clustered as real embeddings are: a chunk's text
 * starts with its title path, so the document's title (hashed) picks the centre of its chunks, and the
 * text's hash moves each chunk around it (an index such as HNSW builds slower on random vectors than on
 * these). Counts its own time.
 */
function instantEmbedder(spent: { ms: number; texts: number }): Embedder {
  const seedOf = (s: string) => createHash('sha256').update(s).digest().readUInt32LE(0);
  const gauss = (rand: () => number) => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
  const centres = new Map<string, number[]>();
  return {
    async embed(_model, texts) {
      const t = performance.now();
      const out = texts.map((text) => {
        const title = text.split('\n', 1)[0]!.split(' > ', 1)[0]!;
        let centre = centres.get(title);
        if (!centre)
          centres.set(
            title,
            (centre = Array.from(
              { length: DIMS },
              (
                (r) => () =>
                  gauss(r)
              )(seeded(seedOf(title))),
            )),
          );
        const rand = seeded(seedOf(text));
        const v = centre.map((c) => c + 0.8 * gauss(rand));
        const norm = Math.hypot(...v);
        return v.map((x) => x / norm);
      });
      spent.ms += performance.now() - t;
      spent.texts += texts.length;
      return out;
    },
  };
}

/** Wraps `obj[method]` so that its calls add their time to `into[key]`. */
function clock<T extends object>(obj: T, method: keyof T & string, into: Record<string, number>, key: string): void {
  const original = (obj[method] as (...a: unknown[]) => unknown).bind(obj);
  (obj as Record<string, unknown>)[method] = (...args: unknown[]) => {
    const t = performance.now();
    const r = original(...args);
    if (r instanceof Promise) return r.finally(() => (into[key] = (into[key] ?? 0) + performance.now() - t));
    into[key] = (into[key] ?? 0) + performance.now() - t;
    return r;
  };
}

async function waitReady(service: ReturnType<typeof createKnowledgeService>, ids: string[]): Promise<number> {
  for (;;) {
    const docs = await Promise.all(ids.map((id) => service.document(DEFAULT_WORKSPACE_ID, 'bench', id)));
    const failed = docs.filter((d) => d?.status === 'failed');
    if (failed.length) throw new Error(`ingestion failed: ${JSON.stringify(failed.map((d) => d!.errorMessage))}`);
    if (docs.every((d) => d?.status === 'ready')) return docs.reduce((n, d) => n + d!.chunkCount, 0);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main(): Promise<void> {
  const postgres = DATABASE === 'postgres';
  const dir = postgres ? undefined : mkdtempSync(join(tmpdir(), 'baimo-bench-kb-ingest-'));
  const location = postgres ? pgLocation(SCHEMA) : join(dir!, 'baimo.db');
  if (postgres) await dropPgSchema(SCHEMA);
  let opened: OpenedDatabase | undefined;
  try {
    const vocab = loadVocabulary(SEED * 1000 + 1);
    const topics = makeTopics(vocab, DEFAULT_SHAPE, SEED * 1000 + 2);
    const rand = seeded(SEED * 1000 + 7);
    const files = Array.from({ length: DOCS }, (_, i) => {
      const kb = 20 + Math.floor(rand() * 231);
      // A Chinese character is 3 bytes of UTF-8.
      const text = markdownDocument(rand, vocab, topics[Math.floor(rand() * topics.length)], Math.round((kb * 1024) / 3));
      return { kind: 'file' as const, name: `doc-${i}.md`, bytes: enc.encode(text), contentType: 'text/markdown' };
    });
    const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
    log(`Documents: ${DOCS} Markdown files, ${(bytes / 2 ** 20).toFixed(1)} MiB`);

    // Extraction and chunking on their own (the service does the same again inside its jobs).
    const alone = { extract: 0, chunk: 0 };
    for (const f of files) {
      let t = performance.now();
      const extracted = await extractDocument({ bytes: f.bytes, filename: f.name, contentType: f.contentType });
      alone.extract += performance.now() - t;
      t = performance.now();
      chunkDocument(extracted.blocks);
      alone.chunk += performance.now() - t;
    }

    opened = await openDatabase(location);
    await ensureDefaultWorkspace(new TenancyRepository(opened.db));
    const jobs = createJobQueue(opened.db, { jobs: { concurrency: { knowledge: CONCURRENCY }, lease_s: 30, poll_ms: 50, keep_days: 1 } });
    const embedding = { ms: 0, texts: 0 };
    const service = createKnowledgeService({ database: opened, jobs, embedder: instantEmbedder(embedding) });
    const k = service.context;
    const stages: Record<string, number> = {};
    clock(k.vectors, 'upsert', stages, 'vector upsert');
    clock(k.keywords, 'upsert', stages, 'keyword upsert');
    clock(k.repo, 'insertChunks', stages, 'chunk rows');
    const segmenterOf = k.segmenter.bind(k);
    const wrapped = new WeakSet<Segmenter>();
    k.segmenter = (base) => {
      const s = segmenterOf(base);
      if (!wrapped.has(s)) {
        clock(s, 'index', stages, 'segmentation');
        wrapped.add(s);
      }
      return s;
    };
    await service.create(DEFAULT_WORKSPACE_ID, { name: 'bench', embedding_model: 'instant' });
    await jobs.startWorkers(['knowledge']);

    const t0 = performance.now();
    const added = await service.addDocuments(DEFAULT_WORKSPACE_ID, 'bench', files);
    const chunks = await waitReady(
      service,
      added.map((a) => a.document.id),
    );
    const wall = performance.now() - t0;
    await jobs.close();
    const ingest = wall - embedding.ms;
    const rate = chunks / (ingest / 1000);

    log(
      `\nIngestion on ${postgres ? 'PostgreSQL' : 'SQLite'}: ${int(chunks)} chunks (${DIMS}-d vectors) in ${(wall / 1000).toFixed(2)} s, ` +
        `${(embedding.ms / 1000).toFixed(2)} s of it embedding (${int(embedding.texts)} texts), ${CONCURRENCY} document(s) at a time; ` +
        `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()[0].toFixed(1)}\n`,
    );
    const inService = Object.values(stages).reduce((a, b) => a + b, 0);
    const rows: [string, number][] = [
      ['extraction (timed on its own)', alone.extract],
      ['chunking (timed on its own)', alone.chunk],
      ...Object.entries(stages),
      ['jobs and the rest', ingest - inService - alone.extract - alone.chunk],
    ];
    printTable(
      ['stage', 'seconds', 'chunks/s alone'],
      rows.map(([stage, ms]) => [stage, (ms / 1000).toFixed(2), ms > 0 ? int(chunks / (ms / 1000)) : '–']),
    );
    log(`\nchunks/s, embedding excluded: ${int(rate)}`);
    if (rate < MIN_RATE) {
      log(`FAIL: under ${int(MIN_RATE)} chunks/s`);
      process.exitCode = 1;
    } else {
      log(`PASS: at least ${int(MIN_RATE)} chunks/s`);
    }
  } finally {
    await opened?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (postgres) await dropPgSchema(SCHEMA);
  }
}

await main();
