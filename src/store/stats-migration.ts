import { type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import { withoutRowid } from './dialect.js';
import { LATENCY_COLUMNS, STATS_TABLES, TTFT_COLUMNS } from './stats-columns.js';

/**
 * Time-bucketed request statistics for the console overview, kept in the log writer's transaction
 * (see usage-rollup.ts): counts, tokens, cost and fixed latency / TTFT histograms, so charts over
 * 30 days read a few thousand rows instead of scanning request_logs.
 */
/** The summed and histogram columns of every stats rollup (0004's tables and 0009's), in this order. */
export function addStatsSums(t: CreateTableBuilder<string, string>): CreateTableBuilder<string, string> {
  let out = t
    .addColumn('requests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cache_hits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('prompt_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('completion_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_cny', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_usd', 'double precision', (c) => c.notNull().defaultTo(0));
  for (const col of [...LATENCY_COLUMNS, ...TTFT_COLUMNS]) out = out.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0));
  return out;
}

export const statsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const s = db.schema;
    // Clustered on the primary key (WITHOUT ROWID): upserts touch one b-tree, time ranges read in order.
    for (const [table, bucket] of [
      [STATS_TABLES.minute, 'minute'],
      [STATS_TABLES.hour, 'hour'],
    ] as const) {
      await addStatsSums(
        s
          .createTable(table)
          .addColumn(bucket, 'bigint', (c) => c.notNull())
          .addColumn('workspace_id', 'text', (c) => c.notNull())
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('provider', 'text', (c) => c.notNull()),
      )
        .addPrimaryKeyConstraint(`${table}_pk`, [bucket, 'workspace_id', 'model', 'provider'])
        .modifyEnd(withoutRowid(db))
        .execute();
    }
    await addStatsSums(
      s
        .createTable(STATS_TABLES.keyMinute)
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('minute', 'bigint', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull()),
    )
      .addPrimaryKeyConstraint(`${STATS_TABLES.keyMinute}_pk`, ['key_id', 'minute', 'model', 'provider'])
      .modifyEnd(withoutRowid(db))
      .execute();
    // Old minutes are pruned by time (the writer does it now and then); the key leads the primary key.
    await s.createIndex(`${STATS_TABLES.keyMinute}_minute`).on(STATS_TABLES.keyMinute).column('minute').execute();
    // The failed attempts of calls that needed more than one (JSON, see RequestLogTable.attempts_detail).
    await s.alterTable('request_logs').addColumn('attempts_detail', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('request_logs').dropColumn('attempts_detail').execute();
    // Its own tables only (STATS_TABLES also names later ones, which their migration drops).
    for (const t of [STATS_TABLES.minute, STATS_TABLES.hour, STATS_TABLES.keyMinute]) await db.schema.dropTable(t).execute();
  },
};
