import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { CSV_LIMITS, decodeCsv } from './csv.js';
import { MCQ_SPLITS, type JudgeItem, type McqItem, type McqSplit, type QaItem, type SafetyItem } from './dataset-formats.js';
import { EvalInputError } from './eval-input-error.js';
import { parseJudgeDataset } from './judge-dataset.js';
import { detectMcqFormat, mcqItemsFromRecords, parseMcqRecords } from './mcq-dataset.js';
import type { McqFormat } from './mcq-subjects.js';
import { parseQaDataset } from './qa-dataset.js';
import type { RecordLayout } from './read-records.js';
import { DATASET_LIMITS } from './record-fields.js';
import { parseSafetyDataset } from './safety-dataset.js';

/** Bytes of one dataset file and of all the files of a directory read at most; CSV files in a directory. */
export const DATASET_FILE_LIMITS = { fileBytes: CSV_LIMITS.maxChars, totalBytes: 256 * 1024 * 1024, files: 1000, depth: 3 } as const;

/** A multiple-choice benchmark read from a file or a directory: every subject × split found. */
export interface McqDataset {
  type: 'mcq';
  format: McqFormat;
  /** Sorted by subject, then split (dev, val, test), then file order. */
  items: McqItem[];
  warnings: string[];
  /** The files read, relative to the dataset path (its own name for a single file). */
  files: string[];
}

/** A QA, judge or safety dataset read from one JSONL or CSV file. */
export type ItemDataset =
  | { type: 'qa'; items: QaItem[]; warnings: string[]; files: string[] }
  | { type: 'judge'; items: JudgeItem[]; warnings: string[]; files: string[] }
  | { type: 'safety'; items: SafetyItem[]; warnings: string[]; files: string[] };

/** Any dataset a suite can run. */
export type Dataset = McqDataset | ItemDataset;

/** Options of {@link loadMcqDataset}: the format when not detected from the header, the split of a lone file. */
export interface McqLoadOptions {
  format?: McqFormat;
  split?: McqSplit;
}

/**
 * A dataset file in memory: `name` is how it is shown (relative to the dataset: in errors and on each
 * MCQ item), `path` where its subject and split are read from when that differs (a lone file on disk:
 * its folder may be `dev/`, `val/` or `test/`).
 */
export interface DatasetFile {
  name: string;
  bytes: Uint8Array;
  path?: string;
}

const NAMED = /^(.+)_(dev|val|test)\.csv$/i;

async function readBounded(path: string, shown: string): Promise<Uint8Array> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new EvalInputError(`No such file: ${path}.`, `文件不存在：${path}。`, { source: shown });
  if (info.size > DATASET_FILE_LIMITS.fileBytes)
    throw new EvalInputError(
      `The file is ${info.size} bytes; at most ${DATASET_FILE_LIMITS.fileBytes} are read. Split it.`,
      `文件大小 ${info.size} 字节，超过上限 ${DATASET_FILE_LIMITS.fileBytes}，请拆分。`,
      { source: shown },
    );
  return readFile(path);
}

/** A dataset file read from disk (bounded by {@link DATASET_FILE_LIMITS}.fileBytes), shown by its base name. */
export async function readDatasetFile(path: string): Promise<DatasetFile> {
  const name = basename(path);
  return { name, bytes: await readBounded(path, name), path };
}

/** The CSV files under `root`, at most {@link DATASET_FILE_LIMITS}.depth folders down, hidden ones skipped. */
async function csvFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory() && depth < DATASET_FILE_LIMITS.depth) await walk(p, depth + 1);
      else if (e.isFile() && extname(e.name).toLowerCase() === '.csv') {
        if (out.length >= DATASET_FILE_LIMITS.files)
          throw new EvalInputError(
            `The folder holds more than ${DATASET_FILE_LIMITS.files} CSV files.`,
            `文件夹中的 CSV 文件超过 ${DATASET_FILE_LIMITS.files} 个。`,
            { source: root },
          );
        out.push(p);
      }
    }
  };
  await walk(root, 0);
  return out;
}

/** The subject and split of a benchmark file: `{subject}_{split}.csv`, else `{split}/{subject}.csv`. */
function subjectAndSplit(path: string, lone: McqSplit | undefined): { subject: string; split: McqSplit } | undefined {
  const name = basename(path);
  const m = NAMED.exec(name);
  if (m) return { subject: m[1], split: m[2].toLowerCase() as McqSplit };
  const parent = basename(dirname(path)).toLowerCase();
  const subject = name.slice(0, -extname(name).length);
  if ((MCQ_SPLITS as readonly string[]).includes(parent)) return { subject, split: parent as McqSplit };
  return lone ? { subject, split: lone } : undefined;
}

