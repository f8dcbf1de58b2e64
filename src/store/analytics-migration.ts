import type { CreateTableBuilder, Kysely, Migration } from 'kysely';
import { AN, DIMS, SKETCH_COUNTS, SKETCH_DIMS, SUMS } from './analytics-columns.js';
import { withoutRowid } from './dialect.js';

/** Adds the summed columns (SUMS: counts as bigint, cost as a double), each defaulting to 0. */
function addSums(t: CreateTableBuilder<string, string>): CreateTableBuilder<string, string> {
  let out = t;
  for (const c of SUMS) out = out.addColumn(c, c === 'cost' ? 'double precision' : 'bigint', (col) => col.notNull().defaultTo(0));
  return out;
}

function addText(t: CreateTableBuilder<string, string>, columns: readonly string[], notNull = true): CreateTableBuilder<string, string> {
  let out = t;
  for (const c of columns) out = out.addColumn(c, 'text', (col) => (notNull ? col.notNull().defaultTo('') : col));
  return out;
}

/**
 * Usage analytics (issue 20), kept by the request-log writer in the same transaction as the log rows
 * (analytics-sqlite.ts, pg-analytics-write.ts), by page views and feedback (analytics-writer.ts), and
 * recomputed from raw rows by `rebuild` (analytics-rebuild.ts). Times are epoch ms; '' stands for none.
 *
 * - `request_logs.segments` (JSON object: industry / region / user_group of the key and app) and
 *   `request_logs.origin` (null: users' traffic; `eval`, `analytics`: baimo's own calls, which analytics
 *   leaves out).
 * - `analytics_hour` (UTC hour) and `analytics_day` (local midnight of the instance's zone) ×
 *   workspace × app, scenario, key, model, provider, industry, region, user group → the sums
 *   (RollupSums). Sessions count at the hour and day of their first activity, new users at their first.
 * - `analytics_minute`: UTC minute × one dimension (`all`, `workspace`, `scenario`, `model`: MINUTE_DIMS)
 *   and its value × workspace → the same sums: minute-of-day activity and minute series under one filter.
 * - `analytics_sketch_hour` / `_day`: latency (kind 0) and TTFT (kind 1) sketch bucket counts (index
 *   as src/core/latency-sketch.ts numbers them, 16 to a row: `page`, `c0` … `c15`) × workspace, app,
 *   scenario, model, provider.
 * - `analytics_user_hour` / `_day`: an end user was active in the bucket with these dimensions
 *   (distinct users of any range made of whole hours or days).
 * - `analytics_sessions`: explicit (caller's session id) and derived (same key and end user, pauses
 *   under the gap) sessions: first and last activity, requests, page views, the dimensions they count
 *   under (their first request's; their first page view's when they have none).
 * - `analytics_end_users`: first activity and the dimensions it had (new users), last activity (to the
 *   minute), segment metadata.
 * - `analytics_page_views` (idempotent by workspace and id) and `analytics_feedback` (one per request
 *   and end user, with the rated request's time and dimensions): raw events, purged with the logs.
 *
 * Retention never touches the rollups, sessions or end users.
 */
