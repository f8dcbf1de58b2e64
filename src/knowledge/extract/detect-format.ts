import { ExtractError } from './extract-error.js';

export type DocumentFormat = 'txt' | 'md' | 'html' | 'pdf' | 'docx';

const BY_TYPE: Record<string, DocumentFormat> = {
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/x-markdown': 'md',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};
const BY_EXTENSION: Record<string, DocumentFormat> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  pdf: 'pdf',
  docx: 'docx',
};

/** `%PDF-` within the first KiB (PDF readers allow leading junk). */
export function isPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

export const isZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** What the caller said the file is: the content type first, then the file name's extension. */
export function declaredFormat(filename?: string, contentType?: string): DocumentFormat | undefined {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  if (type && BY_TYPE[type]) return BY_TYPE[type];
  const ext = filename?.toLowerCase().match(/\.([a-z0-9]{1,10})$/)?.[1];
  return ext ? BY_EXTENSION[ext] : undefined;
}

/**
 * The format: magic bytes decide for PDF and zip; text files go by content type, extension, then a sniff
 * (an HTML opening tag, Markdown headings). A file declared PDF or DOCX whose bytes say otherwise is refused.
 */
export function detectFormat(bytes: Uint8Array, filename?: string, contentType?: string): DocumentFormat {
  const declared = declaredFormat(filename, contentType);
  if (isPdf(bytes)) return 'pdf';
  if (isZip(bytes)) return 'docx';
  if (declared === 'pdf')
    throw new ExtractError('corrupt-pdf', 'The file is named or typed as PDF but does not start with a PDF header (%PDF-).');
  if (declared === 'docx') throw new ExtractError('broken-zip', 'The file is named or typed as DOCX but is not a zip archive.');
  return declared ?? 'txt';
}

/** For text with no declared format: HTML when it opens like HTML, Markdown when it has ATX headings or fences. */
export function sniffTextFormat(text: string): DocumentFormat {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (/^(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/.test(head)) return 'html';
  if (/^#{1,6} \S/m.test(head) || /^```/m.test(head)) return 'md';
  return 'txt';
}
