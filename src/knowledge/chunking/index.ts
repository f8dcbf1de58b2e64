export type { Block } from './blocks.js';
export { chunkDocument, type Chunk, type ChunkedDocument } from './chunk-document.js';
export { chunkingSettingsSchema, resolveChunking, type ChunkingSettingsInput, type ResolvedChunking } from './chunking-settings.js';
export { parseHtml, decodeEntities } from './parse-html.js';
export { parseMarkdown } from './parse-markdown.js';
export { parsePlainText } from './parse-text.js';
export { approximateTokens, type TokenCounter } from './token-counter.js';
