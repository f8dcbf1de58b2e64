import type SQLite from 'better-sqlite3';
import { loadSqliteVec } from './load-sqlite-vec.js';
import {
  checkCollectionName,
  checkId,
  checkIds,
  checkItems,
  checkQuery,
  checkSpec,
  checkVector,
  notFound,
  scoreOf,
  specConflict,
  toMetric,
  VECTOR_LIMITS,
} from './vector-input.js';
import type { CollectionInfo, CollectionSpec, VectorItem, VectorMatch, VectorQuery, VectorStore } from './vector-store.js';

/** The collections and their specs; each collection's vectors live in a `vec0` virtual table `vec_<name>`. */
const REGISTRY_SQL = `create table if not exists vector_collections (
  name text primary key,
  dimensions integer not null,
  metric text not null,
  created_at integer not null
)`;

/** The table of a collection; the name was checked (`[a-z][a-z0-9_]*`), the quotes are belt and braces. */
const table = (name: string) => `"vec_${name}"`;

/** A float32 vector as the little-endian blob sqlite-vec reads. */
const blob = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

interface RegistryRow {
  name: string;
  dimensions: number;
  metric: string;
}

/**
 * Vectors in the embedded database with sqlite-vec: one `vec0` virtual table per collection, its
 * distance metric fixed at creation (`distance_metric=cosine|l2`), a text primary key (the vector's
 * id) and a `document_id` metadata column ('' for none: vec0 metadata is never NULL) that KNN
 * queries filter on while they scan, so a filtered query still finds `k` matches. sqlite-vec's KNN
 * is exact (a brute-force scan over float32 chunks), fast enough for knowledge bases of hundreds of
 * thousands of chunks. better-sqlite3 is synchronous: every method does its work in one transaction.
 *
 * The extension is loaded on baimo's main connection only; other connections to the file (the log
 * writer's thread, CLI commands) never touch these tables.
 */
export class SqliteVectorStore implements VectorStore {
  readonly dialect = 'sqlite' as const;
  private readonly selectOne: SQLite.Statement<[string], RegistryRow>;

  constructor(private readonly sqlite: SQLite.Database) {
    loadSqliteVec(sqlite);
    sqlite.exec(REGISTRY_SQL);
    this.selectOne = sqlite.prepare('select name, dimensions, metric from vector_collections where name = ?');
  }

  async ensureCollection(name: string, spec: CollectionSpec): Promise<CollectionInfo> {
    const asked = checkSpec(checkCollectionName(name), spec);
    const create = this.sqlite.transaction(() => {
      const existing = this.info(asked.name);
      if (existing) {
        if (existing.dimensions !== asked.dimensions || existing.metric !== asked.metric) throw specConflict(existing, asked);
        return existing;
      }
      this.sqlite.exec(
        `create virtual table ${table(asked.name)} using vec0(` +
          `id text primary key, embedding float[${asked.dimensions}] distance_metric=${asked.metric}, document_id text)`,
      );
      this.sqlite
        .prepare('insert into vector_collections (name, dimensions, metric, created_at) values (?, ?, ?, ?)')
        .run(asked.name, asked.dimensions, asked.metric, Date.now());
      return asked;
    });
    return create.immediate();
  }

  async getCollection(name: string): Promise<CollectionInfo | undefined> {
    return this.info(checkCollectionName(name));
  }

  async listCollections(): Promise<CollectionInfo[]> {
    const rows = this.sqlite.prepare('select name, dimensions, metric from vector_collections order by name').all() as RegistryRow[];
    return rows.map(toInfo);
  }

  async upsert(collection: string, items: readonly VectorItem[]): Promise<void> {
    const info = this.require(collection);
    const checked = checkItems(items, info);
    if (checked.length === 0) return;
    const t = table(info.name);
    const remove = this.sqlite.prepare(`delete from ${t} where id = ?`);
    const insert = this.sqlite.prepare(`insert into ${t} (id, embedding, document_id) values (?, ?, ?)`);
    // vec0 has no INSERT OR REPLACE: delete then insert, all in one transaction.
    this.sqlite.transaction(() => {
      for (const item of checked) {
        remove.run(item.id);
        insert.run(item.id, blob(item.vector), item.documentId ?? '');
      }
    })();
  }

  async delete(collection: string, ids: readonly string[]): Promise<number> {
    const info = this.require(collection);
    const unique = checkIds(ids, 'ids', VECTOR_LIMITS.deleteIds);
    const remove = this.sqlite.prepare(`delete from ${table(info.name)} where id = ?`);
    return this.sqlite.transaction(() => unique.reduce((n, id) => n + remove.run(id).changes, 0))();
  }

  async deleteByDocument(collection: string, documentId: string): Promise<number> {
    const info = this.require(collection);
    const doc = checkId(documentId, 'documentId');
    return this.sqlite.prepare(`delete from ${table(info.name)} where document_id = ?`).run(doc).changes;
  }

  async query(collection: string, vector: Float32Array | readonly number[], options: VectorQuery): Promise<VectorMatch[]> {
    const info = this.require(collection);
    const v = checkVector(vector, info);
    const { k, documentIds } = checkQuery(options);
    if (documentIds?.length === 0) return [];
    const filter = documentIds ? ' and document_id in (select value from json_each(?))' : '';
    const params: unknown[] = [blob(v), k];
    if (documentIds) params.push(JSON.stringify(documentIds));
    const rows = this.sqlite
      .prepare(`select id, document_id, distance from ${table(info.name)} where embedding match ? and k = ?${filter} order by distance`)
      .all(...params) as { id: string; document_id: string; distance: number }[];
    return rows.map((r) => ({
      id: r.id,
      documentId: r.document_id === '' ? null : r.document_id,
      distance: r.distance,
      score: scoreOf(info.metric, r.distance),
    }));
  }

  async count(collection: string): Promise<number> {
    const info = this.require(collection);
    return (this.sqlite.prepare(`select count(*) as n from ${table(info.name)}`).get() as { n: number }).n;
  }

  async dropCollection(name: string): Promise<boolean> {
    const checked = checkCollectionName(name);
    const drop = this.sqlite.transaction(() => {
      if (!this.info(checked)) return false;
      this.sqlite.exec(`drop table if exists ${table(checked)}`);
      this.sqlite.prepare('delete from vector_collections where name = ?').run(checked);
      return true;
    });
    return drop.immediate();
  }

  private info(name: string): CollectionInfo | undefined {
    const row = this.selectOne.get(name);
    return row ? toInfo(row) : undefined;
  }

  private require(collection: string): CollectionInfo {
    const name = checkCollectionName(collection);
    const info = this.info(name);
    if (!info) throw notFound(name);
    return info;
  }
}

function toInfo(row: RegistryRow): CollectionInfo {
  return { name: row.name, dimensions: row.dimensions, metric: toMetric(row.metric) };
}
