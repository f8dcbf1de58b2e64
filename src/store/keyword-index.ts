import type { Dialect } from './dialect.js';
import type { OpenedDatabase } from './open-database.js';
import { PgKeywordIndex } from './pg-keyword-index.js';
import { SqliteKeywordIndex } from './sqlite-keyword-index.js';

/** The bounds every keyword index enforces, the same on both implementations. */
export const KEYWORD_LIMITS = {
  /** Items per `upsert` call: one transaction. */
  upsertItems: 1000,
  /** Tokens per item (a chunk of a few thousand characters segments into far fewer). */
  tokensPerItem: 20_000,
  /** Characters per token. */
  tokenLength: 64,
  /** Distinct tokens per query (longer queries keep their first ones). */
  queryTokens: 256,
  /** Results per search. */
  k: 1000,
  /** Ids per `delete` call. */
  deleteIds: 1000,
  /** Documents in a search's `documentIds` filter. */
  documentIds: 1000,
  /** Characters in an item id or a document id. */
  idLength: 256,
} as const;

/** A collection name, as the vector store's: lower-case letters, digits and `_`, starting with a letter (it names tables). */
const COLLECTION_NAME = /^[a-z][a-z0-9_]{0,47}$/;
/** A token: letters, marks and digits only, so that it is one term to FTS5's unicode61 and one lexeme to PostgreSQL. */
const TOKEN = /^[\p{L}\p{M}\p{N}]+$/u;

export interface KeywordItem {
  /** Unique in its collection: upserting an id again replaces its tokens. */
  id: string;
  /** The document the item belongs to: what `deleteByDocument` and the `documentIds` filter match. */
  documentId: string;
  /** The item's text, already segmented and normalized (the knowledge layer's segmenter), in order, repeats kept. */
  tokens: readonly string[];
}

export interface KeywordQuery {
  /** How many results, 1 to {@link KEYWORD_LIMITS}.k. */
  k: number;
  /** Only items of these documents (an empty list matches nothing). */
  documentIds?: readonly string[];
}

export interface KeywordMatch {
  id: string;
  /** BM25: larger is better. Comparable within one search only. */
  score: number;
}

/**
 * Named collections of pre-segmented texts with BM25 search: the knowledge bases' keyword half. The
 * store never segments: the caller passes tokens (Chinese words from jieba, lower-cased Latin), and a
 * query matches items holding any of its tokens, ranked by BM25. SQLite: an FTS5 table per collection
 * ranked by `bm25()`. PostgreSQL: a table per collection with a GIN-indexed `tsvector` of the tokens
 * as they are, ranked by BM25 computed in SQL (k1 1.2, b 0.75). Scores differ between dialects; the
 * order of clear matches does not. A collection exists from its first upsert.
 */
export interface KeywordIndex {
  readonly dialect: Dialect;
  /** Inserts or replaces up to {@link KEYWORD_LIMITS}.upsertItems items in one transaction (an id given twice: the last wins). */
  upsert(collection: string, items: readonly KeywordItem[]): Promise<void>;
  /** Deletes these ids; returns how many existed. */
  delete(collection: string, ids: readonly string[]): Promise<number>;
  /** Deletes every item of the document; returns how many there were. */
  deleteByDocument(collection: string, documentId: string): Promise<number>;
  /** The best `k` items holding any of the query's tokens, best first; none for an unknown collection. */
  search(collection: string, queryTokens: readonly string[], options: KeywordQuery): Promise<KeywordMatch[]>;
  count(collection: string): Promise<number>;
  /** Drops the collection; false when there was none. */
  dropCollection(collection: string): Promise<boolean>;
}

/** Wrong input to a keyword index; the message says what is wrong. */
export class KeywordIndexError extends Error {
  readonly kind = 'invalid';
  constructor(message: string) {
    super(`keyword index: ${message}`);
    this.name = 'KeywordIndexError';
  }
}

