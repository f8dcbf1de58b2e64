import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StreamPart, Usage } from '../../src/core/chat-types.js';
import type { GatewayError } from '../../src/core/errors.js';

/** One request the fake upstream received. */
export interface RecordedRequest {
  method: string;
  /** Path plus query, e.g. `/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: () => unknown;
}

/** What the fake upstream answers. `fixture` is a path under `test/fixtures/`. */
export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  fixture?: string;
  /** Writes the body in pieces of this many bytes (exercises parsers across chunk borders). */
  chunkSize?: number;
}

export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

/** The text of a file under `test/fixtures/`. */
export function readFixture(path: string): string {
  return readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
}

/** A JSON fixture, parsed. */
export function fixtureJson<T = unknown>(path: string): T {
  return JSON.parse(readFixture(path)) as T;
}

/** Async iterable over a fixture's bytes in small chunks (feeds parseSse / parseNdjson directly). */
export async function* fixtureChunks(path: string, size = 23): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(readFixture(path), 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** A local fake upstream on 127.0.0.1 (random port) that records requests and answers with `handler`. */
export async function startFixtureServer(handler: (req: RecordedRequest) => FakeResponse | Promise<FakeResponse>): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        json: () => JSON.parse(body),
      };
      requests.push(recorded);
      void (async () => {
        let answer: FakeResponse;
        try {
          answer = await handler(recorded);
        } catch (err) {
          answer = { status: 500, body: JSON.stringify({ error: { message: `fixture server: ${String(err)}` } }) };
        }
        const payload = Buffer.from(answer.fixture ? readFixture(answer.fixture) : (answer.body ?? ''), 'utf8');
        const contentType = answer.fixture?.endsWith('.sse.txt')
          ? 'text/event-stream'
          : answer.fixture?.endsWith('.ndjson')
            ? 'application/x-ndjson'
            : 'application/json';
        res.writeHead(answer.status ?? 200, { 'content-type': contentType, ...answer.headers });
        const size = answer.chunkSize ?? payload.length;
        for (let i = 0; i < payload.length; i += size) {
          res.write(payload.subarray(i, i + size));
          if (answer.chunkSize) await new Promise((r) => setImmediate(r));
        }
        res.end();
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Drains a stream into an array. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** A stream's parts folded back into one answer (what a client would see). */
export interface Assembled {
  text: string;
  reasoning: string;
  toolCalls: Array<{ id?: string; name?: string; arguments: string }>;
  usage?: Usage;
  finish?: string;
  errors: GatewayError[];
}

export function assembleParts(parts: StreamPart[]): Assembled {
  const out: Assembled = { text: '', reasoning: '', toolCalls: [], errors: [] };
  for (const p of parts) {
    switch (p.type) {
      case 'text-delta':
        out.text += p.text;
        break;
      case 'reasoning-delta':
        out.reasoning += p.text;
        break;
      case 'tool-call-delta': {
        const call = (out.toolCalls[p.index] ??= { arguments: '' });
        if (p.id) call.id = p.id;
        if (p.name) call.name = p.name;
        if (p.argumentsDelta) call.arguments += p.argumentsDelta;
        break;
      }
      case 'usage':
        out.usage = p.usage;
        break;
      case 'finish':
        out.finish = p.reason;
        break;
      case 'error':
        out.errors.push(p.error);
        break;
    }
  }
  return out;
}

/** Call options for adapter tests: generous timeouts, a signal that never fires. */
export function testCallOptions(model: string): import('../../src/core/provider.js').CallOptions {
  return {
    model,
    signal: new AbortController().signal,
    timeouts: { connect: 2000, firstByte: 5000, idle: 5000, total: 10000 },
    requestId: 't',
  };
}

/** The first `next()` of a stream, or what it threw. */
export function firstPart(stream: AsyncIterable<unknown>): Promise<unknown> {
  return stream[Symbol.asyncIterator]()
    .next()
    .catch((e: unknown) => e);
}
