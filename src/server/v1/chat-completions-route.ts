import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChatRequest } from '../../core/chat-types.js';
import { AIGC_LABEL_HEADER } from '../../compliance/labels/aigc-label.js';
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
    const ctx = requestContext(request, reply, req.user);
    const created = Math.floor(ctx.startedAt / 1000);
    const id = newCompletionId();
    ctx.contentId = id;
    if (!req.stream) {
      const { result, usage } = await gateway.chat(req, ctx);
      if (ctx.cacheStatus) reply.header('x-baimo-cache', ctx.cacheStatus);
      if (ctx.aigcLabel) reply.header(AIGC_LABEL_HEADER, ctx.aigcLabel.header);
      return reply
        .type('application/json; charset=utf-8')
        .send(renderCompletion(id, created, req.model, result, usage, ctx.aigcLabel?.json));
    }
    const parts = await gateway.stream(req, ctx);
    if (ctx.cacheStatus) reply.header('x-baimo-cache', ctx.cacheStatus);
    if (ctx.aigcLabel) reply.header(AIGC_LABEL_HEADER, ctx.aigcLabel.header);
    return streamResponse(
      request,
      reply,
      parts,
      new ChunkRenderer(id, created, req.model, req.stream_options?.include_usage === true),
      ctx.aigcLabel?.json,
    );
  });
}

async function streamResponse(
  request: FastifyRequest,
  reply: FastifyReply,
  parts: AsyncGenerator<import('../../core/chat-types.js').StreamPart>,
  renderer: ChunkRenderer,
  label: string | undefined,
): Promise<FastifyReply> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': String(reply.getHeader('x-request-id') ?? request.id),
    ...(reply.hasHeader('x-baimo-cache') ? { 'x-baimo-cache': String(reply.getHeader('x-baimo-cache')) } : {}),
    ...(reply.hasHeader(AIGC_LABEL_HEADER) ? { [AIGC_LABEL_HEADER]: String(reply.getHeader(AIGC_LABEL_HEADER)) } : {}),
  });
  res.write(renderer.start(label));
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
