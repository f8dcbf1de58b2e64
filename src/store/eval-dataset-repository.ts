import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect.js';
import { hashItems, insertDatasetItems, type NewEvalDatasetItem } from './eval-dataset-items.js';
import { logBodies, sampleLogIds, type LogSampleFilter, type SampledLog } from './eval-log-sample.js';
import { intColumns } from './int-columns.js';
import type { Database, EvalDatasetItemTable, EvalDatasetTable, EvalDatasetVersionTable } from './schema.js';
import { isUniqueViolation } from './unique-violation.js';

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

const datasetRow = (r: EvalDatasetTable) => intColumns(r, ['latest_version', 'created_at', 'updated_at']);
const versionRow = (r: EvalDatasetVersionTable) => intColumns(r, ['version', 'item_count', 'created_at']);
const itemRow = (r: EvalDatasetItemTable) => intColumns(r, ['version', 'seq']);

/**
 * All SQL of evaluation datasets (eval-migration.ts): datasets, their versions and items, and the
 * read-only sample of the request log that a dataset can be drawn from. Rows come back as stored
 * (JSON columns as text, numbers as numbers on both dialects); the dataset service turns them into
 * its views. Runs are in eval-run-repository.ts, arena battles in arena-repository.ts.
 */
export class EvalDatasetRepository {
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
      if (patch.name !== undefined && isUniqueViolation(err)) throw new DatasetNameTakenError(patch.name);
      throw err;
    }
  }

  /** Deletes the dataset with its versions and items (cascading); false when there was none. */
  async deleteDataset(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('eval_datasets').where('id', '=', id).executeTakeFirst();
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
