import type SQLite from 'better-sqlite3';
import { codeWords, hammingNearest, encode } from './binary-codes.js';
import { loadSqliteVec } from './load-sqlite-vec.js';
import { SqliteVectorCodes } from './sqlite-vector-codes.js';
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

/** The collections and their specs; each collection's vectors live in a table `vec:<name>`. */
const REGISTRY_SQL = `create table if not exists vector_collections (
  name text primary key,
  dimensions integer not null,
  metric text not null,
  created_at integer not null
)`;

/**
 * When a collection gets binary codes: cosine collections of at least this many dimensions (fewer
 * bits pick candidates poorly) once they hold vectors × dimensions ≥ {@link QUANTIZE_WORK} (about
 * 11,000 vectors of 384 dimensions, an exact scan of some 10 ms).
 */
const QUANTIZE_MIN_DIMENSIONS = 64;
const QUANTIZE_WORK = 1 << 22;
/** Candidates the code scan hands the exact ranking: {@link RESCORE_FACTOR}·k, at least {@link RESCORE_MIN}. */
const RESCORE_MIN = 800;
const RESCORE_FACTOR = 4;

/** The table of a collection; the name was checked (`[a-z][a-z0-9_]*`), and `:` cannot occur in it. */
const table = (name: string) => `"vec:${name}"`;

/** The `vec0` table of a collection made by an earlier version. */
const legacyTable = (name: string) => `"vec_${name}"`;

/** A float32 vector as the little-endian blob sqlite-vec reads. */
const blob = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

const DISTANCE = { cosine: 'vec_distance_cosine', l2: 'vec_distance_l2' } as const;

interface RegistryRow {
  name: string;
  dimensions: number;
  metric: string;
}

interface MatchRow {
  id: string;
  document_id: string | null;
  distance: number;
}

/**
 * Vectors in the embedded database: per collection a table `vec:<name>` (rowid, the caller's id,
 * document_id, the float32 vector) with an index on document_id, ranked by sqlite-vec's distance
 * functions. Small collections are scanned exactly. Large cosine collections also keep a binary code
 * per vector (`SqliteVectorCodes`): a query scans the codes for the max(800, 4·k) nearest by Hamming
 * distance and ranks those by their exact distance, so its results carry exact distances and, on
 * embeddings, the exact top k at a few milliseconds per 100,000 vectors where an exact scan takes 50
 * to 90 (sqlite-vec's `vec0` KNN also costs k × the collection's size, and a lookup by rowid 40 µs).
 * A document filter takes the document index: few vectors are ranked exactly, many are scanned by code.
 * better-sqlite3 is synchronous: every method does its work in one transaction.
 *
 * The extension is loaded on baimo's main connection only; other connections to the file (the log
 * writer's thread, CLI commands) never touch these tables.
 */
export class SqliteVectorStore implements VectorStore {
  readonly dialect = 'sqlite' as const;
  private readonly selectOne: SQLite.Statement<[string], RegistryRow>;
  private readonly codes: SqliteVectorCodes;
  /** Collections known to have their table (not only the `vec0` one of an earlier version). */
  private readonly current = new Set<string>();

  constructor(private readonly sqlite: SQLite.Database) {
    loadSqliteVec(sqlite);
    sqlite.exec(REGISTRY_SQL);
    this.codes = new SqliteVectorCodes(sqlite);
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
      this.createTable(asked.name);
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
    // A replaced id keeps its rowid, and so its slot of the codes.
    const put = this.sqlite.prepare<[string, string | null, Buffer], { rowid: number }>(
      `insert into ${t} (id, document_id, embedding) values (?, ?, ?) ` +
        'on conflict (id) do update set document_id = excluded.document_id, embedding = excluded.embedding returning rowid',
    );
    this.sqlite.transaction(() => {
      const written = checked.map((item) => ({ rowid: put.get(item.id, item.documentId, blob(item.vector))!.rowid, vector: item.vector }));
      const center = this.codes.center(info.name);
      if (center) this.codes.write(info.name, center, written);
      else if (this.quantizable(info) && this.countOf(info.name) * info.dimensions >= QUANTIZE_WORK)
        this.codes.build(info.name, t, info.dimensions);
    })();
  }

  async delete(collection: string, ids: readonly string[]): Promise<number> {
    const info = this.require(collection);
    const unique = checkIds(ids, 'ids', VECTOR_LIMITS.deleteIds);
    if (unique.length === 0) return 0;
    return this.remove(info.name, 'id in (select value from json_each(?))', JSON.stringify(unique));
  }

  async deleteByDocument(collection: string, documentId: string): Promise<number> {
    const info = this.require(collection);
    return this.remove(info.name, 'document_id = ?', checkId(documentId, 'documentId'));
  }

  async query(collection: string, vector: Float32Array | readonly number[], options: VectorQuery): Promise<VectorMatch[]> {
    const info = this.require(collection);
    const v = checkVector(vector, info);
    const { k, documentIds } = checkQuery(options);
    if (documentIds?.length === 0) return [];
    const rows = this.sqlite.transaction(() => {
      const center = this.codes.center(info.name);
      return center ? this.approximate(info, v, k, center, documentIds) : this.exact(info, v, k, documentIds);
    })();
    return rows.map((r) => ({ id: r.id, documentId: r.document_id, distance: r.distance, score: scoreOf(info.metric, r.distance) }));
  }

