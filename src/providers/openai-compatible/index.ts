import type { AuthStyle, Quirks } from '../../catalog/types.js';
import type { ChatRequest, ChatResult, EmbedRequest, EmbedResult, RerankRequest, RerankResult, StreamPart } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import type { CallOptions, Provider } from '../../core/provider.js';
import { authHeaders, joinUrl } from '../shared/auth-headers.js';
import { readJson } from '../shared/http-client.js';
import { createJwtAuth, createJwtWireClient } from '../shared/jwt-auth.js';
import { resultToParts } from '../shared/result-to-parts.js';
import { rerankResult, type WireRerankAnswer } from '../shared/rerank-results.js';
import { parseSse } from '../shared/sse-parser.js';
import { answeredAsJson, createWireClient } from '../shared/wire-client.js';
import { convertRequest } from './convert-request.js';
import { parseResponse, type WireChatResponse } from './parse-response.js';
import { parseStream } from './parse-stream.js';
import type { ProviderAdapter } from '../adapter.js';
import { OPTIONAL_API_KEY } from '../shared/credential-fields.js';

export interface OpenAICompatibleSettings {
  baseUrl: string;
  apiKey?: string;
  auth: AuthStyle;
  /** SenseNova's SK when `auth` is `sensenova-jwt`. */
  secretKey?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  quirks?: Quirks;
  connectTimeoutMs: number;
  /** Azure-style deployments: the model goes into the path `deployments/{model}`. */
  deploymentPath?: boolean;
}

