import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/store/dialect.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { createVectorStore, VectorStoreError, type VectorMetric, type VectorStore } from '../../src/store/vector-store.js';
import { freshDatabase, openTestDatabase, postgresProblem, TEST_POSTGRES_URL } from '../helpers/test-database.js';

// The vector store's contract on both implementations: sqlite-vec (exact KNN) and pgvector (HNSW).
// HNSW is approximate; the pgvector store raises hnsw.ef_search to max(100, 4·k), so on the few
// hundred vectors used here its top k is the exact top k, and the test holds it to a brute-force scan.

/** Why the pgvector tests cannot run here (printed), or undefined. */
async function pgvectorProblem(): Promise<string | undefined> {
  const problem = await postgresProblem();
  if (problem) return problem;
  const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await c.connect();
    const r = await c.query("select 1 from pg_available_extensions where name = 'vector'");
    return r.rowCount ? undefined : `pgvector is not installed on the PostgreSQL at ${TEST_POSTGRES_URL} (.ci/run builds it in CI)`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const pgSkip = await pgvectorProblem();
if (pgSkip) console.warn(`skipping the pgvector store tests: ${pgSkip}`);

const dir = mkdtempSync(join(tmpdir(), 'baimo-vectors-'));

/** mulberry32: the same "random" vectors on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randomVectors = (rand: () => number, n: number, dims: number): Float32Array[] =>
  Array.from({ length: n }, () => Float32Array.from({ length: dims }, () => rand() * 2 - 1));

function distance(metric: VectorMetric, a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  let l2 = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
    l2 += (a[i]! - b[i]!) ** 2;
  }
  return metric === 'cosine' ? 1 - dot / Math.sqrt(na * nb) : Math.sqrt(l2);
}

/** The exact top k by a full scan: [id, distance] nearest first. */
function bruteForce(metric: VectorMetric, q: Float32Array, items: { id: string; vector: Float32Array }[], k: number) {
  return items
    .map((it) => ({ id: it.id, distance: distance(metric, q, it.vector) }))
    .sort((x, y) => x.distance - y.distance)
    .slice(0, k);
}

const rejection = async (p: Promise<unknown>): Promise<VectorStoreError> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VectorStoreError);
  return err as VectorStoreError;
};

