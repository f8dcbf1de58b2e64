import type { ChatRequest, ChatResult, EmbedRequest, EmbedResult, StreamPart } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import type { CallOptions, Provider } from '../../core/provider.js';
import { joinUrl } from '../shared/auth-headers.js';
import type { NativeSettings } from '../shared/native-settings.js';
import { parseNdjson } from '../shared/sse-parser.js';
import { createWireClient } from '../shared/wire-client.js';
import { convertRequest } from './convert-request.js';
import { parseResponse, type OllamaChatResponse } from './parse-response.js';
import { parseStream } from './parse-stream.js';
import type { ProviderAdapter } from '../adapter.js';
import { OPTIONAL_API_KEY } from '../shared/credential-fields.js';

/** Native Ollama adapter (`/api/chat`, `/api/embed`, `/api/tags`). A key, when given, is sent as a Bearer token (Ollama cloud). */
export function createOllamaProvider(name: string, s: NativeSettings): Provider {
  const http = createWireClient(name, {
    connectTimeoutMs: s.connectTimeoutMs,
    headers: { ...s.headers, ...(s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {}) },
    streamAccept: 'application/x-ndjson',
  });
  const chatUrl = joinUrl(s.baseUrl, 'api/chat');

  async function chat(req: ChatRequest, opts: CallOptions): Promise<ChatResult> {
    return parseResponse(name, await http.postJson<OllamaChatResponse>(chatUrl, convertRequest(req, opts.model, false), opts));
  }

  async function* stream(req: ChatRequest, opts: CallOptions): AsyncGenerator<StreamPart> {
    const res = await http.postStream(chatUrl, convertRequest(req, opts.model, true), opts);
    yield* http.parts(res, (body) => parseStream(name, parseNdjson(body)), opts);
  }

  async function embed(req: EmbedRequest, opts: CallOptions): Promise<EmbedResult> {
    const body: Record<string, unknown> = { model: opts.model, input: req.input };
    if (req.dimensions !== undefined) body.dimensions = req.dimensions;
    const json = await http.postJson<{ model?: string; embeddings?: number[][]; prompt_eval_count?: number }>(
      joinUrl(s.baseUrl, 'api/embed'),
      body,
      opts,
    );
    if (!Array.isArray(json.embeddings)) throw badUpstreamResponse(name, 'the provider returned no embeddings');
    return {
      embeddings: json.embeddings,
      usage: typeof json.prompt_eval_count === 'number' ? { promptTokens: json.prompt_eval_count } : undefined,
      model: json.model,
    };
  }

  async function listModels(signal?: AbortSignal): Promise<string[]> {
    const json = await http.getJson<{ models?: Array<{ name?: string; model?: string }> }>(joinUrl(s.baseUrl, 'api/tags'), signal);
    return (json.models ?? []).map((m) => m.name ?? m.model).filter((id): id is string => typeof id === 'string' && id !== '');
  }

  return { name, chat, stream, embed, listModels, close: http.close };
}

/** The `ollama` protocol: Ollama's native API (its OpenAI-compatible layer is the `openai` protocol). */
export const adapter: ProviderAdapter<'ollama'> = {
  protocol: 'ollama',
  create: ({ name, cfg, baseUrl, headers, connectTimeoutMs }) =>
    createOllamaProvider(name, { baseUrl, apiKey: cfg.api_key, headers, connectTimeoutMs }),
  credentials: OPTIONAL_API_KEY,
  doc: {
    name: 'Ollama API',
    speaks: '`POST {base}/api/chat`, `/api/embed`, `GET /api/tags`',
    link: 'https://github.com/ollama/ollama/blob/main/docs/api.md',
    auth: 'none (optional bearer)',
    streaming: 'NDJSON',
    usage: 'final line',
    verified: 'simulated (`test/providers/ollama-adapter.test.ts`)',
  },
};
