import { createErnieProvider } from '../../../../src/providers/ernie/index.js';
import type { AdapterCase, Upstream } from '../harness/adapter-case.js';

/**
 * Baidu ERNIE v1 (wenxinworkshop): an OAuth access token first, then `data:` lines with `is_end` and no
 * `[DONE]`; errors are `{error_code, error_msg}` answered with HTTP 200. Fixtures built from the documented format.
 */
const make = (up: Upstream) =>
  createErnieProvider('ernie', { baseUrl: up.origin, apiKey: 'ak-test', secretKey: 'sk-test', headers: {}, connectTimeoutMs: 2000 });

export const ernieCase: AdapterCase = {
  name: 'ernie',
  transport: 'http',
  model: 'ernie-3.5-8k',
  create: make,
  auxiliary: (req) => (req.url.startsWith('/oauth/2.0/token') ? { fixture: 'ernie/token.json' } : undefined),
  textStream: {
    serve: { fixture: 'ernie/stream-text.sse.txt' },
    deltas: ['您好，', '我是文心一言，', '很高兴为您服务。'],
    text: '您好，我是文心一言，很高兴为您服务。',
    finish: 'stop',
    usage: { promptTokens: 5, completionTokens: 20 },
  },
  toolStream: {
    serve: { fixture: 'ernie/stream-tool-call.sse.txt' },
    calls: [{ name: 'get_current_weather', arguments: { location: '北京', unit: '摄氏度' } }],
    usage: { promptTokens: 112, completionTokens: 37 },
  },
  midStreamError: { serve: { fixture: 'ernie/stream-error.sse.txt' }, textBefore: '您好，' },
  earlyFailures: [
    { name: 'HTTP 500', serve: { status: 500, fixture: 'ernie/error-internal.json' }, retryable: true },
    { name: 'error_code 18 (QPS limit, HTTP 200)', serve: { fixture: 'ernie/error-qps-limit.json' }, retryable: true },
    {
      name: 'OAuth 401 (bad AK/SK)',
      create: make, // a fresh provider: the suite's own has a cached token
      serve: (req) =>
        req.url.startsWith('/oauth/2.0/token') ? { status: 401, fixture: 'ernie/error-invalid-client.json' } : { status: 500 },
      retryable: false,
    },
    { name: 'error_code 336003 (HTTP 200)', serve: { fixture: 'ernie/error-invalid-parameter.json' }, retryable: false, status: 400 },
  ],
  cancel: { serve: { fixture: 'ernie/stream-text.sse.txt', holdAfter: 1 } },
  whole: {
    serve: { fixture: 'ernie/text.json' },
    content: '您好，我是文心一言，很高兴为您服务。',
    finish: 'stop',
    usage: { promptTokens: 5, completionTokens: 20 },
  },
};