describe.each<[Dialect, string | undefined]>([
  ['sqlite', undefined],
  ['postgres', pgSkip],
])('vector store on %s', (dialect, skip) => {
  let database: OpenedDatabase;
  let store: VectorStore;

  beforeEach(async () => {
    if (skip) return;
    database = await openTestDatabase(mkdtempSync(join(dir, 'db-')), dialect);
    store = createVectorStore(database);
  });
  afterEach(async () => {
    if (!skip) await database.close();
  });

  it.skipIf(skip)('returns the exact top k, nearest first, for cosine and L2', async () => {
    const rand = seeded(42);
    const items = randomVectors(rand, 300, 16).map((vector, i) => ({ id: `v${i}`, vector, documentId: `d${i % 7}` }));
    for (const metric of ['cosine', 'l2'] as const) {
      const name = `rand_${metric}`;
      expect(await store.ensureCollection(name, { dimensions: 16, metric })).toEqual({ name, dimensions: 16, metric });
      await store.upsert(name, items);
      expect(await store.count(name)).toBe(300);
      for (const q of randomVectors(rand, 5, 16)) {
        const got = await store.query(name, q, { k: 10 });
        const want = bruteForce(metric, q, items, 10);
        expect(got.map((m) => m.id)).toEqual(want.map((w) => w.id));
        got.forEach((m, i) => {
          expect(m.distance).toBeCloseTo(want[i]!.distance, 4);
          expect(m.score).toBeCloseTo(metric === 'cosine' ? 1 - want[i]!.distance : 1 / (1 + want[i]!.distance), 4);
          expect(m.documentId).toBe(`d${Number(m.id.slice(1)) % 7}`);
        });
      }
      // A plain array is a vector too.
      const asArray = await store.query(name, Array.from(items[3]!.vector), { k: 1 });
      expect(asArray[0]).toMatchObject({ id: 'v3' });
      expect(asArray[0]!.distance).toBeCloseTo(0, 5);
    }
  });

  it.skipIf(skip)('upsert replaces a vector and its document; an id given twice in one batch keeps the last', async () => {
    await store.ensureCollection('docs', { dimensions: 3 });
    await store.upsert('docs', [
      { id: 'a', vector: [1, 0, 0], documentId: 'd1' },
      { id: 'b', vector: [0, 1, 0] },
    ]);
    await store.upsert('docs', [{ id: 'a', vector: [0, 0, 1], documentId: 'd2' }]);
    expect(await store.count('docs')).toBe(2);
    const nearZ = await store.query('docs', [0, 0.1, 1], { k: 2 });
    expect(nearZ.map((m) => [m.id, m.documentId])).toEqual([
      ['a', 'd2'],
      ['b', null],
    ]);
    await store.upsert('docs', [
      { id: 'c', vector: [1, 0, 0], documentId: 'first' },
      { id: 'c', vector: [0, 1, 0], documentId: 'last' },
    ]);
    expect(await store.count('docs')).toBe(3);
    const nearY = await store.query('docs', [0, 1, 0], { k: 3, documentIds: ['first', 'last'] });
    expect(nearY.map((m) => [m.id, m.documentId])).toEqual([['c', 'last']]);
    expect(nearY[0]!.distance).toBeCloseTo(0, 5);
  });

  it.skipIf(skip)('delete and deleteByDocument remove exactly what they name', async () => {
    await store.ensureCollection('chunks', { dimensions: 4 });
    const rand = seeded(7);
    const vectors = randomVectors(rand, 12, 4);
    await store.upsert(
      'chunks',
      vectors.map((vector, i) => ({ id: `c${i}`, vector, documentId: i < 5 ? 'doc-a' : 'doc-b' })),
    );
    expect(await store.delete('chunks', ['c0', 'c1', 'missing', 'c1'])).toBe(2);
    expect(await store.count('chunks')).toBe(10);
    expect(await store.deleteByDocument('chunks', 'doc-a')).toBe(3);
    expect(await store.deleteByDocument('chunks', 'doc-a')).toBe(0);
    const left = await store.query('chunks', vectors[0]!, { k: 100 });
    expect(left.map((m) => m.id).sort()).toEqual(['c10', 'c11', 'c5', 'c6', 'c7', 'c8', 'c9']);
    expect(new Set(left.map((m) => m.documentId))).toEqual(new Set(['doc-b']));
  });

  it.skipIf(skip)('a document filter returns the k nearest of those documents, even when others are nearer', async () => {
    await store.ensureCollection('kb', { dimensions: 8 });
    const rand = seeded(99);
    const items = randomVectors(rand, 400, 8).map((vector, i) => ({ id: `k${i}`, vector, documentId: `doc${i % 20}` }));
    await store.upsert('kb', items);
    const q = randomVectors(rand, 1, 8)[0]!;
    const docs = ['doc3', 'doc17'];
    const got = await store.query('kb', q, { k: 5, documentIds: docs });
    const want = bruteForce(
      'cosine',
      q,
      items.filter((it) => docs.includes(it.documentId)),
      5,
    );
    expect(got.map((m) => m.id)).toEqual(want.map((w) => w.id));
    // The unfiltered top 5 is not the filtered one: the filter did the work.
    const unfiltered = await store.query('kb', q, { k: 5 });
    expect(unfiltered.map((m) => m.id)).not.toEqual(got.map((m) => m.id));
    expect(await store.query('kb', q, { k: 5, documentIds: [] })).toEqual([]);
    expect(await store.query('kb', q, { k: 5, documentIds: ['nope'] })).toEqual([]);
  });

  it.skipIf(skip)('rejects a wrong dimension, NaN and other bad input with clear errors, writing nothing', async () => {
    await store.ensureCollection('strict', { dimensions: 4 });
    await store.upsert('strict', [{ id: 'ok', vector: [1, 2, 3, 4] }]);
    const invalid = async (p: Promise<unknown>, message: RegExp) => {
      const err = await rejection(p);
      expect(err.kind).toBe('invalid');
      expect(err.message).toMatch(message);
    };
    await invalid(store.query('strict', [1, 2, 3], { k: 1 }), /vector has 3 dimensions; collection "strict" holds 4/);
    await invalid(
      store.upsert('strict', [
        { id: 'x', vector: [1, 1, 1, 1] },
        { id: 'y', vector: [1, 2, 3, 4, 5] },
      ]),
      /items\[1\]\.vector has 5 dimensions/,
    );
    await invalid(store.upsert('strict', [{ id: 'x', vector: [1, NaN, 3, 4] }]), /items\[0\]\.vector\[1\]: NaN is not a finite number/);
    await invalid(store.upsert('strict', [{ id: 'x', vector: Float32Array.of(1, 2, Infinity, 4) }]), /vector\[2\]: Infinity/);
    await invalid(store.upsert('strict', [{ id: 'x', vector: [1, 2, 3, 1e39] }]), /1e\+39 is outside float32's range/);
    await invalid(store.upsert('strict', [{ id: 'x', vector: [1, 2, '3', 4] as unknown as number[] }]), /vector\[2\]: "3" is not a number/);
    await invalid(store.upsert('strict', [{ id: 'x', vector: [0, 0, 0, 0] }]), /all zeros/);
    await invalid(store.upsert('strict', [{ id: '', vector: [1, 2, 3, 4] }]), /items\[0\]\.id must be a string of 1 to 256/);
    await invalid(store.upsert('strict', [{ id: 'x', vector: [1, 2, 3, 4], documentId: 'd'.repeat(257) }]), /documentId/);
    const many = Array.from({ length: 1001 }, (_, i) => ({ id: `m${i}`, vector: [1, 2, 3, 4] }));
    await invalid(store.upsert('strict', many), /at most 1000 items per upsert, got 1001/);
    await invalid(store.query('strict', [1, 2, 3, 4], { k: 0 }), /k must be an integer from 1 to 1000, got 0/);
    await invalid(store.query('strict', [1, 2, 3, 4], { k: 1001 }), /k must be an integer from 1 to 1000/);
    await invalid(store.query('strict', [1, 2, 3, 4], { k: 1.5 }), /k must be an integer/);
    await invalid(store.ensureCollection('Bad-Name', { dimensions: 4 }), /collection name "Bad-Name" must be/);
    await invalid(store.ensureCollection('x; drop table y', { dimensions: 4 }), /collection name/);
    await invalid(store.ensureCollection('wide', { dimensions: 4001 }), /dimensions must be an integer from 1 to 4000, got 4001/);
    await invalid(store.ensureCollection('wide', { dimensions: 0 }), /dimensions must be an integer from 1 to 4000, got 0/);
    await invalid(store.ensureCollection('wide', { dimensions: 4, metric: 'dot' as VectorMetric }), /metric must be one of cosine, l2/);
    // Nothing of the refused batches was written, and the refused collections do not exist.
    expect(await store.count('strict')).toBe(1);
    expect((await store.listCollections()).map((c) => c.name)).toEqual(['strict']);

    const missing = await rejection(store.query('absent', [1, 2, 3, 4], { k: 1 }));
    expect(missing.kind).toBe('not_found');
    expect(missing.message).toMatch(/no collection named "absent"/);
    const conflict = await rejection(store.ensureCollection('strict', { dimensions: 8 }));
    expect(conflict.kind).toBe('conflict');
    expect(conflict.message).toMatch(/exists with 4 dimensions \(cosine\); asked for 8 \(cosine\)/);
    expect(await store.ensureCollection('strict', { dimensions: 4, metric: 'cosine' })).toEqual({
      name: 'strict',
      dimensions: 4,
      metric: 'cosine',
    });
  });

  it.skipIf(skip)('collections are isolated: same ids, own vectors, own counts; dropping one leaves the other', async () => {
    await store.ensureCollection('left', { dimensions: 2 });
    await store.ensureCollection('right', { dimensions: 2, metric: 'l2' });
    await store.upsert('left', [
      { id: 'p', vector: [1, 0], documentId: 'L' },
      { id: 'q', vector: [0, 1], documentId: 'L' },
    ]);
    await store.upsert('right', [{ id: 'p', vector: [0, 5], documentId: 'R' }]);
    expect(await store.count('left')).toBe(2);
    expect(await store.count('right')).toBe(1);
    expect((await store.query('left', [0, 5], { k: 5 })).map((m) => m.id)).toEqual(['q', 'p']);
    expect(await store.query('right', [0, 5], { k: 5 })).toEqual([{ id: 'p', documentId: 'R', distance: 0, score: 1 }]);
    expect(await store.deleteByDocument('right', 'L')).toBe(0);
    expect(await store.listCollections()).toEqual([
      { name: 'left', dimensions: 2, metric: 'cosine' },
      { name: 'right', dimensions: 2, metric: 'l2' },
    ]);
    expect(await store.dropCollection('right')).toBe(true);
    expect(await store.dropCollection('right')).toBe(false);
    expect(await store.getCollection('right')).toBeUndefined();
    expect(await store.count('left')).toBe(2);
    // Dropped and made again: empty, with its new spec.
    await store.ensureCollection('right', { dimensions: 3 });
    expect(await store.count('right')).toBe(0);
  });

  it.skipIf(skip)('holds collections wider than 2,000 dimensions (halfvec on pgvector)', async () => {
    const rand = seeded(3072);
    const items = randomVectors(rand, 20, 3072).map((vector, i) => ({ id: `w${i}`, vector }));
    await store.ensureCollection('wide', { dimensions: 3072 });
    await store.upsert('wide', items);
    for (const probe of [0, 7, 19]) {
      const [top] = await store.query('wide', items[probe]!.vector, { k: 3 });
      expect(top!.id).toBe(`w${probe}`);
      expect(top!.distance).toBeCloseTo(0, 3);
    }
  });
});

describe.each<[Dialect, string | undefined]>([
  ['sqlite', undefined],
  ['postgres', pgSkip],
])('vector store on %s across a reopen', (dialect, skip) => {
  const dropped: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of dropped) await drop();
  });

  it.skipIf(skip)('keeps collections and vectors when the database is closed and opened again', async () => {
    const fresh = freshDatabase(mkdtempSync(join(dir, 'reopen-')), dialect);
    dropped.push(fresh.drop);
    const first = await openDatabase(fresh.location);
    const vectors = randomVectors(seeded(5), 50, 6);
    try {
      const store = createVectorStore(first);
      await store.ensureCollection('kept', { dimensions: 6, metric: 'l2' });
      await store.upsert(
        'kept',
        vectors.map((vector, i) => ({ id: `r${i}`, vector, documentId: 'doc' })),
      );
    } finally {
      await first.close();
    }
    const second = await openDatabase(fresh.location);
    try {
      const store = createVectorStore(second);
      expect(await store.getCollection('kept')).toEqual({ name: 'kept', dimensions: 6, metric: 'l2' });
      expect(await store.count('kept')).toBe(50);
      const got = await store.query('kept', vectors[9]!, { k: 4 });
      const want = bruteForce(
        'l2',
        vectors[9]!,
        vectors.map((vector, i) => ({ id: `r${i}`, vector })),
        4,
      );
      expect(got.map((m) => m.id)).toEqual(want.map((w) => w.id));
    } finally {
      await second.close();
    }
  });
});

