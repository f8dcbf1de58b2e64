import type pg from 'pg';
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
  VectorStoreError,
  type CheckedItem,
} from './vector-input.js';
import type { CollectionInfo, CollectionSpec, VectorItem, VectorMatch, VectorMetric, VectorQuery, VectorStore } from './vector-store.js';

/** pgvector's HNSW index takes `vector` up to this many dimensions; wider collections are `halfvec` (up to 4,000). */
const VECTOR_INDEX_MAX = 2000;
/** Rows per INSERT statement of an upsert (all statements of one call share a transaction). */
const ROWS_PER_STATEMENT = 200;
/** The HNSW candidate list per query: at least this, at least 4·k, at most 1,000 (pgvector's limit). */
const EF_SEARCH_MIN = 100;

const REGISTRY_SQL = `create table if not exists vector_collections (
  name text primary key,
  dimensions integer not null,
  metric text not null,
  created_at bigint not null
)`;

/** Advisory lock keys (SQL expressions): one creator of the extension per database, one registry writer per schema. */
const EXTENSION_LOCK = "'baimo.pgvector'";
const REGISTRY_LOCK = "'baimo.vector_collections.' || current_schema()";

const OPERATOR: Record<VectorMetric, string> = { cosine: '<=>', l2: '<->' };

export const PGVECTOR_MISSING =
  'pgvector is not installed on this PostgreSQL server: knowledge bases on PostgreSQL store their embeddings with the ' +
  'pgvector extension. Install it with your PostgreSQL (the postgresql-<version>-pgvector package, the pgvector image, ' +
  'or a build from https://github.com/pgvector/pgvector; managed services offer it as "vector"), then retry';

interface Extension {
  /** The schema pgvector's types and operators live in, quoted: every use is qualified, whatever the search_path. */
  schema: string;
  /** `hnsw.iterative_scan` (filtered queries that still find k rows) exists from 0.8.0. */
  iterativeScan: boolean;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const table = (name: string) => quoteIdent(`vec_${name}`);
const vectorText = (v: Float32Array) => `[${v.join(',')}]`;

/**
 * Vectors on PostgreSQL with pgvector: one table per collection (`vec_<name>`: id, document_id,
 * `vector(dim)`, or `halfvec(dim)` past 2,000 dimensions) in baimo's schema, with an HNSW index of the
 * collection's metric and a b-tree on document_id. The extension is created on first use (in `public`
 * when that schema exists, so that dropping baimo's schema cannot take it away from other users of the
 * database), and every type and operator is schema-qualified, so baimo's `?schema=` search_path needs
 * no change. Queries raise `hnsw.ef_search` to max(100, 4·k) and, from pgvector 0.8, scan iteratively
 * in strict order, so a query of a few thousand vectors returns the exact top k and a document
 * filter still returns k rows.
 */
export class PgVectorStore implements VectorStore {
  readonly dialect = 'postgres' as const;
  private ready: Promise<Extension> | undefined;

  constructor(private readonly pool: pg.Pool) {}

  async ensureCollection(name: string, spec: CollectionSpec): Promise<CollectionInfo> {
    const asked = checkSpec(checkCollectionName(name), spec);
    const ext = await this.extension();
    return transaction(
      this.pool,
      async (c) => {
        const existing = await info(c, asked.name);
        if (existing) {
          if (existing.dimensions !== asked.dimensions || existing.metric !== asked.metric) throw specConflict(existing, asked);
          return existing;
        }
        const { type, ops } = columnType(ext, asked);
        const t = table(asked.name);
        await c.query(`create table ${t} (id text primary key, document_id text, embedding ${type}(${asked.dimensions}) not null)`);
        await c.query(`create index ${quoteIdent(`vec_${asked.name}_doc`)} on ${t} (document_id)`);
        await c.query(`create index ${quoteIdent(`vec_${asked.name}_hnsw`)} on ${t} using hnsw (embedding ${ops})`);
        await c.query('insert into vector_collections (name, dimensions, metric, created_at) values ($1, $2, $3, $4)', [
          asked.name,
          asked.dimensions,
          asked.metric,
          Date.now(),
        ]);
        return asked;
      },
      REGISTRY_LOCK,
    );
  }

