import type SQLite from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';

const loaded = new WeakSet<SQLite.Database>();

/**
 * Loads sqlite-vec (the `vec0` virtual tables of the vector store) into a connection, once. Every
 * connection that lists the database's tables needs it once a `vec0` table exists: Kysely's migrator
 * reads `pragma_table_info` of every table, which fails with "no such module: vec0" otherwise.
 */
export function loadSqliteVec(sqlite: SQLite.Database): void {
  if (loaded.has(sqlite)) return;
  sqliteVec.load(sqlite);
  loaded.add(sqlite);
}
