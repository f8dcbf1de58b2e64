import { sql, type Kysely, type Migration } from 'kysely';
import { withoutRowid } from './dialect.js';
import { addStatsSums } from './stats-migration.js';
import { LATENCY_COLUMNS, STATS_TABLES, TTFT_COLUMNS } from './stats-columns.js';

/** The summed columns, as 0004 made them in stats_minute and stats_hour. */
const VALUES = ['requests', 'errors', 'cache_hits', 'prompt_tokens', 'completion_tokens', 'cost_cny', 'cost_usd'] as const;
const HIST = [...LATENCY_COLUMNS, ...TTFT_COLUMNS];

/**
 * The instance-wide views (no workspace, no key) read the minute and hour rollups summed over every
 * workspace: at 20 workspaces that is 20x the rows to read and add per request. These two keep the
 * same sums without the workspace (kept by the log writer beside stats_minute and stats_hour, see
 * usage-rollup.ts), and are filled once here from what those two hold.
 */
export const statsAllMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const columns = [...VALUES, ...HIST];
    for (const [table, from, bucket] of [
      [STATS_TABLES.minuteAll, STATS_TABLES.minute, 'minute'],
      [STATS_TABLES.hourAll, STATS_TABLES.hour, 'hour'],
    ] as const) {
      // Clustered on the primary key (WITHOUT ROWID), like the rollups they sum.
      await addStatsSums(
        db.schema
          .createTable(table)
          .addColumn(bucket, 'bigint', (c) => c.notNull())
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('provider', 'text', (c) => c.notNull()),
      )
        .addPrimaryKeyConstraint(`${table}_pk`, [bucket, 'model', 'provider'])
        .modifyEnd(withoutRowid(db))
        .execute();
      const dims = [bucket, 'model', 'provider'].join(', ');
      await sql
        .raw(
          `insert into ${table} (${dims}, ${columns.join(', ')})
           select ${dims}, ${columns.map((c) => `sum(${c})`).join(', ')} from ${from} group by ${dims}`,
        )
        .execute(db);
    }
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable(STATS_TABLES.minuteAll).execute();
    await db.schema.dropTable(STATS_TABLES.hourAll).execute();
  },
};
