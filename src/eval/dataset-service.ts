import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { gatewayError } from '../core/error-codes.js';
import type { GatewayError } from '../core/errors.js';
import {
  DatasetGoneError,
  DatasetNameTakenError,
  type EvalDatasetRepository,
  type NewEvalDatasetItem,
  type NewEvalDatasetVersion,
} from '../store/eval-dataset-repository.js';
import type { EvalDatasetTable } from '../store/schema.js';
import type { TenancyRepository } from '../store/tenancy-repository.js';
import { datasetFromFiles, formatOf, typeOfFormat, type DatasetFileOptions } from './dataset-from-files.js';
import type { DatasetFormat } from './dataset-formats.js';
import { DATASET_NAME } from './dataset-name.js';
import {
  datasetItemView,
  datasetVersionView,
  datasetView,
  type DatasetItemData,
  type DatasetItemView,
  type DatasetVersionView,
  type DatasetView,
} from './dataset-views.js';
import { EvalInputError } from './eval-input-error.js';
import { loadMcqDataset, readDatasetFile, type Dataset, type DatasetFile } from './load-dataset.js';
import { drawLogSample, type LogSampleInput } from './draw-log-sample.js';
import { DATASET_LIMITS } from './record-fields.js';
import type { SuiteType } from './suite.js';

/** Sizes around datasets: description, note, warnings kept, items of a sample, items per page, a rubric, files per upload. */
export const DATASET_SERVICE_LIMITS = {
  description: 2000,
  note: 500,
  warnings: 100,
  warningChars: 500,
  sampleItems: 10_000,
  itemsPage: 1000,
  rubricChars: DATASET_LIMITS.rubricChars,
  uploadFiles: 500,
} as const;

/** Options of an import (from a path or an upload): see {@link DatasetFileOptions}; who does it; text for the dataset and version. */
export interface DatasetImportOptions extends DatasetFileOptions {
  description?: string;
  note?: string;
  createdBy: string | null;
}

/** What an import or a sample did: the dataset, the version holding the items (`created`: false when they equal the newest version's). */
export interface DatasetImportResult {
  dataset: DatasetView;
  version: DatasetVersionView;
  created: boolean;
  warnings: string[];
}

/** A stored dataset version a run can use. */
export interface ResolvedDataset {
  dataset: DatasetView;
  version: number;
  type: SuiteType;
  format: DatasetFormat;
  item_count: number;
}

/** An item of a stored version, parsed, for the run engine. */
export interface LoadedDatasetItem {
  seq: number;
  item_id: string;
  subject: string | null;
  data: DatasetItemData;
}

export interface EvalDatasetServiceOptions {
  repo: EvalDatasetRepository;
  tenancy: Pick<TenancyRepository, 'workspace'>;
}

const notFound = (what: string): GatewayError => gatewayError('dataset_not_found', what, { param: 'id' });
const invalidValue = (message: string, param: string): GatewayError => gatewayError('invalid_value', message, { param });

/** A problem with a dataset file as the API's 400 (its message names the file and line). */
function asApiError(err: unknown): unknown {
  if (err instanceof EvalInputError) return gatewayError('invalid_dataset', err.message, { param: 'files' });
  return err;
}

function checkName(name: string): void {
  if (!DATASET_NAME.test(name))
    throw invalidValue(
      'A dataset name is 1 to 100 letters, digits, ".", "_" and "-", starting with a letter or digit. / 数据集名称为 1 到 100 个字母、数字、“.”、“_”或“-”，以字母或数字开头。',
      'name',
    );
}

function checkText(value: string | undefined, max: number, param: string): void {
  if (value !== undefined && value.length > max) throw invalidValue(`${param} is longer than ${max} characters.`, param);
}

/** The items of a parsed dataset as the repository stores them (MCQ: with subject and split). */
function storedItems(d: Dataset): NewEvalDatasetItem[] {
  if (d.type === 'mcq') return d.items.map((it) => ({ item_id: it.id, subject: it.subject, split: it.split, data: it }));
  const items: ReadonlyArray<{ id: string }> = d.items;
  return items.map((it) => ({ item_id: it.id, subject: null, split: null, data: it }));
}

