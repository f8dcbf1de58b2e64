import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * What the fake upstream answers to one request: a fixture file (under `test/fixtures/`) sent in its
 * wire's own units — SSE events (`.sse.txt`, split at blank lines), NDJSON lines (`.ndjson`), or
 * WebSocket frames (`.frames.jsonl`, one JSON frame a line) — or a whole document (`.json`).
 */
export interface WireResponse {
  /** HTTP status; for a WebSocket, an upgrade refused with this status. Default: 200 (the upgrade accepted). */
  status?: number;
  headers?: Record<string, string>;
  fixture?: string;
  /** Sends only the first `n` units, then keeps the connection open and silent (for cancellation). */
  holdAfter?: number;
  /** Writes each unit in pieces of this many bytes (HTTP), so parsers see events cut anywhere. */
  chunkSize?: number;
}

/** One request (or WebSocket upgrade) the fake upstream received. */
export interface SeenRequest {
  method: string;
  /** Path plus query. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The request body; for a WebSocket, the first frame the client sent. */
  body: string;
  /** Resolves when the TCP connection that carried the request closes. */
  closed: Promise<void>;
}

export type Responder = (req: SeenRequest) => WireResponse;

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `ws://127.0.0.1:<port>` (same server). */
  wsOrigin: string;
  requests: SeenRequest[];
  /** Decides the answer to each request; tests replace it per scenario. */
  respond: Responder;
  close(): Promise<void>;
}

const FIXTURES = new URL('../../../fixtures/', import.meta.url);

export function readFixture(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

/** A fixture split into the units its wire sends one at a time. */
export function fixtureUnits(path: string): string[] {
  const text = readFixture(path);
  if (path.endsWith('.sse.txt')) return text.split(/(?<=\n\n)/).filter((u) => u.trim() !== '');
  if (path.endsWith('.ndjson') || path.endsWith('.jsonl')) return text.split(/(?<=\n)/).filter((u) => u.trim() !== '');
  return [text];
}

function contentType(path: string | undefined): string {
  if (path?.endsWith('.sse.txt')) return 'text/event-stream';
  if (path?.endsWith('.ndjson')) return 'application/x-ndjson';
  return 'application/json';
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

function closedPromise(socket: Socket): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

/** A local upstream on 127.0.0.1 (random port) speaking whatever wire the fixtures hold, over HTTP and WebSocket. */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const sockets = new Set<WebSocket>();
  const fake: FakeUpstream = {
    origin: '',
    wsOrigin: '',
    requests: [],
    respond: () => ({ status: 500 }),
    close: async () => undefined,
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = record(req, Buffer.concat(chunks).toString('utf8'));
      void (async () => {
        const answer = fake.respond(seen);
        const units = answer.fixture ? fixtureUnits(answer.fixture) : [];
        res.writeHead(answer.status ?? 200, { 'content-type': contentType(answer.fixture), ...answer.headers });
        const count = answer.holdAfter ?? units.length;
        for (const unit of units.slice(0, count)) {
          if (res.destroyed) return;
          const bytes = Buffer.from(unit, 'utf8');
          const size = answer.chunkSize ?? bytes.length;
          for (let i = 0; i < bytes.length; i += size) {
            res.write(bytes.subarray(i, i + size));
            await tick();
          }
        }
        if (answer.holdAfter === undefined) res.end();
      })();
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const seen = record(req, '');
    const answer = fake.respond(seen);
    if (answer.status !== undefined && answer.status !== 101 && answer.status !== 200) {
      // Refuse the upgrade as an HTTP gateway does (iFlytek's: 401 for a bad signature, 429, 5xx).
      const body = answer.fixture ? readFixture(answer.fixture) : '';
      socket.end(
        `HTTP/1.1 ${answer.status} Refused\r\ncontent-type: application/json; charset=utf-8\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.once('message', (data) => {
        seen.body = String(data);
        void (async () => {
          const units = answer.fixture ? fixtureUnits(answer.fixture) : [];
          const count = answer.holdAfter ?? units.length;
          for (const unit of units.slice(0, count)) {
            if (ws.readyState !== ws.OPEN) return;
            ws.send(unit.trim());
            await tick();
          }
          if (answer.holdAfter === undefined && ws.readyState === ws.OPEN) ws.close(1000);
        })();
      });
    });
  });

  function record(req: IncomingMessage, body: string): SeenRequest {
    const seen: SeenRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
      closed: closedPromise(req.socket),
    };
    fake.requests.push(seen);
    return seen;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.origin = `http://127.0.0.1:${port}`;
  fake.wsOrigin = `ws://127.0.0.1:${port}`;
  fake.close = async () => {
    for (const ws of sockets) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return fake;
}
