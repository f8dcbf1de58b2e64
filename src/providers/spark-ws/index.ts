import type { ChatRequest, ChatResult, FinishReason, StreamPart, ToolCall, Usage } from '../../core/chat-types.js';
import { gatewayError } from '../../core/error-codes.js';
import type { CallOptions, Provider } from '../../core/provider.js';
import type { NativeCredentials } from '../shared/native-credentials.js';
import { convertRequest } from './convert-request.js';
import { sparkFrames } from './open-socket.js';
import { parseFrames } from './parse-frames.js';
import { signSparkUrl } from './sign-url.js';
import { SPARK_VERSIONS, findSparkVersion, unknownSparkModel } from './versions.js';
import type { ProviderAdapter } from '../adapter.js';
import { credentialField } from '../shared/credential-fields.js';
import { nativeCredentials } from '../shared/native-credentials.js';

export { signSparkUrl } from './sign-url.js';
export { SPARK_VERSIONS } from './versions.js';

const DEFAULT_BASE_URL = 'wss://spark-api.xf-yun.com';

/**
 * iFlytek Spark over its native WebSocket protocol: one signed connection per call, one request
 * frame, a stream of answer frames, then the server closes. Whole answers collect the same stream.
 * Credentials: `app_id` (in the frame), `api_key` and `api_secret` (in the signed URL).
 */
export function createSparkWsProvider(name: string, creds: NativeCredentials): Provider {
  const baseUrl = creds.baseUrl || DEFAULT_BASE_URL;
  const secrets = [creds.apiKey, creds.apiSecret].filter((s): s is string => typeof s === 'string' && s !== '');

  function parts(req: ChatRequest, opts: CallOptions, totalMs?: number): AsyncGenerator<StreamPart> {
    const version = findSparkVersion(opts.model);
    if (!version) throw unknownSparkModel(name, opts.model);
    if (!creds.appId || !creds.apiKey || !creds.apiSecret) {
      throw gatewayError('provider_misconfigured', `${name}: app_id, api_key and api_secret are all required for the spark-ws protocol`, {
        provider: name,
      });
    }
    const url = signSparkUrl({ baseUrl, path: version.path, apiKey: creds.apiKey, apiSecret: creds.apiSecret });
    const request = convertRequest(req, version, creds.appId);
    return parseFrames(name, sparkFrames({ provider: name, url, request, opts, totalMs, secrets }), secrets);
  }

  async function* stream(req: ChatRequest, opts: CallOptions): AsyncGenerator<StreamPart> {
    // Inside the generator so that setup errors (unknown model) throw from the first next().
    yield* parts(req, opts);
  }

  async function chat(req: ChatRequest, opts: CallOptions): Promise<ChatResult> {
    return collectResult(parts(req, opts, opts.timeouts.total), opts.model);
  }

  async function listModels(): Promise<string[]> {
    return SPARK_VERSIONS.map((v) => v.domain);
  }

  return { name, chat, stream, listModels };
}

/** Folds stream parts into a whole answer; an error part (after some text) fails the call. */
export async function collectResult(stream: AsyncIterable<StreamPart>, model: string): Promise<ChatResult> {
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  let usage: Usage | undefined;
  let finishReason: FinishReason = 'stop';
  for await (const p of stream) {
    switch (p.type) {
      case 'text-delta':
        text += p.text;
        break;
      case 'reasoning-delta':
        reasoning += p.text;
        break;
      case 'tool-call-delta':
        toolCalls[p.index] = {
          id: p.id ?? toolCalls[p.index]?.id ?? '',
          type: 'function',
          function: {
            name: p.name ?? toolCalls[p.index]?.function.name ?? '',
            arguments: (toolCalls[p.index]?.function.arguments ?? '') + (p.argumentsDelta ?? ''),
          },
        };
        break;
      case 'usage':
        usage = p.usage;
        break;
      case 'finish':
        finishReason = p.reason;
        break;
      case 'error':
        throw p.error;
    }
  }
  const result: ChatResult = {
    content: text || (toolCalls.length > 0 ? null : ''),
    toolCalls,
    finishReason,
    usage,
    model,
  };
  if (reasoning) result.reasoning = reasoning;
  return result;
}

/** The `spark-ws` protocol: iFlytek Spark over its WebSocket API (its HTTP API is the `openai` protocol). */
export const adapter: ProviderAdapter<'spark-ws'> = {
  protocol: 'spark-ws',
  create: (input) => createSparkWsProvider(input.name, nativeCredentials(input)),
  credentials: [
    credentialField('app_id', true, { placeholder: { zh: '讯飞开放平台 APPID', en: 'iFlytek APPID' } }),
    credentialField('api_key', true, { label: { zh: 'APIKey', en: 'APIKey' }, placeholder: { zh: '粘贴 APIKey', en: 'Paste the APIKey' } }),
    credentialField('api_secret', true),
  ],
  doc: {
    name: 'iFlytek Spark WebSocket API',
    speaks: '`wss://{host}/{version}/chat`: one signed socket per call, one request frame, answer frames until the server closes',
    link: 'https://www.xfyun.cn/doc/spark/Web.html',
    auth: 'HMAC-SHA256 signed WebSocket URL (`host`, RFC1123 `date`, request line)',
    streaming: 'WebSocket frames (status 0/1/2)',
    usage: 'final frame',
    verified: 'simulated WebSocket server, signature recomputed (`test/providers/spark-ws-adapter.test.ts`)',
  },
};
