import { sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import { withoutRowid } from './dialect.js';

/** Tenancy, keys, users, database-managed providers, models and prices, usage rollups. */
export const governanceMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const s = db.schema;
    await s
      .createTable('workspaces')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await s
      .createTable('apps')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('cache', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('cache_ttl_s', 'integer')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await s.createIndex('apps_workspace').on('apps').column('workspace_id').execute();
    await s
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await s
      .createTable('memberships')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'workspace_id'])
      .execute();
    await s.createIndex('memberships_workspace').on('memberships').column('workspace_id').execute();
    await s
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await s
      .createTable('virtual_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('app_id', 'text', (c) => c.references('apps.id').onDelete('set null'))
      .addColumn('models', 'text')
      .addColumn('rpm', 'integer')
      .addColumn('tpm', 'integer')
      .addColumn('token_quota', 'bigint')
      .addColumn('token_quota_period', 'text')
      .addColumn('budget', 'double precision')
      .addColumn('budget_currency', 'text')
      .addColumn('budget_period', 'text')
      .addColumn('expires_at', 'bigint')
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('revoked_at', 'bigint')
      .addColumn('metadata', 'text')
      .addColumn('cache', 'integer')
      .addColumn('cache_ttl_s', 'integer')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await s.createIndex('virtual_keys_workspace').on('virtual_keys').columns(['workspace_id', 'created_at']).execute();
    await s
      .createTable('provider_rows')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('secret', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await s
      .createTable('model_alias_rows')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await s
      .createTable('model_prices')
      .addColumn('model', 'text', (c) => c.primaryKey())
      .addColumn('input', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('output', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('cached', 'double precision')
      .addColumn('currency', 'text', (c) => c.notNull().defaultTo('CNY'))
      .addColumn('free', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    const sums = (t: CreateTableBuilder<string, string>): CreateTableBuilder<string, string> =>
      t
        .addColumn('requests', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('cache_hits', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('prompt_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('completion_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('cost_cny', 'double precision', (c) => c.notNull().defaultTo(0))
        .addColumn('cost_usd', 'double precision', (c) => c.notNull().defaultTo(0));
    // Clustered on the primary key (WITHOUT ROWID): upserts touch one b-tree, range scans read in order.
    await sums(
      s
        .createTable('usage_rollup')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull()),
    )
      .addPrimaryKeyConstraint('usage_rollup_pk', ['day', 'workspace_id', 'app_id', 'key_id', 'model', 'provider'])
      .modifyEnd(withoutRowid(db))
      .execute();
    // The same sums without app and key: instance- and workspace-wide reports by day, model or
    // provider read this one, ~10x smaller at thousands of keys.
    await sums(
      s
        .createTable('usage_rollup_models')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull()),
    )
      .addPrimaryKeyConstraint('usage_rollup_models_pk', ['day', 'workspace_id', 'model', 'provider'])
      .modifyEnd(withoutRowid(db))
      .execute();
    await s.createIndex('usage_rollup_key').on('usage_rollup').columns(['key_id', 'day']).execute();
    await s.createIndex('usage_rollup_workspace').on('usage_rollup').columns(['workspace_id', 'day']).execute();

    await s.alterTable('request_logs').addColumn('workspace_id', 'text').execute();
    await s.alterTable('request_logs').addColumn('app_id', 'text').execute();
    await s
      .alterTable('request_logs')
      .addColumn('cache_hit', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // The logs API filters by workspace, app, model and status inside a time range, newest first,
    // and pages with a (created_at, id) cursor: each filter has an index that ends in created_at.
    // Partial where a column is often empty (admin-token calls have no workspace, many keys no app,
    // most calls no session): a row skips the indexes it would only add a NULL to, which is a good
    // part of the insert's cost. `x = ?` in a query still uses a `x IS NOT NULL` partial index.
    await sql`create index request_logs_workspace_created on request_logs (workspace_id, created_at) where workspace_id is not null`.execute(
      db,
    );
    await sql`create index request_logs_app_created on request_logs (app_id, created_at) where app_id is not null`.execute(db);
    await sql`drop index request_logs_key_created`.execute(db);
    await sql`create index request_logs_key_created on request_logs (key_id, created_at) where key_id is not null`.execute(db);
    await sql`drop index request_logs_session`.execute(db);
    await sql`create index request_logs_session on request_logs (session_id) where session_id is not null`.execute(db);
    await s.createIndex('request_logs_model_created').on('request_logs').columns(['model_requested', 'created_at']).execute();
    // Errors are what people look for. Partial indexes, so only error rows pay for them on insert:
    // all errors newest first (status=error), one error code newest first (status=500), and a
    // workspace's errors newest first (every console user's query is workspace-scoped). A single
    // (status, created_at) index cannot give all errors in time order (status=error sorted all 30k
    // error rows of 1M: 80-100 ms), and without the workspace one, workspace + model + status=error
    // took 100+ ms whenever statistics were missing or rough (bench/logs-query.ts, BENCH_ANALYZE=none).
    await sql`create index request_logs_errors_created on request_logs (created_at) where status >= 400`.execute(db);
    await sql`create index request_logs_status_created on request_logs (status, created_at) where status >= 400`.execute(db);
    await sql`create index request_logs_workspace_errors on request_logs (workspace_id, created_at) where status >= 400`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const t of [
      'usage_rollup_models',
      'usage_rollup',
      'model_prices',
      'model_alias_rows',
      'provider_rows',
      'virtual_keys',
      'sessions',
      'memberships',
      'users',
      'apps',
      'workspaces',
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
};
