import type { ChatRequest, ChatResult, EmbedRequest, EmbedResult, StreamPart } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import type { CallOptions, Provider } from '../../core/provider.js';
import { joinUrl } from '../shared/auth-headers.js';
import { createAgent, readJson, type UpstreamResponse } from '../shared/http-client.js';
import type { NativeCredentials } from '../shared/native-credentials.js';
import { resultToParts } from '../shared/result-to-parts.js';
import { parseNdjson } from '../shared/sse-parser.js';
import { answeredAsJson, createWireClient } from '../shared/wire-client.js';
import { createTokenSource, missingCredentials } from './access-token.js';
import { convertRequest } from './convert-request.js';
import { ernieError, isTokenError, type ErnieErrorBody } from './errors.js';
import { chatEndpoint, DEFAULT_EMBED_BATCH, EMBED_BATCH, embedEndpoint } from './models.js';
import { parseResponse, type ErnieResponse } from './parse-response.js';
import { parseStream } from './parse-stream.js';
import type { ProviderAdapter } from '../adapter.js';
import { credentialField } from '../shared/credential-fields.js';
import { nativeCredentials } from '../shared/native-credentials.js';

interface ErnieEmbedResponse extends ErnieErrorBody {
  data?: Array<{ embedding?: number[]; index?: number }>;
  usage?: { prompt_tokens?: number; total_tokens?: number };
}

/** `{base}/rpc/2.0/ai_custom/v1/wenxinworkshop/{chat|embeddings}/{endpoint}?access_token=…` */
export function wenxinUrl(baseUrl: string, kind: 'chat' | 'embeddings', endpoint: string, token: string): string {
  return joinUrl(baseUrl, `rpc/2.0/ai_custom/v1/wenxinworkshop/${kind}/${encodeURIComponent(endpoint)}`, { access_token: token });
}

/**
 * Baidu ERNIE v1 (wenxinworkshop) adapter. Every call needs an OAuth access token made from the AK
 * and SK: it is cached, refreshed single-flight before it expires, and refreshed once more when the
 * API calls it invalid or expired (error_code 110 / 111). ERNIE reports errors as HTTP 200 with
 * `{error_code, error_msg}`, so every answer is checked before it is parsed.
 */
