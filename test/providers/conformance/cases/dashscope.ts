import { createDashScopeProvider } from '../../../../src/providers/dashscope/index.js';
import type { AdapterCase } from '../harness/adapter-case.js';

/**
 * Alibaba DashScope native API (`X-DashScope-SSE: enable`, `id:`/`event:`/`:HTTP_STATUS/` lines,
 * `data:` without a space, incremental output, cumulative usage). Fixtures built from the documented format.
 */
const SSE = { 'content-type': 'text/event-stream;charset=UTF-8' };

export const dashscopeCase: AdapterCase = {
  name: 'dashscope',
  transport: 'http',
  model: 'qwen-plus',
  create: (up) => createDashScopeProvider('dashscope', { baseUrl: up.origin, apiKey: 'sk-test', headers: {}, connectTimeoutMs: 2000 }),
  textStream: {
    serve: { fixture: 'dashscope/stream-text.sse.txt', headers: SSE },
    deltas: ['你好', '！我是', '通义千问。'],
    text: '你好！我是通义千问。',
    finish: 'stop',
    usage: { promptTokens: 11, completionTokens: 7 },
  },
  toolStream: {
    serve: { fixture: 'dashscope/stream-tool-call.sse.txt', headers: SSE },
    calls: [{ id: 'call_8f08d2b0fc0c4d8fab7123', name: 'get_current_weather', arguments: { location: '杭州', unit: 'celsius' } }],
    usage: { promptTokens: 266, completionTokens: 18 },
  },
  midStreamError: { serve: { fixture: 'dashscope/stream-error.sse.txt', headers: SSE }, textBefore: '你好！我是' },
  earlyFailures: [
    { name: 'HTTP 500 InternalError', serve: { status: 500, fixture: 'dashscope/error-internal.json' }, retryable: true },
    { name: 'HTTP 429 Throttling.RateQuota', serve: { status: 429, fixture: 'dashscope/error-throttling.json' }, retryable: true },
    { name: 'event:error first (Throttling)', serve: { fixture: 'dashscope/stream-throttled.sse.txt', headers: SSE }, retryable: true },
    { name: 'HTTP 401 InvalidApiKey', serve: { status: 401, fixture: 'dashscope/error-invalid-api-key.json' }, retryable: false },
    {
      name: 'HTTP 400 InvalidParameter',
      serve: { status: 400, fixture: 'dashscope/error-invalid-parameter.json' },
      retryable: false,
      status: 400,
    },
  ],
  cancel: { serve: { fixture: 'dashscope/stream-text.sse.txt', headers: SSE, holdAfter: 1 } },
  whole: {
    serve: { fixture: 'dashscope/text.json' },
    content: '你好！我是通义千问。',
    finish: 'stop',
    usage: { promptTokens: 11, completionTokens: 7 },
  },
};
