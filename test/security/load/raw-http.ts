import { connect } from 'node:net';

export interface RawAnswer {
  /** 0 when the server closed or reset the connection without an answer. */
  status: number;
  /** The raw response (head and body), for failure messages. */
  text: string;
}

/**
 * One HTTP/1.1 request on its own connection, written in one go from a prepared buffer: the cheapest
 * way for the test process to send multi-megabyte attack bodies (it shares the CPU with the server).
 * Rejects when no answer arrives within `timeoutMs` (the server is stuck).
 */
export function rawRequest(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  timeoutMs: number,
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const head = [
    `${method} ${path} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    'Connection: close',
    ...(body ? [`Content-Length: ${body.length}`, 'Content-Type: application/json'] : []),
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${method} ${path.slice(0, 80)} got no answer within ${timeoutMs} ms: the server is stuck`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', done);
    // A server may answer early (401, 413) and reset the connection while the body is still going out.
    socket.on('error', () => undefined);
    // No half-close after the body: the server would take the end of input for an aborted request.
    socket.write(head);
    if (body) socket.write(body);
  });
}

/** The JSON body of a raw answer (chunked or not), or undefined. */
export function jsonOf(a: RawAnswer): any {
  const body = a.text.slice(a.text.indexOf('\r\n\r\n') + 4);
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  try {
    return JSON.parse(body.slice(start, end + 1));
  } catch {
    return undefined;
  }
}
