import { createSparkWsProvider } from '../../../../src/providers/spark-ws/index.js';
import type { AdapterCase } from '../harness/adapter-case.js';

/**
 * iFlytek Spark over its WebSocket protocol: a signed upgrade, one request frame, answer frames with
 * `header.status` 0/1/2 and usage on the last, `header.code` ≠ 0 for errors. Fixtures (one frame a
 * line) built from the documented format. The fake does not check the URL signature
 * (test/fakes/spark-ws-fake.ts does).
 */
export const sparkCase: AdapterCase = {
  name: 'spark-ws',
  transport: 'ws',
  model: 'generalv3.5',
  create: (up) =>
    createSparkWsProvider('spark', {
      baseUrl: up.wsOrigin,
      appId: 'app-conformance',
      apiKey: 'key-conformance',
      apiSecret: 'secret-conformance',
      headers: {},
      connectTimeoutMs: 2000,
    }),
  textStream: {
    serve: { fixture: 'spark-ws/stream-text.frames.jsonl' },
    deltas: ['你好', '！我是讯飞星火', '认知大模型。'],
    text: '你好！我是讯飞星火认知大模型。',
    finish: 'stop',
    usage: { promptTokens: 5, completionTokens: 9 },
  },
  toolStream: {
    serve: { fixture: 'spark-ws/stream-tool-call.frames.jsonl' },
    calls: [{ name: '天气查询', arguments: { datetime: '今天', location: '合肥' } }],
    usage: { promptTokens: 120, completionTokens: 18 },
  },
  midStreamError: { serve: { fixture: 'spark-ws/stream-error.frames.jsonl' }, textBefore: '你好' },
  earlyFailures: [
    { name: 'upgrade refused 500', serve: { status: 500, fixture: 'spark-ws/error-handshake-server.json' }, retryable: true },
    { name: 'upgrade refused 429', serve: { status: 429, fixture: 'spark-ws/error-handshake-rate-limit.json' }, retryable: true },
    { name: 'error frame 11202 (QPS)', serve: { fixture: 'spark-ws/error-rate-limit.frames.jsonl' }, retryable: true },
    { name: 'upgrade refused 401', serve: { status: 401, fixture: 'spark-ws/error-handshake-unauthorized.json' }, retryable: false },
    {
      name: 'error frame 10163 (bad parameter)',
      serve: { fixture: 'spark-ws/error-invalid-parameter.frames.jsonl' },
      retryable: false,
      status: 400,
    },
  ],
  cancel: { serve: { fixture: 'spark-ws/stream-text.frames.jsonl', holdAfter: 1 } },
  whole: {
    serve: { fixture: 'spark-ws/stream-text.frames.jsonl' }, // whole answers collect the same frames
    content: '你好！我是讯飞星火认知大模型。',
    finish: 'stop',
    usage: { promptTokens: 5, completionTokens: 9 },
  },
};
