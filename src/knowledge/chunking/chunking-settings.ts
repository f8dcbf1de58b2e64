import { z } from 'zod';

/** Chunking settings of a knowledge base (embedded in its config). */
export const chunkingSettingsSchema = z
  .object({
    /** Target size of a chunk, title prefix included. */
    chunk_tokens: z.number().int().min(50).max(4000).default(400),
    /** Text repeated from the end of a chunk at the start of the next; below half a chunk. Default min(50, half a chunk). */
    overlap_tokens: z.number().int().min(0).max(1999).optional(),
    /** A code block up to this size stays whole even above chunk_tokens; default twice chunk_tokens. */
    max_code_tokens: z.number().int().min(50).max(8000).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.overlap_tokens !== undefined && s.overlap_tokens * 2 >= s.chunk_tokens)
      ctx.addIssue({ code: 'custom', path: ['overlap_tokens'], message: 'overlap_tokens must be below half of chunk_tokens' });
    if (s.max_code_tokens !== undefined && s.max_code_tokens < s.chunk_tokens)
      ctx.addIssue({ code: 'custom', path: ['max_code_tokens'], message: 'max_code_tokens must be at least chunk_tokens' });
  });

export type ChunkingSettingsInput = z.input<typeof chunkingSettingsSchema>;

export interface ResolvedChunking {
  chunkTokens: number;
  overlapTokens: number;
  maxCodeTokens: number;
}

/** Validates settings (throws a ZodError) and fills the defaults. */
export function resolveChunking(input: ChunkingSettingsInput = {}): ResolvedChunking {
  const s = chunkingSettingsSchema.parse(input);
  return {
    chunkTokens: s.chunk_tokens,
    overlapTokens: s.overlap_tokens ?? Math.min(50, Math.floor((s.chunk_tokens - 1) / 2)),
    maxCodeTokens: s.max_code_tokens ?? Math.min(8000, s.chunk_tokens * 2),
  };
}
