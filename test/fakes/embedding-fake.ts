import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible embedding upstream (`POST /v1/embeddings`, `GET /v1/models`) whose vectors
 * are deterministic and meaningful enough for retrieval tests: a signed, hashed bag of character
 * bigrams (within runs of letters and digits, lower-cased; a one-character run counts as itself),
 * `dimensions` numbers, L2-normalised. Texts sharing many bigrams are near (refund ~ refunding,
 * 上海交通大学 ~ 上海大学); texts sharing none are near orthogonal.
 *
 * It speaks OpenAI's wire format strictly: `{model, input: string | string[], encoding_format?,
 * dimensions?, user?}`, answering `{object:'list', data:[{object:'embedding', index, embedding}], model,
 * usage}`; anything else is a 400 in OpenAI's error shape. `delayMs` slows every answer (a slow
 * upstream for the crash tests); `failNext` answers the next calls with a status.
 */
export interface EmbeddingFake {
  /** Base URL including `/v1`. */
  url: string;
  /** Bodies of the embedding calls received, in order. */
  requests: Array<{ headers: IncomingHttpHeaders; body: any }>;
  /** Texts embedded so far (every input of every call). */
  texts(): string[];
  delayMs: number;
  /** Statuses to answer the next embedding calls with (consumed in order). */
  failNext: number[];
  close(): Promise<void>;
}

export const DEFAULT_DIMENSIONS = 64;

/** FNV-1a, 32 bits (the fakes' hash of a text). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The features of a text: character bigrams of each run of letters and digits (lower case). */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
    const chars = Array.from(run);
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** The fake's vector of a text (what tests compare to predict the vector ranking). */
export function fakeEmbedding(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const v = new Array<number>(dimensions).fill(0);
  for (const g of bigrams(text)) {
    const h = fnv1a(g);
    v[h % dimensions]! += h & 0x80000000 ? -1 : 1;
  }
  const norm = Math.hypot(...v);
  if (norm === 0) {
    v[0] = 1;
    return v;
  }
  return v.map((x) => x / norm);
}

/** The usage an embedding fake reports for `input`: about a token per two characters, at least one per text. */
export function embeddingUsage(input: readonly string[]): { prompt_tokens: number; total_tokens: number } {
  const tokens = input.reduce((n, t) => n + Math.max(1, Math.ceil(t.length / 2)), 0);
  return { prompt_tokens: tokens, total_tokens: tokens };
}

/** Cosine similarity of two normalised vectors. */
export const cosine = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

export async function startEmbeddingFake(opts: { dimensions?: number; delayMs?: number } = {}): Promise<EmbeddingFake> {
  const dimensions = opts.dimensions ?? DEFAULT_DIMENSIONS;
  const requests: EmbeddingFake['requests'] = [];
  const fake: EmbeddingFake = {
    url: '',
    requests,
    texts: () => requests.flatMap((r) => (Array.isArray(r.body?.input) ? r.body.input : [r.body?.input])),
    delayMs: opts.delayMs ?? 0,
    failNext: [],
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'GET' && path === '/v1/models')
        return json(res, 200, { object: 'list', data: [{ id: 'fake-embed', object: 'model', created: 1_700_000_000, owned_by: 'fake' }] });
      if (req.method !== 'POST' || path !== '/v1/embeddings') return error(res, 404, `no route ${req.method} ${path}`);
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return error(res, 400, 'body must be JSON');
      }
      requests.push({ headers: req.headers, body });
      const problem = check(body);
      if (problem) return error(res, 400, problem);
      const answer = () => {
        const status = fake.failNext.shift();
        if (status !== undefined) return error(res, status, `fake embedding failure ${status}`);
        const input: string[] = typeof body.input === 'string' ? [body.input] : body.input;
        const dims = body.dimensions ?? dimensions;
        const data = input.map((text, index) => {
          const vector = fakeEmbedding(text, dims);
          const embedding = body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
          return { object: 'embedding', index, embedding };
        });
        json(res, 200, { object: 'list', data, model: body.model, usage: embeddingUsage(input) });
      };
      if (fake.delayMs > 0) setTimeout(answer, fake.delayMs);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}

/** What OpenAI refuses: other fields, an empty or non-string input, more than 2048 inputs. */
function check(body: any): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object';
  const extra = Object.keys(body).filter((k) => !['model', 'input', 'encoding_format', 'dimensions', 'user'].includes(k));
  if (extra.length) return `unknown fields: ${extra.join(', ')}`;
  if (typeof body.model !== 'string' || !body.model) return 'model is required';
  const input = body.input;
  const list = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(list) || list.length === 0 || list.length > 2048) return 'input must be a string or 1 to 2048 strings';
  if (list.some((t: unknown) => typeof t !== 'string' || t.length === 0)) return 'each input must be a non-empty string';
  if (body.encoding_format !== undefined && body.encoding_format !== 'float' && body.encoding_format !== 'base64')
    return 'encoding_format must be float or base64';
  if (body.dimensions !== undefined && (!Number.isInteger(body.dimensions) || body.dimensions < 1))
    return 'dimensions must be a positive integer';
  return undefined;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const error = (res: ServerResponse, status: number, message: string): void =>
  json(res, status, { error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: null } });
