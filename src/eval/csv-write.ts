/** A CSV cell: text (guarded and quoted as needed), a number (written as is), or empty. */
export type CsvCell = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field of RFC 4180 CSV. Text that starts like a formula (`= + - @`, tab, CR) gets a leading
 * apostrophe so Excel and WPS show it instead of evaluating it; text with a comma, quote or line
 * break is quoted, quotes doubled. Numbers are the program's own (never guarded: `-0.5` stays a
 * number); non-finite numbers, null and undefined are empty.
 */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as RFC 4180 CSV: fields by {@link csvField}, records ended by CRLF, an empty row as a blank
 * line (between sections). With `bom` (the default) the text starts with U+FEFF, so Excel on Chinese
 * Windows reads the UTF-8 instead of guessing GBK.
 */
export function formatCsv(rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
  return options.bom === false ? body : `\ufeff${body}`;
}
