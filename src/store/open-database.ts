import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, sql, SqliteDialect, type MigrationProvider } from 'kysely';
import { migrations } from './migrations.js';
import { tuneConnection } from './tune-connection.js';
import type { Database } from './schema.js';

export interface OpenedDatabase {
  db: Kysely<Database>;
  /** The same connection without Kysely, for hot paths that reuse prepared statements (log inserts). */
  sqlite: SQLite.Database;
  /** Runs a trivial query: resolves when the database answers (the readiness check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the embedded SQLite database in WAL mode and runs pending migrations.
 * The database holds prompts, logs and sealed secrets: directories it creates are 0700, and the
 * file is created 0600 (SQLite gives `-wal` and `-shm` the mode of the database file) and tightened
 * to 0600 when an older install left it readable by others.
 */
export async function openDatabase(path: string): Promise<OpenedDatabase> {
  if (path !== ':memory:' && path !== '') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    createPrivate(path);
    restrictFiles(path);
  }
  const sqlite = new SQLite(path);
  tuneConnection(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`Database migration failed for ${path}: ${(error as Error).message}`);
  }
  if (path !== ':memory:' && path !== '') restrictFiles(path);
  const ping = async (): Promise<void> => {
    await sql`select 1`.execute(db);
  };
  return { db, sqlite, ping, close: () => db.destroy() };
}

/** Creates an empty database file with mode 0600 unless one exists (an empty file is a valid database). */
function createPrivate(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/**
 * chmod 0600 on the database and its WAL files (POSIX only). Missing files are skipped, and so are
 * files this user may not change (another user's database opened by a CLI command).
 */
function restrictFiles(path: string): void {
  if (process.platform === 'win32') return;
  for (const f of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    try {
      chmodSync(f, 0o600);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EPERM' && code !== 'EACCES' && code !== 'EROFS') throw err;
    }
  }
}
