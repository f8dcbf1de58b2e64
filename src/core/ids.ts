import { randomFillSync, randomUUID } from 'node:crypto';

// Random bytes come from a pool refilled in one call: a `randomBytes()` call per id costs more than
// the rest of the id (it showed up in the request-path profile).
const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

function randomHex(bytes: number): string {
  if (offset + bytes > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

/** A request id: short, sortable enough for logs, unique. */
export function newRequestId(): string {
  return `req_${Date.now().toString(36)}${randomHex(6)}`;
}

/** An OpenAI-style completion id. */
export function newCompletionId(): string {
  return `chatcmpl-${randomUUID().replace(/-/g, '')}`;
}

/** A tool call id in OpenAI's shape. */
export function newToolCallId(): string {
  return `call_${randomHex(12)}`;
}
