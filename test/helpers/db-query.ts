import { sql } from 'kysely';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';

/** Rows of a plain SQL query (the same text must suit SQLite and PostgreSQL), through Kysely on either dialect. */
export async function queryRows<T = Record<string, unknown>>(db: Pick<OpenedDatabase, 'db'>, text: string): Promise<T[]> {
  return (await sql.raw<T>(text).execute(db.db)).rows;
}

/** `select count(*) as n …` → n. */
export async function countRows(db: Pick<OpenedDatabase, 'db'>, text: string): Promise<number> {
  return Number((await queryRows<{ n: number }>(db, text))[0]?.n ?? 0);
}

/** Opens the database at `location` (a file or a `postgres://` URL), runs `fn`, closes it. */
export async function withDatabase<T>(location: string, fn: (db: OpenedDatabase) => Promise<T>): Promise<T> {
  const db = await openDatabase(location);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The names of baimo's tables (SQLite: sqlite_master; PostgreSQL: the schema in use). */
export async function tableNames(db: OpenedDatabase): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await queryRows<{ name: string }>(db, `select name from sqlite_master where type = 'table'`)
      : await queryRows<{ name: string }>(
          db,
          `select table_name as name from information_schema.tables where table_schema = current_schema()`,
        );
  return rows.map((r) => r.name);
}

/** Every row of every table, as JSON text per table: what a leaked database dump would show. */
export async function dumpTables(db: OpenedDatabase): Promise<Array<{ name: string; text: string }>> {
  const out: Array<{ name: string; text: string }> = [];
  for (const name of await tableNames(db)) out.push({ name, text: JSON.stringify(await queryRows(db, `select * from "${name}"`)) });
  return out;
}
