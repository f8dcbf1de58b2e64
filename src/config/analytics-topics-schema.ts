import { z } from 'zod';
import { LIMITS } from '../core/limits.js';

/**
 * A taxonomy given in baimo.yaml, bounded here (at most 100 labels of at most 20 examples each); ids,
 * duplicates and examples are checked when the runtime starts (src/analytics/taxonomy.ts `parseTaxonomy`,
 * which config cannot import), and an invalid one stops the start with the reason.
 */
const configTaxonomySchema = z
  .object({
    labels: z
      .array(
        z
          .object({
            id: z.string().max(40),
            zh: z.string().max(60),
            en: z.string().max(60),
            description: z.string().max(500).optional(),
            examples: z.array(z.string().max(500)).max(20).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict();

/**
 * What people use each model for (issue 20): a share of chat requests (`sample_rate`, chosen by a hash
 * of the prompt, so the same prompt is always in or out) is classified off the request path by
 * `analytics.topics` jobs, with embeddings of `embedding_model` against the taxonomy and, for prompts
 * the embeddings leave undecided, an optional zero-shot question to `zero_shot_model`. Off by default.
 */
export const analyticsTopicsSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Share of requests classified, 0..1. */
    sample_rate: z.number().min(0).max(1).default(0.1),
    /** Any embedding model the gateway routes (an alias or `provider/model`, the local engine included). */
    embedding_model: z.string().trim().max(LIMITS.modelName).default(''),
    /** A cheap chat model asked about prompts the embeddings leave undecided; absent: no zero-shot pass. */
    zero_shot_model: z.string().trim().min(1).max(LIMITS.modelName).optional(),
    /** The taxonomy to start with (default: the built-in 15 labels); `PUT /api/analytics/taxonomy` replaces it. */
    taxonomy: configTaxonomySchema.optional(),
  })
  .strict()
  .refine((t) => !t.enabled || t.embedding_model !== '', {
    message: 'analytics.topics.embedding_model is required when topic classification is enabled',
    path: ['embedding_model'],
  })
  .prefault({});

export type AnalyticsTopicsConfig = z.infer<typeof analyticsTopicsSchema>;
