import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Dialect } from '../../src/store/dialect.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { postgresProblemAt } from './postgres-problem.js';

/** The PostgreSQL the suite uses (trust auth on this machine kind and in CI). */
export const TEST_POSTGRES_URL = process.env.BAIMO_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The dialect this run of the suite stores in: `BAIMO_TEST_DATABASE=postgres` (the `postgres` vitest
 * project) runs the storage, governance, compliance and API suites again on PostgreSQL.
 */
export const TEST_DIALECT: Dialect = process.env.BAIMO_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * On PostgreSQL there is no data folder beside the database for a generated `master.key`: servers get the
 * key from the environment, as replicas in production do.
 */
export const POSTGRES_ENV: NodeJS.ProcessEnv = TEST_DIALECT === 'postgres' ? { BAIMO_MASTER_KEY: '5a'.repeat(32) } : {};

let reachable: Promise<string | undefined> | undefined;

/** Undefined when the test PostgreSQL answers, else why not (printed by the caller's skip). */
export function postgresProblem(): Promise<string | undefined> {
  return (reachable ??= postgresProblemAt(TEST_POSTGRES_URL).then(
    (problem) => problem && `no PostgreSQL at ${TEST_POSTGRES_URL} (${problem}); these tests run in CI, where it is up`,
  ));
}

/** Whether PostgreSQL answers; prints why not, so a skipped test always says why. */
export async function postgresAvailable(): Promise<boolean> {
  const problem = await postgresProblem();
  if (problem) console.warn(`skipping PostgreSQL tests: ${problem}`);
  return problem === undefined;
}

export interface TestDatabaseLocation {
  /** What goes in `database:` — an SQLite file in `dir`, or the test PostgreSQL with a schema of its own. */
  location: string;
  /** Drops the schema (PostgreSQL); the SQLite file goes with its temp dir. */
  drop(): Promise<void>;
}

/** A fresh, empty database for one test (or one server): its own file, or its own PostgreSQL schema. */
export function freshDatabase(dir: string, dialect: Dialect = TEST_DIALECT): TestDatabaseLocation {
  if (dialect === 'sqlite') return { location: join(dir, 'baimo.db'), drop: async () => undefined };
  const schema = `t_${process.pid}_${randomBytes(5).toString('hex')}`;
  return { location: `${TEST_POSTGRES_URL}?schema=${schema}`, drop: () => dropSchema(schema) };
}

/** Opens a fresh database of `dialect` (migrated); `close` also drops it. */
export async function openTestDatabase(dir: string, dialect: Dialect = TEST_DIALECT): Promise<OpenedDatabase & { location: string }> {
  const fresh = freshDatabase(dir, dialect);
  const db = await openDatabase(fresh.location);
  return {
    ...db,
    location: fresh.location,
    close: async () => {
      await db.close();
      await fresh.drop();
    },
  };
}

/**
 * {@link openTestDatabase} in a new temp folder named from `prefix`, holding the workspaces `ids`
 * (each named after its id without `ws_`): the start of the repository tests.
 */
export async function openTestDatabaseWithWorkspaces(
  prefix: string,
  ids: readonly string[],
): Promise<OpenedDatabase & { location: string }> {
  const db = await openTestDatabase(mkdtempSync(join(tmpdir(), prefix)));
  await db.db
    .insertInto('workspaces')
    .values(ids.map((id) => ({ id, name: id.replace(/^ws_/, ''), created_at: 1 })))
    .execute();
  return db;
}

async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await c.end().catch(() => undefined);
  }
}
