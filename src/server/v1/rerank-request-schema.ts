import { z } from 'zod';
import { LIMITS } from '../../core/limits.js';

const model = z.string().min(1, 'model must not be empty').max(LIMITS.modelName, `model must be at most ${LIMITS.modelName} characters`);
const text = z.string().max(LIMITS.rerankText, `at most ${LIMITS.rerankText} characters`);

/**
 * The `/v1/rerank` body, in the shape Jina, Cohere v2, SiliconFlow and Xinference share. A document
 * is a string, or an object with its `text` (as Jina and Cohere v1 accept); other fields of it are
 * neither read nor sent on.
 */
export const rerankRequestSchema = z
  .object({
    model,
    query: text.min(1, 'query must not be empty'),
    documents: z
      .array(z.union([text, z.object({ text }).loose()]))
      .min(1, 'documents must not be empty')
      .max(LIMITS.rerankDocuments, `at most ${LIMITS.rerankDocuments} documents`),
    top_n: z.number().int().min(1).max(LIMITS.rerankDocuments).optional(),
    /** Whether each result carries its document's text (default false, as SiliconFlow, Xinference and DashScope). */
    return_documents: z.boolean().optional(),
    user: z.string().max(LIMITS.userId, `user must be at most ${LIMITS.userId} characters`).optional(),
  })
  .loose();
