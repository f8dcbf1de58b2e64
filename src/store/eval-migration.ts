import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Evaluation (issue 19).
 *
 * - `eval_datasets` per workspace (name unique in it) with their `eval_dataset_versions` (each import,
 *   upload or sample from the request logs makes a version; the same items again make none: `content_hash`)
 *   and the versions' `eval_dataset_items` (the item as JSON, in dataset order by `seq`).
 * - `eval_runs`: a suite run (models × a dataset version) worked by one `eval.run` job; its validated
 *   suite is JSON, `summary` the per-model results once it finishes (recomputed from the items).
 * - `eval_run_items`: one row per model × item once that item is finished (answered and scored, or
 *   failed for good). A resumed run skips every (model, item) that has a row: nothing is paid twice.
 * - `arena_battles`: two models' answers to one prompt and the verdict (a person's blind vote, an LLM
 *   judge, or an import). `winner` is null while a blind battle waits for its vote.
 *
 * Deleting a dataset deletes its versions and items; deleting a run deletes its items (cascading).
 * Times are epoch milliseconds; costs are per call, in the model's price currency and in CNY.
 */
export const evalMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const s = db.schema;
    await s
      .createTable('eval_datasets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      // mcq | qa | judge | safety
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('latest_version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await s.createIndex('eval_datasets_workspace_name').unique().on('eval_datasets').columns(['workspace_id', 'name']).execute();

    await s
      .createTable('eval_dataset_versions')
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('eval_datasets.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      // ceval | cmmlu | qa | judge | safety
      .addColumn('format', 'text', (c) => c.notNull())
      // file | upload | logs
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('item_count', 'integer', (c) => c.notNull())
      // SHA-256 hex over the items in order: the same items again make no new version
      .addColumn('content_hash', 'text', (c) => c.notNull())
      // JSON: files read (relative names), warnings, the log filter a sample was drawn with
      .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('eval_dataset_versions_pk', ['dataset_id', 'version'])
      .execute();

    await s
      .createTable('eval_dataset_items')
      .addColumn('dataset_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      // MCQ: subject and split; null for the other types
      .addColumn('subject', 'text')
      .addColumn('split', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('eval_dataset_items_pk', ['dataset_id', 'version', 'seq'])
      .addForeignKeyConstraint(
        'eval_dataset_items_version_fk',
        ['dataset_id', 'version'],
        'eval_dataset_versions',
        ['dataset_id', 'version'],
        (c) => c.onDelete('cascade'),
      )
      .execute();

    await s
      .createTable('eval_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      // the validated suite (JSON), dataset reference resolved to the version below
      .addColumn('suite', 'text', (c) => c.notNull())
      .addColumn('dataset_id', 'text', (c) => c.notNull())
      .addColumn('dataset_version', 'integer', (c) => c.notNull())
      // the virtual key every call is made with (its limits, allow-lists and logs apply)
      .addColumn('key_id', 'text')
      // queued | running | completed | failed | cancelled
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('job_id', 'text')
      // models × items
      .addColumn('total_items', 'integer', (c) => c.notNull())
      .addColumn('done_items', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error_items', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error', 'text')
      // JSON: per-model results once finished
      .addColumn('summary', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('started_at', 'bigint')
      .addColumn('finished_at', 'bigint')
      .execute();
    await s.createIndex('eval_runs_workspace_created').on('eval_runs').columns(['workspace_id', 'created_at', 'id']).execute();
    // The runs of a dataset (a dataset in use is not deleted).
    await s.createIndex('eval_runs_dataset').on('eval_runs').column('dataset_id').execute();

    await s
      .createTable('eval_run_items')
      .addColumn('run_id', 'text', (c) => c.notNull().references('eval_runs.id').onDelete('cascade'))
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      // MCQ subject, safety risk id; null otherwise
      .addColumn('subject', 'text')
      // ok | error
      .addColumn('status', 'text', (c) => c.notNull())
      // 0..1 (MCQ correct, QA exact match, judge score normalised, safety qualified); null on error
      .addColumn('score', 'double precision')
      // JSON: extracted choice, f1, rouge_l, judge prompt/model/raw/score, refusal verdict …
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('reply', 'text')
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      .addColumn('prompt_tokens', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('completion_tokens', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('cost', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('currency', 'text')
      .addColumn('cost_cny', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('latency_ms', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('request_id', 'text')
      .addColumn('finished_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('eval_run_items_pk', ['run_id', 'model', 'item_id'])
      .execute();
    // A model's items of a run in dataset order (pages of the items list and of summaries); one row per seq.
    await s.createIndex('eval_run_items_model_seq').unique().on('eval_run_items').columns(['run_id', 'model', 'seq']).execute();

    await s
      .createTable('arena_battles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('model_a', 'text', (c) => c.notNull())
      .addColumn('model_b', 'text', (c) => c.notNull())
      // model_a | model_b | tie | both_bad; null while a blind battle waits for its vote
      .addColumn('winner', 'text')
      // vote | judge | import
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('prompt', 'text')
      .addColumn('answer_a', 'text')
      .addColumn('answer_b', 'text')
      // JSON: judge model, prompt and raw judgement; the import file and line
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('voted_at', 'bigint')
      .execute();
    await s.createIndex('arena_battles_workspace_created').on('arena_battles').columns(['workspace_id', 'created_at', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['arena_battles', 'eval_run_items', 'eval_runs', 'eval_dataset_items', 'eval_dataset_versions', 'eval_datasets'])
      await sql`drop table if exists ${sql.table(t)}`.execute(db);
  },
};
