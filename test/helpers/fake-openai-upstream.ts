import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake does for one request. Built from OpenAI's documented wire format. */
export type Behaviour =
  | {
      kind: 'text';
      text: string;
      usage?: { prompt_tokens: number; completion_tokens: number } | null;
      delayMs?: number;
      /** Streams only: pause between deltas, so a client can watch the text grow. */
      chunkDelayMs?: number;
    }
  | { kind: 'tool-call'; name: string; args: string }
  /**
   * Answers with what it received: every message's text joined by newlines (and, for tool-call
   * echoes, the last assistant tool call's arguments). Streams split it at `cuts` (sizes, cycled).
   */
  | { kind: 'echo'; cuts?: number[] }
  | { kind: 'status'; status: number; message?: string; retryAfter?: string }
  | { kind: 'stall-after'; chunks: string[] } // stream some deltas, then never finish
  | { kind: 'hang' } // accept and never answer
  | { kind: 'destroy' }; // reset the connection

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: any;
}

export interface FakeUpstream {
  url: string; // base URL incl. /v1
  requests: RecordedRequest[];
  /** Behaviours consumed in order; when empty, `fallback` answers. */
  queue: Behaviour[];
  fallback: Behaviour;
  /** Responses the client (baimo) closed before they were complete. */
  aborted: number;
  close(): Promise<void>;
}

const CREATED = 1_700_000_000;

