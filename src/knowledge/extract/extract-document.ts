import type { Block } from '../chunking/blocks.js';
import { decodeEntities, parseHtml } from '../chunking/parse-html.js';
import { parseMarkdown } from '../chunking/parse-markdown.js';
import { parsePlainText } from '../chunking/parse-text.js';
import { decodeText } from './decode-text.js';
import { declaredFormat, detectFormat, sniffTextFormat, type DocumentFormat } from './detect-format.js';
import { extractDocx } from './extract-docx.js';
import { ExtractError } from './extract-error.js';
import { extractPdf } from './extract-pdf.js';

export interface ExtractInput {
  bytes: Uint8Array;
  filename?: string;
  contentType?: string;
}

export interface ExtractLimits {
  /** Largest file accepted, in bytes (default 50 MB). */
  maxBytes?: number;
  /** Most PDF pages accepted (default 2,000). */
  maxPages?: number;
  /** Largest size one DOCX part may expand to, in bytes (default 100 MB): a zip bomb stops here. */
  maxUncompressedBytes?: number;
}

export interface ExtractedDocument {
  format: DocumentFormat;
  blocks: Block[];
  title?: string;
}

export const DEFAULT_EXTRACT_LIMITS: Required<ExtractLimits> = {
  maxBytes: 50 * 1024 * 1024,
  maxPages: 2_000,
  maxUncompressedBytes: 100 * 1024 * 1024,
};

/**
 * A knowledge-base document (txt, md, html, pdf, docx) → the chunker's blocks. The format comes from magic
 * bytes, the content type and the extension; text is decoded from UTF-8/UTF-16 (BOM) or GB18030/GBK.
 * Throws `ExtractError` for what cannot be read: corrupt or encrypted files, zip bombs, unknown binaries.
 */
export async function extractDocument(input: ExtractInput, limits: ExtractLimits = {}): Promise<ExtractedDocument> {
  const { maxBytes, maxPages, maxUncompressedBytes } = { ...DEFAULT_EXTRACT_LIMITS, ...limits };
  const { bytes, filename, contentType } = input;
  if (bytes.length > maxBytes)
    throw new ExtractError('too-large', `The file is ${bytes.length} bytes; at most ${maxBytes} bytes can be imported.`);
  const format = detectFormat(bytes, filename, contentType);
  if (format === 'pdf') return { format, ...(await extractPdf(bytes, maxPages)) };
  if (format === 'docx') return { format, ...extractDocx(bytes, maxUncompressedBytes) };
  const { text } = decodeText(bytes);
  const textFormat = declaredFormat(filename, contentType) ? format : sniffTextFormat(text);
  if (textFormat === 'html') {
    const blocks = parseHtml(text);
    return { format: 'html', blocks, title: htmlTitle(text) ?? firstHeading(blocks) };
  }
  if (textFormat === 'md') {
    const blocks = parseMarkdown(text);
    return { format: 'md', blocks, title: firstHeading(blocks) };
  }
  return { format: 'txt', blocks: parsePlainText(text) };
}

function htmlTitle(html: string): string | undefined {
  const m = /<title\b[^>]*>([\s\S]{0,2000}?)<\/title>/i.exec(html);
  const title =
    m &&
    decodeEntities(m[1].replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim();
  return title || undefined;
}

function firstHeading(blocks: readonly Block[]): string | undefined {
  const h = blocks.find((b) => b.type === 'heading');
  return h?.type === 'heading' ? h.text : undefined;
}