  async getCollection(name: string): Promise<CollectionInfo | undefined> {
    const checked = checkCollectionName(name);
    await this.extension();
    return info(this.pool, checked);
  }

  async listCollections(): Promise<CollectionInfo[]> {
    await this.extension();
    const { rows } = await this.pool.query<RegistryRow>('select name, dimensions, metric from vector_collections order by name');
    return rows.map(toInfo);
  }

  async upsert(collection: string, items: readonly VectorItem[]): Promise<void> {
    const { ext, info } = await this.require(collection);
    const checked = checkItems(items, info);
    if (checked.length === 0) return;
    const { type } = columnType(ext, info);
    const statement =
      `insert into ${table(info.name)} (id, document_id, embedding) ` +
      `select id, doc, v::${type} from unnest($1::text[], $2::text[], $3::text[]) as t(id, doc, v) ` +
      'on conflict (id) do update set document_id = excluded.document_id, embedding = excluded.embedding';
    await transaction(this.pool, async (c) => {
      for (let i = 0; i < checked.length; i += ROWS_PER_STATEMENT) {
        const batch: CheckedItem[] = checked.slice(i, i + ROWS_PER_STATEMENT);
        await c.query(statement, [batch.map((b) => b.id), batch.map((b) => b.documentId), batch.map((b) => vectorText(b.vector))]);
      }
    });
  }

  async delete(collection: string, ids: readonly string[]): Promise<number> {
    const { info } = await this.require(collection);
    const unique = checkIds(ids, 'ids', VECTOR_LIMITS.deleteIds);
    if (unique.length === 0) return 0;
    const r = await this.pool.query(`delete from ${table(info.name)} where id = any($1::text[])`, [unique]);
    return r.rowCount ?? 0;
  }

  async deleteByDocument(collection: string, documentId: string): Promise<number> {
    const { info } = await this.require(collection);
    const doc = checkId(documentId, 'documentId');
    const r = await this.pool.query(`delete from ${table(info.name)} where document_id = $1`, [doc]);
    return r.rowCount ?? 0;
  }

  async query(collection: string, vector: Float32Array | readonly number[], options: VectorQuery): Promise<VectorMatch[]> {
    const { ext, info } = await this.require(collection);
    const v = checkVector(vector, info);
    const { k, documentIds } = checkQuery(options);
    if (documentIds?.length === 0) return [];
    const { type } = columnType(ext, info);
    const distance = `embedding OPERATOR(${ext.schema}.${OPERATOR[info.metric]}) $1::${type}`;
    const filter = documentIds ? 'where document_id = any($3::text[])' : '';
    const params: unknown[] = [vectorText(v), k];
    if (documentIds) params.push(documentIds);
    const efSearch = Math.min(1000, Math.max(EF_SEARCH_MIN, 4 * k));
    const settings = [`set local hnsw.ef_search = ${efSearch}`];
    if (ext.iterativeScan) settings.push('set local hnsw.iterative_scan = strict_order');
    const rows = await transaction(this.pool, async (c) => {
      await c.query(settings.join('; '));
      const r = await c.query<{ id: string; document_id: string | null; distance: number }>(
        `select id, document_id, ${distance} as distance from ${table(info.name)} ${filter} order by ${distance} limit $2`,
        params,
      );
      return r.rows;
    });
    return rows.map((r) => ({ id: r.id, documentId: r.document_id, distance: r.distance, score: scoreOf(info.metric, r.distance) }));
  }

  async count(collection: string): Promise<number> {
    const { info } = await this.require(collection);
    const { rows } = await this.pool.query<{ n: string | number }>(`select count(*) as n from ${table(info.name)}`);
    return Number(rows[0]!.n);
  }

