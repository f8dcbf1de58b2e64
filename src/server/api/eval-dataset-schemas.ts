import { z } from 'zod';
import { SUITE_TYPES } from '../../eval/suite.js';

/** A dataset as `/api/eval/datasets` shows it (src/eval/dataset-views.ts builds it). */
export const datasetViewSchema = z.object({
  object: z.literal('eval_dataset'),
  /** `ds_…`. */
  id: z.string(),
  workspace_id: z.string(),
  name: z.string(),
  type: z.enum(SUITE_TYPES),
  description: z.string(),
  latest_version: z.number().describe('The newest version (0 before the first is stored)'),
  created_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** A version of a dataset. */
export const datasetVersionViewSchema = z.object({
  object: z.literal('eval_dataset_version'),
  dataset_id: z.string(),
  version: z.number(),
  format: z.enum(['ceval', 'cmmlu', 'qa', 'judge', 'safety']),
  source: z.enum(['file', 'upload', 'logs']),
  note: z.string(),
  item_count: z.number(),
  content_hash: z.string().describe('SHA-256 (hex) of the items: the same items again make no new version'),
  meta: z.record(z.string(), z.unknown()).describe('Files read, warnings, and for a sample of the request log its filter and seed'),
  created_by: z.string().nullable(),
  created_at: z.string(),
});

/** One item of a version: the parsed item (C-Eval / CMMLU question, QA, judge or safety item) in `data`. */
export const datasetItemViewSchema = z.object({
  seq: z.number(),
  item_id: z.string(),
  subject: z.string().nullable(),
  split: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

/** What an upload or a sample answers: the dataset and the version holding the items. */
export const datasetImportSchema = z.object({
  dataset: datasetViewSchema,
  version: datasetVersionViewSchema,
  created: z.boolean().describe('false: the items equal the newest version, which is returned and no version was added'),
  warnings: z.array(z.string()).describe('What was ignored (unknown columns, skipped log rows), English / 中文'),
});
