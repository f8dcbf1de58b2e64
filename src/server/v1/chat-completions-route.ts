import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChatRequest } from '../../core/chat-types.js';
import { newCompletionId } from '../../core/ids.js';
import type { Gateway } from '../../gateway/gateway.js';
import { requestContext } from '../request-context.js';
import { validateBody } from '../validate-body.js';
import { chatRequestSchema } from './chat-request-schema.js';
import { isPlainChatRequest } from './plain-chat-request.js';
import { ChunkRenderer, renderCompletion } from './render-chat.js';

/** `POST /v1/chat/completions`, streamed (SSE) or not. */
export function registerChatCompletions(app: FastifyInstance, gateway: Gateway): void {
  app.post('/v1/chat/completions', async (request, reply) => {
    const body = request.body;
    const req = (isPlainChatRequest(body) ? body : validateBody(chatRequestSchema, body)) as ChatRequest;
    const id = newCompletionId();
    const ctx = requestContext(request, reply, req.user, id);
    const created = Math.floor(ctx.startedAt / 1000);
    if (!req.stream) {
      const { result, usage, headers, fields } = await gateway.chat(req, ctx);
      if (headers) reply.headers(headers);
      return reply.type('application/json; charset=utf-8').send(renderCompletion(id, created, req.model, result, usage, fields));
    }
    const { parts, headers, fields } = await gateway.stream(req, ctx);
    const renderer = new ChunkRenderer(id, created, req.model, req.stream_options?.include_usage === true);
    return streamResponse(request, reply, parts, renderer, headers, fields);
  });
}

async function streamResponse(
  request: FastifyRequest,
  reply: FastifyReply,
  parts: AsyncGenerator<import('../../core/chat-types.js').StreamPart>,
  renderer: ChunkRenderer,
  headers: Readonly<Record<string, string>> | undefined,
  fields: Readonly<Record<string, string>> | undefined,
): Promise<FastifyReply> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': String(reply.getHeader('x-request-id') ?? request.id),
    ...headers,
  });
  res.write(renderer.start(fields));
  try {
    for await (const part of parts) {
      if (res.destroyed) break;
      const text = renderer.render(part);
      // Respect back-pressure from slow clients instead of buffering the whole answer in memory.
      if (text && !res.write(text)) await new Promise((r) => res.once('drain', r).once('close', r));
    }
  } finally {
    if (!res.destroyed) res.end();
  }
  return reply;
}
