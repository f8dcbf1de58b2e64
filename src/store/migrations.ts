import { sql, type Kysely, type Migration } from 'kysely';
import { evalMigration } from './eval-migration.js';
import { appsMigration } from './apps-migration.js';
import { appMetadataMigration } from './app-metadata-migration.js';
import { analyticsReportMigration } from './analytics-report-migration.js';
import { analyticsMigration } from './analytics-migration.js';
import { analyticsTopicMigration } from './analytics-topic-migration.js';
import { complianceMigration } from './compliance-migration.js';
import { dialectOf } from './dialect.js';
import { governanceMigration } from './governance-migration.js';
import { jobsMigration } from './jobs-migration.js';
import { knowledgeMigration } from './knowledge-migration.js';
import { libraryTermCountMigration } from './library-term-count-migration.js';
import { postgresWidenMigration } from './postgres-widen-migration.js';
import { statsAllMigration } from './stats-all-migration.js';
import { statsMigration } from './stats-migration.js';

/** Ordered schema migrations; names sort in execution order and never change once released. */
export const migrations: Record<string, Migration> = {
  '0001_request_logs': {
    async up(db: Kysely<unknown>) {
      // On PostgreSQL the table is range-partitioned by day on created_at (log-partitions.ts keeps the
      // days ahead created; retention drops whole days), so the key must include created_at.
      const pg = dialectOf(db) === 'postgres';
      await db.schema
        .createTable('request_logs')
        .addColumn('id', 'text', (c) => (pg ? c.notNull() : c.primaryKey()))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('key_id', 'text')
        .addColumn('endpoint', 'text', (c) => c.notNull())
        .addColumn('model_requested', 'text', (c) => c.notNull())
        .addColumn('provider', 'text')
        .addColumn('upstream_model', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('error_type', 'text')
        .addColumn('error_message', 'text')
        .addColumn('prompt_tokens', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('completion_tokens', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('cached_tokens', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('estimated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('cost', 'double precision', (c) => c.notNull().defaultTo(0))
        .addColumn('currency', 'text')
        .addColumn('cost_cny', 'double precision', (c) => c.notNull().defaultTo(0))
        .addColumn('latency_ms', 'integer', (c) => c.notNull())
        .addColumn('ttft_ms', 'integer')
        .addColumn('stream', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('finish_reason', 'text')
        .addColumn('session_id', 'text')
        .addColumn('user_id', 'text')
        .addColumn('client_ip', 'text')
        .addColumn('request_body', 'text')
        .addColumn('response_body', 'text')
        .$call((t) =>
          pg ? t.addPrimaryKeyConstraint('request_logs_pk', ['id', 'created_at']).modifyEnd(sql`partition by range (created_at)`) : t,
        )
        .execute();
      // Rows outside every day partition land here rather than fail (clock skew, imported history).
      if (pg) await sql`create table request_logs_default partition of request_logs default`.execute(db);
      await db.schema.createIndex('request_logs_created_at').on('request_logs').column('created_at').execute();
      await db.schema.createIndex('request_logs_key_created').on('request_logs').columns(['key_id', 'created_at']).execute();
      await db.schema.createIndex('request_logs_session').on('request_logs').column('session_id').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('request_logs').execute();
    },
  },
  '0002_settings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull().defaultTo(sql`0`))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('settings').execute();
    },
  },
  '0003_governance': governanceMigration,
  '0004_stats_rollup': statsMigration,
  '0005_compliance': complianceMigration,
  '0006_library_term_count': libraryTermCountMigration,
  '0007_jobs': jobsMigration,
  '0008_postgres_widen': postgresWidenMigration,
  '0009_stats_all': statsAllMigration,
  '0010_knowledge': knowledgeMigration,
  '0011_apps': appsMigration,
  '0012_eval': evalMigration,
  '0013_analytics': analyticsMigration,
  '0014_app_metadata': appMetadataMigration,
  '0015_analytics_topics': analyticsTopicMigration,
  '0016_analytics_reports': analyticsReportMigration,
};
