import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CREATED,
  completion,
  pathOf,
  sseChunk,
  sseHead,
  sseUsage,
  startUpstreamServer,
  writeError,
  writeJson as json,
} from './openai-wire.js';

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

const ID = 'chatcmpl-fake';

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
  const server = await startUpstreamServer(
    (req, res, raw) => {
      let body: any = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      // Model listings (baimo's discovery at start-up) are not calls under test.
      if (!pathOf(req).endsWith('/models'))
        fake.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handle(fake, req, res, body);
    },
    () => fake.aborted++,
  );
  fake.url = server.url;
  fake.close = server.close;
  return fake;
}

function handle(fake: FakeUpstream, req: IncomingMessage, res: ServerResponse, body: any): void {
  const path = pathOf(req);
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
      return writeError(res, b.status, b.message ?? `fake error ${b.status}`, null, b.retryAfter ? { 'retry-after': b.retryAfter } : {});
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
          return json(res, 200, completion(ID, body.model, { role: 'assistant', content: b.text }, 'stop', usage));
        }
        sseHead(res);
        res.write(chunk(body.model, { role: 'assistant', content: '' }, null));
        const pieces = b.text.match(/.{1,4}/gsu) ?? [];
        const finish = () => {
          res.write(chunk(body.model, {}, 'stop'));
          if (usage && body.stream_options?.include_usage) res.write(sseUsage(ID, body.model, usage));
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
        return json(
          res,
          200,
          completion(ID, body.model, { role: 'assistant', content: text }, 'stop', { prompt_tokens: 7, completion_tokens: 5 }),
        );
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
        const message = { role: 'assistant', content: null, tool_calls: [call] };
        return json(res, 200, completion(ID, body.model, message, 'tool_calls', { prompt_tokens: 20, completion_tokens: 10 }));
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
      if (body.stream_options?.include_usage) res.write(sseUsage(ID, body.model, { prompt_tokens: 20, completion_tokens: 10 }));
      res.end('data: [DONE]\n\n');
      return;
    }
  }
}

const chunk = (model: string, delta: object, finish: string | null): string => sseChunk(ID, model, delta, finish);

/** The text an echo answers with: each message's text content, joined by newlines. */
export function echoText(body: any): string {
  const out: string[] = [];
  for (const m of body?.messages ?? []) {
    if (typeof m.content === 'string') out.push(m.content);
    else if (Array.isArray(m.content)) for (const p of m.content) if (p?.type === 'text') out.push(p.text);
  }
  return out.join('\n');
}
