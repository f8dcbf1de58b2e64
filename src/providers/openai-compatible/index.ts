import type { AuthStyle, Quirks } from '../../catalog/types.js';
import type { ChatRequest, ChatResult, EmbedRequest, EmbedResult, StreamPart } from '../../core/chat-types.js';
import { GatewayError } from '../../core/errors.js';
import type { CallOptions, Provider } from '../../core/provider.js';
import { authHeaders, joinUrl } from '../shared/auth-headers.js';
import { createAgent, mapTransportError, readJson, sendUpstream } from '../shared/http-client.js';
import { resultToParts } from '../shared/result-to-parts.js';
import { parseSse } from '../shared/sse-parser.js';
import { convertRequest } from './convert-request.js';
import { parseResponse, type WireChatResponse } from './parse-response.js';
import { parseStream } from './parse-stream.js';

export interface OpenAICompatibleSettings {
  baseUrl: string;
  apiKey?: string;
  auth: AuthStyle;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  quirks?: Quirks;
  connectTimeoutMs: number;
  /** Azure-style deployments: the model goes into the path `deployments/{model}`. */
  deploymentPath?: boolean;
}

/** One adapter for the whole OpenAI-compatible family; differences come in as data (`quirks`). */
export function createOpenAICompatibleProvider(name: string, s: OpenAICompatibleSettings): Provider {
  const agent = createAgent(s.connectTimeoutMs);
  const headers = { 'content-type': 'application/json', accept: 'application/json', ...s.headers, ...authHeaders(s.auth, s.apiKey) };
  const streamHeaders = { ...headers, accept: 'text/event-stream' };
  const url = (model: string, path: string): string =>
    joinUrl(s.deploymentPath ? joinUrl(s.baseUrl, `deployments/${encodeURIComponent(model)}`) : s.baseUrl, path, s.query);

  async function chat(req: ChatRequest, opts: CallOptions): Promise<ChatResult> {
    const res = await sendUpstream({
      provider: name,
      agent,
      url: url(opts.model, 'chat/completions'),
      headers,
      body: JSON.stringify(convertRequest(req, opts.model, false, s.quirks)),
      signal: opts.signal,
      timeouts: opts.timeouts,
      streaming: false,
    });
    return parseResponse(name, await readJson<WireChatResponse>(name, res, opts.timeouts, opts.signal));
  }

  async function* stream(req: ChatRequest, opts: CallOptions): AsyncGenerator<StreamPart> {
    if (s.quirks?.noStreamWithTools && req.tools?.length) {
      yield* resultToParts(chat(req, opts));
      return;
    }
    const res = await sendUpstream({
      provider: name,
      agent,
      url: url(opts.model, 'chat/completions'),
      headers: streamHeaders,
      body: JSON.stringify(convertRequest(req, opts.model, true, s.quirks)),
      signal: opts.signal,
      timeouts: opts.timeouts,
      streaming: true,
    });
    const contentType = String(res.headers['content-type'] ?? '');
    if (contentType.includes('application/json')) {
      // Some providers ignore `stream` (or answer errors as JSON with 200): replay the whole answer.
      yield* resultToParts(Promise.resolve(parseResponse(name, await readJson<WireChatResponse>(name, res, opts.timeouts, opts.signal))));
      return;
    }
    try {
      yield* parseStream(name, parseSse(res.body));
    } catch (err) {
      throw mapTransportError(name, err, opts.timeouts, opts.signal);
    } finally {
      if (!res.body.destroyed) res.body.destroy();
    }
  }

  async function embed(req: EmbedRequest, opts: CallOptions): Promise<EmbedResult> {
    const body: Record<string, unknown> = { model: opts.model, input: req.input, encoding_format: 'float' };
    if (req.dimensions !== undefined) body.dimensions = req.dimensions;
    if (req.user !== undefined) body.user = req.user;
    const res = await sendUpstream({
      provider: name,
      agent,
      url: url(opts.model, 'embeddings'),
      headers,
      body: JSON.stringify(body),
      signal: opts.signal,
      timeouts: opts.timeouts,
      streaming: false,
    });
    const json = await readJson<{ data?: Array<{ index?: number; embedding: number[] }>; usage?: { prompt_tokens?: number }; model?: string }>(
      name,
      res,
      opts.timeouts,
      opts.signal,
    );
    if (!Array.isArray(json.data)) {
      throw new GatewayError(`${name}: the provider returned no embeddings`, { status: 502, type: 'upstream_error', code: 'upstream_bad_response', retryable: true, provider: name });
    }
    const ordered = [...json.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    return {
      embeddings: ordered.map((d) => d.embedding),
      usage: json.usage?.prompt_tokens !== undefined ? { promptTokens: json.usage.prompt_tokens } : undefined,
      model: json.model,
    };
  }

  async function listModels(signal?: AbortSignal): Promise<string[]> {
    const res = await sendUpstream({
      provider: name,
      agent,
      url: joinUrl(s.baseUrl, 'models', s.query),
      headers,
      body: '',
      method: 'GET',
      signal: signal ?? AbortSignal.timeout(10_000),
      timeouts: { connect: s.connectTimeoutMs, firstByte: 10_000, idle: 10_000, total: 10_000 },
      streaming: false,
    });
    const json = await readJson<{ data?: Array<{ id?: string }> }>(name, res, { connect: 0, firstByte: 0, idle: 0, total: 0 }, signal ?? new AbortController().signal);
    return (json.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string');
  }

  return { name, chat, stream, embed, listModels, close: () => agent.close() };
}
