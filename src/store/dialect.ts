import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/** The two storage engines: the embedded SQLite file (default) and PostgreSQL (`database: postgres://…`). */
export type Dialect = 'sqlite' | 'postgres';

/** Whether `location` names a PostgreSQL server rather than an SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The dialect a Kysely instance (a migration's `db`, say) talks to. */
export function dialectOf(db: Kysely<unknown>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** `WITHOUT ROWID` on SQLite (tables clustered on their primary key), nothing on PostgreSQL. */
export function withoutRowid(db: Kysely<unknown>): RawBuilder<unknown> {
  return dialectOf(db) === 'sqlite' ? sql`without rowid` : sql``;
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`: for messages and logs. */
export function redactLocation(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const u = new URL(location);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
