import { parseCsv, decodeCsv } from './csv.js';
import type { DatasetFormat, McqSplit } from './dataset-formats.js';
import { EvalInputError } from './eval-input-error.js';
import { itemDatasetFromFile, mcqDatasetFromFiles, recordLayoutOf, type Dataset, type DatasetFile } from './load-dataset.js';
import { detectMcqFormat } from './mcq-dataset.js';
import type { SuiteType } from './suite.js';

/** How files become a dataset: its type and format when not detected, the split of files not named after one. */
export interface DatasetFileOptions {
  type?: SuiteType;
  format?: DatasetFormat;
  split?: McqSplit;
}

/** The type a format belongs to: C-Eval and CMMLU are multiple choice; the others are their own type. */
export const typeOfFormat = (format: DatasetFormat): SuiteType => (format === 'ceval' || format === 'cmmlu' ? 'mcq' : format);

/** The format a dataset is stored in: an MCQ dataset's benchmark, else its type. */
export const formatOf = (d: Dataset): DatasetFormat => (d.type === 'mcq' ? d.format : d.type);

/** Bytes read to find a file's first record. */
const HEAD_BYTES = 256 * 1024;

/** The first {@link HEAD_BYTES} of a file, cut after a line feed (never inside a character; UTF-16 kept even). */
function head(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= HEAD_BYTES) return bytes;
  let end = bytes.lastIndexOf(0x0a, HEAD_BYTES - 1) + 1;
  if (end === 0) end = HEAD_BYTES;
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16 && end % 2 === 1) end++;
  return bytes.subarray(0, end);
}

/** The field names of a file's first record: a CSV's header, a JSONL file's first object's keys. */
function firstFields(file: DatasetFile): string[] {
  const layout = recordLayoutOf(file.name);
  const text = decodeCsv(head(file.bytes), file.name);
  if (layout === 'csv') {
    const end = text.search(/\r|\n/);
    return (parseCsv(end === -1 ? text : text.slice(0, end), { source: file.name })[0]?.fields ?? []).map((f) => f.trim().toLowerCase());
  }
  for (const line of text.split(/\r\n|\n|\r/)) {
    const raw = line.replace(/^\uFEFF/, '').trim();
    if (raw === '') continue;
    try {
      const value: unknown = JSON.parse(raw);
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value).map((k) => k.toLowerCase()) : [];
    } catch {
      return [];
    }
  }
  return [];
}

/**
 * The type of a dataset from its first file's fields: a C-Eval or CMMLU header is `mcq`; `should_refuse`
 * or `risk_id` a safety bank; `rubric` judge; `reference` QA; `input` alone judge (a reference is
 * optional there). Undefined when none fits.
 */
export function detectDatasetType(file: DatasetFile): SuiteType | undefined {
  const fields = firstFields(file);
  if (recordLayoutOf(file.name) === 'csv' && detectMcqFormat(fields)) return 'mcq';
  if (fields.includes('should_refuse') || fields.includes('risk_id')) return 'safety';
  if (fields.includes('rubric')) return 'judge';
  if (fields.includes('reference')) return 'qa';
  if (fields.includes('input')) return 'judge';
  return undefined;
}

/**
 * A dataset from files in memory (uploaded, or one read from disk): C-Eval / CMMLU CSVs, one file or
 * many (`{subject}_{split}.csv` names decide subject and split), or one QA, judge or safety file
 * (JSONL or CSV). The type is `options.type`, else implied by `options.format`, else detected from the
 * first file ({@link detectDatasetType}). `where.source` names the dataset in errors about all of it;
 * `where.lone`: the files are one file on its own (its split defaults as loadMcqDataset's does).
 */
export function datasetFromFiles(
  files: readonly DatasetFile[],
  options: DatasetFileOptions,
  where: { source: string; lone: boolean },
): Dataset {
  if (files.length === 0)
    throw new EvalInputError('No files: send at least one CSV or JSONL file.', '没有文件：请至少上传一个 CSV 或 JSONL 文件。');
  const implied = options.format ? typeOfFormat(options.format) : undefined;
  if (options.type && implied && options.type !== implied)
    throw new EvalInputError(
      `Format ${options.format} is for ${implied} datasets, not ${options.type}.`,
      `格式 ${options.format} 属于 ${implied} 类数据集，而不是 ${options.type}。`,
    );
  const type = options.type ?? implied ?? detectDatasetType(files[0]);
  if (!type)
    throw new EvalInputError(
      'Cannot tell the dataset type from the file: say which (type = mcq, qa, judge or safety). C-Eval/CMMLU CSVs have a question,A,B,C,D header; QA files input and reference; judge files input (rubric optional); safety banks input, risk_id and should_refuse.',
      '无法从文件判断数据集类型，请指定 type（mcq、qa、judge 或 safety）。C-Eval/CMMLU 的 CSV 表头含 question,A,B,C,D；QA 文件含 input 和 reference；judge 文件含 input（rubric 可选）；安全题库含 input、risk_id 和 should_refuse。',
      { source: files[0].name },
    );
  if (type === 'mcq') {
    const other = files.find((f) => recordLayoutOf(f.name) !== 'csv');
    if (other)
      throw new EvalInputError('A multiple-choice dataset is made of .csv files.', '选择题数据集应由 .csv 文件组成。', {
        source: other.name,
      });
    const format = options.format === 'ceval' || options.format === 'cmmlu' ? options.format : undefined;
    return mcqDatasetFromFiles(files, { format, split: options.split }, where);
  }
  if (files.length > 1)
    throw new EvalInputError(
      `A ${type} dataset is one .jsonl or .csv file (got ${files.length} files).`,
      `${type} 数据集应为一个 .jsonl 或 .csv 文件（收到 ${files.length} 个文件）。`,
      { source: where.source },
    );
  return itemDatasetFromFile(files[0], type);
}
