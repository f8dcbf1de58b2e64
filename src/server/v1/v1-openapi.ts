import { z } from 'zod';
import type { RouteDoc } from '../api/openapi.js';
import { appRunRequestSchema } from './app-run-route.js';
import { chatRequestSchema, embeddingRequestSchema } from './chat-request-schema.js';
import { rerankRequestSchema } from './rerank-request-schema.js';

/**
 * The `/v1` routes as OpenAPI route docs: the request schemas they validate with and zod schemas of
 * what they answer (render-chat.ts, embeddings-route.ts, rerank-route.ts, models-route.ts, app-run-route.ts). `npm run gen:api` puts them
 * beside the admin API's document to type the console; test/server/v1-openapi.test.ts parses real
 * answers with them, so they cannot drift from the renderers.
 */

const finishReason = z.enum(['stop', 'length', 'tool_calls', 'content_filter']);

export const usageSchema = z.object({
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  total_tokens: z.number().int(),
  prompt_tokens_details: z.object({ cached_tokens: z.number().int() }).optional(),
  completion_tokens_details: z.object({ reasoning_tokens: z.number().int() }).optional(),
});

const toolCall = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

/** A passage a grounded answer was given (the knowledge stage): `[index]` in the answer refers to it. */
const citationSchema = z.object({
  index: z.number().int(),
  knowledge_base: z.string(),
  document_id: z.string(),
  document_name: z.string(),
  document_title: z.string().nullable(),
  chunk_id: z.string(),
  title_path: z.array(z.string()),
  text: z.string(),
  score: z.number(),
  /** Whether the answer carries the passage's marker. */
  cited: z.boolean(),
  /** The data-security policy's output moderation withheld the passage's text (`text` is ''). */
  withheld: z.boolean().optional(),
});

/** The scenario app and version that answered (`app:{slug}` calls and `/v1/apps/{slug}/run`). */
const appRefSchema = z.object({ slug: z.string(), version: z.number().int() });

/** Progress of a scenario app's run over a long input: map calls done of all, then the reduce calls. */
const progressSchema = z.object({ phase: z.enum(['map', 'reduce']), done: z.number().int(), total: z.number().int() });

/**
 * `chat.completion`; stages may add top-level fields (the implicit AIGC label, `aigc_label`; a
 * grounded answer's `citations`; a scenario app's `app`).
 */
export const chatCompletionSchema = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        message: z.object({
          role: z.literal('assistant'),
          content: z.string().nullable(),
          refusal: z.string().nullable(),
          tool_calls: z.array(toolCall).optional(),
          reasoning_content: z.string().optional(),
        }),
        logprobs: z.null(),
        finish_reason: finishReason,
      }),
    ),
    usage: usageSchema,
    citations: z.array(citationSchema).optional(),
    app: appRefSchema.optional(),
  })
  .loose();

/** One `chat.completion.chunk` event of a streamed answer (`data: [DONE]` ends the stream; an error is `{"error": …}`). */
export const chatCompletionChunkSchema = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion.chunk'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        delta: z.object({
          role: z.literal('assistant').optional(),
          content: z.string().optional(),
          reasoning_content: z.string().optional(),
          tool_calls: z
            .array(
              z.object({
                index: z.number().int(),
                id: z.string().optional(),
                type: z.literal('function').optional(),
                function: z.object({ name: z.string().optional(), arguments: z.string().optional() }),
              }),
            )
            .optional(),
        }),
        logprobs: z.null(),
        finish_reason: finishReason.nullable(),
      }),
    ),
    /** With `stream_options.include_usage`: null on every chunk but the last, which has no choices. */
    usage: usageSchema.nullable().optional(),
    /** A grounded answer's passages, on the chunk that carries its `finish_reason`. */
    citations: z.array(citationSchema).optional(),
    /** A scenario app's run: the app and version, on the first chunk. */
    app: appRefSchema.optional(),
    /** A scenario app's run over a long input: a chunk of its own, with an empty delta, per step done. */
    progress: progressSchema.optional(),
  })
  .loose();

/** `/v1/apps/{slug}/run`: a chat completion naming the app and version that answered. */
export const appRunCompletionSchema = chatCompletionSchema.extend({ app: appRefSchema });

export const embeddingListSchema = z.object({
  object: z.literal('list'),
  data: z.array(
    z.object({
      object: z.literal('embedding'),
      index: z.number().int(),
      embedding: z.union([z.array(z.number()), z.string().describe('base64 of little-endian float32')]),
    }),
  ),
  model: z.string(),
  usage: z.object({ prompt_tokens: z.number().int(), total_tokens: z.number().int() }),
});

/** `/v1/rerank` (rerank-route.ts): most relevant first; `document` only with `return_documents: true`. */
export const rerankListSchema = z.object({
  id: z.string(),
  object: z.literal('list'),
  model: z.string(),
  results: z.array(
    z.object({
      index: z.number().int(),
      relevance_score: z.number(),
      document: z.object({ text: z.string() }).optional(),
    }),
  ),
  usage: z.object({ total_tokens: z.number().int() }),
});

export const modelSchema = z.object({
  id: z.string(),
  object: z.literal('model'),
  created: z.number().int(),
  owned_by: z.string(),
});

export const modelListSchema = z.object({ object: z.literal('list'), data: z.array(modelSchema) });

/** `/v1`, in route-doc form (authenticated by a bearer token: the admin token or a virtual key). */
export const V1_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'POST',
    url: '/v1/chat/completions',
    summary: 'Chat completion (OpenAI-compatible); `stream: true` answers server-sent chunks',
    tag: 'v1',
    body: chatRequestSchema,
    response: chatCompletionSchema,
    events: chatCompletionChunkSchema,
  },
  {
    method: 'POST',
    url: '/v1/embeddings',
    summary: 'Embeddings (OpenAI-compatible)',
    tag: 'v1',
    body: embeddingRequestSchema,
    response: embeddingListSchema,
  },
  {
    method: 'POST',
    url: '/v1/rerank',
    summary: 'Rerank documents against a query (Jina / Cohere v2 / SiliconFlow shape)',
    tag: 'v1',
    body: rerankRequestSchema,
    response: rerankListSchema,
  },
  {
    method: 'POST',
    url: '/v1/apps/:slug/run',
    summary:
      'Run a scenario app (a built-in or the workspace’s) with typed inputs; answers a chat completion with `app: {slug, version}`; `stream: true` answers its chunks, with `progress` chunks over long inputs',
    tag: 'v1',
    params: z.object({ slug: z.string() }),
    body: appRunRequestSchema,
    response: appRunCompletionSchema,
    events: chatCompletionChunkSchema,
  },
  { method: 'GET', url: '/v1/models', summary: 'The models the caller may use', tag: 'v1', response: modelListSchema },
  {
    method: 'GET',
    url: '/v1/models/:model',
    summary: 'One model (its id may contain slashes)',
    tag: 'v1',
    params: z.object({ model: z.string() }),
    response: modelSchema,
  },
];
