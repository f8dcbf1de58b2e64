import { defineConfig } from 'vitest/config';
import { postgresProblemAt } from './test/helpers/postgres-problem.js';

const POSTGRES_URL = process.env.BAIMO_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The suites that run a second time on PostgreSQL (`BAIMO_TEST_DATABASE=postgres`: every server a test
 * starts, and every database it opens through test/helpers/test-database.ts, gets a schema of its own in
 * the test PostgreSQL, dropped when it closes): storage, governance, compliance and the HTTP API.
 */
const ON_BOTH = [
  'test/store/**/*.test.ts',
  'test/governance/**/*.test.ts',
  'test/compliance/**/*.test.ts',
  'test/server/**/*.test.ts',
  'test/gateway/cost-and-usage.test.ts',
  'test/gateway/response-cache-e2e.test.ts',
];
/**
 * Not run again on PostgreSQL: kill -9 of the embedded file (integrity_check is SQLite's), the SQLite
 * vector store's own layout, and tests that already cover both dialects themselves (describe.each over
 * sqlite and postgres).
 */
const ONCE = [
  'test/server/crash-restart.test.ts',
  'test/store/vector-store.test.ts',
  'test/store/sqlite-vector-codes.test.ts',
  'test/store/log-partitions.test.ts',
  'test/store/audit-repository-dialects.test.ts',
  'test/store/moderation-library-dialects.test.ts',
  'test/server/postgres-config.test.ts',
  'test/server/cluster.test.ts',
];

export default defineConfig(async () => {
  const problem = process.env.BAIMO_TEST_DATABASE === 'sqlite' ? 'BAIMO_TEST_DATABASE=sqlite' : await postgresProblemAt(POSTGRES_URL);
  if (problem)
    console.warn(
      `skipping the PostgreSQL run of the storage, governance, compliance and API suites: no PostgreSQL at ${POSTGRES_URL} (${problem}); CI runs it`,
    );
  const shared = {
    // Native addons (better-sqlite3, node-llama-cpp) are safest in child processes, not worker threads.
    pool: 'forks' as const,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  };
  return {
    test: {
      // Two cores: run files two at a time.
      maxWorkers: 2,
      projects: [
        { test: { ...shared, name: 'sqlite', include: ['test/**/*.test.ts'] } },
        ...(problem
          ? []
          : [
              {
                test: {
                  ...shared,
                  name: 'postgres',
                  include: ON_BOTH,
                  exclude: ONCE,
                  env: { BAIMO_TEST_DATABASE: 'postgres' },
                  globalSetup: ['test/helpers/postgres-global-setup.ts'],
                },
              },
            ]),
      ],
    },
  };
});
