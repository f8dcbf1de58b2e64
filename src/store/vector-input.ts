import type { CollectionInfo, CollectionSpec, VectorItem, VectorMetric, VectorQuery } from './vector-store.js';

/** The bounds every vector store enforces, the same on both implementations. */
export const VECTOR_LIMITS = {
  /**
   * Numbers per vector. pgvector indexes (HNSW) `vector` up to 2,000 dimensions and `halfvec` up to
   * 4,000, so wider collections are stored as `halfvec` there; sqlite-vec takes up to 8,192.
   */
  dimensions: 4000,
  /** Neighbours per query (pgvector's `hnsw.ef_search` tops out at 1,000). */
  k: 1000,
  /** Items per `upsert` call: one transaction. */
  upsertItems: 1000,
  /** Ids per `delete` call. */
  deleteIds: 1000,
  /** Documents in a query's `documentIds` filter. */
  documentIds: 1000,
  /** Characters in a vector id or a document id. */
  idLength: 256,
} as const;

/** A collection name: lower-case letters, digits and `_`, starting with a letter; it names tables (`vec_<name>`). */
const COLLECTION_NAME = /^[a-z][a-z0-9_]{0,47}$/;
const METRICS: readonly VectorMetric[] = ['cosine', 'l2'];

export type VectorStoreErrorKind = 'invalid' | 'not_found' | 'conflict' | 'unavailable';

/**
 * What a vector store throws: `invalid` input (a wrong dimension, NaN, a bad name…), a `not_found`
 * collection, a `conflict` (a collection that exists with another spec), or the store is
 * `unavailable` (pgvector missing on the server). The message says which and what to do.
 */
export class VectorStoreError extends Error {
  constructor(
    readonly kind: VectorStoreErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'VectorStoreError';
  }
}

const invalid = (message: string) => new VectorStoreError('invalid', `vector store: ${message}`);

export function checkCollectionName(name: unknown): string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name))
    throw invalid(`collection name ${describe(name)} must be 1 to 48 lower-case letters, digits and _, starting with a letter`);
  return name;
}

export function checkSpec(name: string, spec: CollectionSpec): CollectionInfo {
  const dimensions = spec?.dimensions;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > VECTOR_LIMITS.dimensions)
    throw invalid(`dimensions must be an integer from 1 to ${VECTOR_LIMITS.dimensions}, got ${describe(dimensions)}`);
  const metric = spec.metric ?? 'cosine';
  if (!METRICS.includes(metric)) throw invalid(`metric must be one of ${METRICS.join(', ')}, got ${describe(metric)}`);
  return { name, dimensions, metric };
}

/** The vector as float32, or an error naming the first bad number (NaN, ±Infinity, outside float32's range). */
export function checkVector(vector: unknown, info: CollectionInfo, what = 'vector'): Float32Array {
  if (!(vector instanceof Float32Array) && !Array.isArray(vector)) throw invalid(`${what} must be a Float32Array or an array of numbers`);
  if (vector.length !== info.dimensions)
    throw invalid(`${what} has ${vector.length} dimensions; collection "${info.name}" holds ${info.dimensions}`);
  const out = vector instanceof Float32Array ? vector : Float32Array.from(vector as number[]);
  let zero = true;
  for (let i = 0; i < out.length; i++) {
    const v = out[i]!;
    const given = (vector as ArrayLike<unknown>)[i];
    if (typeof given !== 'number') throw invalid(`${what}[${i}]: ${describe(given)} is not a number`);
    if (!Number.isFinite(v)) {
      const why =
        typeof given === 'number' && Number.isFinite(given)
          ? `${given} is outside float32's range`
          : `${describe(given)} is not a finite number`;
      throw invalid(`${what}[${i}]: ${why}`);
    }
    if (v !== 0) zero = false;
  }
  if (zero && info.metric === 'cosine') throw invalid(`${what} is all zeros: a zero vector has no cosine distance`);
  return out;
}

export function checkId(id: unknown, what: string): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > VECTOR_LIMITS.idLength)
    throw invalid(`${what} must be a string of 1 to ${VECTOR_LIMITS.idLength} characters, got ${describe(id)}`);
  return id;
}

export interface CheckedItem {
  id: string;
  vector: Float32Array;
  documentId: string | null;
}

/** Validated items, an id given twice kept once (the last one). */
export function checkItems(items: readonly VectorItem[], info: CollectionInfo): CheckedItem[] {
  if (!Array.isArray(items)) throw invalid('items must be an array');
  if (items.length > VECTOR_LIMITS.upsertItems)
    throw invalid(`at most ${VECTOR_LIMITS.upsertItems} items per upsert, got ${items.length}: split the batch`);
  const byId = new Map<string, CheckedItem>();
  items.forEach((item, i) => {
    const id = checkId(item?.id, `items[${i}].id`);
    const documentId = item.documentId === undefined ? null : checkId(item.documentId, `items[${i}].documentId`);
    const vector = checkVector(item.vector, info, `items[${i}].vector`);
    byId.delete(id);
    byId.set(id, { id, vector, documentId });
  });
  return [...byId.values()];
}

export function checkIds(ids: readonly string[], what: string, max: number): string[] {
  if (!Array.isArray(ids)) throw invalid(`${what} must be an array`);
  if (ids.length > max) throw invalid(`at most ${max} ${what} per call, got ${ids.length}`);
  return [...new Set(ids.map((id, i) => checkId(id, `${what}[${i}]`)))];
}

export function checkQuery(options: VectorQuery): { k: number; documentIds: string[] | undefined } {
  const k = options?.k;
  if (!Number.isInteger(k) || k < 1 || k > VECTOR_LIMITS.k)
    throw invalid(`k must be an integer from 1 to ${VECTOR_LIMITS.k}, got ${describe(k)}`);
  const documentIds =
    options.documentIds === undefined ? undefined : checkIds(options.documentIds, 'documentIds', VECTOR_LIMITS.documentIds);
  return { k, documentIds };
}

export function notFound(name: string): VectorStoreError {
  return new VectorStoreError('not_found', `vector store: no collection named "${name}" (ensureCollection creates it)`);
}

export function specConflict(existing: CollectionInfo, asked: CollectionInfo): VectorStoreError {
  return new VectorStoreError(
    'conflict',
    `vector store: collection "${existing.name}" exists with ${existing.dimensions} dimensions (${existing.metric}); ` +
      `asked for ${asked.dimensions} (${asked.metric}). Drop it first to change its spec`,
  );
}

/** The score of a distance: larger is nearer. */
export function scoreOf(metric: VectorMetric, distance: number): number {
  return metric === 'cosine' ? 1 - distance : 1 / (1 + distance);
}

export function toMetric(value: string): VectorMetric {
  return value === 'l2' ? 'l2' : 'cosine';
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : typeof value;
}