export const analyticsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const s = db.schema;
    await s.alterTable('request_logs').addColumn('segments', 'text').execute();
    await s.alterTable('request_logs').addColumn('origin', 'text').execute();

    for (const [table, bucket] of [
      [AN.hour, 'hour'],
      [AN.day, 'day'],
    ] as const) {
      await addSums(
        addText(
          s.createTable(table).addColumn(bucket, 'bigint', (c) => c.notNull()),
          ['workspace_id', ...DIMS],
        ),
      )
        .addPrimaryKeyConstraint(`${table}_pk`, [bucket, 'workspace_id', ...DIMS])
        .modifyEnd(withoutRowid(db))
        .execute();
    }
    await addSums(
      s
        .createTable(AN.minute)
        .addColumn('dim', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('minute', 'bigint', (c) => c.notNull())
        .addColumn('workspace_id', 'text', (c) => c.notNull()),
    )
      .addPrimaryKeyConstraint(`${AN.minute}_pk`, ['dim', 'value', 'minute', 'workspace_id'])
      .modifyEnd(withoutRowid(db))
      .execute();
    // Rebuilds delete a range of minutes (reads go by dimension and value first).
    await s.createIndex(`${AN.minute}_minute`).on(AN.minute).column('minute').execute();

    for (const [table, bucket] of [
      [AN.sketchHour, 'hour'],
      [AN.sketchDay, 'day'],
    ] as const) {
      let t = addText(
        s.createTable(table).addColumn(bucket, 'bigint', (c) => c.notNull()),
        ['workspace_id', ...SKETCH_DIMS],
      )
        .addColumn('kind', 'integer', (c) => c.notNull())
        .addColumn('page', 'integer', (c) => c.notNull());
      for (const c of SKETCH_COUNTS) t = t.addColumn(c, 'bigint', (col) => col.notNull().defaultTo(0));
      await t
        .addPrimaryKeyConstraint(`${table}_pk`, [bucket, 'workspace_id', ...SKETCH_DIMS, 'kind', 'page'])
        .modifyEnd(withoutRowid(db))
        .execute();
    }
    for (const [table, bucket] of [
      [AN.userHour, 'hour'],
      [AN.userDay, 'day'],
    ] as const) {
      await addText(
        s.createTable(table).addColumn(bucket, 'bigint', (c) => c.notNull()),
        ['workspace_id', 'end_user', ...DIMS],
      )
        .addPrimaryKeyConstraint(`${table}_pk`, [bucket, 'workspace_id', 'end_user', ...DIMS])
        .modifyEnd(withoutRowid(db))
        .execute();
    }

    await addText(
      s
        .createTable(AN.sessions)
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('first_at', 'bigint', (c) => c.notNull())
        .addColumn('last_at', 'bigint', (c) => c.notNull())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('explicit', 'integer', (c) => c.notNull())
        .addColumn('session_id', 'text')
        .addColumn('end_user', 'text')
        .addColumn('requests', 'bigint', (c) => c.notNull())
        .addColumn('page_views', 'bigint', (c) => c.notNull())
        // What set the dimensions: 0 a request, 1 a page view; and its time and id.
        .addColumn('dims_kind', 'integer', (c) => c.notNull())
        .addColumn('dims_ts', 'bigint', (c) => c.notNull())
        .addColumn('dims_id', 'text', (c) => c.notNull()),
      DIMS,
    )
      .addPrimaryKeyConstraint(`${AN.sessions}_pk`, ['stream', 'first_at'])
      .execute();
    await s.createIndex(`${AN.sessions}_stream_last`).on(AN.sessions).columns(['stream', 'last_at']).execute();
    await s.createIndex(`${AN.sessions}_first`).on(AN.sessions).column('first_at').execute();

    await addText(
      s
        .createTable(AN.endUsers)
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('end_user', 'text', (c) => c.notNull())
        .addColumn('first_at', 'bigint')
        .addColumn('first_id', 'text')
        .addColumn('last_at', 'bigint'),
      DIMS,
    )
      .addColumn('metadata', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint(`${AN.endUsers}_pk`, ['workspace_id', 'end_user'])
      .execute();
    await s.createIndex(`${AN.endUsers}_first`).on(AN.endUsers).column('first_at').execute();

    await s
      .createTable(AN.pageViews)
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('ts', 'bigint', (c) => c.notNull())
      .addColumn('page', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text')
      .addColumn('end_user', 'text')
      .addColumn('app_id', 'text')
      .addColumn('scenario', 'text')
      .addColumn('key_id', 'text')
      .addColumn('segments', 'text')
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${AN.pageViews}_pk`, ['workspace_id', 'id'])
      .execute();
    await s.createIndex(`${AN.pageViews}_ts`).on(AN.pageViews).column('ts').execute();

    await addText(
      s
        .createTable(AN.feedback)
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('end_user', 'text', (c) => c.notNull())
        .addColumn('rating', 'text')
        .addColumn('comment', 'text')
        .addColumn('ts', 'bigint', (c) => c.notNull())
        .addColumn('request_ts', 'bigint', (c) => c.notNull()),
      DIMS,
    )
      .addPrimaryKeyConstraint(`${AN.feedback}_pk`, ['workspace_id', 'request_id', 'end_user'])
      .execute();
    await s.createIndex(`${AN.feedback}_request_ts`).on(AN.feedback).column('request_ts').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of Object.values(AN)) await db.schema.dropTable(t).ifExists().execute();
    await db.schema.alterTable('request_logs').dropColumn('origin').execute();
    await db.schema.alterTable('request_logs').dropColumn('segments').execute();
  },
};
