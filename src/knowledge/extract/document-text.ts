import type { Block } from '../chunking/blocks.js';
import { decodeText } from './decode-text.js';
import { declaredFormat, detectFormat, type DocumentFormat } from './detect-format.js';
import { extractDocument, type ExtractInput, type ExtractLimits } from './extract-document.js';

/** MiB of one file an app's `file` input takes (the CLI's `--file`, `POST /api/extract-text`): the extractor's default limit. */
export const DOCUMENT_TEXT_MAX_MB = 50;

/** A file as one text: what a scenario app's `file` variable receives. */
export interface DocumentText {
  /** The format the file was read as. */
  format: DocumentFormat;
  /** Line breaks normalized to `\n`, trimmed; not capped (callers decide what is too long). */
  text: string;
}

/**
 * A file as the text of an app's `file` input (the CLI's `--file` and `POST /api/extract-text` use
 * this one implementation): a .txt or .md file as it is written (decoded from UTF-8, UTF-16 or
 * GB18030/GBK), an HTML, PDF or DOCX file through the knowledge extractor (`extractDocument`), its
 * blocks joined as Markdown-like text (`blocksText`). Throws `ExtractError` for a file that cannot be
 * read (corrupt, encrypted, an unknown binary, over `limits.maxBytes`).
 */
export async function documentText(input: ExtractInput, limits: ExtractLimits = {}): Promise<DocumentText> {
  const { bytes, filename, contentType } = input;
  const format = detectFormat(bytes, filename, contentType);
  // Plain text and Markdown go in as written: the prompt keeps their line breaks and markup. (A file
  // over the size limit goes to extractDocument, which refuses it.)
  if ((format === 'txt' || format === 'md') && bytes.length <= (limits.maxBytes ?? Infinity)) {
    const plain = decodeText(bytes).text;
    if (!looksLikeHtml(plain, filename, contentType)) return { format, text: normalize(plain) };
  }
  const doc = await extractDocument(input, limits);
  return { format: doc.format, text: normalize(blocksText(doc.blocks)) };
}

const normalize = (text: string): string => text.replace(/\r\n?/g, '\n').trim();

/** A file of no declared format (no known extension or type) that opens like HTML goes through the HTML parser (its tags are no text). */
function looksLikeHtml(text: string, filename?: string, contentType?: string): boolean {
  if (declaredFormat(filename, contentType) || /\.[a-z0-9]{1,10}$/i.test(filename ?? '')) return false;
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
