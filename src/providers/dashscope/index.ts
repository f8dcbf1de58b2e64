import type { ChatRequest, ChatResult, EmbedRequest, EmbedResult, RerankRequest, RerankResult, StreamPart } from '../../core/chat-types.js';
import { badUpstreamResponse, GatewayError } from '../../core/errors.js';
import type { CallOptions, Provider } from '../../core/provider.js';
import { joinUrl } from '../shared/auth-headers.js';
import { createAgent, mapTransportError, readJson, sendUpstream } from '../shared/http-client.js';
import type { NativeCredentials } from '../shared/native-credentials.js';
import { postJson } from '../shared/post-json.js';
import { resultToParts } from '../shared/result-to-parts.js';
import { rerankResult, type WireRerankAnswer } from '../shared/rerank-results.js';
import { parseSse } from '../shared/sse-parser.js';
import { answeredAsJson } from '../shared/wire-client.js';
import { convertRequest, isMultimodalModel } from './convert-request.js';
import { isOutputInspection, remapError } from './map-error.js';
import { parseResponse, type DashScopeResponse } from './parse-response.js';
import { parseStream } from './parse-stream.js';
import type { ProviderAdapter } from '../adapter.js';
import { credentialField } from '../shared/credential-fields.js';
import { nativeCredentials } from '../shared/native-credentials.js';

export const TEXT_GENERATION_PATH = 'api/v1/services/aigc/text-generation/generation';
export const MULTIMODAL_GENERATION_PATH = 'api/v1/services/aigc/multimodal-generation/generation';
export const EMBEDDING_PATH = 'api/v1/services/embeddings/text-embedding/text-embedding';
export const RERANK_PATH = 'api/v1/services/rerank/text-rerank/text-rerank';
/** DashScope's text-embedding-v3/v4 take at most 10 texts per call (v1/v2: 25): larger inputs are split. */
const EMBED_BATCH = 10;

interface EmbeddingResponse {
  output?: { embeddings?: Array<{ text_index?: number; embedding?: number[] }> };
  usage?: { total_tokens?: number };
}

/** An answer whose output the content filter cut: OpenAI's shape for it is an empty `content_filter` stop. */
const FILTERED: ChatResult = { content: '', toolCalls: [], finishReason: 'content_filter' };

/**
 * Alibaba DashScope native adapter (`{base}/api/v1/services/aigc/…/generation`, Bearer key).
 * Streaming is switched on by the `X-DashScope-SSE: enable` header, so whole answers and streams use
 * different header sets over one socket pool (the shared wire client has one set per client).
 */
