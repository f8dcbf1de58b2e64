import type { Block } from '../chunking/blocks.js';
import { ExtractError } from './extract-error.js';
import { coreTitle, headingStyles, parseDocumentXml } from './parse-docx-xml.js';
import { ZipReader } from './zip-reader.js';

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);

/** A .docx (an Office Open XML zip) → blocks, each entry read with `maxUncompressedBytes` as its bound. */
export function extractDocx(bytes: Uint8Array, maxUncompressedBytes: number): { blocks: Block[]; title?: string } {
  const zip = new ZipReader(bytes);
  if (!zip.has('word/document.xml'))
    throw new ExtractError('missing-document-xml', 'The file is a zip but has no word/document.xml, so it is not a Word (.docx) document.');
  const xml = utf8(zip.read('word/document.xml', maxUncompressedBytes));
  const styles = zip.has('word/styles.xml') ? utf8(zip.read('word/styles.xml', maxUncompressedBytes)) : undefined;
  const core = zip.has('docProps/core.xml') ? utf8(zip.read('docProps/core.xml', maxUncompressedBytes)) : undefined;
  const blocks = parseDocumentXml(xml, headingStyles(styles));
  const firstHeading = blocks.find((b) => b.type === 'heading');
  return { blocks, title: coreTitle(core) ?? (firstHeading?.type === 'heading' ? firstHeading.text : undefined) };
}