  async dropCollection(name: string): Promise<boolean> {
    const checked = checkCollectionName(name);
    await this.extension();
    return transaction(
      this.pool,
      async (c) => {
        const r = await c.query('delete from vector_collections where name = $1', [checked]);
        if (!r.rowCount) return false;
        await c.query(`drop table if exists ${table(checked)}`);
        return true;
      },
      REGISTRY_LOCK,
    );
  }

  private async require(collection: string): Promise<{ ext: Extension; info: CollectionInfo }> {
    const name = checkCollectionName(collection);
    const ext = await this.extension();
    const found = await info(this.pool, name);
    if (!found) throw notFound(name);
    return { ext, info: found };
  }

  /** pgvector, created on first use, and the registry table; a failure is not kept, so a later call retries. */
  private extension(): Promise<Extension> {
    this.ready ??= prepare(this.pool).catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }
}

interface RegistryRow {
  name: string;
  dimensions: number;
  metric: string;
}

async function info(q: pg.Pool | pg.PoolClient, name: string): Promise<CollectionInfo | undefined> {
  const { rows } = await q.query<RegistryRow>('select name, dimensions, metric from vector_collections where name = $1', [name]);
  return rows[0] ? toInfo(rows[0]) : undefined;
}

function toInfo(row: RegistryRow): CollectionInfo {
  return { name: row.name, dimensions: row.dimensions, metric: toMetric(row.metric) };
}

/** The column type and HNSW operator class of a collection, schema-qualified. */
function columnType(ext: Extension, info: CollectionInfo): { type: string; ops: string } {
  const base = info.dimensions > VECTOR_INDEX_MAX ? 'halfvec' : 'vector';
  const suffix = info.metric === 'cosine' ? 'cosine_ops' : 'l2_ops';
  return { type: `${ext.schema}.${base}`, ops: `${ext.schema}.${base}_${suffix}` };
}

async function prepare(pool: pg.Pool): Promise<Extension> {
  let ext = await findExtension(pool);
  if (!ext) {
    const available = await pool.query("select 1 from pg_available_extensions where name = 'vector'");
    if (available.rowCount === 0) throw new VectorStoreError('unavailable', PGVECTOR_MISSING);
    try {
      // One creator at a time (replicas, parallel tests): concurrent CREATE EXTENSION IF NOT EXISTS can still collide.
      await transaction(
        pool,
        async (c) => {
          const hasPublic = await c.query("select 1 from pg_namespace where nspname = 'public'");
          await c.query(`create extension if not exists vector${hasPublic.rowCount ? ' schema public' : ''}`);
        },
        EXTENSION_LOCK,
      );
    } catch (err) {
      throw new VectorStoreError(
        'unavailable',
        `pgvector is installed on this PostgreSQL server but not enabled in this database, and enabling it failed ` +
          `(${(err as Error).message}): run "CREATE EXTENSION vector;" in the database as a superuser, then retry`,
      );
    }
    ext = await findExtension(pool);
    if (!ext) throw new VectorStoreError('unavailable', PGVECTOR_MISSING);
  }
  await transaction(pool, (c) => c.query(REGISTRY_SQL), REGISTRY_LOCK);
  return ext;
}

/** `work` in a transaction; with `lock` (an SQL expression of constants), holding that advisory lock. */
async function transaction<T>(pool: pg.Pool, work: (c: pg.PoolClient) => Promise<T>, lock?: string): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    if (lock) await c.query(`select pg_advisory_xact_lock(hashtext(${lock}))`);
    const result = await work(c);
    await c.query('commit');
    return result;
  } catch (err) {
    await c.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

async function findExtension(pool: pg.Pool): Promise<Extension | undefined> {
  const { rows } = await pool.query<{ schema: string; version: string }>(
    "select n.nspname as schema, e.extversion as version from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'vector'",
  );
  const row = rows[0];
  if (!row) return undefined;
  const [major = 0, minor = 0] = row.version.split('.').map(Number);
  return { schema: quoteIdent(row.schema), iterativeScan: major > 0 || minor >= 8 };
}