describe.skipIf(pgSkip)('pgvector store at a size where PostgreSQL plans the HNSW index', () => {
  let database: OpenedDatabase | undefined;
  afterAll(async () => {
    await database?.close();
  });

  // Below a couple of thousand rows the planner prefers an exact sequential scan; here it takes the
  // HNSW index (the EXPLAIN proves it, and that the operator class matches the metric), and the
  // store's hnsw.ef_search (max(100, 4·k)) still gives the exact top k.
  it('answers through the index of the collection metric, with the exact top k', async () => {
    database = await openTestDatabase(mkdtempSync(join(dir, 'hnsw-')), 'postgres');
    const store = createVectorStore(database);
    const rand = seeded(2000);
    const items = randomVectors(rand, 2000, 16).map((vector, i) => ({ id: `h${i}`, vector }));
    for (const metric of ['cosine', 'l2'] as const) {
      const name = `hnsw_${metric}`;
      await store.ensureCollection(name, { dimensions: 16, metric });
      for (let i = 0; i < items.length; i += 1000) await store.upsert(name, items.slice(i, i + 1000));
      await database.pool!.query(`analyze "vec_${name}"`);
      const op = metric === 'cosine' ? '<=>' : '<->';
      const plan = await database.pool!.query(
        `explain select id from "vec_${name}" order by embedding OPERATOR(public.${op}) $1::public.vector limit 10`,
        [`[${items[0]!.vector.join(',')}]`],
      );
      expect(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')).toContain(`Index Scan using vec_${name}_hnsw`);
      for (const q of randomVectors(rand, 10, 16)) {
        const got = await store.query(name, q, { k: 10 });
        expect(got.map((m) => m.id)).toEqual(bruteForce(metric, q, items, 10).map((w) => w.id));
      }
    }
  });
});
