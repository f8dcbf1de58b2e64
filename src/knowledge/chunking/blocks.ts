/** A parsed document as a flat list of blocks, in reading order: what the chunker consumes. */
export type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list-item'; text: string }
  | { type: 'table'; header: string[]; rows: string[][] }
  | { type: 'code'; text: string; lang?: string };

/** Upper bound on the blocks one document may yield (parsers stop there). */
export const MAX_BLOCKS = 200_000;
