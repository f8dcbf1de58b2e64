import { basename } from 'node:path';
import { APP_LIMITS } from '../apps/app-types.js';
import { DOCUMENT_TEXT_MAX_MB, documentText, ExtractError } from '../knowledge/extract/index.js';
import { t } from './i18n.js';
import { CliError } from './open-store.js';
import { readBounded } from './read-bounded.js';
import { regularFileSize } from './regular-file-size.js';

const MB = 1024 * 1024;
/** MiB of one `--file` (the same as the console's uploads to `POST /api/extract-text`). */
export const APP_FILE_MAX_MB = DOCUMENT_TEXT_MAX_MB;

/**
 * The text of a `--file name=path` input: a .txt or .md file as it is written (decoded from UTF-8,
 * UTF-16 or GB18030), an HTML, PDF or DOCX file through the knowledge extractor, its blocks joined as
 * Markdown-like text (`documentText`, shared with `POST /api/extract-text`). Refuses a file over
 * `APP_FILE_MAX_MB` and text over `APP_LIMITS.longText` characters (exit 1, naming the file).
 */
export async function readFileInput(path: string): Promise<string> {
  const m = t();
  const size = await regularFileSize(path, m.appsNotAFile(path));
  if (size > APP_FILE_MAX_MB * MB) throw new CliError(m.appsFileTooLarge(path, (size / MB).toFixed(1), APP_FILE_MAX_MB), 1);
  const bytes = await readBounded(path, size);
  let text: string;
  try {
    text = (await documentText({ bytes, filename: basename(path) }, { maxBytes: APP_FILE_MAX_MB * MB })).text;
  } catch (err) {
    if (!(err instanceof ExtractError)) throw err;
    const zh = m !== t({ BAIMO_LANG: 'en' });
    throw new CliError(m.appsFileNoText(path, zh ? err.messageZh : err.message, err.reason), 1);
  }
  if (text.length > APP_LIMITS.longText) throw new CliError(m.appsFileTextTooLong(path, text.length, APP_LIMITS.longText), 1);
  return text;
}
