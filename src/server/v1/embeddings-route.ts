import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../core/errors.js';
import type { Gateway } from '../../gateway/gateway.js';
import { requestContext } from '../request-context.js';
import { validateBody } from '../validate-body.js';
import { embeddingRequestSchema } from './chat-request-schema.js';

/** `POST /v1/embeddings`; float or base64 (little-endian float32, what the OpenAI SDK asks for by default). */
export function registerEmbeddings(app: FastifyInstance, gateway: Gateway): void {
  app.post('/v1/embeddings', async (request, reply) => {
    const body = validateBody(embeddingRequestSchema, request.body);
    if (Array.isArray(body.input) && typeof body.input[0] !== 'string') {
      throw badRequest('Token-array input is not supported; send the text instead.', 'input', 'unsupported_input');
    }
    const input = typeof body.input === 'string' ? [body.input] : (body.input as string[]);
    const ctx = requestContext(request, reply, { user: body.user });
    const { result, usage } = await gateway.embed({ model: body.model, input, dimensions: body.dimensions, user: body.user }, ctx);
    const base64 = body.encoding_format === 'base64';
    return reply.send({
      object: 'list',
      data: result.embeddings.map((e, index) => ({ object: 'embedding', index, embedding: base64 ? toBase64(e) : e })),
      model: body.model,
      usage: { prompt_tokens: usage.promptTokens, total_tokens: usage.promptTokens },
    });
  });
}

function toBase64(v: number[]): string {
  return Buffer.from(new Float32Array(v).buffer).toString('base64');
}
