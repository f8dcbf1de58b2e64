import { CSV_LIMITS, parseCsv, type CsvLimits } from './csv.js';
import { EvalInputError } from './eval-input-error.js';

/** The two text layouts of item datasets: one JSON object per line, or a CSV with a header row. */
export type RecordLayout = 'jsonl' | 'csv';

/** One raw item: its fields by name and the 1-based line it starts on. */
export interface SourceRecord {
  line: number;
  values: Record<string, unknown>;
}

/** Options of {@link readRecords}: where the text came from (named in errors) and CSV limits. */
export interface ReadRecordsOptions {
  source?: string;
  limits?: Partial<CsvLimits>;
}

/** Characters of one JSONL line read at most (a line is one item; items are bounded far below this). */
export const JSONL_MAX_LINE_CHARS = 1_000_000;

/** Whether a record has a field of this name (own, not inherited: `constructor` is not a field). */
export const hasField = (values: Record<string, unknown>, name: string): boolean => Object.prototype.hasOwnProperty.call(values, name);

function readJsonl(text: string, options: ReadRecordsOptions): SourceRecord[] {
  const limits = { ...CSV_LIMITS, ...options.limits };
  const fail = (line: number, en: string, zh: string) => new EvalInputError(en, zh, { source: options.source, line });
  if (text.length > limits.maxChars)
    throw new EvalInputError(
      `The file has ${text.length} characters; at most ${limits.maxChars} are read. Split the file.`,
      `文件共 ${text.length} 个字符，超过上限 ${limits.maxChars}，请拆分文件。`,
      { source: options.source },
    );
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[0]?.charCodeAt(0) === 0xfeff) lines[0] = lines[0].slice(1);
  const out: SourceRecord[] = [];
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k].trim();
    if (raw === '') continue;
    const line = k + 1;
    if (raw.length > JSONL_MAX_LINE_CHARS)
      throw fail(
        line,
        `The line has ${raw.length} characters; at most ${JSONL_MAX_LINE_CHARS}.`,
        `该行有 ${raw.length} 个字符，超过上限 ${JSONL_MAX_LINE_CHARS}。`,
      );
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw fail(
        line,
        `The line is not valid JSON (${(err as Error).message.slice(0, 200)}). JSONL has one JSON object per line.`,
        '该行不是有效的 JSON。JSONL 文件每行一个 JSON 对象。',
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw fail(line, 'The line must be a JSON object ({"input": …}).', '该行必须是 JSON 对象（{"input": …}）。');
    if (out.length >= limits.maxRows)
      throw fail(line, `The file has more than ${limits.maxRows} items. Split it.`, `文件超过 ${limits.maxRows} 条数据，请拆分。`);
    out.push({ line, values: value as Record<string, unknown> });
  }
  return out;
}

/** The header row of a CSV as field names: trimmed, none repeated. */
function headerNames(fields: string[], line: number, source?: string): string[] {
  const names = fields.map((f) => f.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (name !== '' && seen.has(name))
      throw new EvalInputError(`The header names the column "${name}" twice.`, `表头中的列“${name}”重复。`, { source, line });
    seen.add(name);
  }
  return names;
}

function readCsv(text: string, options: ReadRecordsOptions): SourceRecord[] {
  const rows = parseCsv(text, options);
  if (rows.length === 0) return [];
  const [head, ...body] = rows;
  const names = headerNames(head.fields, head.line, options.source);
  return body.map(({ line, fields }) => {
    if (fields.length !== names.length)
      throw new EvalInputError(
        `The row has ${fields.length} fields; the header has ${names.length} (${names.join(',')}). Quote fields that contain commas or line breaks.`,
        `该行有 ${fields.length} 个字段，表头有 ${names.length} 个（${names.join(',')}）。含逗号或换行的字段请加双引号。`,
        { source: options.source, line },
      );
    const values: Record<string, unknown> = {};
    names.forEach((name, k) =>
      Object.defineProperty(values, name, { value: fields[k], enumerable: true, writable: true, configurable: true }),
    );
    return { line, values };
  });
}

/**
 * The raw items of a JSONL or CSV file, each with its line. JSONL: one JSON object per non-blank line.
 * CSV: the first record names the columns (trimmed, none twice); every row has as many fields as the
 * header. Bounded by {@link CSV_LIMITS} (characters, items; CSV fields too) and {@link JSONL_MAX_LINE_CHARS}.
 */
export function readRecords(text: string, layout: RecordLayout, options: ReadRecordsOptions = {}): SourceRecord[] {
  return layout === 'jsonl' ? readJsonl(text, options) : readCsv(text, options);
}

/** The header of a CSV (trimmed names), or the field names seen in JSONL records, in first-seen order. */
export function fieldNames(records: readonly SourceRecord[]): string[] {
  const names = new Set<string>();
  for (const r of records) for (const k of Object.keys(r.values)) names.add(k);
  return [...names];
}