const boundedWarnings = (warnings: readonly string[]): string[] =>
  warnings.slice(0, DATASET_SERVICE_LIMITS.warnings).map((w) => w.slice(0, DATASET_SERVICE_LIMITS.warningChars));

/**
 * Evaluation datasets of every workspace (issue 19): imports from a file or folder (C-Eval / CMMLU
 * CSVs, QA, judge and safety JSONL or CSV), from uploaded files, and samples of the request log;
 * versions (the same items again make none); and, for the run engine, a dataset reference resolved to
 * a version and that version's items. Errors are the API's: 400 `invalid_dataset` naming the file and
 * line, 404 `dataset_not_found`, 409 `dataset_name_taken` and `dataset_in_use`, 400 `no_logged_bodies`.
 */
export class EvalDatasetService {
  constructor(private readonly o: EvalDatasetServiceOptions) {}

  /** Imports a file or a C-Eval / CMMLU folder as a new dataset, or a new version of the workspace's dataset of that name. */
  async importFromPath(workspaceId: string, name: string, path: string, opts: DatasetImportOptions): Promise<DatasetImportResult> {
    checkName(name);
    let dataset: Dataset;
    try {
      const info = await stat(path).catch(() => undefined);
      if (!info) throw new EvalInputError(`No such file or folder: ${path}.`, `文件或文件夹不存在：${path}。`);
      if (info.isDirectory()) {
        const type = opts.type ?? (opts.format ? typeOfFormat(opts.format) : 'mcq');
        if (type !== 'mcq')
          throw new EvalInputError(
            `A folder is a C-Eval or CMMLU dataset (mcq), not ${type}: give a ${type} dataset as one file.`,
            `文件夹只能是 C-Eval 或 CMMLU 数据集（mcq），不能是 ${type}：${type} 数据集请给出单个文件。`,
            { source: path },
          );
        const format = opts.format === 'ceval' || opts.format === 'cmmlu' ? opts.format : undefined;
        dataset = await loadMcqDataset(path, { format, split: opts.split });
      } else {
        dataset = datasetFromFiles([await readDatasetFile(path)], opts, { source: basename(path), lone: true });
      }
    } catch (err) {
      throw asApiError(err);
    }
    return this.store(workspaceId, name, dataset, 'file', opts, { path: basename(path) });
  }

  /**
   * Imports uploaded files: C-Eval / CMMLU CSVs (one or many; `{subject}_{split}.csv` names decide
   * subject and split, a file named otherwise takes `opts.split`, or its benchmark's default when it is
   * the only one), or one QA, judge or safety file.
   */
  async importUpload(
    workspaceId: string,
    name: string,
    files: ReadonlyArray<{ name: string; bytes: Buffer }>,
    opts: DatasetImportOptions,
  ): Promise<DatasetImportResult> {
    checkName(name);
    if (files.length > DATASET_SERVICE_LIMITS.uploadFiles)
      throw invalidValue(`One upload takes at most ${DATASET_SERVICE_LIMITS.uploadFiles} files.`, 'files');
    let dataset: Dataset;
    try {
      const named: DatasetFile[] = files.map((f) => ({ name: uploadName(f.name), bytes: f.bytes }));
      dataset = datasetFromFiles(named, opts, { source: 'upload', lone: named.length === 1 });
    } catch (err) {
      throw asApiError(err);
    }
    return this.store(workspaceId, name, dataset, 'upload', opts, {});
  }

