export { decodeText, looksBinary, type TextEncodingName } from './decode-text.js';
export { detectFormat, type DocumentFormat } from './detect-format.js';
export { blocksText, DOCUMENT_TEXT_MAX_MB, documentText, type DocumentText } from './document-text.js';
export {
  DEFAULT_EXTRACT_LIMITS,
  extractDocument,
  type ExtractedDocument,
  type ExtractInput,
  type ExtractLimits,
} from './extract-document.js';
export { ExtractError, type ExtractReason } from './extract-error.js';