/** One adapter for the whole OpenAI-compatible family; differences come in as data (`quirks`). */
export function createOpenAICompatibleProvider(name: string, s: OpenAICompatibleSettings): Provider {
  const wire = {
    connectTimeoutMs: s.connectTimeoutMs,
    headers: { ...s.headers, ...authHeaders(s.auth, s.apiKey) },
    streamAccept: 'text/event-stream',
  };
  // Zhipu / SenseNova JWTs expire: their Authorization is signed and refreshed by jwt-auth.ts.
  const http =
    s.auth === 'zhipu-jwt' || s.auth === 'sensenova-jwt'
      ? createJwtWireClient(name, wire, createJwtAuth(name, { style: s.auth, apiKey: s.apiKey, secretKey: s.secretKey }))
      : createWireClient(name, wire);
  const url = (model: string, path: string): string =>
    joinUrl(s.deploymentPath ? joinUrl(s.baseUrl, `deployments/${encodeURIComponent(model)}`) : s.baseUrl, path, s.query);
  // The chat URL of each model, built once: the same string every call (its hash is cached too).
  const chatUrls = new Map<string, string>();
  const chatUrl = (model: string): string => {
    let u = chatUrls.get(model);
    if (u === undefined) {
      u = url(model, 'chat/completions');
      if (chatUrls.size >= 1_000) chatUrls.clear();
      chatUrls.set(model, u);
    }
    return u;
  };

  async function chat(req: ChatRequest, opts: CallOptions): Promise<ChatResult> {
    const body = JSON.stringify(convertRequest(req, opts.model, false, s.quirks));
    return parseResponse(name, await http.postJson<WireChatResponse>(chatUrl(opts.model), body, opts));
  }

  async function* stream(req: ChatRequest, opts: CallOptions): AsyncGenerator<StreamPart> {
    if (s.quirks?.noStreamWithTools && req.tools?.length) {
      yield* resultToParts(chat(req, opts));
      return;
    }
    const res = await http.postStream(chatUrl(opts.model), JSON.stringify(convertRequest(req, opts.model, true, s.quirks)), opts);
    if (answeredAsJson(res)) {
      // Some providers ignore `stream` (or answer errors as JSON with 200): replay the whole answer.
      yield* resultToParts(Promise.resolve(parseResponse(name, await readJson<WireChatResponse>(name, res, opts.timeouts, opts.signal))));
      return;
    }
    yield* http.parts(res, (body) => parseStream(name, parseSse(body)), opts);
  }

  async function embed(req: EmbedRequest, opts: CallOptions): Promise<EmbedResult> {
    const body: Record<string, unknown> = { model: opts.model, input: req.input, encoding_format: 'float' };
    if (req.dimensions !== undefined) body.dimensions = req.dimensions;
    if (req.user !== undefined) body.user = req.user;
    const json = await http.postJson<{
      data?: Array<{ index?: number; embedding: number[] }>;
      usage?: { prompt_tokens?: number };
      model?: string;
    }>(url(opts.model, 'embeddings'), body, opts);
    if (!Array.isArray(json.data)) throw badUpstreamResponse(name, 'the provider returned no embeddings');
    const ordered = [...json.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    return {
      embeddings: ordered.map((d) => d.embedding),
      usage: json.usage?.prompt_tokens !== undefined ? { promptTokens: json.usage.prompt_tokens } : undefined,
      model: json.model,
    };
  }

  /** `POST {base}/rerank`, the shape Jina, Cohere v2, SiliconFlow, Xinference and vLLM share. */
  async function rerank(req: RerankRequest, opts: CallOptions): Promise<RerankResult> {
    const body: Record<string, unknown> = { model: opts.model, query: req.query, documents: req.documents };
    if (req.top_n !== undefined) body.top_n = req.top_n;
    if (req.return_documents !== undefined) body.return_documents = req.return_documents;
    return rerankResult(name, req, await http.postJson<WireRerankAnswer>(url(opts.model, 'rerank'), body, opts), opts.model);
  }

  async function listModels(signal?: AbortSignal): Promise<string[]> {
    const json = await http.getJson<{ data?: Array<{ id?: string }> }>(joinUrl(s.baseUrl, 'models', s.query), signal);
    return (json.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string');
  }

  return { name, chat, stream, embed, rerank, listModels, close: http.close };
}

const AUTH_TEXT: Record<AuthStyle, string> = {
  bearer: '`Authorization: Bearer <key>`',
  'api-key-header': '`api-key: <key>`',
  'x-api-key': '`x-api-key: <key>`',
  'x-goog-api-key': '`x-goog-api-key: <key>`',
  none: 'none',
  'zhipu-jwt': 'HS256 JWT',
  'sensenova-jwt': 'HS256 JWT',
};

/**
 * The `openai` protocol: every OpenAI-compatible API. What differs per vendor is catalog data on the
 * entry: auth style, `jwt` signing, headers, query, quirks (Azure's deployment path among them).
 */
export const adapter: ProviderAdapter<'openai'> = {
  protocol: 'openai',
  create: ({ name, cfg, entry, baseUrl, headers, connectTimeoutMs }) =>
    createOpenAICompatibleProvider(name, {
      baseUrl,
      apiKey: cfg.api_key,
      auth: cfg.auth === 'jwt' ? (entry?.jwt?.style ?? 'zhipu-jwt') : (entry?.auth ?? 'bearer'),
      secretKey: cfg.secret_key,
      headers,
      query: { ...entry?.query, ...cfg.query },
      quirks: entry?.quirks,
      connectTimeoutMs,
      deploymentPath: cfg.deployment_path ?? entry?.quirks?.deploymentPath ?? false,
    }),
  credentials: OPTIONAL_API_KEY,
  doc: {
    name: 'OpenAI-compatible API',
    speaks: '`POST {base}/chat/completions`, `/embeddings`, `/rerank`, `GET {base}/models`; vendor deviations as catalog quirks',
    link: 'https://platform.openai.com/docs/api-reference',
    auth: (e) => AUTH_TEXT[e.auth] + (e.jwt ? `; or \`auth: jwt\`: ${e.jwt.doc}` : ''),
    streaming: 'SSE, OpenAI chunks',
    usage: 'last chunk (`include_usage` forced)',
    verified:
      'simulated generic OpenAI-compatible upstream (`test/openai-sdk*.test.ts`, `test/gateway/contract.test.ts`); no vendor-specific fake',
  },
};