  async count(collection: string): Promise<number> {
    return this.countOf(this.require(collection).name);
  }

  async dropCollection(name: string): Promise<boolean> {
    const checked = checkCollectionName(name);
    const drop = this.sqlite.transaction(() => {
      if (!this.info(checked)) return false;
      this.sqlite.exec(`drop table if exists ${table(checked)}; drop table if exists ${legacyTable(checked)}`);
      this.codes.drop(checked);
      this.current.delete(checked);
      this.sqlite.prepare('delete from vector_collections where name = ?').run(checked);
      return true;
    });
    return drop.immediate();
  }

  /** The exact top k: every vector (of the documents) ranked by its distance. */
  private exact(info: CollectionInfo, v: Float32Array, k: number, documentIds: string[] | undefined): MatchRow[] {
    const filter = documentIds ? 'where document_id in (select value from json_each(?))' : '';
    const params: unknown[] = [blob(v)];
    if (documentIds) params.push(JSON.stringify(documentIds));
    params.push(k);
    return this.sqlite
      .prepare<unknown[], MatchRow>(
        `select id, document_id, ${DISTANCE[info.metric]}(embedding, ?) as distance from ${table(info.name)} ${filter} ` +
          'order by distance, rowid limit ?',
      )
      .all(...params);
  }

  /**
   * Candidates by code, ranked exactly. With a document filter: the documents' vectors, all ranked
   * exactly when they are few, else scanned by code among themselves.
   */
  private approximate(info: CollectionInfo, v: Float32Array, k: number, center: Float32Array, documentIds?: string[]): MatchRow[] {
    const n = Math.max(RESCORE_MIN, RESCORE_FACTOR * k);
    let allowed: Set<number> | undefined;
    if (documentIds) {
      const rowids = this.sqlite
        .prepare<[string], number>(`select rowid from ${table(info.name)} where document_id in (select value from json_each(?))`)
        .pluck()
        .all(JSON.stringify(documentIds));
      if (rowids.length <= n) return this.rank(info, v, k, rowids);
      allowed = new Set(rowids);
    }
    const query = new Int32Array(codeWords(info.dimensions));
    encode(v, center, query, 0);
    return this.rank(info, v, k, hammingNearest(this.codes.blocks(info.name), query, n, allowed));
  }

  /** These rowids' vectors ranked by their exact distance, the nearest k. */
  private rank(info: CollectionInfo, v: Float32Array, k: number, rowids: readonly number[]): MatchRow[] {
    return this.sqlite
      .prepare<[Buffer, string, number], MatchRow>(
        `select id, document_id, ${DISTANCE[info.metric]}(embedding, ?) as distance from ${table(info.name)} ` +
          'where rowid in (select value from json_each(?)) order by distance, rowid limit ?',
      )
      .all(blob(v), JSON.stringify(rowids), k);
  }

  /** Deletes the rows matching `where` and their codes; returns how many. */
  private remove(name: string, where: string, param: string): number {
    return this.sqlite.transaction(() => {
      const gone = this.sqlite
        .prepare<[string], number>(`delete from ${table(name)} where ${where} returning rowid`)
        .pluck()
        .all(param);
      if (gone.length > 0 && this.codes.center(name)) this.codes.clear(name, gone);
      return gone.length;
    })();
  }

  private quantizable(info: CollectionInfo): boolean {
    return info.metric === 'cosine' && info.dimensions >= QUANTIZE_MIN_DIMENSIONS;
  }

  private countOf(name: string): number {
    return this.sqlite
      .prepare<[], number>(`select count(*) from ${table(name)}`)
      .pluck()
      .get()!;
  }

  private info(name: string): CollectionInfo | undefined {
    const row = this.selectOne.get(name);
    return row ? toInfo(row) : undefined;
  }

  private require(collection: string): CollectionInfo {
    const name = checkCollectionName(collection);
    const info = this.info(name);
    if (!info) throw notFound(name);
    if (!this.current.has(name)) this.upgrade(info);
    return info;
  }

  private createTable(name: string): void {
    this.sqlite.exec(
      `create table ${table(name)} (rowid integer primary key, id text not null unique, document_id text, embedding blob not null);` +
        `create index "vec:${name}:doc" on ${table(name)} (document_id)`,
    );
  }

  /** A collection an earlier version made as a `vec0` table (`vec_<name>`): its vectors move to a table of today's. */
  private upgrade(info: CollectionInfo): void {
    const has = (t: string) => !!this.sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(t);
    this.sqlite
      .transaction(() => {
        if (has(`vec:${info.name}`)) return;
        this.createTable(info.name);
        if (!has(`vec_${info.name}`)) return;
        this.sqlite.exec(
          `insert into ${table(info.name)} (id, document_id, embedding) select id, nullif(document_id, ''), embedding from ${legacyTable(info.name)};` +
            `drop table ${legacyTable(info.name)}`,
        );
        if (this.quantizable(info) && this.countOf(info.name) * info.dimensions >= QUANTIZE_WORK)
          this.codes.build(info.name, table(info.name), info.dimensions);
      })
      .immediate();
    this.current.add(info.name);
  }
}

function toInfo(row: RegistryRow): CollectionInfo {
  return { name: row.name, dimensions: row.dimensions, metric: toMetric(row.metric) };
}