export function createDashScopeProvider(name: string, creds: NativeCredentials): Provider {
  const agent = createAgent(creds.connectTimeoutMs);
  const auth: Record<string, string> = creds.apiKey ? { authorization: `Bearer ${creds.apiKey}` } : {};
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...creds.headers, ...auth };
  const streamHeaders = { ...headers, accept: 'text/event-stream', 'x-dashscope-sse': 'enable' };
  const base = new URL(creds.baseUrl || 'https://dashscope.aliyuncs.com');
  const origin = base.origin;
  // A base URL with a path prefix (a proxy) keeps it; the service path is appended. A base that already
  // ends in `/api/v1` (how DashScope's SDKs and LiteLLM spell it) is accepted too: the suffix is not doubled.
  const prefix = base.pathname.replace(/\/api\/v1\/?$/, '');
  const path = (p: string): string => new URL(joinUrl(origin + prefix, p)).pathname;
  const generationPath = (model: string): string => path(isMultimodalModel(model) ? MULTIMODAL_GENERATION_PATH : TEXT_GENERATION_PATH);

  const post = <T>(p: string, body: unknown, opts: CallOptions): Promise<T> =>
    postJson<T>({ provider: name, agent, origin, path: p, headers, body: JSON.stringify(body), call: opts });

  async function chat(req: ChatRequest, opts: CallOptions): Promise<ChatResult> {
    try {
      const body = await post<DashScopeResponse>(generationPath(opts.model), convertRequest(req, opts.model, false), opts);
      return parseResponse(name, body, opts.model);
    } catch (err) {
      if (isFilteredOutput(err)) return FILTERED;
      throw remapError(name, err);
    }
  }

  async function* stream(req: ChatRequest, opts: CallOptions): AsyncGenerator<StreamPart> {
    let res;
    try {
      res = await sendUpstream({
        provider: name,
        agent,
        url: origin + generationPath(opts.model),
        headers: streamHeaders,
        body: JSON.stringify(convertRequest(req, opts.model, true)),
        signal: opts.signal,
        timeouts: opts.timeouts,
        streaming: true,
      });
    } catch (err) {
      // The filter may reject the output before the first event: the answer is empty and filtered.
      if (isFilteredOutput(err)) {
        yield { type: 'finish', reason: 'content_filter' };
        return;
      }
      throw remapError(name, err);
    }
    try {
      if (answeredAsJson(res)) {
        const body = await readJson<DashScopeResponse>(name, res, opts.timeouts, opts.signal);
        yield* resultToParts(Promise.resolve(parseResponse(name, body, opts.model)));
        return;
      }
      yield* parseStream(name, parseSse(res.body));
    } catch (err) {
      throw mapTransportError(name, err, opts.timeouts, opts.signal);
    } finally {
      if (!res.body.destroyed) res.body.destroy();
    }
  }

  async function embed(req: EmbedRequest, opts: CallOptions): Promise<EmbedResult> {
    const batches: string[][] = [];
    for (let i = 0; i < req.input.length; i += EMBED_BATCH) batches.push(req.input.slice(i, i + EMBED_BATCH));
    // text_type is left to DashScope's default (`document`): OpenAI's body has no field for it.
    const parameters = req.dimensions !== undefined ? { dimension: req.dimensions } : {};
    const answers = await Promise.all(
      batches.map((texts) => post<EmbeddingResponse>(path(EMBEDDING_PATH), { model: opts.model, input: { texts }, parameters }, opts)),
    ).catch((err: unknown) => {
      throw remapError(name, err);
    });
    const embeddings: number[][] = [];
    let tokens = 0;
    let reported = true;
    for (const [b, answer] of answers.entries()) {
      const list = answer.output?.embeddings;
      if (!Array.isArray(list) || list.length !== batches[b].length) throw badUpstreamResponse(name, 'the provider returned no embeddings');
      // Order by text_index: DashScope does not promise the input order.
      for (const e of list) {
        const at = b * EMBED_BATCH + (typeof e.text_index === 'number' ? e.text_index : list.indexOf(e));
        if (!Array.isArray(e.embedding)) throw badUpstreamResponse(name, 'an embedding is missing');
        embeddings[at] = e.embedding;
      }
      if (typeof answer.usage?.total_tokens === 'number') tokens += answer.usage.total_tokens;
      else reported = false;
    }
    if (embeddings.length !== req.input.length || embeddings.some((e) => !e))
      throw badUpstreamResponse(name, 'embeddings do not match the input');
    return { embeddings, model: opts.model, ...(reported ? { usage: { promptTokens: tokens } } : {}) };
  }

  /** gte-rerank: `{model, input: {query, documents}, parameters}` → `output.results`, `usage.total_tokens`. */
  async function rerank(req: RerankRequest, opts: CallOptions): Promise<RerankResult> {
    const parameters: Record<string, unknown> = {};
    if (req.top_n !== undefined) parameters.top_n = req.top_n;
    if (req.return_documents !== undefined) parameters.return_documents = req.return_documents;
    const body = { model: opts.model, input: { query: req.query, documents: req.documents }, parameters };
    let answer: { output?: WireRerankAnswer; usage?: WireRerankAnswer['usage'] };
    try {
      answer = await post(path(RERANK_PATH), body, opts);
    } catch (err) {
      throw remapError(name, err);
    }
    return rerankResult(name, req, { results: answer.output?.results, usage: answer.usage }, opts.model);
  }

  return { name, chat, stream, embed, rerank, close: () => agent.close() };
}

/** A DataInspectionFailed HTTP error about the model's output (checked before `remapError`, which sees only inputs). */
function isFilteredOutput(err: unknown): boolean {
  return err instanceof GatewayError && isOutputInspection(err.code, err.message);
}

/** The `dashscope` protocol: Alibaba DashScope's native API (its compatible mode is the `openai` protocol). */
export const adapter: ProviderAdapter<'dashscope'> = {
  protocol: 'dashscope',
  create: (input) => createDashScopeProvider(input.name, nativeCredentials(input)),
  credentials: [credentialField('api_key', true)],
  doc: {
    name: 'Alibaba DashScope native API',
    speaks:
      '`{base}/api/v1/services/aigc/{text|multimodal}-generation/generation`, `…/embeddings/text-embedding/…`, `…/rerank/text-rerank/…`',
    link: 'https://help.aliyun.com/zh/model-studio/developer-reference/use-qwen-by-calling-api',
    auth: '`Authorization: Bearer <key>`',
    streaming: 'SSE (`X-DashScope-SSE: enable`, `incremental_output`)',
    usage: 'cumulative, every event',
    verified: 'simulated (`test/providers/dashscope-adapter.test.ts`, `test/providers/dashscope-e2e.test.ts`)',
  },
};
