import pg from 'pg';
import {
  Kysely,
  PostgresDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';
import type { Database } from './schema.js';

/** A name PostgreSQL takes unquoted: letters, digits and `_`, at most 63 characters. */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export interface PostgresTarget {
  /** The connection string without baimo's own parameters. */
  connectionString: string;
  /** `?schema=` in the URL: baimo's tables live in this schema (created if missing), not in `public`. */
  schema: string | undefined;
  /** `?pool_max=`: at most this many connections per process (default 10). */
  poolMax: number;
}

/** Reads baimo's parameters (`schema`, `pool_max`) out of a `postgres://` URL; throws with a clear message on bad ones. */
export function parsePostgresUrl(location: string): PostgresTarget {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new Error('database: not a valid postgres:// URL');
  }
  const schema = url.searchParams.get('schema') ?? undefined;
  if (schema !== undefined && !SCHEMA_NAME.test(schema))
    throw new Error('database: ?schema= must be letters, digits and _ (at most 63), starting with a letter or _');
  const rawMax = url.searchParams.get('pool_max');
  const poolMax = rawMax === null ? 10 : Number(rawMax);
  if (!Number.isInteger(poolMax) || poolMax < 1 || poolMax > 200) throw new Error('database: ?pool_max= must be an integer from 1 to 200');
  url.searchParams.delete('schema');
  url.searchParams.delete('pool_max');
  return { connectionString: url.toString(), schema, poolMax };
}

// int8 (counts, epoch milliseconds, sums of bigint) and numeric (sum() of int8) as JS numbers: every
// figure baimo stores is far below 2^53, and the repositories are written for numbers, as on SQLite.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => (v === null ? null : Number(v));
    return pg.types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

/** A bounded `pg` pool on the target, search_path set to its schema; `max` overrides the target's bound. */
export function createPool(target: PostgresTarget, max = target.poolMax): pg.Pool {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    types,
    options: target.schema ? `-c search_path=${target.schema}` : undefined,
    application_name: 'baimo',
  });
  // An idle client losing its connection (a PostgreSQL restart) must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

/** A bounded `pg` pool on the target and Kysely over it; creates the schema when asked for one. */
export async function openPostgres(target: PostgresTarget): Promise<{ db: Kysely<Database>; pool: pg.Pool }> {
  const pool = createPool(target);
  try {
    if (target.schema) await pool.query(`create schema if not exists "${target.schema}"`);
    else await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`database: cannot reach PostgreSQL: ${(err as Error).message}`);
  }
  return { db: new Kysely<Database>({ dialect: new ScopedPostgresDialect({ pool }) }), pool };
}

/**
 * Kysely's PostgreSQL introspector (which its migrator uses to find its own tables) lists every table of
 * every schema with their columns: a schema another tenant or process drops meanwhile makes that query
 * fail. baimo only ever asks about its own schema, so this one lists the tables of `current_schema()`.
 */
class ScopedPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    const tables = async (): Promise<TableMetadata[]> => {
      const r = await sql<{
        name: string;
        schema: string;
        view: boolean;
      }>`select c.relname as name, n.nspname as schema, c.relkind = 'v' as view
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v')`.execute(db);
      return r.rows.map((t) => ({ name: t.name, schema: t.schema, isView: t.view, columns: [] }));
    };
    return {
      getSchemas: async (): Promise<SchemaMetadata[]> => (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows,
      getTables: tables,
      getMetadata: async (): Promise<DatabaseMetadata> => ({ tables: await tables() }),
    };
  }
}
