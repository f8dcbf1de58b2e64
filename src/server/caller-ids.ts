import type { FastifyRequest } from 'fastify';
import { cleanText } from '../core/clean-text.js';
import { LIMITS } from '../core/limits.js';

/** Characters of a session (or conversation) id and of an end-user id given in a header. */
export const CALLER_ID_MAX = 200;

/** Headers naming the caller's session, first wins: `x-session-id`, then `x-conversation-id`. */
const SESSION_HEADERS = ['x-session-id', 'x-conversation-id'] as const;
export const END_USER_HEADER = 'x-end-user-id';

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The end user of a request: the `x-end-user-id` header, else the body's `user` (chat completions,
 * embeddings, rerank, app runs). Control characters are removed; the header is cut to 200 characters,
 * the body's `user` is already bounded by its schema. Null when neither gives one.
 */
export function endUserOf(request: FastifyRequest, bodyUser: string | undefined): string | null {
  return cleanText(header(request, END_USER_HEADER), CALLER_ID_MAX) ?? cleanText(bodyUser, LIMITS.userId);
}

/**
 * The caller's explicit session: `x-session-id`, else `x-conversation-id`, else the conversation id of
 * the body (`metadata.conversation_id` of a chat completion, `conversation_id` of an app run). Control
 * characters are removed and it is cut to 200 characters. Null when none is given: the analytics store
 * then derives sessions from the key, the end user and the gap between their requests (never from the
 * end user alone).
 */
export function sessionOf(request: FastifyRequest, conversation: string | undefined): string | null {
  for (const name of SESSION_HEADERS) {
    const v = cleanText(header(request, name), CALLER_ID_MAX);
    if (v !== null) return v;
  }
  return cleanText(conversation, CALLER_ID_MAX);
}
