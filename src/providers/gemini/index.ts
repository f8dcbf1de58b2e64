import type { ChatRequest, ChatResult, EmbedRequest, EmbedResult, StreamPart } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import type { CallOptions, Provider } from '../../core/provider.js';
import { joinUrl } from '../shared/auth-headers.js';
import { readJson } from '../shared/http-client.js';
import type { NativeSettings } from '../shared/native-settings.js';
import { resultToParts } from '../shared/result-to-parts.js';
import { parseSse } from '../shared/sse-parser.js';
import { answeredAsJson, createWireClient } from '../shared/wire-client.js';
import { convertRequest } from './convert-request.js';
import { parseResponse, type GeminiResponse } from './parse-response.js';
import { parseStream } from './parse-stream.js';
import type { ProviderAdapter } from '../adapter.js';
import { credentialField } from '../shared/credential-fields.js';

/** `gemini-2.5-flash` or `models/gemini-2.5-flash` → `models/gemini-2.5-flash`. */
export function modelPath(model: string): string {
  const id = model.replace(/^models\//, '');
  return `models/${encodeURIComponent(id)}`;
}

/** Native Gemini API adapter (`{baseUrl}/models/{model}:generateContent`, `:streamGenerateContent`, `:batchEmbedContents`). */
export function createGeminiProvider(name: string, s: NativeSettings): Provider {
  const http = createWireClient(name, {
    connectTimeoutMs: s.connectTimeoutMs,
    headers: { ...s.headers, ...(s.apiKey ? { 'x-goog-api-key': s.apiKey } : {}) },
    streamAccept: 'text/event-stream',
  });

  async function chat(req: ChatRequest, opts: CallOptions): Promise<ChatResult> {
    const url = joinUrl(s.baseUrl, `${modelPath(opts.model)}:generateContent`);
    return parseResponse(name, await http.postJson<GeminiResponse>(url, convertRequest(req), opts));
  }

  async function* stream(req: ChatRequest, opts: CallOptions): AsyncGenerator<StreamPart> {
    const res = await http.postStream(
      joinUrl(s.baseUrl, `${modelPath(opts.model)}:streamGenerateContent`, { alt: 'sse' }),
      convertRequest(req),
      opts,
    );
    if (answeredAsJson(res)) {
      yield* resultToParts(Promise.resolve(parseResponse(name, await readJson<GeminiResponse>(name, res, opts.timeouts, opts.signal))));
      return;
    }
    yield* http.parts(res, (body) => parseStream(name, parseSse(body)), opts);
  }

  async function embed(req: EmbedRequest, opts: CallOptions): Promise<EmbedResult> {
    const model = modelPath(opts.model);
    const requests = req.input.map((text) => ({
      model: decodeURIComponent(model),
      content: { parts: [{ text }] },
      ...(req.dimensions !== undefined ? { outputDimensionality: req.dimensions } : {}),
    }));
    const json = await http.postJson<{ embeddings?: Array<{ values?: number[] }> }>(
      joinUrl(s.baseUrl, `${model}:batchEmbedContents`),
      { requests },
      opts,
    );
    if (!Array.isArray(json.embeddings) || json.embeddings.some((e) => !Array.isArray(e.values)))
      throw badUpstreamResponse(name, 'the provider returned no embeddings');
    // Gemini reports no token usage for embeddings: the pipeline estimates it.
    return { embeddings: json.embeddings.map((e) => e.values as number[]), model: opts.model };
  }

  async function listModels(signal?: AbortSignal): Promise<string[]> {
    const json = await http.getJson<{ models?: Array<{ name?: string }> }>(joinUrl(s.baseUrl, 'models', { pageSize: '1000' }), signal);
    return (json.models ?? [])
      .map((m) => m.name?.replace(/^models\//, ''))
      .filter((id): id is string => typeof id === 'string' && id !== '');
  }

  return { name, chat, stream, embed, listModels, close: http.close };
}

/** The `gemini` protocol: Google's Gemini API (not its OpenAI-compatible layer). */
export const adapter: ProviderAdapter<'gemini'> = {
  protocol: 'gemini',
  create: ({ name, cfg, baseUrl, headers, connectTimeoutMs }) =>
    createGeminiProvider(name, { baseUrl, apiKey: cfg.api_key, headers, connectTimeoutMs }),
  credentials: [credentialField('api_key', false)],
  doc: {
    name: 'Gemini API',
    speaks: '`{base}/models/{model}:generateContent`, `:streamGenerateContent`, `:batchEmbedContents`',
    link: 'https://ai.google.dev/api',
    auth: '`x-goog-api-key`',
    streaming: 'SSE (`alt=sse`)',
    usage: 'cumulative (`usageMetadata`)',
    verified: 'simulated (`test/providers/gemini-adapter.test.ts`)',
  },
};
