import { randomBytes, randomUUID } from 'node:crypto';

/** A request id: short, sortable enough for logs, unique. */
export function newRequestId(): string {
  return `req_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
}

/** An OpenAI-style completion id. */
export function newCompletionId(): string {
  return `chatcmpl-${randomUUID().replace(/-/g, '')}`;
}

/** A tool call id in OpenAI's shape. */
export function newToolCallId(): string {
  return `call_${randomBytes(12).toString('hex')}`;
}
