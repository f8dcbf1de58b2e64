import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect.js';
import { hashItems, insertDatasetItems, type NewEvalDatasetItem } from './eval-dataset-items.js';
import { logBodies, sampleLogIds, type LogSampleFilter, type SampledLog } from './eval-log-sample.js';
import type {
  Database,
  EvalDatasetItemTable,
  EvalDatasetTable,
  EvalDatasetVersionTable,
  EvalRunItemTable,
  EvalRunTable,
} from './schema.js';

export type { NewEvalDatasetItem } from './eval-dataset-items.js';
export type { LogSampleFilter, SampledLog } from './eval-log-sample.js';

/** What a new dataset row holds; the repository sets the times and `latest_version` (0: no version yet). */
export interface NewEvalDataset {
  id: string;
  workspace_id: string;
  name: string;
  type: EvalDatasetTable['type'];
  description: string;
  created_by: string | null;
}

/** A version to add: the repository numbers it and hashes its items. */
export interface NewEvalDatasetVersion {
  format: EvalDatasetVersionTable['format'];
  source: EvalDatasetVersionTable['source'];
  note: string;
  meta: object;
  created_by: string | null;
  items: readonly NewEvalDatasetItem[];
}

/** The run columns a caller may change after creating it (the counters belong to {@link EvalRepository.recordItem}). */
export type EvalRunPatch = Partial<Pick<EvalRunTable, 'status' | 'job_id' | 'started_at' | 'finished_at' | 'error' | 'summary'>>;

/** A name the workspace has already (create or rename): the API answers 409 `dataset_name_taken`. */
export class DatasetNameTakenError extends Error {
  override readonly name = 'DatasetNameTakenError';
  readonly code = 'dataset_name_taken';
  constructor(readonly datasetName: string) {
    super(`The workspace has a dataset named ${JSON.stringify(datasetName)} already.`);
  }
}

/** A version added to a dataset that no longer exists (deleted meanwhile). */
export class DatasetGoneError extends Error {
  override readonly name = 'DatasetGoneError';
  constructor(readonly datasetId: string) {
    super(`The dataset ${datasetId} does not exist (any more).`);
  }
}

/** Run items per multi-row INSERT of {@link EvalRepository.recordItems} (21 parameters each: far below SQLite's 32,766). */
const RECORD_BATCH = 500;
/** Rows per page of {@link EvalRepository.allRunItems}. */
const RUN_ITEM_PAGE = 1000;

/** A unique or primary-key violation (SQLite or PostgreSQL). */
function isConflict(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e.code === '23505' ||
    (typeof e.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')) ||
    /UNIQUE constraint/i.test(e.message ?? '')
  );
}

/** The row with these columns as numbers (PostgreSQL's int8 parser does it already; this keeps both dialects alike). */
const intOr = <T extends object>(row: T, keys: ReadonlyArray<keyof T>): T => {
  const out = { ...row } as Record<keyof T, unknown>;
  for (const k of keys) if (out[k] !== null && out[k] !== undefined) out[k] = Number(out[k]);
  return out as T;
};
const datasetRow = (r: EvalDatasetTable) => intOr(r, ['latest_version', 'created_at', 'updated_at']);
const versionRow = (r: EvalDatasetVersionTable) => intOr(r, ['version', 'item_count', 'created_at']);
const itemRow = (r: EvalDatasetItemTable) => intOr(r, ['version', 'seq']);
const runRow = (r: EvalRunTable) =>
  intOr(r, ['dataset_version', 'total_items', 'done_items', 'error_items', 'created_at', 'started_at', 'finished_at']);
const runItemRow = (r: EvalRunItemTable) =>
  intOr(r, ['seq', 'score', 'prompt_tokens', 'completion_tokens', 'cost', 'cost_cny', 'latency_ms', 'attempts', 'finished_at']);

/**
 * All SQL of evaluation datasets and runs (eval-migration.ts): datasets, their versions and items,
 * runs and their finished items, and the read-only sample of the request log that a dataset can be
 * drawn from. Rows come back as stored (JSON columns as text, numbers as numbers on both dialects);
 * the dataset service and the run engine turn them into their views. Arena battles are not here
 * (arena-repository.ts).
 */
export class EvalRepository {
  private readonly pg: boolean;

  constructor(private readonly db: Kysely<Database>) {
    this.pg = dialectOf(db as unknown as Kysely<unknown>) === 'postgres';
  }

  // ---- datasets ----

