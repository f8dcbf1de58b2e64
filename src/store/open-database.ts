import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { migrations } from './migrations.js';
import { tuneConnection } from './tune-connection.js';
import type { Database } from './schema.js';

export interface OpenedDatabase {
  db: Kysely<Database>;
  /** The same connection without Kysely, for hot paths that reuse prepared statements (log inserts). */
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

/** Opens (creating if needed) the embedded SQLite database in WAL mode and runs pending migrations. */
export async function openDatabase(path: string): Promise<OpenedDatabase> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  tuneConnection(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`Database migration failed for ${path}: ${(error as Error).message}`);
  }
  return { db, sqlite, close: () => db.destroy() };
}
