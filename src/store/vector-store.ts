import type { Dialect } from './dialect.js';
import type { OpenedDatabase } from './open-database.js';
import { PgVectorStore } from './pg-vector-store.js';
import { SqliteVectorStore } from './sqlite-vector-store.js';

/**
 * How near two vectors are. `cosine` (the default; what embedding models are made for): distance
 * `1 - cos θ` in [0, 2], score `cos θ`. `l2`: Euclidean distance, score `1 / (1 + distance)`.
 * Inner product is left out: sqlite-vec's `vec0` has no such metric.
 */
export type VectorMetric = 'cosine' | 'l2';

export interface CollectionSpec {
  /** Every vector in the collection has exactly this many numbers (1 to {@link VECTOR_LIMITS}.dimensions). */
  dimensions: number;
  metric?: VectorMetric;
}

export interface CollectionInfo {
  name: string;
  dimensions: number;
  metric: VectorMetric;
}

export interface VectorItem {
  /** Unique in its collection: upserting an id again replaces its vector and document. */
  id: string;
  vector: Float32Array | readonly number[];
  /** The document the vector belongs to (a chunk's source): what `deleteByDocument` and the `documentIds` filter match. */
  documentId?: string;
}

export interface VectorQuery {
  /** How many neighbours, 1 to {@link VECTOR_LIMITS}.k. */
  k: number;
  /** Only vectors of these documents (an empty list matches nothing). */
  documentIds?: readonly string[];
}

export interface VectorMatch {
  id: string;
  documentId: string | null;
  /** The metric's distance: smaller is nearer. */
  distance: number;
  /** Larger is nearer: cosine similarity for `cosine`, `1 / (1 + distance)` for `l2`. */
  score: number;
}

/**
 * Named collections of fixed-dimension vectors with nearest-neighbour search: the knowledge bases'
 * embeddings. Two implementations behind one contract: tables ranked by sqlite-vec's distance
 * functions in the embedded database ({@link SqliteVectorStore}: exact search, large collections
 * through binary codes first, then exact distances) and pgvector tables with an HNSW index on
 * PostgreSQL ({@link PgVectorStore}, approximate search tuned for exact results on small sets).
 * Every method validates its input and throws a {@link VectorStoreError} saying what is wrong.
 */
export interface VectorStore {
  readonly dialect: Dialect;
  /** Creates the collection, or returns it when it exists with the same spec; a different spec is a `conflict`. */
  ensureCollection(name: string, spec: CollectionSpec): Promise<CollectionInfo>;
  getCollection(name: string): Promise<CollectionInfo | undefined>;
  listCollections(): Promise<CollectionInfo[]>;
  /** Inserts or replaces up to {@link VECTOR_LIMITS}.upsertItems items in one transaction (an id given twice: the last wins). */
  upsert(collection: string, items: readonly VectorItem[]): Promise<void>;
  /** Deletes these ids (up to {@link VECTOR_LIMITS}.deleteIds); returns how many existed. */
  delete(collection: string, ids: readonly string[]): Promise<number>;
  /** Deletes every vector of the document; returns how many there were. */
  deleteByDocument(collection: string, documentId: string): Promise<number>;
  /** The `k` nearest vectors, nearest first. */
  query(collection: string, vector: Float32Array | readonly number[], options: VectorQuery): Promise<VectorMatch[]>;
  count(collection: string): Promise<number>;
  /** Drops the collection and its vectors; false when there was none. */
  dropCollection(name: string): Promise<boolean>;
}

/** The vector store of `database`: sqlite-vec on the embedded database, pgvector on PostgreSQL. */
export function createVectorStore(database: Pick<OpenedDatabase, 'dialect' | 'sqlite' | 'pool'>): VectorStore {
  if (database.dialect === 'postgres') {
    if (!database.pool) throw new Error('vector store: a PostgreSQL database without its pool');
    return new PgVectorStore(database.pool);
  }
  if (!database.sqlite) throw new Error('vector store: an SQLite database without its connection');
  return new SqliteVectorStore(database.sqlite);
}

export { VECTOR_LIMITS, VectorStoreError } from './vector-input.js';
