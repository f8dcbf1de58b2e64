import { sql, type Kysely } from 'kysely';
import { intColumns } from './int-columns.js';
import type { Database, EvalRunItemTable, EvalRunTable } from './schema.js';

/** The run columns a caller may change after creating it (the counters belong to {@link EvalRunRepository.recordItem}). */
export type EvalRunPatch = Partial<Pick<EvalRunTable, 'status' | 'job_id' | 'started_at' | 'finished_at' | 'error' | 'summary'>>;

/** Run items per multi-row INSERT of {@link EvalRunRepository.recordItems} (21 parameters each: far below SQLite's 32,766). */
const RECORD_BATCH = 500;
/** Rows per page of {@link EvalRunRepository.allRunItems}. */
const RUN_ITEM_PAGE = 1000;

const runRow = (r: EvalRunTable) =>
  intColumns(r, ['dataset_version', 'total_items', 'done_items', 'error_items', 'created_at', 'started_at', 'finished_at']);
const runItemRow = (r: EvalRunItemTable) =>
  intColumns(r, ['seq', 'score', 'prompt_tokens', 'completion_tokens', 'cost', 'cost_cny', 'latency_ms', 'attempts', 'finished_at']);

/**
 * All SQL of evaluation runs (eval-migration.ts): runs and their finished items, whose counters move
 * with the items in one transaction. Rows come back as stored (the summary as text, numbers as
 * numbers on both dialects); the run service and the run job turn them into their views. Datasets are
 * in eval-dataset-repository.ts.
 */
export class EvalRunRepository {
  constructor(private readonly db: Kysely<Database>) {}

  // ---- runs ----

  /** Inserts a run with its counters at 0. */
  async createRun(row: Omit<EvalRunTable, 'done_items' | 'error_items'>): Promise<EvalRunTable> {
    const full: EvalRunTable = { ...row, done_items: 0, error_items: 0 };
    await this.db.insertInto('eval_runs').values(full).execute();
    return full;
  }

  async getRun(id: string): Promise<EvalRunTable | undefined> {
    const r = await this.db.selectFrom('eval_runs').selectAll().where('id', '=', id).executeTakeFirst();
    return r && runRow(r);
  }

  /**
   * The workspace's runs, newest first (`created_at`, then id), `limit` of them from before the cursor
   * `before` (the last row of the previous page); `status` and `name` (exact) filter.
   */
  async listRuns(
    workspaceId: string,
    opts: { limit: number; before?: { created_at: number; id: string }; status?: string; name?: string },
  ): Promise<EvalRunTable[]> {
    let q = this.db.selectFrom('eval_runs').selectAll().where('workspace_id', '=', workspaceId);
    if (opts.status !== undefined) q = q.where('status', '=', opts.status as EvalRunTable['status']);
    if (opts.name !== undefined) q = q.where('name', '=', opts.name);
    const b = opts.before;
    if (b) q = q.where('created_at', '<=', b.created_at).where((eb) => eb.or([eb('created_at', '<', b.created_at), eb('id', '<', b.id)]));
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
    return rows.map(runRow);
  }

  /** Changes a run's status, job, times, error or summary; the row after the change, undefined when it is gone. */
  async updateRun(id: string, patch: EvalRunPatch): Promise<EvalRunTable | undefined> {
    if (Object.keys(patch).length === 0) return this.getRun(id);
    const r = await this.db.updateTable('eval_runs').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
    return r && runRow(r);
  }

  /** Deletes the run with its items (cascading); false when there was none. */
  async deleteRun(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('eval_runs').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  // ---- run items ----

  /**
   * Records a finished (model, item) of a run: false, and nothing changes, when the run has it already
   * (a resumed or duplicated worker). When inserted, the run's `done_items` (and `error_items` for an
   * error) move in the same transaction, so the counters always equal the rows.
   */
  async recordItem(row: EvalRunItemTable): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('eval_run_items')
        .values(row)
        .onConflict((oc) => oc.columns(['run_id', 'model', 'item_id']).doNothing())
        .returning('run_id')
        .executeTakeFirst();
      if (!inserted) return false;
      const error = row.status === 'error' ? 1 : 0;
      await trx
        .updateTable('eval_runs')
        .set({ done_items: sql`done_items + 1`, error_items: sql`error_items + ${error}` })
        .where('id', '=', row.run_id)
        .execute();
      return true;
    });
  }

  /**
   * {@link recordItem} for many items of one run in one transaction (a run's writes grouped: one
   * counter update instead of one per item). Rows the run has already are skipped; returns how many
   * were inserted. At most {@link RECORD_BATCH} rows a statement.
   */
  async recordItems(runId: string, rows: readonly EvalRunItemTable[]): Promise<number> {
    if (rows.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      let done = 0;
      let errors = 0;
      for (let i = 0; i < rows.length; i += RECORD_BATCH) {
        const inserted = await trx
          .insertInto('eval_run_items')
          .values(rows.slice(i, i + RECORD_BATCH).map((r) => ({ ...r, run_id: runId })))
          .onConflict((oc) => oc.columns(['run_id', 'model', 'item_id']).doNothing())
          .returning('status')
          .execute();
        done += inserted.length;
        for (const r of inserted) if (r.status === 'error') errors++;
      }
      if (done > 0)
        await trx
          .updateTable('eval_runs')
          .set({ done_items: sql`done_items + ${done}`, error_items: sql`error_items + ${errors}` })
          .where('id', '=', runId)
          .execute();
      return done;
    });
  }

  /** The item ids the model has finished in the run (scored or failed for good). */
  async finishedItemIds(runId: string, model: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('eval_run_items')
      .select('item_id')
      .where('run_id', '=', runId)
      .where('model', '=', model)
      .execute();
    return new Set(rows.map((r) => r.item_id));
  }

  /**
   * A page of the run's finished items ordered by (model, seq): with `model`, that model's items by
   * seq after `afterSeq`; without it, pages continue after (`afterModel`, `afterSeq`) when both are
   * given. `status` filters.
   */
  async runItems(
    runId: string,
    opts: { model?: string; status?: 'ok' | 'error'; afterSeq?: number; afterModel?: string; limit: number },
  ): Promise<EvalRunItemTable[]> {
    let q = this.db.selectFrom('eval_run_items').selectAll().where('run_id', '=', runId);
    if (opts.model !== undefined) q = q.where('model', '=', opts.model);
    if (opts.status !== undefined) q = q.where('status', '=', opts.status);
    const { afterSeq, afterModel } = opts;
    if (afterSeq !== undefined) {
      if (opts.model === undefined && afterModel !== undefined)
        q = q.where((eb) => eb.or([eb('model', '>', afterModel), eb.and([eb('model', '=', afterModel), eb('seq', '>', afterSeq)])]));
      else q = q.where('seq', '>', afterSeq);
    }
    const rows = await q.orderBy('model').orderBy('seq').limit(opts.limit).execute();
    return rows.map(runItemRow);
  }

  /** Every finished item of the run, by (model, seq), read {@link RUN_ITEM_PAGE} at a time. */
  async *allRunItems(runId: string): AsyncIterable<EvalRunItemTable> {
    let after: { model: string; seq: number } | undefined;
    for (;;) {
      const page = await this.runItems(runId, { afterModel: after?.model, afterSeq: after?.seq, limit: RUN_ITEM_PAGE });
      yield* page;
      if (page.length < RUN_ITEM_PAGE) return;
      const last = page[page.length - 1];
      after = { model: last.model, seq: last.seq };
    }
  }
}
