import type { Kysely, Migration } from 'kysely';
import { withoutRowid } from './dialect.js';

/**
 * Data security and compliance: the hash-chained audit log, per-scope security policies,
 * moderation keyword libraries, and two request-log columns (the signed AIGC label and a JSON
 * summary of the policy events of the request).
 */
export const complianceMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const s = db.schema;
    // `seq` is the rowid (append order); the writer assigns it explicitly as head + 1 inside a
    // BEGIN IMMEDIATE transaction, so a gap left by a deleted row stays visible.
    await s
      .createTable('audit_log')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('workspace_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text')
      .addColumn('target_id', 'text')
      .addColumn('detail', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('audit_log_workspace_seq').on('audit_log').columns(['workspace_id', 'seq']).execute();
    await s.createIndex('audit_log_action_seq').on('audit_log').columns(['action', 'seq']).execute();
    await s.createIndex('audit_log_created_at').on('audit_log').column('created_at').execute();

    await s
      .createTable('security_policies')
      .addColumn('scope_type', 'text', (c) => c.notNull())
      .addColumn('scope_id', 'text', (c) => c.notNull())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('policy', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint')
      .addColumn('updated_by', 'text')
      .addPrimaryKeyConstraint('security_policies_pk', ['scope_type', 'scope_id'])
      .execute();
    await s.createIndex('security_policies_workspace').on('security_policies').column('workspace_id').execute();

    await s
      .createTable('moderation_libraries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text') // null: instance-wide, managed by instance administrators
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await s.createIndex('moderation_libraries_workspace').on('moderation_libraries').column('workspace_id').execute();
    // Clustered on (library_id, term): loading a library reads one contiguous range.
    await s
      .createTable('moderation_terms')
      .addColumn('library_id', 'text', (c) => c.notNull().references('moderation_libraries.id').onDelete('cascade'))
      .addColumn('term', 'text', (c) => c.notNull())
      .addColumn('risk', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('moderation_terms_pk', ['library_id', 'term'])
      .modifyEnd(withoutRowid(db))
      .execute();

    await s.alterTable('request_logs').addColumn('aigc_label', 'text').execute();
    await s.alterTable('request_logs').addColumn('compliance', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['moderation_terms', 'moderation_libraries', 'security_policies', 'audit_log']) {
      await db.schema.dropTable(t).execute();
    }
    await db.schema.alterTable('request_logs').dropColumn('compliance').execute();
    await db.schema.alterTable('request_logs').dropColumn('aigc_label').execute();
  },
};
