import { MAX_BLOCKS, type Block } from './blocks.js';

/** Plain text: one paragraph per run of non-blank lines. */
export function parsePlainText(input: string): Block[] {
  return input
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .slice(0, MAX_BLOCKS)
    .map((text) => ({ type: 'paragraph', text }));
}
