import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from './dialect.js';

/**
 * `analytics_report_files`: the files `analytics.report` jobs made (HTML, CSV, JSON, PDF), one per job,
 * in the database so that whichever replica answers `GET /api/analytics/reports/:id/file` has it, on
 * both engines. Bounded in size by the job; deleted `analytics.report_keep_days` after they were made.
 */
export const analyticsReportMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const pg = dialectOf(db) === 'postgres';
    await db.schema
      .createTable('analytics_report_files')
      // The job's id (`job_…`).
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text')
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('bytes', pg ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('analytics_report_files_created').on('analytics_report_files').column('created_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await sql`drop table if exists analytics_report_files`.execute(db);
  },
};
