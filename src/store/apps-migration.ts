import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Scenario apps (issue 18). A scenario app is a tenancy app (`apps`) with a `slug` (unique in its
 * workspace), the built-in it was cloned from (`source`), its traffic split (`traffic`, JSON
 * `[{version, weight}]`, null until a version is published) and `updated_at`. Its versions are rows of
 * `app_versions` (the spec as JSON text); `app_page_stats` counts the views and sessions of its end-user
 * page per day (the configured time zone). Deleting the app deletes both (foreign keys, cascading).
 * Request-log rows of app runs carry the app's `app_slug` and `app_version` (on PostgreSQL the
 * partitioned parent is altered; its partitions follow).
 */
export const appsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const s = db.schema;
    await s.alterTable('apps').addColumn('slug', 'text').execute();
    await s.alterTable('apps').addColumn('source', 'text').execute();
    await s.alterTable('apps').addColumn('traffic', 'text').execute();
    await s.alterTable('apps').addColumn('updated_at', 'bigint').execute();
    // NULL slugs (plain tenancy apps) never collide.
    await sql`create unique index apps_workspace_slug on apps (workspace_id, slug) where slug is not null`.execute(db);

    await s
      .createTable('app_versions')
      .addColumn('app_id', 'text', (c) => c.notNull().references('apps.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      // draft | published | archived
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('spec', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('published_at', 'bigint')
      .addPrimaryKeyConstraint('app_versions_pk', ['app_id', 'version'])
      .execute();

    await s
      .createTable('app_page_stats')
      .addColumn('app_id', 'text', (c) => c.notNull().references('apps.id').onDelete('cascade'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('views', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('sessions', 'bigint', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('app_page_stats_pk', ['app_id', 'day'])
      .execute();

    await s.alterTable('request_logs').addColumn('app_slug', 'text').execute();
    await s.alterTable('request_logs').addColumn('app_version', 'integer').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('request_logs').dropColumn('app_version').execute();
    await db.schema.alterTable('request_logs').dropColumn('app_slug').execute();
    for (const t of ['app_page_stats', 'app_versions']) await sql`drop table if exists ${sql.table(t)}`.execute(db);
    await sql`drop index if exists apps_workspace_slug`.execute(db);
    for (const c of ['updated_at', 'traffic', 'source', 'slug']) await db.schema.alterTable('apps').dropColumn(c).execute();
  },
};
