import type { FastifyReply, FastifyRequest } from 'fastify';
import { CACHE_HEADER } from '../cache/cache-stage.js';
import { Cancellation } from '../core/cancellation.js';
import type { RequestContext } from '../gateway/request-context.js';

/**
 * The gateway's view of an HTTP request (`contentId`: the id of the answer, which its AIGC label names). The cancellation fires when the client goes away before the
 * response is complete, so upstream calls are cancelled rather than left running.
 */
export function requestContext(request: FastifyRequest, reply: FastifyReply, user: string | undefined, contentId?: string): RequestContext {
  const cancellation = new Cancellation();
  const onClose = (): void => {
    if (!reply.raw.writableFinished) cancellation.cancel(new Error('client disconnected'));
  };
  reply.raw.on('close', onClose);
  const session = request.headers['x-session-id'];
  const cache = request.headers[CACHE_HEADER];
  const key = request.key ?? null;
  return {
    requestId: request.id,
    startedAt: request.startedAt,
    cancellation,
    keyId: request.keyId ?? null,
    workspaceId: key?.workspaceId ?? null,
    appId: key?.appId ?? null,
    key,
    cacheMode: cache === 'on' || cache === 'off' ? cache : null,
    contentId,
    sessionId: (Array.isArray(session) ? session[0] : session)?.slice(0, 200) || user || null,
    userId: user ?? null,
    clientIp: request.ip ?? null,
  };
}