  /**
   * A QA or judge dataset sampled from the workspace's logged chat requests that stored their bodies
   * (`logging.store_bodies`): each item's input is the request's last user message and its reference
   * the logged answer (required for QA). Rows whose bodies do not parse are skipped. The version's meta
   * records the filter and the seed; 400 `no_logged_bodies` when nothing qualifies.
   */
  async sampleFromLogs(
    workspaceId: string,
    name: string,
    filter: LogSampleInput,
    opts: { type: 'qa' | 'judge'; rubric?: string; description?: string; note?: string; createdBy: string | null },
  ): Promise<DatasetImportResult> {
    checkName(name);
    checkText(opts.rubric, DATASET_SERVICE_LIMITS.rubricChars, 'rubric');
    if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > DATASET_SERVICE_LIMITS.sampleItems)
      throw invalidValue(`limit is a whole number from 1 to ${DATASET_SERVICE_LIMITS.sampleItems}.`, 'limit');
    const { dataset, meta } = await drawLogSample(this.o.repo, workspaceId, filter, opts.type, opts.rubric);
    return this.store(workspaceId, name, dataset, 'logs', opts, meta);
  }

  /** Stores a parsed dataset as a new version of the named dataset, creating the dataset when the workspace has none of that name. */
  private async store(
    workspaceId: string,
    name: string,
    d: Dataset,
    source: 'file' | 'upload' | 'logs',
    opts: { description?: string; note?: string; createdBy: string | null },
    meta: Record<string, unknown>,
  ): Promise<DatasetImportResult> {
    checkText(opts.description, DATASET_SERVICE_LIMITS.description, 'description');
    checkText(opts.note, DATASET_SERVICE_LIMITS.note, 'note');
    if (!(await this.o.tenancy.workspace(workspaceId)))
      throw gatewayError('not_found', 'No workspace with that id.', { param: 'workspace_id' });
    let row = await this.o.repo.datasetByName(workspaceId, name);
    let made = false;
    if (!row) {
      try {
        row = await this.o.repo.createDataset({
          id: `ds_${randomBytes(8).toString('hex')}`,
          workspace_id: workspaceId,
          name,
          type: d.type,
          description: opts.description ?? '',
          created_by: opts.createdBy,
        });
        made = true;
      } catch (err) {
        if (!(err instanceof DatasetNameTakenError)) throw err;
        row = await this.o.repo.datasetByName(workspaceId, name);
        if (!row) throw notFound(`The dataset ${name} was deleted meanwhile; try again.`);
      }
    }
    if (row.type !== d.type)
      throw gatewayError(
        'dataset_name_taken',
        `The dataset ${name} holds ${row.type} items; these are ${d.type}. Give the new dataset another name. / 数据集 ${name} 为 ${row.type} 类型，与本次的 ${d.type} 不同，请换一个名称。`,
        { param: 'name' },
      );
    const warnings = boundedWarnings(d.warnings);
    const version: NewEvalDatasetVersion = {
      format: formatOf(d),
      source,
      note: opts.note ?? '',
      meta: { ...meta, files: d.files.slice(0, DATASET_SERVICE_LIMITS.uploadFiles), warnings, warnings_total: d.warnings.length },
      created_by: opts.createdBy,
      items: storedItems(d),
    };
    let added: Awaited<ReturnType<EvalDatasetRepository['addVersion']>>;
    try {
      added = await this.o.repo.addVersion(row.id, version);
    } catch (err) {
      if (made) await this.o.repo.deleteDataset(row.id).catch(() => undefined);
      if (err instanceof DatasetGoneError) throw notFound(`The dataset ${name} was deleted meanwhile; try again.`);
      throw err;
    }
    if (!made && opts.description !== undefined && opts.description !== row.description)
      await this.o.repo.updateDataset(row.id, { description: opts.description });
    const fresh = (await this.o.repo.getDataset(row.id)) ?? row;
    return { dataset: datasetView(fresh), version: datasetVersionView(added.version), created: added.created, warnings };
  }

  // ---- reads and changes ----

  /** The workspace's dataset by id, else by name; 404 `dataset_not_found`. */
  private async find(workspaceId: string, idOrName: string): Promise<EvalDatasetTable> {
    const byId = await this.o.repo.getDataset(idOrName);
    if (byId && byId.workspace_id === workspaceId) return byId;
    const byName = DATASET_NAME.test(idOrName) ? await this.o.repo.datasetByName(workspaceId, idOrName) : undefined;
    if (!byName) throw notFound('No dataset with that id or name in this workspace.');
    return byName;
  }

  async get(workspaceId: string, idOrName: string): Promise<DatasetView> {
    return datasetView(await this.find(workspaceId, idOrName));
  }

  /** The workspace's datasets by name. */
  async list(workspaceId: string): Promise<DatasetView[]> {
    return (await this.o.repo.listDatasets(workspaceId)).map(datasetView);
  }

  /** Renames or redescribes a dataset; 409 `dataset_name_taken` when the new name is taken. */
  async update(workspaceId: string, idOrName: string, patch: { name?: string; description?: string }): Promise<DatasetView> {
    if (patch.name !== undefined) checkName(patch.name);
    checkText(patch.description, DATASET_SERVICE_LIMITS.description, 'description');
    const row = await this.find(workspaceId, idOrName);
    try {
      const updated = await this.o.repo.updateDataset(row.id, patch);
      if (!updated) throw notFound('No dataset with that id or name in this workspace.');
      return datasetView(updated);
    } catch (err) {
      if (err instanceof DatasetNameTakenError)
        throw gatewayError('dataset_name_taken', `The workspace has a dataset named ${err.datasetName} already.`, { param: 'name' });
      throw err;
    }
  }

  /** Deletes a dataset with its versions and items; 409 `dataset_in_use` while runs use it. Returns its id. */
  async delete(workspaceId: string, idOrName: string): Promise<string> {
    const row = await this.find(workspaceId, idOrName);
    const runs = await this.o.repo.runsOfDataset(row.id);
    if (runs > 0)
      throw gatewayError(
        'dataset_in_use',
        `${runs} evaluation run(s) use the dataset ${row.name}; delete them first. / 有 ${runs} 个评测运行使用数据集 ${row.name}，请先删除它们。`,
        { param: 'id' },
      );
    if (!(await this.o.repo.deleteDataset(row.id))) throw notFound('No dataset with that id or name in this workspace.');
    return row.id;
  }

  /** The dataset's versions, newest first. */
  async versions(workspaceId: string, idOrName: string): Promise<DatasetVersionView[]> {
    const row = await this.find(workspaceId, idOrName);
    return (await this.o.repo.versions(row.id)).map(datasetVersionView);
  }

  /** A page of a version's items by seq after `after`; `has_more` when another page follows. */
  async items(
    workspaceId: string,
    idOrName: string,
    version: number,
    page: { after?: number; limit: number },
  ): Promise<{ items: DatasetItemView[]; has_more: boolean }> {
    const row = await this.find(workspaceId, idOrName);
    if (!(await this.o.repo.getVersion(row.id, version))) throw notFound(`The dataset ${row.name} has no version ${version}.`);
    const limit = Math.min(Math.max(1, page.limit), DATASET_SERVICE_LIMITS.itemsPage);
    const rows = await this.o.repo.items(row.id, version, { afterSeq: page.after, limit: limit + 1 });
    return { items: rows.slice(0, limit).map(datasetItemView), has_more: rows.length > limit };
  }

  // ---- for the run engine ----

  /** A stored dataset by name, at `version` or its newest; 404 `dataset_not_found` when either is missing. */
  async resolve(workspaceId: string, ref: { name: string; version?: number }): Promise<ResolvedDataset> {
    const row = DATASET_NAME.test(ref.name) ? await this.o.repo.datasetByName(workspaceId, ref.name) : undefined;
    if (!row) throw notFound(`No dataset named ${JSON.stringify(ref.name.slice(0, 100))} in this workspace.`);
    const number = ref.version ?? row.latest_version;
    const version = number > 0 ? await this.o.repo.getVersion(row.id, number) : undefined;
    if (!version)
      throw notFound(
        ref.version === undefined
          ? `The dataset ${row.name} has no version yet.`
          : `The dataset ${row.name} has no version ${ref.version}.`,
      );
    return { dataset: datasetView(row), version: version.version, type: row.type, format: version.format, item_count: version.item_count };
  }

  /** The items of a dataset version in order (parsed), read a page at a time. */
  async *loadItems(datasetId: string, version: number): AsyncIterable<LoadedDatasetItem> {
    let after: number | undefined;
    for (;;) {
      const rows = await this.o.repo.items(datasetId, version, { afterSeq: after, limit: DATASET_SERVICE_LIMITS.itemsPage });
      for (const r of rows) {
        const v = datasetItemView(r);
        yield { seq: v.seq, item_id: v.item_id, subject: v.subject, data: v.data };
      }
      if (rows.length < DATASET_SERVICE_LIMITS.itemsPage) return;
      after = rows[rows.length - 1].seq;
    }
  }
}

/** An uploaded file's name as the dataset shows it: its base name; control characters are refused. */
function uploadName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  if (base === '' || base === '.' || base === '..' || [...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    throw new EvalInputError('Each file needs a plain file name.', '每个文件都需要一个普通的文件名。', { source: 'upload' });
  return base;
}
