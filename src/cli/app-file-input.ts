import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { APP_LIMITS } from '../apps/app-types.js';
import type { Block } from '../knowledge/chunking/blocks.js';
import { decodeText, detectFormat, extractDocument, ExtractError } from '../knowledge/extract/index.js';
import { t } from './i18n.js';
import { CliError } from './open-store.js';

const MB = 1024 * 1024;
/** Bytes of one `--file` (the knowledge extractor's default limit). */
export const APP_FILE_MAX_MB = 50;

/**
 * The text of a `--file name=path` input: a .txt or .md file as it is written (decoded from UTF-8,
 * UTF-16 or GB18030), an HTML, PDF or DOCX file through the knowledge extractor (`extractDocument`),
 * its blocks joined as Markdown-like text. Refuses a file over `APP_FILE_MAX_MB` and text over
 * `APP_LIMITS.longText` characters (exit 1, naming the file).
 */
export async function readFileInput(path: string): Promise<string> {
  const m = t();
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new CliError(m.appsNotAFile(path), 1);
    size = s.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(m.kbFileUnreadable(path, (err as NodeJS.ErrnoException).code ?? (err as Error).message), 1);
  }
  if (size > APP_FILE_MAX_MB * MB) throw new CliError(m.appsFileTooLarge(path, (size / MB).toFixed(1), APP_FILE_MAX_MB), 1);
  const bytes = await readBounded(path, size);
  const filename = basename(path);
  let text: string;
  try {
    const format = detectFormat(bytes, filename);
    // Plain text and Markdown go in as written: the prompt keeps their line breaks and markup.
    const plain = format === 'txt' || format === 'md' ? decodeText(bytes).text : undefined;
    if (plain !== undefined && !looksLikeHtml(plain, filename)) text = plain;
    else text = blocksText((await extractDocument({ bytes, filename }, { maxBytes: APP_FILE_MAX_MB * MB })).blocks);
  } catch (err) {
    if (!(err instanceof ExtractError)) throw err;
    const zh = m !== t({ BAIMO_LANG: 'en' });
    throw new CliError(m.appsFileNoText(path, zh ? err.messageZh : err.message, err.reason), 1);
  }
  text = text.replace(/\r\n?/g, '\n').trim();
  if (text.length > APP_LIMITS.longText) throw new CliError(m.appsFileTextTooLong(path, text.length, APP_LIMITS.longText), 1);
  return text;
}

/** A file without an extension that opens like HTML goes through the HTML parser (its tags are no text). */
function looksLikeHtml(text: string, filename: string): boolean {
  if (/\.[a-z0-9]{1,10}$/i.test(filename)) return false;
  return /^(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text.slice(0, 4096).trimStart());
}

/** Extracted blocks as text: headings with `#`, list items with `-`, tables as `|` rows, code fenced. */
export function blocksText(blocks: readonly Block[]): string {
  const out: string[] = [];
  let prev: Block['type'] | undefined;
  for (const b of blocks) {
    let piece: string;
    switch (b.type) {
      case 'heading':
        piece = `${'#'.repeat(Math.min(6, Math.max(1, b.level)))} ${b.text}`;
        break;
      case 'list-item':
        piece = `- ${b.text}`;
        break;
      case 'table':
        piece = [b.header, ...b.rows]
          .filter((r) => r.length)
          .map((r) => `| ${r.join(' | ')} |`)
          .join('\n');
        break;
      case 'code':
        piece = `\`\`\`${b.lang ?? ''}\n${b.text}\n\`\`\``;
        break;
      default:
        piece = b.text;
    }
    // Consecutive list items stay one list; other blocks are paragraphs.
    out.push(out.length === 0 ? piece : b.type === 'list-item' && prev === 'list-item' ? `\n${piece}` : `\n\n${piece}`);
    prev = b.type;
  }
  return out.join('');
}

/** Reads a file, refusing one that grew past the size it had when checked. */
async function readBounded(path: string, size: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(size + 1);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > size) throw new CliError(t().kbFileUnreadable(path, 'changed while being read'), 1);
    return buf.subarray(0, n);
  } finally {
    await fh.close();
  }
}
