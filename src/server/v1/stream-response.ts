import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sends an answer as server-sent events: the head (with the stages' headers), `start`, then each part
 * as `render` writes it, respecting back-pressure; stops reading when the client goes away.
 */
export async function streamResponse<P>(
  request: FastifyRequest,
  reply: FastifyReply,
  parts: AsyncIterable<P>,
  start: string,
  render: (part: P) => string,
  headers: Readonly<Record<string, string>> | undefined,
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
  res.write(start);
  try {
    for await (const part of parts) {
      if (res.destroyed) break;
      const text = render(part);
      // Respect back-pressure from slow clients instead of buffering the whole answer in memory.
      if (text && !res.write(text)) await new Promise((r) => res.once('drain', r).once('close', r));
    }
  } finally {
    if (!res.destroyed) res.end();
  }
  return reply;
}