  /** Inserts a dataset (no version yet); {@link DatasetNameTakenError} when the workspace has that name. */
  async createDataset(d: NewEvalDataset): Promise<EvalDatasetTable> {
    const now = Date.now();
    const row: EvalDatasetTable = { ...d, latest_version: 0, created_at: now, updated_at: now };
    const inserted = await this.db
      .insertInto('eval_datasets')
      .values(row)
      .onConflict((oc) => oc.columns(['workspace_id', 'name']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new DatasetNameTakenError(d.name);
    return row;
  }

  async getDataset(id: string): Promise<EvalDatasetTable | undefined> {
    const r = await this.db.selectFrom('eval_datasets').selectAll().where('id', '=', id).executeTakeFirst();
    return r && datasetRow(r);
  }

  async datasetByName(workspaceId: string, name: string): Promise<EvalDatasetTable | undefined> {
    const r = await this.db
      .selectFrom('eval_datasets')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', name)
      .executeTakeFirst();
    return r && datasetRow(r);
  }

  /** The workspace's datasets by name. */
  async listDatasets(workspaceId: string): Promise<EvalDatasetTable[]> {
    const rows = await this.db.selectFrom('eval_datasets').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
    return rows.map(datasetRow);
  }

  /** Renames or redescribes a dataset (`updated_at` moves); undefined when it is gone, {@link DatasetNameTakenError} on a taken name. */
  async updateDataset(id: string, patch: { name?: string; description?: string }): Promise<EvalDatasetTable | undefined> {
    try {
      const r = await this.db
        .updateTable('eval_datasets')
        .set({ ...patch, updated_at: Date.now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return r && datasetRow(r);
    } catch (err) {
      if (patch.name !== undefined && isConflict(err)) throw new DatasetNameTakenError(patch.name);
      throw err;
    }
  }

  /** Deletes the dataset with its versions and items (cascading); false when there was none. */
  async deleteDataset(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('eval_datasets').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  // ---- versions and items ----

  /**
   * Adds a version holding `v.items` in order, in one transaction. `content_hash` is the SHA-256 of the
   * items' canonical JSON (`{data, item_id, split, subject}`, keys sorted, one per line); when it equals
   * the newest version's, that version comes back with `created: false` and nothing is written.
   * Otherwise the version is the newest + 1 and the dataset's `latest_version` and `updated_at` move.
   * Writers of one dataset take turns: on PostgreSQL the dataset row is locked (`select … for update`),
   * on SQLite the transaction's first statement writes that row, taking the database's write lock.
   */
  async addVersion(datasetId: string, v: NewEvalDatasetVersion): Promise<{ version: EvalDatasetVersionTable; created: boolean }> {
    const { contentHash, texts } = hashItems(v.items);
    const meta = JSON.stringify(v.meta);
    return this.db.transaction().execute(async (trx) => {
      if (!this.pg)
        await trx
          .updateTable('eval_datasets')
          .set({ latest_version: sql`latest_version` })
          .where('id', '=', datasetId)
          .execute();
      let lock = trx.selectFrom('eval_datasets').select('latest_version').where('id', '=', datasetId);
      if (this.pg) lock = lock.forUpdate();
      const ds = await lock.executeTakeFirst();
      if (!ds) throw new DatasetGoneError(datasetId);
      const latest = Number(ds.latest_version);
      if (latest > 0) {
        const prev = await trx
          .selectFrom('eval_dataset_versions')
          .selectAll()
          .where('dataset_id', '=', datasetId)
          .where('version', '=', latest)
          .executeTakeFirst();
        if (prev && prev.content_hash === contentHash) return { version: versionRow(prev), created: false };
      }
      const now = Date.now();
      const row: EvalDatasetVersionTable = {
        dataset_id: datasetId,
        version: latest + 1,
        format: v.format,
        source: v.source,
        note: v.note,
        item_count: v.items.length,
        content_hash: contentHash,
        meta,
        created_by: v.created_by,
        created_at: now,
      };
      await trx.insertInto('eval_dataset_versions').values(row).execute();
      await insertDatasetItems(trx, this.pg, datasetId, row.version, v.items, texts);
      await trx.updateTable('eval_datasets').set({ latest_version: row.version, updated_at: now }).where('id', '=', datasetId).execute();
      return { version: row, created: true };
    });
  }

  /** The dataset's versions, newest first. */
  async versions(datasetId: string): Promise<EvalDatasetVersionTable[]> {
    const rows = await this.db
      .selectFrom('eval_dataset_versions')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .orderBy('version', 'desc')
      .execute();
    return rows.map(versionRow);
  }

  async getVersion(datasetId: string, version: number): Promise<EvalDatasetVersionTable | undefined> {
    const r = await this.db
      .selectFrom('eval_dataset_versions')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .where('version', '=', version)
      .executeTakeFirst();
    return r && versionRow(r);
  }

  /** A page of a version's items by `seq`, after `afterSeq` (a keyset page over the primary key). */
  async items(datasetId: string, version: number, opts: { afterSeq?: number; limit: number }): Promise<EvalDatasetItemTable[]> {
    let q = this.db.selectFrom('eval_dataset_items').selectAll().where('dataset_id', '=', datasetId).where('version', '=', version);
    if (opts.afterSeq !== undefined) q = q.where('seq', '>', opts.afterSeq);
    const rows = await q.orderBy('seq').limit(opts.limit).execute();
    return rows.map(itemRow);
  }

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

  /** How many runs use the dataset (any version): a dataset in use is not deleted. */
  async runsOfDataset(datasetId: string): Promise<number> {
    const r = await this.db
      .selectFrom('eval_runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dataset_id', '=', datasetId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
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

  // ---- the request log (read-only) ----

  /**
   * A random sample of the workspace's logged chat requests whose bodies were stored
   * (`logging.store_bodies`), oldest first: the same rows and seed draw the same sample on both
   * dialects (eval-log-sample.ts says how). Bodies come back as the gateway wrote them.
   */
  async sampleLogs(f: LogSampleFilter): Promise<SampledLog[]> {
    const ids = await sampleLogIds(this.db, f);
    const rows = await logBodies(
      this.db,
      ids.map((r) => r.id),
      f.maxBodyChars,
    );
    const at = new Map(ids.map((r, k) => [r.id, k]));
    return rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
  }

  /** The ids of {@link sampleLogs}' sample without the bodies (to read them a page at a time with {@link logBodies}). */
  sampleLogIds(f: LogSampleFilter): Promise<Array<{ id: string; created_at: number }>> {
    return sampleLogIds(this.db, f);
  }

  /** The bodies of these log rows, each cut at `maxBodyChars + 1` characters. */
  logBodies(ids: readonly string[], maxBodyChars?: number): Promise<SampledLog[]> {
    return logBodies(this.db, ids, maxBodyChars);
  }
}
