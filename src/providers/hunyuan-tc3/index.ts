import type { ChatRequest, ChatResult, EmbedRequest, EmbedResult, StreamPart } from '../../core/chat-types.js';
import { badUpstreamResponse } from '../../core/errors.js';
import type { CallOptions, Provider } from '../../core/provider.js';
import { ConfigError } from '../../config/config-error.js';
import { createAgent, mapTransportError, readJson, sendUpstream, type UpstreamResponse } from '../shared/http-client.js';
import type { NativeCredentials } from '../shared/native-credentials.js';
import { postJson } from '../shared/post-json.js';
import { resultToParts } from '../shared/result-to-parts.js';
import { parseSse } from '../shared/sse-parser.js';
import { answeredAsJson } from '../shared/wire-client.js';
import { convertRequest } from './convert-request.js';
import { parseResponse, unwrap, type HunyuanChatBody, type HunyuanEnvelope } from './parse-response.js';
import { parseStream } from './parse-stream.js';
import { tc3Headers } from './sign.js';
import type { ProviderAdapter } from '../adapter.js';
import { credentialField } from '../shared/credential-fields.js';
import { nativeCredentials } from '../shared/native-credentials.js';

export { tc3Headers, tc3Sign, tc3CanonicalRequest, tc3Date } from './sign.js';

export interface HunyuanTc3Options {
  /** Clock in milliseconds (tests pin or skew it; Tencent rejects signatures more than 5 minutes off). */
  now?: () => number;
}

interface EmbeddingResponse {
  Data?: Array<{ Embedding?: number[]; Index?: number }>;
  Usage?: { PromptTokens?: number; TotalTokens?: number };
}

/**
 * Tencent Hunyuan through its native Tencent Cloud API v3: every call is `POST /` with the action in
 * `X-TC-Action` (`ChatCompletions`, `GetEmbedding`), signed with TC3-HMAC-SHA256 from SecretId /
 * SecretKey. Each call is signed on its own (the signature covers the body and a timestamp), so the
 * shared wire client, which has fixed headers, is not used; its pieces (agent, postJson,
 * sendUpstream) are.
 */
export function createHunyuanTc3Provider(name: string, creds: NativeCredentials, options: HunyuanTc3Options = {}): Provider {
  const { secretId, secretKey } = creds;
  if (!secretId || !secretKey)
    throw new ConfigError(`providers.${name}: type hunyuan-tc3 needs secret_id and secret_key (Tencent Cloud API keys)`);
  const now = options.now ?? Date.now;
  const url = new URL(creds.baseUrl || 'https://hunyuan.tencentcloudapi.com');
  const origin = url.origin;
  const path = url.pathname || '/';
  // What the HTTP client sends as Host (the port only when it is not the scheme's default).
  const host = url.host;
  const agent = createAgent(creds.connectTimeoutMs);

  function signed(action: string, body: string, accept: string): Record<string, string> {
    const timestamp = Math.floor(now() / 1000);
    return { accept, ...creds.headers, ...tc3Headers({ secretId: secretId!, secretKey: secretKey!, host, action, body, timestamp, path }) };
  }

  function call<T>(action: string, payload: unknown, opts: CallOptions): Promise<T> {
    const body = JSON.stringify(payload);
    return postJson<T>({ provider: name, agent, origin, path, headers: signed(action, body, 'application/json'), body, call: opts });
  }

  async function chat(req: ChatRequest, opts: CallOptions): Promise<ChatResult> {
    const json = await call<HunyuanEnvelope<HunyuanChatBody>>('ChatCompletions', convertRequest(req, opts.model, false), opts);
    return parseResponse(name, json, opts.model);
  }

  async function* stream(req: ChatRequest, opts: CallOptions): AsyncGenerator<StreamPart> {
    const body = JSON.stringify(convertRequest(req, opts.model, true));
    const res = await sendUpstream({
      provider: name,
      agent,
      url: url.href,
      headers: signed('ChatCompletions', body, 'text/event-stream'),
      body,
      signal: opts.signal,
      timeouts: opts.timeouts,
      streaming: true,
    });
    if (answeredAsJson(res)) {
      // Errors (bad signature, quota, …) come back as a whole JSON document with HTTP 200: thrown
      // here, from the first next(), so the router can still try another target.
      const json = await readJson<HunyuanEnvelope<HunyuanChatBody>>(name, res, opts.timeouts, opts.signal);
      yield* resultToParts(Promise.resolve(parseResponse(name, json, opts.model)));
      return;
    }
    yield* parts(res, opts);
  }

  async function* parts(res: UpstreamResponse, opts: CallOptions): AsyncGenerator<StreamPart> {
    try {
      yield* parseStream(name, parseSse(res.body));
    } catch (err) {
      throw mapTransportError(name, err, opts.timeouts, opts.signal);
    } finally {
      if (!res.body.destroyed) res.body.destroy();
    }
  }

  async function embed(req: EmbedRequest, opts: CallOptions): Promise<EmbedResult> {
    // One text goes in `Input`, several in `InputList` (the API takes either).
    const payload = req.input.length === 1 ? { Input: req.input[0] } : { InputList: req.input };
    const json = await call<HunyuanEnvelope<EmbeddingResponse>>('GetEmbedding', payload, opts);
    const body = unwrap(name, json);
    if ('filtered' in body) throw badUpstreamResponse(name, 'the provider refused to embed the input');
    const data = body.Data;
    if (!Array.isArray(data) || data.length !== req.input.length || data.some((d) => !Array.isArray(d.Embedding)))
      throw badUpstreamResponse(name, 'the provider returned no embeddings');
    const ordered = [...data].sort((a, b) => (a.Index ?? 0) - (b.Index ?? 0));
    const tokens = body.Usage?.PromptTokens ?? body.Usage?.TotalTokens;
    return {
      embeddings: ordered.map((d) => d.Embedding as number[]),
      usage: tokens !== undefined ? { promptTokens: tokens } : undefined,
      model: opts.model,
    };
  }

  return { name, chat, stream, embed, close: () => agent.close() };
}

/** The `hunyuan-tc3` protocol: Tencent Hunyuan through the Tencent Cloud API v3 (its compatible API is `openai`). */
export const adapter: ProviderAdapter<'hunyuan-tc3'> = {
  protocol: 'hunyuan-tc3',
  create: (input) => createHunyuanTc3Provider(input.name, nativeCredentials(input)),
  credentials: [
    credentialField('secret_id', true, { placeholder: { zh: '腾讯云 SecretId', en: 'Tencent Cloud SecretId' } }),
    credentialField('secret_key', true, {
      label: { zh: 'SecretKey', en: 'SecretKey' },
      placeholder: { zh: '腾讯云 SecretKey', en: 'Tencent Cloud SecretKey' },
    }),
  ],
  doc: {
    name: 'Tencent Cloud Hunyuan API (TC3)',
    speaks: '`POST {base}/` with `X-TC-Action: ChatCompletions | GetEmbedding`, `X-TC-Version: 2023-09-01`',
    link: 'https://cloud.tencent.com/document/api/1729/105701',
    auth: 'TC3-HMAC-SHA256 request signature (SecretId / SecretKey)',
    streaming: 'SSE, PascalCase deltas',
    usage: 'cumulative, every chunk',
    verified: 'simulated, signature recomputed (`test/providers/hunyuan-tc3-adapter.test.ts`)',
  },
};
