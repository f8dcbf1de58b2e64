import type { ChatRequest, ChatResult, StreamPart } from '../../core/chat-types.js';
import type { CallOptions, Provider } from '../../core/provider.js';
import { joinUrl } from '../shared/auth-headers.js';
import { readJson } from '../shared/http-client.js';
import type { NativeSettings } from '../shared/native-settings.js';
import { resultToParts } from '../shared/result-to-parts.js';
import { parseSse } from '../shared/sse-parser.js';
import { answeredAsJson, createWireClient } from '../shared/wire-client.js';
import { convertRequest } from './convert-request.js';
import { parseResponse, type AnthropicResponse } from './parse-response.js';
import { parseStream } from './parse-stream.js';
import type { ProviderAdapter } from '../adapter.js';
import { credentialField } from '../shared/credential-fields.js';

export const ANTHROPIC_VERSION = '2023-06-01';

/** Native Anthropic Messages API adapter (`POST {baseUrl}/messages`). Anthropic offers no embeddings. */
export function createAnthropicProvider(name: string, s: NativeSettings): Provider {
  const http = createWireClient(name, {
    connectTimeoutMs: s.connectTimeoutMs,
    headers: { 'anthropic-version': ANTHROPIC_VERSION, ...s.headers, ...(s.apiKey ? { 'x-api-key': s.apiKey } : {}) },
    streamAccept: 'text/event-stream',
  });
  const messagesUrl = joinUrl(s.baseUrl, 'messages');

  async function chat(req: ChatRequest, opts: CallOptions): Promise<ChatResult> {
    return parseResponse(name, await http.postJson<AnthropicResponse>(messagesUrl, convertRequest(req, opts.model, false), opts));
  }

  async function* stream(req: ChatRequest, opts: CallOptions): AsyncGenerator<StreamPart> {
    const res = await http.postStream(messagesUrl, convertRequest(req, opts.model, true), opts);
    if (answeredAsJson(res)) {
      yield* resultToParts(Promise.resolve(parseResponse(name, await readJson<AnthropicResponse>(name, res, opts.timeouts, opts.signal))));
      return;
    }
    yield* http.parts(res, (body) => parseStream(name, parseSse(body)), opts);
  }

  async function listModels(signal?: AbortSignal): Promise<string[]> {
    const json = await http.getJson<{ data?: Array<{ id?: string }> }>(joinUrl(s.baseUrl, 'models', { limit: '1000' }), signal);
    return (json.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string');
  }

  return { name, chat, stream, listModels, close: http.close };
}

/** The `anthropic` protocol: Anthropic's own Messages API. */
export const adapter: ProviderAdapter<'anthropic'> = {
  protocol: 'anthropic',
  create: ({ name, cfg, baseUrl, headers, connectTimeoutMs }) =>
    createAnthropicProvider(name, { baseUrl, apiKey: cfg.api_key, headers, connectTimeoutMs }),
  credentials: [credentialField('api_key', false)],
  doc: {
    name: 'Anthropic Messages API',
    speaks: '`POST {base}/messages`, `GET {base}/models`',
    link: 'https://docs.anthropic.com/en/api/messages',
    auth: '`x-api-key` + `anthropic-version`',
    streaming: 'SSE, message events',
    usage: 'incremental (`message_start` + `message_delta`)',
    verified: 'simulated (`test/providers/anthropic-adapter.test.ts`)',
  },
};
