import type { ChatRequest, ChatResult, EmbedRequest, EmbedResult, StreamPart } from '../../core/chat-types.js';
import { GatewayError } from '../../core/errors.js';
import type { CallOptions, Provider } from '../../core/provider.js';
import { joinUrl } from '../shared/auth-headers.js';
import { createAgent, mapTransportError, readJson, sendUpstream } from '../shared/http-client.js';
import type { NativeSettings } from '../shared/native-settings.js';
import { parseNdjson } from '../shared/sse-parser.js';
import { convertRequest } from './convert-request.js';
import { parseResponse, type OllamaChatResponse } from './parse-response.js';
import { parseStream } from './parse-stream.js';

/** Native Ollama adapter (`/api/chat`, `/api/embed`, `/api/tags`). A key, when given, is sent as a Bearer token (Ollama cloud). */
export function createOllamaProvider(name: string, s: NativeSettings): Provider {
  const agent = createAgent(s.connectTimeoutMs);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    ...s.headers,
    ...(s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {}),
  };
  const streamHeaders = { ...headers, accept: 'application/x-ndjson' };
  const chatUrl = joinUrl(s.baseUrl, 'api/chat');

  async function chat(req: ChatRequest, opts: CallOptions): Promise<ChatResult> {
    const res = await sendUpstream({
      provider: name,
      agent,
      url: chatUrl,
      headers,
      body: JSON.stringify(convertRequest(req, opts.model, false)),
      signal: opts.signal,
      timeouts: opts.timeouts,
      streaming: false,
    });
    return parseResponse(name, await readJson<OllamaChatResponse>(name, res, opts.timeouts, opts.signal));
  }

  async function* stream(req: ChatRequest, opts: CallOptions): AsyncGenerator<StreamPart> {
    const res = await sendUpstream({
      provider: name,
      agent,
      url: chatUrl,
      headers: streamHeaders,
      body: JSON.stringify(convertRequest(req, opts.model, true)),
      signal: opts.signal,
      timeouts: opts.timeouts,
      streaming: true,
    });
    try {
      yield* parseStream(name, parseNdjson(res.body));
    } catch (err) {
      throw mapTransportError(name, err, opts.timeouts, opts.signal);
    } finally {
      if (!res.body.destroyed) res.body.destroy();
    }
  }

  async function embed(req: EmbedRequest, opts: CallOptions): Promise<EmbedResult> {
    const body: Record<string, unknown> = { model: opts.model, input: req.input };
    if (req.dimensions !== undefined) body.dimensions = req.dimensions;
    const res = await sendUpstream({
      provider: name,
      agent,
      url: joinUrl(s.baseUrl, 'api/embed'),
      headers,
      body: JSON.stringify(body),
      signal: opts.signal,
      timeouts: opts.timeouts,
      streaming: false,
    });
    const json = await readJson<{ model?: string; embeddings?: number[][]; prompt_eval_count?: number }>(name, res, opts.timeouts, opts.signal);
    if (!Array.isArray(json.embeddings)) {
      throw new GatewayError(`${name}: the provider returned no embeddings`, { status: 502, type: 'upstream_error', code: 'upstream_bad_response', retryable: true, provider: name });
    }
    return {
      embeddings: json.embeddings,
      usage: typeof json.prompt_eval_count === 'number' ? { promptTokens: json.prompt_eval_count } : undefined,
      model: json.model,
    };
  }

  async function listModels(signal?: AbortSignal): Promise<string[]> {
    const timeouts = { connect: s.connectTimeoutMs, firstByte: 10_000, idle: 10_000, total: 10_000 };
    const sig = signal ?? AbortSignal.timeout(10_000);
    const res = await sendUpstream({
      provider: name,
      agent,
      url: joinUrl(s.baseUrl, 'api/tags'),
      headers,
      body: '',
      method: 'GET',
      signal: sig,
      timeouts,
      streaming: false,
    });
    const json = await readJson<{ models?: Array<{ name?: string; model?: string }> }>(name, res, timeouts, sig);
    return (json.models ?? []).map((m) => m.name ?? m.model).filter((id): id is string => typeof id === 'string' && id !== '');
  }

  return { name, chat, stream, embed, listModels, close: () => agent.close() };
}
