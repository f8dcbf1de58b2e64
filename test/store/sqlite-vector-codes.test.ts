import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/store/open-database.js';
import { createVectorStore } from '../../src/store/vector-store.js';
import { openTestDatabase } from '../helpers/test-database.js';

// The SQLite vector store's large collections (binary codes scanned first, then exact distances) and
// its collections of an earlier version (a sqlite-vec `vec0` table). SQLite only: vitest.config.ts runs this
// file in the sqlite project alone. The contract on both dialects is in vector-store.test.ts.

const dir = mkdtempSync(join(tmpdir(), 'baimo-vector-codes-'));

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

function cosineDistance(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return 1 - dot / Math.sqrt(na * nb);
}

/** The exact top k by a full scan, nearest first. */
const bruteForce = (q: Float32Array, items: { id: string; vector: Float32Array }[], k: number) =>
  items
    .map((it) => ({ id: it.id, distance: cosineDistance(q, it.vector) }))
    .sort((x, y) => x.distance - y.distance)
    .slice(0, k);

describe('sqlite vector store at a size where it scans binary codes first', () => {
  let database: OpenedDatabase | undefined;
  afterAll(async () => {
    await database?.close();
  });

  // 1,024 dimensions × 4,100 vectors passes the work bound (2^22) at which a cosine collection gets
  // binary codes: a query then ranks exactly only the candidates nearest by Hamming distance. The
  // vectors are clustered and lean one way, like embeddings; the results must be the exact top k
  // nearly always, with exact distances, and follow every write.
  it('finds the exact top k through the codes, follows upserts, deletes and filters, and keeps them across a reopen', async () => {
    const location = mkdtempSync(join(dir, 'codes-'));
    database = await openTestDatabase(location, 'sqlite');
    let store = createVectorStore(database);
    const dims = 1024;
    const rand = seeded(1024);
    const gauss = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
    const shared = Float32Array.from({ length: dims }, () => gauss() / Math.sqrt(dims));
    const centres = Array.from({ length: 40 }, () => Float32Array.from({ length: dims }, (_, i) => gauss() / Math.sqrt(dims) + shared[i]!));
    const near = (c: Float32Array, spread: number) => Float32Array.from(c, (x) => x + (spread * gauss()) / Math.sqrt(dims));
    const items = Array.from({ length: 4400 }, (_, i) => ({
      id: `e${i}`,
      vector: near(centres[i % 40]!, 0.8),
      documentId: `doc${i % 110}`,
    }));
    await store.ensureCollection('emb', { dimensions: dims });
    for (let i = 0; i < 4100; i += 1000) await store.upsert('emb', items.slice(i, Math.min(4100, i + 1000)));
    const codeRows = () => (database!.sqlite!.prepare('select count(*) as n from "vec:emb:codes"').get() as { n: number }).n;
    expect(codeRows()).toBe(5); // 4,100 vectors: blocks of 1,024
    await store.upsert('emb', items.slice(4100)); // written by code from here on
    expect(await store.count('emb')).toBe(4400);

    const live = new Map(items.map((it) => [it.id, it]));
    const check = async (queries: number, filter?: string[]) => {
      let found = 0;
      for (let q = 0; q < queries; q++) {
        const probe = near([...live.values()][Math.floor(rand() * live.size)]!.vector, 0.5);
        const pool = [...live.values()].filter((it) => !filter || filter.includes(it.documentId));
        const want = bruteForce(probe, pool, 10);
        const got = await store.query('emb', probe, { k: 10, documentIds: filter });
        expect(got).toHaveLength(Math.min(10, pool.length));
        got.forEach((m, i) => {
          const item = live.get(m.id)!;
          expect(filter ? filter.includes(item.documentId) : true).toBe(true);
          expect(m.distance).toBeCloseTo(cosineDistance(probe, item.vector), 5);
          if (i > 0) expect(m.distance).toBeGreaterThanOrEqual(got[i - 1]!.distance);
        });
        found += got.filter((m) => want.some((w) => w.id === m.id)).length;
      }
      return found / (queries * 10);
    };
    expect(await check(20)).toBeGreaterThanOrEqual(0.95);

    // A replaced vector is found where it now is; deleted ones are gone.
    const moved = Float32Array.from({ length: dims }, () => gauss());
    await store.upsert('emb', [{ id: 'e7', vector: moved, documentId: 'doc7' }]);
    live.set('e7', { id: 'e7', vector: moved, documentId: 'doc7' });
    expect((await store.query('emb', moved, { k: 1 }))[0]).toMatchObject({ id: 'e7' });
    expect(await store.delete('emb', ['e7', 'e8', 'e9'])).toBe(3);
    expect(await store.deleteByDocument('emb', 'doc10')).toBe(40);
    for (const id of ['e7', 'e8', 'e9']) live.delete(id);
    for (const [id, it] of live) if (it.documentId === 'doc10') live.delete(id);
    expect(await store.count('emb')).toBe(live.size);
    expect((await store.query('emb', moved, { k: 1 }))[0]!.id).not.toBe('e7');
    expect(await check(10)).toBeGreaterThanOrEqual(0.95);

    // Filters: a few documents are ranked exactly; many (over 800 vectors) are scanned by code among themselves.
    expect(await check(5, ['doc3', 'doc50'])).toBe(1);
    expect(
      await check(
        10,
        Array.from({ length: 60 }, (_, i) => `doc${i}`),
      ),
    ).toBeGreaterThanOrEqual(0.95);

    await database.close();
    database = await openTestDatabase(location, 'sqlite');
    store = createVectorStore(database);
    expect(await check(10)).toBeGreaterThanOrEqual(0.95);
    expect(await store.dropCollection('emb')).toBe(true);
    expect(database.sqlite!.prepare(`select name from sqlite_master where name like 'vec:emb%'`).all()).toEqual([]);
  });
});

