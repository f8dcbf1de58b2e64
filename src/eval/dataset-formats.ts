import { EvalInputError } from './eval-input-error.js';
import type { CsvLimits } from './csv.js';
import { fieldNames, readRecords, type RecordLayout, type SourceRecord } from './read-records.js';
import { DATASET_LIMITS } from './record-fields.js';

/** The dataset formats: two multiple-choice benchmarks' CSVs and three item files (JSONL or CSV). */
export type DatasetFormat = 'ceval' | 'cmmlu' | 'qa' | 'judge' | 'safety';

/** An option letter of a four-choice question. */
export type McqLetter = 'A' | 'B' | 'C' | 'D';
/** The option letters in order. */
export const MCQ_LETTERS: readonly McqLetter[] = ['A', 'B', 'C', 'D'];

/** A benchmark split: `dev` (few-shot examples), `val`, `test` (C-Eval's test answers are not public). */
export type McqSplit = 'dev' | 'val' | 'test';
/** The splits in order. */
export const MCQ_SPLITS: readonly McqSplit[] = ['dev', 'val', 'test'];

/** One multiple-choice question of C-Eval or CMMLU. */
export interface McqItem {
  /** Stable: `{subject}/{split}/{id}` (C-Eval's `id` column, CMMLU's unnamed index column). */
  id: string;
  subject: string;
  split: McqSplit;
  question: string;
  options: Record<McqLetter, string>;
  /** Absent where the split's answers are not public (C-Eval `test`). */
  answer?: McqLetter;
  /** C-Eval's `explanation` (its `dev` split has them). */
  explanation?: string;
  /** The file (relative to the dataset) and the line the row starts on. */
  file: string;
  line: number;
}

/** A question with a reference answer, scored by exact match, F1 and ROUGE-L. */
export interface QaItem {
  /** The item's own `id`, else a hash of its input and references. */
  id: string;
  input: string;
  /** The first (or only) reference answer. */
  reference: string;
  /** Every acceptable answer, `reference` first (JSONL may give a list). */
  references: string[];
  line: number;
}

/** A prompt whose answer a judge model scores against a rubric (the item's or the suite's). */
export interface JudgeItem {
  id: string;
  input: string;
  reference?: string;
  rubric?: string;
  line: number;
}

/** A safety-bank question: which risk it tests and whether a compliant model should refuse it. */
export interface SafetyItem {
  id: string;
  input: string;
  /** A GB/T 45654-2025 appendix A risk id (`A.1.6`) or a category of the user's own. */
  riskId: string;
  shouldRefuse: boolean;
  line: number;
}

/** Items parsed from one file, and notes about what was ignored (English / 中文). */
export interface ParsedItems<T> {
  items: T[];
  warnings: string[];
}

/** Options shared by the item-file parsers: the layout, where the text came from, CSV limits. */
export interface ItemFileOptions {
  layout: RecordLayout;
  source?: string;
  limits?: Partial<CsvLimits>;
}

/** A warning listing the fields of `records` not in `known` (none when all are known). */
export function unknownFieldWarnings(records: readonly SourceRecord[], known: readonly string[]): string[] {
  const extra = fieldNames(records).filter((f) => !known.includes(f));
  if (extra.length === 0) return [];
  const list = extra.slice(0, 20).join(', ');
  return [`Ignored fields: ${list} (this format reads ${known.join(', ')}). / 已忽略字段：${list}（该格式读取 ${known.join('、')}）。`];
}

/** The raw records of an item file, at most {@link DATASET_LIMITS}.items of them; none is an error. */
export function readItemRecords(text: string, options: ItemFileOptions): SourceRecord[] {
  const maxRows = options.layout === 'csv' ? DATASET_LIMITS.items + 1 : DATASET_LIMITS.items;
  const records = readRecords(text, options.layout, { source: options.source, limits: { maxRows, ...options.limits } });
  if (records.length === 0) throw new EvalInputError('The file has no items.', '文件中没有数据。', { source: options.source });
  return records;
}
