import type { ChatRequest, ChatResult, StreamPart } from '../../core/chat-types.js';
import type { CallOptions, Provider } from '../../core/provider.js';
import { joinUrl } from '../shared/auth-headers.js';
import { createAgent, mapTransportError, readJson, sendUpstream } from '../shared/http-client.js';
import type { NativeSettings } from '../shared/native-settings.js';
import { resultToParts } from '../shared/result-to-parts.js';
import { parseSse } from '../shared/sse-parser.js';
import { convertRequest } from './convert-request.js';
import { parseResponse, type AnthropicResponse } from './parse-response.js';
import { parseStream } from './parse-stream.js';

export const ANTHROPIC_VERSION = '2023-06-01';

/** Native Anthropic Messages API adapter (`POST {baseUrl}/messages`). Anthropic offers no embeddings. */
export function createAnthropicProvider(name: string, s: NativeSettings): Provider {
  const agent = createAgent(s.connectTimeoutMs);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    'anthropic-version': ANTHROPIC_VERSION,
    ...s.headers,
    ...(s.apiKey ? { 'x-api-key': s.apiKey } : {}),
  };
  const streamHeaders = { ...headers, accept: 'text/event-stream' };
  const messagesUrl = joinUrl(s.baseUrl, 'messages');

  async function chat(req: ChatRequest, opts: CallOptions): Promise<ChatResult> {
    const res = await sendUpstream({
      provider: name,
      agent,
      url: messagesUrl,
      headers,
      body: JSON.stringify(convertRequest(req, opts.model, false)),
      signal: opts.signal,
      timeouts: opts.timeouts,
      streaming: false,
    });
    return parseResponse(name, await readJson<AnthropicResponse>(name, res, opts.timeouts, opts.signal));
  }

  async function* stream(req: ChatRequest, opts: CallOptions): AsyncGenerator<StreamPart> {
    const res = await sendUpstream({
      provider: name,
      agent,
      url: messagesUrl,
      headers: streamHeaders,
      body: JSON.stringify(convertRequest(req, opts.model, true)),
      signal: opts.signal,
      timeouts: opts.timeouts,
      streaming: true,
    });
    if (String(res.headers['content-type'] ?? '').includes('application/json')) {
      yield* resultToParts(Promise.resolve(parseResponse(name, await readJson<AnthropicResponse>(name, res, opts.timeouts, opts.signal))));
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

  async function listModels(signal?: AbortSignal): Promise<string[]> {
    const timeouts = { connect: s.connectTimeoutMs, firstByte: 10_000, idle: 10_000, total: 10_000 };
    const sig = signal ?? AbortSignal.timeout(10_000);
    const res = await sendUpstream({
      provider: name,
      agent,
      url: joinUrl(s.baseUrl, 'models', { limit: '1000' }),
      headers,
      body: '',
      method: 'GET',
      signal: sig,
      timeouts,
      streaming: false,
    });
    const json = await readJson<{ data?: Array<{ id?: string }> }>(name, res, timeouts, sig);
    return (json.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string');
  }

  return { name, chat, stream, listModels, close: () => agent.close() };
}