describe('sqlite vector store over a collection of an earlier version', () => {
  // Earlier versions kept a collection in a sqlite-vec `vec0` table `vec_<name>` (id primary key,
  // document_id '' for none). Its first use moves the vectors into today's table and drops the old one.
  it('moves the vec0 table of an earlier version and answers from it', async () => {
    const database = await openTestDatabase(mkdtempSync(join(dir, 'legacy-')), 'sqlite');
    try {
      const sqlite = database.sqlite!;
      createVectorStore(database); // loads sqlite-vec and makes the registry
      sqlite.exec(
        'create virtual table "vec_old" using vec0(id text primary key, embedding float[3] distance_metric=cosine, document_id text)',
      );
      const put = sqlite.prepare('insert into "vec_old" (id, embedding, document_id) values (?, ?, ?)');
      put.run('a', Buffer.from(Float32Array.of(1, 0, 0).buffer), 'doc-a');
      put.run('b', Buffer.from(Float32Array.of(0, 1, 0).buffer), '');
      sqlite.prepare("insert into vector_collections (name, dimensions, metric, created_at) values ('old', 3, 'cosine', 0)").run();

      const store = createVectorStore(database);
      expect(await store.query('old', [0.1, 1, 0], { k: 2 })).toMatchObject([
        { id: 'b', documentId: null },
        { id: 'a', documentId: 'doc-a' },
      ]);
      expect(await store.count('old')).toBe(2);
      expect(sqlite.prepare("select name from sqlite_master where name = 'vec_old'").all()).toEqual([]);
      await store.upsert('old', [{ id: 'c', vector: [0, 0, 1], documentId: 'doc-a' }]);
      expect(await store.deleteByDocument('old', 'doc-a')).toBe(2);
      expect((await store.query('old', [1, 1, 1], { k: 5 })).map((m) => m.id)).toEqual(['b']);
    } finally {
      await database.close();
    }
  });
});