export function createErnieProvider(name: string, creds: NativeCredentials): Provider {
  const http = createWireClient(name, {
    connectTimeoutMs: creds.connectTimeoutMs,
    headers: creds.headers,
    streamAccept: 'text/event-stream',
  });
  // Token calls are rare: a small pool of their own keeps them off the chat pool's sockets.
  const tokenAgent = createAgent(creds.connectTimeoutMs, 4);
  const { apiKey, secretKey, baseUrl } = creds;
  const tokens =
    apiKey && secretKey
      ? createTokenSource({ provider: name, baseUrl, apiKey, secretKey, agent: tokenAgent, connectTimeoutMs: creds.connectTimeoutMs })
      : undefined;

  /** Throws the mapped error for an `{error_code}` answer (masking the credentials and the token). */
  function check<T extends ErnieErrorBody>(body: T, token: string): T {
    if (typeof body.error_code === 'number' && body.error_code !== 0) {
      throw ernieError(name, body, [apiKey ?? '', secretKey ?? '', token]);
    }
    return body;
  }

  /** Runs `call` with a token; on 110/111 drops that token and runs it once more with a fresh one. */
  async function withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    if (!tokens) throw missingCredentials(name);
    const token = await tokens.get();
    try {
      return await call(token);
    } catch (err) {
      if (!isTokenError(err)) throw err;
      tokens.invalidate(token);
      return call(await tokens.get());
    }
  }

  async function chat(req: ChatRequest, opts: CallOptions): Promise<ChatResult> {
    const endpoint = chatEndpoint(opts.model);
    const body = JSON.stringify(convertRequest(req));
    const json = await withToken(async (token) =>
      check(await http.postJson<ErnieResponse>(wenxinUrl(baseUrl, 'chat', endpoint, token), body, opts), token),
    );
    return parseResponse(name, json, opts.model);
  }

  async function* stream(req: ChatRequest, opts: CallOptions): AsyncGenerator<StreamPart> {
    const endpoint = chatEndpoint(opts.model);
    const body = JSON.stringify(convertRequest(req, true));
    let lastToken = '';
    const answer = await withToken(async (token): Promise<{ res: UpstreamResponse } | { whole: ErnieResponse }> => {
      lastToken = token;
      const res = await http.postStream(wenxinUrl(baseUrl, 'chat', endpoint, token), body, opts);
      // Errors (token ones included) come back as one JSON document instead of a stream: they are
      // thrown here, before the first part, so the token retry and the router's retries still apply.
      if (answeredAsJson(res)) return { whole: check(await readJson<ErnieResponse>(name, res, opts.timeouts, opts.signal), token) };
      return { res };
    });
    if ('whole' in answer) {
      yield* resultToParts(Promise.resolve(parseResponse(name, answer.whole, opts.model)));
      return;
    }
    const toError = (e: ErnieErrorBody) => ernieError(name, e, [apiKey ?? '', secretKey ?? '', lastToken]);
    yield* http.parts(answer.res, (b) => parseStream(name, parseNdjson(b), toError), opts);
  }

  async function embed(req: EmbedRequest, opts: CallOptions): Promise<EmbedResult> {
    const endpoint = embedEndpoint(opts.model);
    const size = EMBED_BATCH[endpoint] ?? DEFAULT_EMBED_BATCH;
    const embeddings: number[][] = [];
    let promptTokens = 0;
    let counted = false;
    // Baidu caps the texts per call (16; tao_8k: 1): larger inputs are sent in order, batch by batch.
    for (let i = 0; i < req.input.length; i += size) {
      const input = req.input.slice(i, i + size);
      const payload = JSON.stringify({ input, ...(req.user ? { user_id: req.user } : {}) });
      const json = await withToken(async (token) =>
        check(await http.postJson<ErnieEmbedResponse>(wenxinUrl(baseUrl, 'embeddings', endpoint, token), payload, opts), token),
      );
      const data = Array.isArray(json.data) ? [...json.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)) : [];
      if (data.length !== input.length || data.some((d) => !Array.isArray(d.embedding))) {
        throw badUpstreamResponse(name, 'the provider returned no embeddings');
      }
      for (const d of data) embeddings.push(d.embedding as number[]);
      if (typeof json.usage?.prompt_tokens === 'number') {
        promptTokens += json.usage.prompt_tokens;
        counted = true;
      }
    }
    return { embeddings, ...(counted ? { usage: { promptTokens } } : {}), model: opts.model };
  }

  async function close(): Promise<void> {
    await Promise.all([http.close(), tokenAgent.close()]);
  }

  return { name, chat, stream, embed, close };
}

/** The `ernie` protocol: Baidu's Qianfan v1 (wenxinworkshop) API, for AK/SK accounts. */
export const adapter: ProviderAdapter<'ernie'> = {
  protocol: 'ernie',
  create: (input) => createErnieProvider(input.name, nativeCredentials(input)),
  credentials: [
    credentialField('api_key', true, { label: { zh: 'API Key（AK）', en: 'API key (AK)' } }),
    credentialField('secret_key', true, { label: { zh: 'Secret Key（SK）', en: 'Secret key (SK)' } }),
  ],
  doc: {
    name: 'Baidu ERNIE v1 (wenxinworkshop)',
    speaks: '`{base}/rpc/2.0/ai_custom/v1/wenxinworkshop/{chat|embeddings}/{endpoint}?access_token=…`',
    link: 'https://cloud.baidu.com/doc/WENXINWORKSHOP/s/jlil56u11',
    auth: 'OAuth access token from AK/SK (cached, refreshed before expiry, single flight) in the query',
    streaming: 'SSE lines with `is_end`, no `[DONE]`',
    usage: 'cumulative, final chunk',
    verified: 'simulated, token refresh under load (`test/providers/ernie-adapter.test.ts`, `test/providers/ernie-e2e.test.ts`)',
  },
};
