import { z } from 'zod';
import { LIMITS } from '../../core/limits.js';

const textPart = z.object({ type: z.literal('text'), text: z.string() }).loose();
const imagePart = z
  .object({
    type: z.literal('image_url'),
    image_url: z.object({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).optional() }).loose(),
  })
  .loose();
const otherPart = z.object({ type: z.enum(['input_audio', 'file', 'refusal']) }).loose();
const contentPart = z.discriminatedUnion('type', [textPart, imagePart, otherPart]);
const content = z.union([z.string(), z.array(contentPart)]);

const toolCall = z
  .object({
    id: z.string(),
    type: z.literal('function'),
    function: z.object({ name: z.string(), arguments: z.string() }).loose(),
  })
  .loose();

const message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content, name: z.string().optional() }).loose(),
  z.object({ role: z.literal('developer'), content, name: z.string().optional() }).loose(),
  z.object({ role: z.literal('user'), content, name: z.string().optional() }).loose(),
  z
    .object({
      role: z.literal('assistant'),
      content: content.nullable().optional(),
      name: z.string().optional(),
      tool_calls: z.array(toolCall).optional(),
      refusal: z.string().nullable().optional(),
    })
    .loose(),
  z.object({ role: z.literal('tool'), content, tool_call_id: z.string() }).loose(),
]);

const tool = z
  .object({
    type: z.literal('function'),
    function: z
      .object({
        name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'function names use a-z, A-Z, 0-9, _ and - (at most 64)'),
        description: z.string().optional(),
        parameters: z.record(z.string(), z.unknown()).optional(),
        strict: z.boolean().nullable().optional(),
      })
      .loose(),
  })
  .loose();

const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }).loose(),
]);

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }).loose(),
  z.object({ type: z.literal('json_object') }).loose(),
  z
    .object({
      type: z.literal('json_schema'),
      json_schema: z
        .object({
          name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'schema names use a-z, A-Z, 0-9, _ and -'),
          description: z.string().optional(),
          schema: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullable().optional(),
        })
        .loose(),
    })
    .loose(),
]);

/** The end user's id (`user`), bounded like every string a log row keeps. */
const userId = z.string().max(LIMITS.userId, `user must be at most ${LIMITS.userId} characters`);
/** A model name: bounded before any routing, logging or allow-list check sees it. */
const model = z.string().min(1, 'model must not be empty').max(LIMITS.modelName, `model must be at most ${LIMITS.modelName} characters`);

const optNum = (min: number, max: number) => z.number().min(min).max(max).nullable().optional();

/** The `/v1/chat/completions` body, following the OpenAI contract; unknown fields pass through. */
export const chatRequestSchema = z
  .object({
    model,
    messages: z
      .array(message)
      .min(1, 'messages must contain at least one message')
      .max(LIMITS.messages, `messages must contain at most ${LIMITS.messages} messages`),
    stream: z.boolean().nullable().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullable().optional(),
    tools: z.array(tool).max(LIMITS.tools).optional(),
    tool_choice: toolChoice.optional(),
    parallel_tool_calls: z.boolean().optional(),
    response_format: responseFormat.optional(),
    temperature: optNum(0, 2),
    top_p: optNum(0, 1),
    max_tokens: z.number().int().positive().nullable().optional(),
    max_completion_tokens: z.number().int().positive().nullable().optional(),
    stop: z
      .union([z.string(), z.array(z.string()).max(LIMITS.stopSequences)])
      .nullable()
      .optional(),
    seed: z.number().int().nullable().optional(),
    user: userId.optional(),
    n: z.number().int().min(1).max(1, 'n > 1 is not supported by baimo yet; send separate requests').nullable().optional(),
    frequency_penalty: optNum(-2, 2),
    presence_penalty: optNum(-2, 2),
    logit_bias: z.record(z.string(), z.number()).nullable().optional(),
    logprobs: z.boolean().nullable().optional(),
    top_logprobs: z.number().int().min(0).max(20).nullable().optional(),
    metadata: z.record(z.string(), z.string()).nullable().optional(),
  })
  .loose();

/** The `/v1/embeddings` body. */
export const embeddingRequestSchema = z
  .object({
    model,
    input: z.union([
      z.string(),
      z.array(z.string()).min(1, 'input must not be an empty array').max(LIMITS.embeddingInputs),
      z.array(z.number().int()).min(1),
      z.array(z.array(z.number().int()).min(1)).min(1).max(LIMITS.embeddingInputs),
    ]),
    encoding_format: z.enum(['float', 'base64']).optional(),
    dimensions: z.number().int().positive().optional(),
    user: userId.optional(),
  })
  .loose();
