import type { FastifyInstance } from 'fastify';
import type { ChatRequest } from '../../core/chat-types.js';
import { newCompletionId } from '../../core/ids.js';
import type { Gateway } from '../../gateway/gateway.js';
import { APP_MODEL_PREFIX } from '../../gateway/route-table.js';
import { APP_SLUG } from '../../apps/app-types.js';
import { requestContext } from '../request-context.js';
import { validateBody } from '../validate-body.js';
import { appCall, renderRunPart, type AppsAtEdge } from './app-caller.js';
import { chatRequestSchema } from './chat-request-schema.js';
import { isPlainChatRequest } from './plain-chat-request.js';
import { ChunkRenderer, renderCompletion } from './render-chat.js';
import { streamResponse } from './stream-response.js';

/**
 * `POST /v1/chat/completions`, streamed (SSE) or not. A model `app:{slug}` runs that scenario app (the
 * last user message fills its main text) through the app runner.
 */
export function registerChatCompletions(app: FastifyInstance, gateway: Gateway, apps?: AppsAtEdge): void {
  app.post('/v1/chat/completions', async (request, reply) => {
    const body = request.body;
    const req = (isPlainChatRequest(body) ? body : validateBody(chatRequestSchema, body)) as ChatRequest;
    const id = newCompletionId();
    if (apps && req.model.startsWith(APP_MODEL_PREFIX) && APP_SLUG.test(req.model.slice(APP_MODEL_PREFIX.length)))
      return appChat(apps, request, reply, req, id);
    const ctx = requestContext(request, reply, { user: req.user, contentId: id, conversation: conversationOf(req) });
    const created = Math.floor(ctx.startedAt / 1000);
    if (!req.stream) {
      const { result, usage, headers, fields } = await gateway.chat(req, ctx);
      if (headers) reply.headers(headers);
      return reply.type('application/json; charset=utf-8').send(renderCompletion(id, created, req.model, result, usage, fields));
    }
    const { parts, headers, fields } = await gateway.stream(req, ctx);
    const renderer = new ChunkRenderer(id, created, req.model, req.stream_options?.include_usage === true);
    return streamResponse(request, reply, parts, renderer.start(fields), (p) => renderer.render(p), headers);
  });
}

/** `app:{slug}`: the app resolved for the caller, then one call or a run (JSON repair, map-reduce). */
async function appChat(
  apps: AppsAtEdge,
  request: Parameters<typeof appCall>[1],
  reply: Parameters<typeof appCall>[2],
  req: ChatRequest,
  id: string,
) {
  const { app, ctx } = await appCall(apps, request, reply, req.model.slice(APP_MODEL_PREFIX.length), {
    user: req.user,
    contentId: id,
    conversation: conversationOf(req),
  });
  const created = Math.floor(ctx.startedAt / 1000);
  const out = await apps.runner.chat(app, req, ctx);
  if (!('parts' in out)) {
    if (out.headers) reply.headers(out.headers);
    return reply.type('application/json; charset=utf-8').send(renderCompletion(id, created, req.model, out.result, out.usage, out.fields));
  }
  const renderer = new ChunkRenderer(id, created, req.model, req.stream_options?.include_usage === true);
  return streamResponse(request, reply, out.parts, renderer.start(out.fields), (p) => renderRunPart(renderer, p), out.headers);
}

/** The conversation id a chat completion may carry in its `metadata` (OpenAI's string tags): the caller's session. */
function conversationOf(req: ChatRequest): string | undefined {
  const m = req.metadata;
  if (m === null || typeof m !== 'object') return undefined;
  const v = (m as Record<string, unknown>).conversation_id;
  return typeof v === 'string' ? v : undefined;
}
