import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local stand-in for wss://spark-api.xf-yun.com that speaks the real wire format over a real
 * WebSocket. It verifies the signed URL on its own (recomputes the HMAC from the query's date, the
 * request's Host header and path) and refuses the upgrade the way iFlytek's gateway does:
 * HTTP 401 `{"message":"HMAC signature does not match"}` for a bad signature, 403 for a date more
 * than 300 s off. It then checks the frame's app_id and answers with scripted frames.
 */

export const FAKE_SPARK = { appId: 'app-1234', apiKey: 'key-abcdef0123456789', apiSecret: 'secret-0123456789abcdef' };

/** Paths the fake serves, each with the domain it expects (independent of the adapter's table). */
const DOMAIN_BY_PATH: Record<string, string> = {
  '/v1.1/chat': 'lite',
  '/v3.1/chat': 'generalv3',
  '/chat/pro-128k': 'pro-128k',
  '/v3.5/chat': 'generalv3.5',
  '/chat/max-32k': 'max-32k',
  '/v4.0/chat': '4.0Ultra',
};

export type SparkScript =
  /** A text answer split into chunks, usage on the last frame. */
  | { kind: 'text'; chunks: string[]; usage?: { prompt: number; completion: number } }
  /** One frame with a function_call, then the final frame. */
  | { kind: 'function-call'; name: string; arguments: string }
  /** Some text, then a frame with a non-zero code (and the socket closed). */
  | { kind: 'code'; code: number; message: string; before?: string[] }
  /** Sends the given chunks, then nothing more (for disconnect and idle tests). */
  | { kind: 'stall'; chunks: string[] }
  /** Never answers the request frame. */
  | { kind: 'silent' };

export interface SparkRequestSeen {
  path: string;
  query: Record<string, string>;
  frame: any;
}

export interface FakeSpark {
  url: string;
  port: number;
  /** Scripts for the next requests, in order; an empty queue answers a default text. */
  queue: SparkScript[];
  requests: SparkRequestSeen[];
  /** Upgrades refused with the HTTP status (401/403/404). */
  rejected: number[];
  /** Sockets the client (or the fake) closed. */
  closed: number;
  /** Pretend the fake's clock is this far ahead (to make a fresh date look stale). */
  clockSkewMs: number;
  close(): Promise<void>;
}

export const DEFAULT_CHUNKS = ['你好', '！我是', '讯飞星火认知大模型', '。'];
export const DEFAULT_USAGE = { prompt: 12, completion: 9 };

export async function startFakeSpark(): Promise<FakeSpark> {
  const http: Server = createServer((_req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"WebSocket only"}');
  });
  const wss = new WebSocketServer({ noServer: true });
  const fake: FakeSpark = {
    url: '',
    port: 0,
    queue: [],
    requests: [],
    rejected: [],
    closed: 0,
    clockSkewMs: 0,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };

  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const u = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(u.searchParams);
    const refusal = checkAuth(req, u, query, fake.clockSkewMs);
    if (refusal) {
      fake.rejected.push(refusal.status);
      const body = JSON.stringify({ message: refusal.message });
      socket.end(
        `HTTP/1.1 ${refusal.status} ${refusal.status === 401 ? 'Unauthorized' : refusal.status === 403 ? 'Forbidden' : 'Not Found'}\r\n` +
          `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('close', () => fake.closed++);
      ws.once('message', (data) => {
        const frame = JSON.parse(data.toString()) as any;
        fake.requests.push({ path: u.pathname, query, frame });
        const sid = `cht000b${fake.requests.length}@dx18f0a1`;
        if (frame?.header?.app_id !== FAKE_SPARK.appId) {
          return finish(ws, { header: { code: 10313, message: 'appid cannot match apikey', sid, status: 2 } });
        }
        if (frame?.parameter?.chat?.domain !== DOMAIN_BY_PATH[u.pathname]) {
          return finish(ws, { header: { code: 10163, message: 'domain does not match the url', sid, status: 2 } });
        }
        play(ws, fake.queue.shift() ?? { kind: 'text', chunks: DEFAULT_CHUNKS, usage: DEFAULT_USAGE }, sid);
      });
    });
  });

  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  fake.port = (http.address() as AddressInfo).port;
  fake.url = `ws://127.0.0.1:${fake.port}`;
  return fake;
}

function checkAuth(
  req: IncomingMessage,
  u: URL,
  q: Record<string, string>,
  skewMs: number,
): { status: number; message: string } | undefined {
  if (!DOMAIN_BY_PATH[u.pathname]) return { status: 404, message: 'no Route matched with those values' };
  if (!q.authorization || !q.date || !q.host) return { status: 401, message: 'Unauthorized' };
  const date = Date.parse(q.date);
  if (Number.isNaN(date) || Math.abs(Date.now() + skewMs - date) > 300_000) {
    return { status: 403, message: 'HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication' };
  }
  if (q.host !== req.headers.host) return { status: 401, message: 'HMAC signature does not match' };
  const origin = Buffer.from(q.authorization, 'base64').toString('utf8');
  const m = /^api_key="([^"]*)", algorithm="hmac-sha256", headers="host date request-line", signature="([^"]*)"$/.exec(origin);
  if (!m) return { status: 401, message: 'HMAC signature cannot be verified' };
  if (m[1] !== FAKE_SPARK.apiKey) return { status: 401, message: 'HMAC signature does not match' };
  const expected = createHmac('sha256', FAKE_SPARK.apiSecret)
    .update(`host: ${req.headers.host}\ndate: ${q.date}\nGET ${u.pathname} HTTP/1.1`)
    .digest();
  const given = Buffer.from(m[2], 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { status: 401, message: 'HMAC signature does not match' };
  return undefined;
}

function frame(
  sid: string,
  status: number,
  text: Array<Record<string, unknown>>,
  seq: number,
  usage?: { prompt: number; completion: number },
) {
  const payload: Record<string, unknown> = { choices: { status, seq, text } };
  if (usage) {
    payload.usage = {
      text: {
        question_tokens: 4,
        prompt_tokens: usage.prompt,
        completion_tokens: usage.completion,
        total_tokens: usage.prompt + usage.completion,
      },
    };
  }
  return { header: { code: 0, message: 'Success', sid, status }, payload };
}

function finish(ws: WebSocket, last: unknown): void {
  ws.send(JSON.stringify(last), () => ws.close(1000));
}

function play(ws: WebSocket, s: SparkScript, sid: string): void {
  const text = (content: string) => ({ content, role: 'assistant', index: 0 });
  switch (s.kind) {
    case 'text': {
      const usage = s.usage ?? DEFAULT_USAGE;
      s.chunks.forEach((c, i) => {
        const last = i === s.chunks.length - 1;
        const f = frame(sid, i === 0 && !last ? 0 : last ? 2 : 1, [text(c)], i, last ? usage : undefined);
        if (last) finish(ws, f);
        else ws.send(JSON.stringify(f));
      });
      return;
    }
    case 'function-call':
      ws.send(
        JSON.stringify(
          frame(
            sid,
            0,
            [{ content: '', role: 'assistant', index: 0, content_type: 'text', function_call: { name: s.name, arguments: s.arguments } }],
            0,
          ),
        ),
      );
      finish(ws, frame(sid, 2, [text('')], 1, { prompt: 120, completion: 18 }));
      return;
    case 'code':
      (s.before ?? []).forEach((c, i) => ws.send(JSON.stringify(frame(sid, i === 0 ? 0 : 1, [text(c)], i))));
      finish(ws, { header: { code: s.code, message: s.message, sid, status: 2 } });
      return;
    case 'stall':
      s.chunks.forEach((c, i) => ws.send(JSON.stringify(frame(sid, i === 0 ? 0 : 1, [text(c)], i))));
      return;
    case 'silent':
      return;
  }
}