const splitOrder = (s: McqSplit) => MCQ_SPLITS.indexOf(s);

/**
 * A C-Eval or CMMLU dataset from a CSV file or a folder of them. In a folder every `{subject}_{split}.csv`
 * (C-Eval's names) and every `dev|val|test/{subject}.csv` (CMMLU's layout; also C-Eval's zip) is read,
 * three folders deep at most. The format comes from the headers (all files must agree) unless given; a
 * lone file not named after its split takes `options.split`, else `val` (C-Eval) or `test` (CMMLU).
 */
export async function loadMcqDataset(path: string, options: McqLoadOptions = {}): Promise<McqDataset> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new EvalInputError(`No such file or folder: ${path}.`, `文件或文件夹不存在：${path}。`);
  const isDir = info.isDirectory();
  const paths = isDir ? await csvFiles(path) : [path];
  if (paths.length === 0)
    throw new EvalInputError(
      'The folder holds no CSV files (expected {subject}_{split}.csv or dev/, val/, test/ folders of {subject}.csv).',
      '文件夹中没有 CSV 文件（应为 {subject}_{split}.csv，或 dev/、val/、test/ 文件夹中的 {subject}.csv）。',
      { source: path },
    );
  const files: DatasetFile[] = [];
  let total = 0;
  for (const p of paths) {
    const name = isDir ? relative(path, p).split(sep).join('/') : basename(p);
    const bytes = await readBounded(p, name);
    total += bytes.length;
    if (total > DATASET_FILE_LIMITS.totalBytes) throw tooLargeInAll(path);
    files.push({ name, bytes, path: isDir ? name : p });
  }
  // In a folder every file is named after its split; options.split is for a lone file.
  return mcqDatasetFromFiles(files, { format: options.format, split: isDir ? undefined : options.split }, { source: path, lone: !isDir });
}

const tooLargeInAll = (source: string) =>
  new EvalInputError(
    `The dataset's CSV files pass ${DATASET_FILE_LIMITS.totalBytes} bytes in all.`,
    `数据集的 CSV 文件总大小超过 ${DATASET_FILE_LIMITS.totalBytes} 字节。`,
    { source },
  );

/**
 * {@link loadMcqDataset} over files in memory (read from disk or uploaded): each file's subject and split
 * come from its name (`{subject}_{split}.csv`, or `dev|val|test/{subject}.csv`); a file named neither
 * way takes `options.split`, and with `where.lone` (one file on its own) defaults to `val` (C-Eval) or
 * `test` (CMMLU). `where.source` names the whole dataset in errors about it. Bounded like a folder:
 * {@link DATASET_FILE_LIMITS} files and bytes, {@link DATASET_LIMITS}.items questions.
 */
