import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local rerank upstream that speaks both wire formats baimo sends rerank calls in, and refuses
 * anything else the way the vendors do:
 * - `POST /v1/rerank` (Jina, SiliconFlow, Xinference, vLLM): `{model, query, documents: string[],
 *   top_n?, return_documents?}` → `{id, results[{index, relevance_score, document?}]}` with Jina's
 *   `usage.total_tokens`, or SiliconFlow's `meta.tokens` when the model id starts with `sf/`, or no
 *   usage at all when it starts with `nousage/`; an OpenAI-style 400 for a body of another shape.
 * - `POST /api/v1/services/rerank/text-rerank/text-rerank` (DashScope native, Bearer key):
 *   `{model, input: {query, documents}, parameters: {top_n?, return_documents?}}` →
 *   `{output: {results}, usage: {total_tokens}, request_id}`; DashScope's `{code, message}` errors.
 * Scores are deterministic: the share of the query's words a document contains (ties: lower index
 * first), so tests can predict the order. A query of `fail:<status>` answers that HTTP status.
 */
export interface RerankRecorded {
  url: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface RerankFake {
  /** Origin (`http://127.0.0.1:port`): DashScope's base URL; `${origin}/v1` is the OpenAI-compatible one. */
  origin: string;
  requests: RerankRecorded[];
  close(): Promise<void>;
}

export const DASHSCOPE_RERANK_PATH = '/api/v1/services/rerank/text-rerank/text-rerank';

export async function startRerankFake(dashscopeKey: string): Promise<RerankFake> {
  const requests: RerankRecorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const path = (req.url ?? '').split('?')[0];
      if (path.endsWith('/models')) return json(res, 200, { object: 'list', data: [] });
      requests.push({ url: req.url ?? '', headers: req.headers, body });
      if (req.method === 'POST' && path === '/v1/rerank') return compatible(res, body);
      if (req.method === 'POST' && path === DASHSCOPE_RERANK_PATH) return dashscope(res, req.headers, body, dashscopeKey);
      json(res, 404, { error: { message: `no route ${path}`, type: 'invalid_request_error', param: null, code: null } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function compatible(res: ServerResponse, body: any): void {
  const bad = (message: string) => json(res, 400, { error: { message, type: 'invalid_request_error', param: null, code: null } });
  if (!body || typeof body !== 'object') return bad('body must be JSON');
  const extra = Object.keys(body).filter((k) => !['model', 'query', 'documents', 'top_n', 'return_documents'].includes(k));
  if (extra.length) return bad(`unknown fields: ${extra.join(', ')}`);
  const problem = checkCall(body.model, body.query, body.documents, body.top_n, body.return_documents);
  if (problem) return bad(problem);
  const failed = /^fail:(\d{3})$/.exec(body.query);
  if (failed)
    return json(res, Number(failed[1]), { error: { message: 'upstream says no', type: 'server_error', param: null, code: null } });
  const results = rank(body.query, body.documents, body.top_n, body.return_documents === true);
  const tokens = countTokens(body.query, body.documents);
  const answer: Record<string, unknown> = { id: randomUUID(), results };
  if (body.model.startsWith('sf/'))
    answer.meta = { billed_units: { input_tokens: tokens }, tokens: { input_tokens: tokens, output_tokens: 0 } };
  else if (!body.model.startsWith('nousage/')) answer.usage = { total_tokens: tokens };
  json(res, 200, answer);
}

function dashscope(res: ServerResponse, headers: IncomingHttpHeaders, body: any, key: string): void {
  const err = (status: number, code: string, message: string) => json(res, status, { code, message, request_id: randomUUID() });
  if (headers.authorization !== `Bearer ${key}`) return err(401, 'InvalidApiKey', 'Invalid API-key provided.');
  if (!body || typeof body !== 'object' || !body.input || typeof body.input !== 'object')
    return err(400, 'InvalidParameter', 'Required parameter(s) missing or invalid, please check the request parameters.');
  const extra = Object.keys(body).filter((k) => !['model', 'input', 'parameters'].includes(k));
  const extraInput = Object.keys(body.input).filter((k) => !['query', 'documents'].includes(k));
  const p = body.parameters ?? {};
  const extraParams = Object.keys(p).filter((k) => !['top_n', 'return_documents'].includes(k));
  if (extra.length || extraInput.length || extraParams.length) return err(400, 'InvalidParameter', 'unknown fields');
  const problem = checkCall(body.model, body.input.query, body.input.documents, p.top_n, p.return_documents);
  if (problem) return err(400, 'InvalidParameter', problem);
  if (/^fail:/.test(body.input.query)) return err(429, 'Throttling.RateQuota', 'Requests rate limit exceeded, please try again later.');
  const results = rank(body.input.query, body.input.documents, p.top_n, p.return_documents === true);
  json(res, 200, {
    output: { results },
    usage: { total_tokens: countTokens(body.input.query, body.input.documents) },
    request_id: randomUUID(),
  });
}

function checkCall(model: unknown, query: unknown, documents: unknown, topN: unknown, returnDocuments: unknown): string | undefined {
  if (typeof model !== 'string' || !model) return 'model is required';
  if (typeof query !== 'string' || !query) return 'query must be a non-empty string';
  if (!Array.isArray(documents) || documents.length === 0 || !documents.every((d) => typeof d === 'string'))
    return 'documents must be a non-empty array of strings';
  if (topN !== undefined && (!Number.isInteger(topN) || (topN as number) < 1)) return 'top_n must be a positive integer';
  if (returnDocuments !== undefined && typeof returnDocuments !== 'boolean') return 'return_documents must be a boolean';
  return undefined;
}

/** Scores, most relevant first, cut to `topN`. */
export function rank(query: string, documents: string[], topN: number | undefined, withText: boolean) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const scored = documents.map((d, index) => {
    const lower = d.toLowerCase();
    const hits = words.filter((w) => lower.includes(w)).length;
    return { index, relevance_score: words.length ? hits / words.length : 0, ...(withText ? { document: { text: d } } : {}) };
  });
  scored.sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index);
  return topN === undefined ? scored : scored.slice(0, topN);
}

/** One token per character, so tests can predict totals. */
export const countTokens = (query: string, documents: string[]): number => documents.reduce((n, d) => n + d.length, query.length);

function json(res: ServerResponse, status: number, body: unknown): void {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
  res.end(s);
}
