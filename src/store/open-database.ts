import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, sql, SqliteDialect, type MigrationProvider } from 'kysely';
import type pg from 'pg';
import { isPostgresUrl, redactLocation, type Dialect } from './dialect.js';
import { loadSqliteVec } from './load-sqlite-vec.js';
import { ensureLogPartitions } from './log-partitions.js';
import { migrations } from './migrations.js';
import { openPostgres, parsePostgresUrl } from './open-postgres.js';
import { tuneConnection } from './tune-connection.js';
import type { Database } from './schema.js';

export interface OpenedDatabase {
  dialect: Dialect;
  db: Kysely<Database>;
  /** Embedded only: the same connection without Kysely, for hot paths that reuse prepared statements (log inserts). */
  sqlite: SQLite.Database | undefined;
  /** PostgreSQL only: the bounded pool under `db` (the log writer's multi-row inserts, partition upkeep). */
  pool: pg.Pool | undefined;
  /** Where the data is, fit for messages: the file path, or the URL with its password masked. */
  location: string;
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
  if (isPostgresUrl(path)) return openPostgresDatabase(path);
  if (path !== ':memory:' && path !== '') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    createPrivate(path);
    restrictFiles(path);
  }
  const sqlite = new SQLite(path);
  tuneConnection(sqlite);
  // Once the vector store made a `vec0` table, every connection that lists tables (the migrator) needs the module.
  loadSqliteVec(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db, path);
  if (path !== ':memory:' && path !== '') restrictFiles(path);
  return { dialect: 'sqlite', db, sqlite, pool: undefined, location: path, ping: () => ping(db), close: () => db.destroy() };
}

/**
 * Opens a PostgreSQL database (`postgres://…[?schema=…&pool_max=…]`) and runs pending migrations. Kysely's
 * PostgreSQL migrator holds a transaction-scoped advisory lock while it migrates, so replicas that start
 * together apply each migration once and the others wait, then find nothing to do.
 */
async function openPostgresDatabase(url: string): Promise<OpenedDatabase> {
  const location = redactLocation(url);
  const target = parsePostgresUrl(url);
  const { db, pool } = await openPostgres(target);
  // Kysely looks for its bookkeeping tables in any schema unless told which: name the one baimo uses.
  const schema = target.schema ?? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s;
  await migrate(db, location, schema);
  await ensureLogPartitions(db);
  return { dialect: 'postgres', db, sqlite: undefined, pool, location, ping: () => ping(db), close: () => db.destroy() };
}

async function migrate(db: Kysely<Database>, location: string, schema?: string): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const { error } = await new Migrator({ db, provider, migrationTableSchema: schema }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`Database migration failed for ${location}: ${(error as Error).message}`);
  }
}

/** Runs a trivial query: resolves when the database answers (the readiness check). */
async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
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
