import type { EvalDatasetItemTable, EvalDatasetTable, EvalDatasetVersionTable } from '../store/schema.js';
import type { DatasetFormat, JudgeItem, McqItem, QaItem, SafetyItem } from './dataset-formats.js';
import type { SuiteType } from './suite.js';

/** A stored item as it was parsed: C-Eval / CMMLU question, QA, judge or safety item. */
export type DatasetItemData = McqItem | QaItem | JudgeItem | SafetyItem;

/** A dataset as the API shows it (`/api/eval/datasets`). */
export interface DatasetView {
  object: 'eval_dataset';
  id: string;
  workspace_id: string;
  name: string;
  type: SuiteType;
  description: string;
  /** The newest version (0 before the first is stored). */
  latest_version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A version of a dataset: where its items came from and how many there are. */
export interface DatasetVersionView {
  object: 'eval_dataset_version';
  dataset_id: string;
  version: number;
  format: DatasetFormat;
  source: 'file' | 'upload' | 'logs';
  note: string;
  item_count: number;
  /** SHA-256 (hex) of the items: the same items again make no new version. */
  content_hash: string;
  /** Files read, warnings, the log filter of a sample. */
  meta: Record<string, unknown>;
  created_by: string | null;
  created_at: string;
}

/** One item of a version, in dataset order. */
export interface DatasetItemView {
  seq: number;
  item_id: string;
  subject: string | null;
  split: string | null;
  data: DatasetItemData;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function parseObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function datasetView(r: EvalDatasetTable): DatasetView {
  return {
    object: 'eval_dataset',
    id: r.id,
    workspace_id: r.workspace_id,
    name: r.name,
    type: r.type,
    description: r.description,
    latest_version: r.latest_version,
    created_by: r.created_by,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

export function datasetVersionView(r: EvalDatasetVersionTable): DatasetVersionView {
  return {
    object: 'eval_dataset_version',
    dataset_id: r.dataset_id,
    version: r.version,
    format: r.format,
    source: r.source,
    note: r.note,
    item_count: r.item_count,
    content_hash: r.content_hash,
    meta: parseObject(r.meta),
    created_by: r.created_by,
    created_at: iso(r.created_at),
  };
}

export function datasetItemView(r: EvalDatasetItemTable): DatasetItemView {
  return { seq: r.seq, item_id: r.item_id, subject: r.subject, split: r.split, data: parseObject(r.data) as unknown as DatasetItemData };
}
