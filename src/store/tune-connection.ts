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