export function mcqDatasetFromFiles(
  input: readonly DatasetFile[],
  options: McqLoadOptions,
  where: { source: string; lone: boolean },
): McqDataset {
  if (input.length > DATASET_FILE_LIMITS.files)
    throw new EvalInputError(
      `The dataset has more than ${DATASET_FILE_LIMITS.files} CSV files.`,
      `数据集的 CSV 文件超过 ${DATASET_FILE_LIMITS.files} 个。`,
      { source: where.source },
    );
  if (input.reduce((n, f) => n + f.bytes.length, 0) > DATASET_FILE_LIMITS.totalBytes) throw tooLargeInAll(where.source);
  let format = options.format;
  const seen = new Map<string, string>();
  const parsed: Array<{ subject: string; split: McqSplit; items: McqItem[] }> = [];
  const warnings: string[] = [];
  const files: string[] = [];
  let count = 0;
  for (const file of input) {
    const shown = file.name;
    if (file.bytes.length > DATASET_FILE_LIMITS.fileBytes)
      throw new EvalInputError(
        `The file is ${file.bytes.length} bytes; at most ${DATASET_FILE_LIMITS.fileBytes} are read. Split it.`,
        `文件大小 ${file.bytes.length} 字节，超过上限 ${DATASET_FILE_LIMITS.fileBytes}，请拆分。`,
        { source: shown },
      );
    const rows = parseMcqRecords(decodeCsv(file.bytes, shown), { file: shown });
    const fileFormat = detectMcqFormat(rows[0]?.fields ?? []);
    if (!format) format = fileFormat;
    else if (fileFormat && fileFormat !== format && !options.format)
      throw new EvalInputError(
        `This file is in ${fileFormat === 'ceval' ? 'C-Eval' : 'CMMLU'} format but earlier ones are ${format === 'ceval' ? 'C-Eval' : 'CMMLU'}: one dataset, one format.`,
        `该文件为 ${fileFormat === 'ceval' ? 'C-Eval' : 'CMMLU'} 格式，而之前的文件为 ${format === 'ceval' ? 'C-Eval' : 'CMMLU'} 格式：一个数据集只能有一种格式。`,
        { source: shown },
      );
    if (!format)
      throw new EvalInputError(
        'The header is neither C-Eval (id,question,A,B,C,D,answer) nor CMMLU (,Question,A,B,C,D,Answer).',
        '表头既不是 C-Eval 格式（id,question,A,B,C,D,answer），也不是 CMMLU 格式（,Question,A,B,C,D,Answer）。',
        { source: shown, line: 1 },
      );
    const lone = where.lone ? (options.split ?? (format === 'ceval' ? 'val' : 'test')) : options.split;
    const at = subjectAndSplit(file.path ?? shown, lone);
    if (!at)
      throw new EvalInputError(
        'Cannot tell the split of this file: name it {subject}_dev.csv, {subject}_val.csv or {subject}_test.csv, or put it in a dev/, val/ or test/ folder.',
        '无法判断该文件属于哪个划分：请命名为 {subject}_dev.csv、{subject}_val.csv 或 {subject}_test.csv，或放入 dev/、val/、test/ 文件夹。',
        { source: shown },
      );
    const key = `${at.subject}/${at.split}`;
    const twice = seen.get(key);
    if (twice)
      throw new EvalInputError(
        `Subject ${at.subject}, split ${at.split} is already read from ${twice}.`,
        `科目 ${at.subject} 的 ${at.split} 划分已从 ${twice} 读取，重复。`,
        { source: shown },
      );
    seen.set(key, shown);
    const r = mcqItemsFromRecords(rows, format, { ...at, file: shown });
    warnings.push(...r.warnings.map((w) => `${shown}: ${w}`));
    parsed.push({ ...at, items: r.items });
    files.push(shown);
    count += r.items.length;
    if (count > DATASET_LIMITS.items)
      throw new EvalInputError(
        `The dataset has more than ${DATASET_LIMITS.items} questions.`,
        `数据集超过 ${DATASET_LIMITS.items} 道题。`,
        { source: where.source },
      );
  }
  parsed.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : splitOrder(a.split) - splitOrder(b.split)));
  return { type: 'mcq', format: format!, items: parsed.flatMap((f) => f.items), warnings, files };
}

/** The layout of an item file from its extension: `.jsonl`/`.ndjson` or `.csv`. */
export function recordLayoutOf(path: string): RecordLayout | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : ext === '.csv' ? 'csv' : undefined;
}

/**
 * A QA, judge or safety dataset from one `.jsonl` (`.ndjson`) or `.csv` file. `requireRubric` (judge):
 * every item must carry a rubric because the suite has none.
 */
export async function loadItemDataset(
  path: string,
  type: ItemDataset['type'],
  options: { requireRubric?: boolean } = {},
): Promise<ItemDataset> {
  const shown = basename(path);
  checkItemLayout(shown, type);
  return itemDatasetFromFile({ name: shown, bytes: await readBounded(path, shown) }, type, options);
}

function checkItemLayout(name: string, type: ItemDataset['type']): RecordLayout {
  const layout = recordLayoutOf(name);
  if (!layout)
    throw new EvalInputError(
      `A ${type} dataset is one .jsonl or .csv file (got ${name}).`,
      `${type} 数据集应为一个 .jsonl 或 .csv 文件（收到 ${name}）。`,
      { source: name },
    );
  return layout;
}

/** {@link loadItemDataset} over a file in memory (read from disk or uploaded); its name's extension decides JSONL or CSV. */
export function itemDatasetFromFile(file: DatasetFile, type: ItemDataset['type'], options: { requireRubric?: boolean } = {}): ItemDataset {
  const shown = file.name;
  const layout = checkItemLayout(shown, type);
  if (file.bytes.length > DATASET_FILE_LIMITS.fileBytes)
    throw new EvalInputError(
      `The file is ${file.bytes.length} bytes; at most ${DATASET_FILE_LIMITS.fileBytes} are read. Split it.`,
      `文件大小 ${file.bytes.length} 字节，超过上限 ${DATASET_FILE_LIMITS.fileBytes}，请拆分。`,
      { source: shown },
    );
  const text = decodeCsv(file.bytes, shown);
  const o = { layout, source: shown };
  if (type === 'qa') return { type, ...parseQaDataset(text, o), files: [shown] };
  if (type === 'judge') return { type, ...parseJudgeDataset(text, { ...o, requireRubric: options.requireRubric }), files: [shown] };
  return { type, ...parseSafetyDataset(text, o), files: [shown] };
}
