/**
 * Files read as text for a scenario app's `file` variable (issue 18, src/server/api/extract-text-routes.ts):
 * the server reads PDF, Word (.docx), HTML and text files (UTF-8, UTF-16 or GBK) the way
 * `baimo apps run --file` does, and stores nothing. The upload reports its progress.
 */
import { route, upload, type UploadOptions } from './client.ts';
import type { Res } from './types.ts';

export type ExtractedText = Res<'postApiExtractText'>;

/** Most MiB of one file the server reads as text. */
export const EXTRACT_MAX_MB = 50;

/** File types the server reads as text (the console's file inputs offer these). */
export const EXTRACT_ACCEPT = '.pdf,.docx,.html,.htm,.txt,.md,.markdown,.csv,.json,.xml,.yaml,.yml,.log';

/** Uploads `file` (multipart, with progress) and answers its text, cut at the longest a file variable takes (`truncated`). */
export function extractText(file: File, opts: UploadOptions = {}): Promise<ExtractedText> {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload<ExtractedText>(route('/api/extract-text'), form, opts);
}
