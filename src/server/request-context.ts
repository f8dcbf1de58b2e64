import type { FastifyReply, FastifyRequest } from 'fastify';
import { CACHE_HEADER } from '../cache/cache-stage.js';
import { Cancellation } from '../core/cancellation.js';
import type { RequestContext } from '../gateway/request-context.js';
import { endUserOf, sessionOf } from './caller-ids.js';

/** Who the request is from, as its route read it from the body (and the console session). */
export interface CallerFields {
  /** The body's `user`; for a console run the signed-in user's id (see `userFromSession`). */
  user?: string;
  /** The answer's id (`chatcmpl-…`): the content id its AIGC label names. */
  contentId?: string;
  /** A conversation id the request format carries (chat completions' `metadata.conversation_id`, an app run's `conversation_id`). */
  conversation?: string;
  /** `user` is the console user: `x-end-user-id` does not replace it. */
  userFromSession?: boolean;
}

/**
 * The gateway's view of an HTTP request. The cancellation fires when the client goes away before the
 * response is complete, so upstream calls are cancelled rather than left running. The end user is
 * `x-end-user-id` or the body's `user`; the session is the caller's explicit one (caller-ids.ts) or
 * null; the segment attributes are the key's (its app's winning), scenario app runs add their app's.
 */
export function requestContext(request: FastifyRequest, reply: FastifyReply, caller: CallerFields = {}): RequestContext {
  const cancellation = new Cancellation();
  const onClose = (): void => {
    if (!reply.raw.writableFinished) cancellation.cancel(new Error('client disconnected'));
  };
  reply.raw.on('close', onClose);
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
    contentId: caller.contentId,
    sessionId: sessionOf(request, caller.conversation),
    userId: caller.userFromSession ? (caller.user ?? null) : endUserOf(request, caller.user),
    clientIp: request.ip ?? null,
    segments: key?.segments ?? null,
  };
}
