import type SQLite from 'better-sqlite3';

/**
 * The settings every connection to the embedded database uses (the main one and the log writer
 * thread's): WAL, so readers never wait on the writer; fsync at checkpoints only; and up to 5 s of
 * waiting when another connection holds the write lock.
 */
export function tuneConnection(sqlite: SQLite.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
}

/** WAL pages between automatic checkpoints on the request-log writer's connection (SQLite's default: 1,000). */
export const WRITER_CHECKPOINT_PAGES = 10_000;

/**
 * The log writer thread's connection: {@link tuneConnection}, and a checkpoint every ~40 MB of WAL
 * instead of every 4 MB. A batch with its rollups and usage analytics dirties a few thousand pages, so
 * at the default every commit ran a checkpoint (and its fsync): half the time of a batch
 * (bench/analytics.ts). Readers are not slowed by the longer WAL.
 */
export function tuneWriterConnection(sqlite: SQLite.Database): void {
  tuneConnection(sqlite);
  sqlite.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
}
