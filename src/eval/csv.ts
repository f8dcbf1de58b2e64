import { decodeText } from '../knowledge/extract/decode-text.js';
import { ExtractError } from '../knowledge/extract/extract-error.js';
import { EvalInputError } from './eval-input-error.js';

/** How much a CSV may hold: characters in all, records, fields per record, characters per field. */
export interface CsvLimits {
  maxChars: number;
  maxRows: number;
  maxFields: number;
  maxFieldChars: number;
}

/**
 * The defaults: far above the largest public benchmark file (a C-Eval or CMMLU subject is a few hundred
 * rows of short fields), low enough that a wrong file fails fast instead of filling memory.
 */
export const CSV_LIMITS: Readonly<CsvLimits> = {
  maxChars: 64 * 1024 * 1024,
  maxRows: 200_000,
  maxFields: 64,
  maxFieldChars: 100_000,
};

/** One record: its fields and the 1-based line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Where the text came from (named in errors) and limits other than {@link CSV_LIMITS}. */
export interface CsvOptions {
  source?: string;
  limits?: Partial<CsvLimits>;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** Line breaks in text[from, to): LF, CRLF (once) and a lone CR each count one. */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

/**
 * Parses CSV text as RFC 4180 has it: fields separated by commas, records by CRLF, LF or CR; a field in
 * double quotes may hold commas, line breaks and `""` (one quote). A leading UTF-8 BOM is dropped,
 * blank lines are skipped, a quote inside an unquoted field is kept as a character (as spreadsheet
 * exports write `5"`). Anything but a comma or a line end after a closing quote, a quote never closed,
 * or a limit passed is an {@link EvalInputError} naming the line. Records may differ in length; the
 * caller checks them against its header.
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvRecord[] {
  const limits = { ...CSV_LIMITS, ...options.limits };
  const fail = (line: number, en: string, zh: string) => new EvalInputError(en, zh, { source: options.source, line });
  if (text.length > limits.maxChars)
    throw new EvalInputError(
      `The CSV has ${text.length} characters; at most ${limits.maxChars} are read. Split the file.`,
      `CSV 共 ${text.length} 个字符，超过上限 ${limits.maxChars}，请拆分文件。`,
      { source: options.source },
    );
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const records: CsvRecord[] = [];
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    let quotedAny = false;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        quotedAny = true;
        const openLine = line;
        value = '';
        let start = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1)
            throw fail(
              openLine,
              'A quoted field is never closed: a double quote (") opens it and no closing quote follows. Write a quote inside a quoted field as "".',
              '带引号的字段没有结束：缺少配对的双引号（"）。字段内的双引号请写成 ""。',
            );
          line += lineBreaks(text, i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(start, q + 1);
            i = start = q + 2;
            continue;
          }
          value += text.slice(start, q);
          i = q + 1;
          break;
        }
        const c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== CR && c !== LF)
          throw fail(
            line,
            `Unexpected ${JSON.stringify(text[i])} after the closing quote of field ${fields.length + 1}: a quoted field must end at a comma or the end of the line (write a quote inside it as "").`,
            `第 ${fields.length + 1} 个字段的结束引号后出现了 ${JSON.stringify(text[i])}：带引号的字段之后只能是逗号或换行（字段内的引号请写成 ""）。`,
          );
      } else {
        const start = i;
        for (; i < n; i++) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === CR || c === LF) break;
        }
        value = text.slice(start, i);
      }
      if (value.length > limits.maxFieldChars)
        throw fail(
          recordLine,
          `Field ${fields.length + 1} has ${value.length} characters; at most ${limits.maxFieldChars} are allowed.`,
          `第 ${fields.length + 1} 个字段有 ${value.length} 个字符，超过上限 ${limits.maxFieldChars}。`,
        );
      fields.push(value);
      if (fields.length > limits.maxFields)
        throw fail(
          recordLine,
          `The record has more than ${limits.maxFields} fields. Is this a CSV with commas as separators?`,
          `该记录超过 ${limits.maxFields} 个字段。请确认文件是以逗号分隔的 CSV。`,
        );
      if (i >= n) break;
      const c = text.charCodeAt(i++);
      if (c === COMMA) continue;
      if (c === CR && text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }
    if (!quotedAny && fields.length === 1 && fields[0] === '') continue;
    if (records.length >= limits.maxRows)
      throw fail(
        recordLine,
        `The CSV has more than ${limits.maxRows} records. Split the file.`,
        `CSV 超过 ${limits.maxRows} 条记录，请拆分文件。`,
      );
    records.push({ line: recordLine, fields });
  }
  return records;
}

/**
 * The text of a CSV file's bytes: a BOM wins (UTF-8, UTF-16), else strict UTF-8, else GB18030 (GBK
 * files saved by Excel on Chinese Windows). Binary or undecodable bytes are an {@link EvalInputError}.
 */
export function decodeCsv(bytes: Uint8Array, source?: string): string {
  try {
    return decodeText(bytes).text;
  } catch (err) {
    if (err instanceof ExtractError)
      throw new EvalInputError(
        `${err.message} (a dataset must be a text file: CSV or JSONL)`,
        `${err.messageZh}（数据集应为 CSV 或 JSONL 文本文件）`,
        { source },
      );
    throw err;
  }
}
