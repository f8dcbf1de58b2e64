import { parseCsv, type CsvLimits, type CsvRecord } from './csv.js';
import { MCQ_LETTERS, type McqItem, type McqLetter, type McqSplit, type ParsedItems } from './dataset-formats.js';
import { EvalInputError } from './eval-input-error.js';
import type { McqFormat } from './mcq-subjects.js';
import { DATASET_LIMITS } from './record-fields.js';

/** Which subject and split a benchmark CSV holds, the name it is shown by, and CSV limits. */
export interface McqFileOptions {
  subject: string;
  split: McqSplit;
  /** The file, relative to the dataset (named in errors and kept on each item). */
  file: string;
  limits?: Partial<CsvLimits>;
}

const LETTER_COLUMNS = ['a', 'b', 'c', 'd'];

/**
 * The benchmark a CSV header belongs to: C-Eval has an `id` column (`id,question,A,B,C,D,answer[,explanation]`),
 * CMMLU an unnamed index column (`,Question,A,B,C,D,Answer`). Undefined when `question` or an option
 * column is missing. Names are compared trimmed and in any case.
 */
export function detectMcqFormat(header: readonly string[]): McqFormat | undefined {
  const names = header.map((h) => h.trim().toLowerCase());
  if (!['question', ...LETTER_COLUMNS].every((c) => names.includes(c))) return undefined;
  return names.includes('id') ? 'ceval' : 'cmmlu';
}

/**
 * One subject-and-split CSV of C-Eval or CMMLU as items. C-Eval needs `id,question,A,B,C,D` and may have
 * `answer` (absent or empty in its `test` split) and `explanation`; CMMLU needs `Question,A,B,C,D` and
 * may have `Answer`, its id is the unnamed first column (else the 0-based row number, as pandas wrote
 * it). Answers are A–D in any case; ids are `{subject}/{split}/{id}`. Columns other than these are
 * ignored with a warning. Problems (a row of the wrong length, an empty question, an answer not A–D,
 * an id twice) name the line.
 */
export function parseMcqCsv(text: string, format: McqFormat, options: McqFileOptions): ParsedItems<McqItem> {
  return mcqItemsFromRecords(parseMcqRecords(text, options), format, options);
}

/** The CSV records of a benchmark file, bounded by {@link DATASET_LIMITS} (header included). */
export function parseMcqRecords(text: string, options: Pick<McqFileOptions, 'file' | 'limits'>): CsvRecord[] {
  return parseCsv(text, { source: options.file, limits: { maxRows: DATASET_LIMITS.items + 1, ...options.limits } });
}

/** {@link parseMcqCsv} from records already parsed (the header first). */
export function mcqItemsFromRecords(rows: readonly CsvRecord[], format: McqFormat, options: McqFileOptions): ParsedItems<McqItem> {
  const source = options.file;
  if (rows.length === 0) throw new EvalInputError('The file is empty: it has no header row.', '文件为空：没有表头行。', { source });
  const [head, ...body] = rows;
  const names = head.fields.map((h) => h.trim().toLowerCase());
  const expected = format === 'ceval' ? 'id,question,A,B,C,D,answer[,explanation]' : ',Question,A,B,C,D,Answer';
  const col = (name: string) => names.indexOf(name);
  const missing = ['question', ...LETTER_COLUMNS, ...(format === 'ceval' ? ['id'] : [])].filter((c) => col(c) === -1);
  if (missing.length > 0)
    throw new EvalInputError(
      `The header lacks ${missing.join(', ')}: a ${format === 'ceval' ? 'C-Eval' : 'CMMLU'} file starts with ${expected}.`,
      `表头缺少 ${missing.join('、')}：${format === 'ceval' ? 'C-Eval' : 'CMMLU'} 文件的表头应为 ${expected}。`,
      { source, line: head.line },
    );
  const idCol = format === 'ceval' ? col('id') : names[0] === '' ? 0 : -1;
  const known = new Set([idCol, col('question'), ...LETTER_COLUMNS.map(col), col('answer'), col('explanation')]);
  const extra = head.fields.filter((_, k) => !known.has(k)).map((h) => h.trim() || '(unnamed)');
  const warnings = extra.length
    ? [`Ignored columns: ${extra.join(', ')} (expected ${expected}). / 已忽略列：${extra.join('、')}（应为 ${expected}）。`]
    : [];
  if (body.length === 0) throw new EvalInputError('The file has a header but no questions.', '文件只有表头，没有题目。', { source });

  const seen = new Map<string, number>();
  const items = body.map(({ line, fields }, k): McqItem => {
    const fail = (en: string, zh: string) => new EvalInputError(en, zh, { source, line });
    if (fields.length !== names.length)
      throw fail(
        `The row has ${fields.length} fields; the header has ${names.length}. Quote fields that contain commas or line breaks.`,
        `该行有 ${fields.length} 个字段，表头有 ${names.length} 个。含逗号或换行的字段请加双引号。`,
      );
    const rowId = idCol === -1 ? String(k) : fields[idCol].trim();
    if (rowId === '') throw fail('The id is empty.', 'id 为空。');
    if (rowId.length > DATASET_LIMITS.idChars)
      throw fail(`The id is longer than ${DATASET_LIMITS.idChars} characters.`, `id 超过 ${DATASET_LIMITS.idChars} 个字符。`);
    const first = seen.get(rowId);
    if (first !== undefined)
      throw fail(`The id "${rowId}" is used again (first on line ${first}).`, `id“${rowId}”重复（首次出现在第 ${first} 行）。`);
    seen.set(rowId, line);
    const question = fields[col('question')];
    if (question.trim() === '') throw fail('The question is empty.', '题目为空。');
    if (question.length > DATASET_LIMITS.questionChars)
      throw fail(
        `The question has ${question.length} characters; at most ${DATASET_LIMITS.questionChars}.`,
        `题目超过 ${DATASET_LIMITS.questionChars} 个字符。`,
      );
    const choices = {} as Record<McqLetter, string>;
    for (const letter of MCQ_LETTERS) {
      const v = fields[col(letter.toLowerCase())];
      if (v.length > DATASET_LIMITS.optionChars)
        throw fail(
          `Option ${letter} has ${v.length} characters; at most ${DATASET_LIMITS.optionChars}.`,
          `选项 ${letter} 超过 ${DATASET_LIMITS.optionChars} 个字符。`,
        );
      choices[letter] = v;
    }
    const rawAnswer = col('answer') === -1 ? '' : fields[col('answer')].trim().toUpperCase();
    if (rawAnswer !== '' && !(MCQ_LETTERS as readonly string[]).includes(rawAnswer))
      throw fail(
        `The answer must be A, B, C or D (got ${JSON.stringify(fields[col('answer')].slice(0, 20))}).`,
        `答案只能是 A、B、C 或 D（收到 ${JSON.stringify(fields[col('answer')].slice(0, 20))}）。`,
      );
    const explanation = col('explanation') === -1 ? '' : fields[col('explanation')];
    if (explanation.length > DATASET_LIMITS.explanationChars)
      throw fail(
        `The explanation is longer than ${DATASET_LIMITS.explanationChars} characters.`,
        `解析超过 ${DATASET_LIMITS.explanationChars} 个字符。`,
      );
    return {
      id: `${options.subject}/${options.split}/${rowId}`,
      subject: options.subject,
      split: options.split,
      question,
      options: choices,
      ...(rawAnswer ? { answer: rawAnswer as McqLetter } : {}),
      ...(explanation.trim() ? { explanation } : {}),
      file: source,
      line,
    };
  });
  return { items, warnings };
}
