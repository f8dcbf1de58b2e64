import type { Kysely, Migration } from 'kysely';

/**
 * `jobs`: the record of every background job (knowledge ingestion, evaluation runs, reports, retention…)
 * in both queue modes: the embedded queue claims its work from this table, and with Redis, BullMQ
 * dispatches while the workers mirror each job's state, progress and result here, so any replica
 * answers `GET /api/jobs/{id}` from the shared database. Times are epoch milliseconds; `input` and
 * `result` are JSON text.
 */
export const jobsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('queue', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('workspace_id', 'text', (c) => c.references('workspaces.id').onDelete('cascade'))
      .addColumn('input', 'text', (c) => c.notNull())
      // queued | running | succeeded | failed | cancelled
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('progress_message', 'text')
      .addColumn('result', 'text')
      .addColumn('error', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      // Due time of a queued job (a retry waits out its backoff here).
      .addColumn('run_at', 'bigint', (c) => c.notNull())
      // A running job belongs to `locked_by` until `lease_until`; then any worker may claim it again.
      .addColumn('lease_until', 'bigint')
      .addColumn('locked_by', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('started_at', 'bigint')
      .addColumn('finished_at', 'bigint')
      .execute();
    // The claim: due queued jobs and expired leases of one queue.
    await db.schema.createIndex('jobs_claim').on('jobs').columns(['queue', 'status', 'run_at']).execute();
    // Lists, newest first, overall and per workspace.
    await db.schema.createIndex('jobs_created').on('jobs').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('jobs_workspace_created').on('jobs').columns(['workspace_id', 'created_at']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('jobs').execute();
  },
};
