import type { ChatRequest, ChatResult, EmbedRequest, EmbedResult, StreamPart } from '../../core/chat-types.js';
import { GatewayError } from '../../core/errors.js';
import type { CallOptions, Provider } from '../../core/provider.js';
import { joinUrl } from '../shared/auth-headers.js';
import { createAgent, mapTransportError, readJson, sendUpstream } from '../shared/http-client.js';
import type { NativeSettings } from '../shared/native-settings.js';
import { resultToParts } from '../shared/result-to-parts.js';
import { parseSse } from '../shared/sse-parser.js';
import { convertRequest } from './convert-request.js';
import { parseResponse, type GeminiResponse } from './parse-response.js';
import { parseStream } from './parse-stream.js';

/** `gemini-2.5-flash` or `models/gemini-2.5-flash` → `models/gemini-2.5-flash`. */
export function modelPath(model: string): string {
  const id = model.replace(/^models\//, '');
  return `models/${encodeURIComponent(id)}`;
}

/** Native Gemini API adapter (`{baseUrl}/models/{model}:generateContent`, `:streamGenerateContent`, `:batchEmbedContents`). */
export function createGeminiProvider(name: string, s: NativeSettings): Provider {
  const agent = createAgent(s.connectTimeoutMs);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    ...s.headers,
    ...(s.apiKey ? { 'x-goog-api-key': s.apiKey } : {}),
  };
  const streamHeaders = { ...headers, accept: 'text/event-stream' };

  async function chat(req: ChatRequest, opts: CallOptions): Promise<ChatResult> {
    const res = await sendUpstream({
      provider: name,
      agent,
      url: joinUrl(s.baseUrl, `${modelPath(opts.model)}:generateContent`),
      headers,
      body: JSON.stringify(convertRequest(req)),
      signal: opts.signal,
      timeouts: opts.timeouts,
      streaming: false,
    });
    return parseResponse(name, await readJson<GeminiResponse>(name, res, opts.timeouts, opts.signal));
  }

  async function* stream(req: ChatRequest, opts: CallOptions): AsyncGenerator<StreamPart> {
    const res = await sendUpstream({
      provider: name,
      agent,
      url: joinUrl(s.baseUrl, `${modelPath(opts.model)}:streamGenerateContent`, { alt: 'sse' }),
      headers: streamHeaders,
      body: JSON.stringify(convertRequest(req)),
      signal: opts.signal,
      timeouts: opts.timeouts,
      streaming: true,
    });
    if (String(res.headers['content-type'] ?? '').includes('application/json')) {
      yield* resultToParts(Promise.resolve(parseResponse(name, await readJson<GeminiResponse>(name, res, opts.timeouts, opts.signal))));
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
    const model = modelPath(opts.model);
    const requests = req.input.map((text) => ({
      model: decodeURIComponent(model),
      content: { parts: [{ text }] },
      ...(req.dimensions !== undefined ? { outputDimensionality: req.dimensions } : {}),
    }));
    const res = await sendUpstream({
      provider: name,
      agent,
      url: joinUrl(s.baseUrl, `${model}:batchEmbedContents`),
      headers,
      body: JSON.stringify({ requests }),
      signal: opts.signal,
      timeouts: opts.timeouts,
      streaming: false,
    });
    const json = await readJson<{ embeddings?: Array<{ values?: number[] }> }>(name, res, opts.timeouts, opts.signal);
    if (!Array.isArray(json.embeddings) || json.embeddings.some((e) => !Array.isArray(e.values))) {
      throw new GatewayError(`${name}: the provider returned no embeddings`, { status: 502, type: 'upstream_error', code: 'upstream_bad_response', retryable: true, provider: name });
    }
    // Gemini reports no token usage for embeddings: the pipeline estimates it.
    return { embeddings: json.embeddings.map((e) => e.values as number[]), model: opts.model };
  }

  async function listModels(signal?: AbortSignal): Promise<string[]> {
    const timeouts = { connect: s.connectTimeoutMs, firstByte: 10_000, idle: 10_000, total: 10_000 };
    const sig = signal ?? AbortSignal.timeout(10_000);
    const res = await sendUpstream({
      provider: name,
      agent,
      url: joinUrl(s.baseUrl, 'models', { pageSize: '1000' }),
      headers,
      body: '',
      method: 'GET',
      signal: sig,
      timeouts,
      streaming: false,
    });
    const json = await readJson<{ models?: Array<{ name?: string }> }>(name, res, timeouts, sig);
    return (json.models ?? []).map((m) => m.name?.replace(/^models\//, '')).filter((id): id is string => typeof id === 'string' && id !== '');
  }

  return { name, chat, stream, embed, listModels, close: () => agent.close() };
}