const describe = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : String(v));

export function checkCollection(name: unknown): string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name))
    throw new KeywordIndexError(
      `collection name ${describe(name)} must be 1 to 48 lower-case letters, digits and _, starting with a letter`,
    );
  return name;
}

export function checkId(id: unknown, what: string): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > KEYWORD_LIMITS.idLength)
    throw new KeywordIndexError(`${what} must be a string of 1 to ${KEYWORD_LIMITS.idLength} characters, got ${describe(id)}`);
  return id;
}

export function checkIds(ids: unknown, what: string, max: number): string[] {
  if (!Array.isArray(ids) || ids.length > max) throw new KeywordIndexError(`${what} must be an array of at most ${max} ids`);
  return [...new Set(ids.map((id) => checkId(id, what)))];
}

function checkTokens(tokens: unknown, what: string, max: number): string[] {
  if (!Array.isArray(tokens) || tokens.length > max) throw new KeywordIndexError(`${what} must be an array of at most ${max} tokens`);
  for (const t of tokens)
    if (typeof t !== 'string' || t.length > KEYWORD_LIMITS.tokenLength || !TOKEN.test(t))
      throw new KeywordIndexError(`${what}: ${describe(t)} is not a token (1 to ${KEYWORD_LIMITS.tokenLength} letters and digits)`);
  return tokens as string[];
}

export interface CheckedKeywordItem {
  id: string;
  documentId: string;
  tokens: string[];
}

/** The items, validated, an id given twice keeping its last. */
export function checkItems(items: unknown): CheckedKeywordItem[] {
  if (!Array.isArray(items) || items.length > KEYWORD_LIMITS.upsertItems)
    throw new KeywordIndexError(`items must be an array of at most ${KEYWORD_LIMITS.upsertItems}`);
  const byId = new Map<string, CheckedKeywordItem>();
  items.forEach((item: Partial<KeywordItem> | null, i) => {
    const id = checkId(item?.id, `items[${i}].id`);
    const documentId = checkId(item?.documentId, `items[${i}].documentId`);
    byId.delete(id);
    byId.set(id, { id, documentId, tokens: checkTokens(item?.tokens, `items[${i}].tokens`, KEYWORD_LIMITS.tokensPerItem) });
  });
  return [...byId.values()];
}

/** The query's distinct tokens (the first {@link KEYWORD_LIMITS}.queryTokens), k and filter, validated. */
export function checkSearch(queryTokens: unknown, options: KeywordQuery): { terms: string[]; k: number; documentIds?: string[] } {
  if (!Array.isArray(queryTokens)) throw new KeywordIndexError('queryTokens must be an array of tokens');
  const terms = [...new Set(checkTokens(queryTokens.slice(0, 4 * KEYWORD_LIMITS.queryTokens), 'queryTokens', Infinity))].slice(
    0,
    KEYWORD_LIMITS.queryTokens,
  );
  const k = options?.k;
  if (!Number.isInteger(k) || k < 1 || k > KEYWORD_LIMITS.k)
    throw new KeywordIndexError(`k must be an integer from 1 to ${KEYWORD_LIMITS.k}`);
  if (options.documentIds === undefined) return { terms, k };
  return { terms, k, documentIds: checkIds(options.documentIds, 'documentIds', KEYWORD_LIMITS.documentIds) };
}

/** The keyword index of `database`: FTS5 on the embedded database, tsvector + BM25 in SQL on PostgreSQL. */
export function createKeywordIndex(database: Pick<OpenedDatabase, 'dialect' | 'sqlite' | 'pool'>): KeywordIndex {
  if (database.dialect === 'postgres') {
    if (!database.pool) throw new Error('keyword index: a PostgreSQL database without its pool');
    return new PgKeywordIndex(database.pool);
  }
  if (!database.sqlite) throw new Error('keyword index: an SQLite database without its connection');
  return new SqliteKeywordIndex(database.sqlite);
}
