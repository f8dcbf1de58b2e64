import type { CreateTableBuilder, Kysely, Migration } from 'kysely';
import { withoutRowid } from './dialect.js';

/** The dimensions of a topic rollup row ('' for none), in primary-key order after the hour. */
export const TOPIC_DIMENSIONS = [
  'workspace_id',
  'model',
  'scenario',
  'app_id',
  'key_id',
  'provider',
  'industry',
  'region',
  'user_group',
] as const;

/**
 * Topic classification of sampled requests (issue 20, "what people use each model for"). No table holds
 * a request's text: only hashes of prompts and the labels they got.
 *
 * - `analytics_topic_labels`: one row per classified request (its dimensions and the label), written once
 *   (a job run again finds it there and counts nothing twice).
 * - `analytics_topic_rollup`: UTC hour × the request's dimensions × label → requests; what reports read.
 *   Retention never purges it.
 * - `analytics_topic_cache`: prompt hash (of the taxonomy and the normalised text) → label, so a repeated
 *   prompt is never embedded again, across restarts; rows of an older taxonomy are pruned.
 * - `analytics_topic_vectors`: the taxonomy's label vectors per embedding model (a restart does not embed
 *   the examples again).
 * - `analytics_topic_usage`: per UTC hour and workspace, what classifying took (embedding and zero-shot
 *   calls, texts embedded, cache hits, classified and failed requests) and cost in CNY, apart from the
 *   traffic it describes.
 */
export const analyticsTopicMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const s = db.schema;
    await s
      .createTable('analytics_topic_labels')
      .addColumn('request_id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('scenario', 'text', (c) => c.notNull())
      .addColumn('app_id', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('industry', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('user_group', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      // embedding | zero_shot | cache
      .addColumn('via', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('analytics_topic_labels_created').on('analytics_topic_labels').column('created_at').execute();
    await s.createIndex('analytics_topic_labels_workspace').on('analytics_topic_labels').columns(['workspace_id', 'created_at']).execute();

    let rollup: CreateTableBuilder<string, string> = s
      .createTable('analytics_topic_rollup')
      .addColumn('hour', 'bigint', (c) => c.notNull());
    for (const d of TOPIC_DIMENSIONS) rollup = rollup.addColumn(d, 'text', (c) => c.notNull());
    await rollup
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('requests', 'bigint', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('analytics_topic_rollup_pk', ['hour', ...TOPIC_DIMENSIONS, 'label'])
      .modifyEnd(withoutRowid(db))
      .execute();
    await s.createIndex('analytics_topic_rollup_workspace').on('analytics_topic_rollup').columns(['workspace_id', 'hour']).execute();

    await s
      .createTable('analytics_topic_cache')
      .addColumn('prompt_hash', 'text', (c) => c.primaryKey())
      .addColumn('taxonomy_hash', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('score', 'double precision', (c) => c.notNull())
      // embedding | zero_shot
      .addColumn('via', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await s.createIndex('analytics_topic_cache_taxonomy').on('analytics_topic_cache').column('taxonomy_hash').execute();

    await s
      .createTable('analytics_topic_vectors')
      .addColumn('taxonomy_hash', 'text', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('dimensions', 'integer', (c) => c.notNull())
      // JSON array of label ids, in the order of the vectors
      .addColumn('ids', 'text', (c) => c.notNull())
      // base64 of the vectors as float64, one after another
      .addColumn('vectors', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('analytics_topic_vectors_pk', ['taxonomy_hash', 'model'])
      .execute();

    await s
      .createTable('analytics_topic_usage')
      .addColumn('hour', 'bigint', (c) => c.notNull())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('classified', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('cache_hits', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('failed', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('embed_calls', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('embedded_texts', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('zero_shot_calls', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('cost_cny', 'double precision', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('analytics_topic_usage_pk', ['hour', 'workspace_id'])
      .modifyEnd(withoutRowid(db))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of [
      'analytics_topic_usage',
      'analytics_topic_vectors',
      'analytics_topic_cache',
      'analytics_topic_rollup',
      'analytics_topic_labels',
    ])
      await db.schema.dropTable(t).execute();
  },
};
