import { ExtractError } from './extract-error.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** True when the bytes look like a binary file rather than text: NULs or many control bytes near the start. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return n > 0 && control / n > 0.1;
}

function gb18030Decoder(): InstanceType<typeof TextDecoder> {
  try {
    return new TextDecoder('gb18030', { fatal: true });
  } catch {
    throw new ExtractError(
      'encoding-unsupported',
      'This file is not UTF-8 and looks like GBK/GB18030 Chinese text, but this Node.js build cannot decode GB18030 (it needs full ICU). Save the file as UTF-8, or run Node.js with full ICU.',
    );
  }
}

/**
 * Decodes a text file: a BOM wins (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8, then GB18030 (a superset of
 * GBK and GB2312, what most Chinese enterprise .txt files are saved in). Anything else is refused.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (looksBinary(bytes)) throw new ExtractError('unsupported-format', 'The file is binary, not text, and is not a PDF or DOCX.');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try the Chinese national encoding below
  }
  const gb = gb18030Decoder();
  try {
    return { text: gb.decode(bytes), encoding: 'gb18030' };
  } catch {
    throw new ExtractError('undecodable-text', 'The text is neither UTF-8 nor GBK/GB18030. Save the file as UTF-8 and upload it again.');
  }
}