/** A local OpenAI-compatible upstream: `/v1/chat/completions` (JSON and SSE), `/v1/embeddings`, `/v1/rerank`, `/v1/models`. */
export async function startFakeOpenAI(opts: { fallback?: Behaviour } = {}): Promise<FakeUpstream> {
  const fake: FakeUpstream = {
    url: '',
    requests: [],
    queue: [],
    fallback: opts.fallback ?? { kind: 'text', text: 'Hello from the fake upstream.' },
    aborted: 0,
    close: async () => undefined,
  };
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8'); // a multi-byte character split across chunks must not become U+FFFD
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      let body: any = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      // Model listings (baimo's discovery at start-up) are not calls under test.
      if (!(req.url ?? '').split('?')[0].endsWith('/models'))
        fake.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      open.add(res);
      res.on('close', () => {
        open.delete(res);
        if (!res.writableEnded) fake.aborted++;
      });
      handle(fake, req, res, body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

function handle(fake: FakeUpstream, req: IncomingMessage, res: ServerResponse, body: any): void {
  const path = (req.url ?? '').split('?')[0];
  if (path.endsWith('/models'))
    return json(res, 200, { object: 'list', data: [{ id: 'm1', object: 'model', created: CREATED, owned_by: 'fake' }] });
  if (path.endsWith('/embeddings')) {
    const input: string[] = Array.isArray(body?.input) ? body.input : [body?.input];
    return json(res, 200, {
      object: 'list',
      data: input.map((s, index) => ({ object: 'embedding', index, embedding: [s.length, 0.5, -0.25] })),
      model: body?.model,
      usage: { prompt_tokens: input.length * 3, total_tokens: input.length * 3 },
    });
  }
  if (path.endsWith('/rerank')) {
    // Jina's answer: scores in input order here (baimo orders them), usage.total_tokens.
    const docs: string[] = Array.isArray(body?.documents) ? body.documents : [];
    return json(res, 200, {
      model: body?.model,
      results: docs.map((d, index) => ({ index, relevance_score: 1 / (index + 1), document: { text: d } })),
      usage: { total_tokens: docs.length * 3 },
    });
  }
  const b = fake.queue.shift() ?? fake.fallback;
  const stream = body?.stream === true;
  switch (b.kind) {
    case 'status':
      if (b.retryAfter) res.setHeader('retry-after', b.retryAfter);
      return json(res, b.status, {
        error: { message: b.message ?? `fake error ${b.status}`, type: 'server_error', param: null, code: null },
      });
    case 'hang':
      return;
    case 'destroy':
      return void req.socket.destroy();
    case 'stall-after':
      sseHead(res);
      for (const c of b.chunks) res.write(chunk(body.model, { content: c }, null));
      return;
    case 'text': {
      const usage = b.usage === null ? undefined : (b.usage ?? { prompt_tokens: 7, completion_tokens: 5 });
      const send = () => {
        if (!stream) {
          return json(res, 200, {
            id: 'chatcmpl-fake',
            object: 'chat.completion',
            created: CREATED,
            model: body.model,
            choices: [{ index: 0, message: { role: 'assistant', content: b.text }, finish_reason: 'stop', logprobs: null }],
            ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {}),
          });
        }
        sseHead(res);
        res.write(chunk(body.model, { role: 'assistant', content: '' }, null));
        const pieces = b.text.match(/.{1,4}/gsu) ?? [];
        const finish = () => {
          res.write(chunk(body.model, {}, 'stop'));
          if (usage && body.stream_options?.include_usage) {
            res.write(
              `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: CREATED, model: body.model, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`,
            );
          }
          res.end('data: [DONE]\n\n');
        };
        if (!b.chunkDelayMs) {
          for (const piece of pieces) res.write(chunk(body.model, { content: piece }, null));
          return finish();
        }
        // Slow stream: one delta per tick, stopped when the client goes away.
        let i = 0;
        const timer = setInterval(() => {
          if (res.destroyed) return clearInterval(timer);
          if (i < pieces.length) return void res.write(chunk(body.model, { content: pieces[i++] }, null));
          clearInterval(timer);
          finish();
        }, b.chunkDelayMs);
        res.on('close', () => clearInterval(timer));
      };
      if (b.delayMs) setTimeout(send, b.delayMs);
      else send();
      return;
    }
    case 'echo': {
      const text = echoText(body);
      if (!stream) {
        return json(res, 200, {
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: CREATED,
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop', logprobs: null }],
          usage: { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 },
        });
      }
      sseHead(res);
      res.write(chunk(body.model, { role: 'assistant', content: '' }, null));
      const cuts = b.cuts?.length ? b.cuts : [4];
      for (let i = 0, n = 0; i < text.length; n++) {
        const size = Math.max(1, cuts[n % cuts.length]);
        res.write(chunk(body.model, { content: text.slice(i, i + size) }, null));
        i += size;
      }
      res.write(chunk(body.model, {}, 'stop'));
      res.end('data: [DONE]\n\n');
      return;
    }
    case 'tool-call': {
      const call = { id: 'call_fake1', type: 'function', function: { name: b.name, arguments: b.args } };
      if (!stream) {
        return json(res, 200, {
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: CREATED,
          model: body.model,
          choices: [
            { index: 0, message: { role: 'assistant', content: null, tool_calls: [call] }, finish_reason: 'tool_calls', logprobs: null },
          ],
          usage: { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 },
        });
      }
      sseHead(res);
      res.write(
        chunk(
          body.model,
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: b.name, arguments: '' } }],
          },
          null,
        ),
      );
      for (const piece of b.args.match(/.{1,5}/gsu) ?? [])
        res.write(chunk(body.model, { tool_calls: [{ index: 0, function: { arguments: piece } }] }, null));
      res.write(chunk(body.model, {}, 'tool_calls'));
      if (body.stream_options?.include_usage) {
        res.write(
          `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: CREATED, model: body.model, choices: [], usage: { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 } })}\n\n`,
        );
      }
      res.end('data: [DONE]\n\n');
      return;
    }
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
  res.end(s);
}

function sseHead(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
}

function chunk(model: string, delta: object, finish: string | null): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: CREATED, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`;
}

/** The text an echo answers with: each message's text content, joined by newlines. */
export function echoText(body: any): string {
  const out: string[] = [];
  for (const m of body?.messages ?? []) {
    if (typeof m.content === 'string') out.push(m.content);
    else if (Array.isArray(m.content)) for (const p of m.content) if (p?.type === 'text') out.push(p.text);
  }
  return out.join('\n');
}
