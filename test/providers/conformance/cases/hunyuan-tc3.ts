import { createHunyuanTc3Provider } from '../../../../src/providers/hunyuan-tc3/index.js';
import type { AdapterCase } from '../harness/adapter-case.js';

/**
 * Tencent Hunyuan through Tencent Cloud API 3.0 (`X-TC-Action: ChatCompletions`, PascalCase, errors as
 * HTTP 200 `{Response:{Error}}`, `ErrorMsg` mid-stream). Fixtures built from the documented format.
 * The fake does not check the TC3 signature (test/fakes/hunyuan-fake.ts does).
 */
export const hunyuanCase: AdapterCase = {
  name: 'hunyuan-tc3',
  transport: 'http',
  model: 'hunyuan-turbo',
  create: (up) =>
    createHunyuanTc3Provider('hunyuan', {
      baseUrl: up.origin,
      secretId: 'AKIDconformance0001',
      secretKey: 'conformanceSecretKey0001',
      headers: {},
      connectTimeoutMs: 2000,
    }),
  textStream: {
    serve: { fixture: 'hunyuan-tc3/stream-text.sse.txt' },
    deltas: ['你好', '！有什么', '可以帮你的吗？'],
    text: '你好！有什么可以帮你的吗？',
    finish: 'stop',
    usage: { promptTokens: 3, completionTokens: 9 },
  },
  toolStream: {
    serve: { fixture: 'hunyuan-tc3/stream-tool-call.sse.txt' },
    calls: [{ id: 'call_cp8jv7ppo4jr1hbq4qbg', name: 'get_weather', arguments: { city: '北京' } }],
    usage: { promptTokens: 20, completionTokens: 9 },
  },
  midStreamError: { serve: { fixture: 'hunyuan-tc3/stream-error.sse.txt' }, textBefore: '你好' },
  earlyFailures: [
    { name: 'HTTP 500', serve: { status: 500, fixture: 'hunyuan-tc3/error-internal.json' }, retryable: true },
    { name: 'RequestLimitExceeded (HTTP 200)', serve: { fixture: 'hunyuan-tc3/error-request-limit.json' }, retryable: true },
    { name: 'InternalError (HTTP 200)', serve: { fixture: 'hunyuan-tc3/error-internal.json' }, retryable: true },
    { name: 'AuthFailure.SignatureFailure (HTTP 200)', serve: { fixture: 'hunyuan-tc3/error-signature.json' }, retryable: false },
    {
      name: 'InvalidParameter (HTTP 200)',
      serve: { fixture: 'hunyuan-tc3/error-invalid-parameter.json' },
      retryable: false,
      status: 400,
    },
  ],
  cancel: { serve: { fixture: 'hunyuan-tc3/stream-text.sse.txt', holdAfter: 1 } },
  whole: {
    serve: { fixture: 'hunyuan-tc3/text.json' },
    content: '你好！有什么可以帮你的吗？',
    finish: 'stop',
    usage: { promptTokens: 3, completionTokens: 9 },
  },
};
