import { createOpenAICompatibleProvider } from '../../../../src/providers/openai-compatible/index.js';
import type { AdapterCase } from '../harness/adapter-case.js';

/** The OpenAI-compatible family. Fixtures built from OpenAI's documented chat-completion stream and error bodies. */
export const openaiCompatibleCase: AdapterCase = {
  name: 'openai-compatible',
  transport: 'http',
  model: 'gpt-4o-mini',
  create: (up) =>
    createOpenAICompatibleProvider('openai', { baseUrl: `${up.origin}/v1`, apiKey: 'sk-test', auth: 'bearer', connectTimeoutMs: 2000 }),
  textStream: {
    serve: { fixture: 'openai-compatible/stream-text.sse.txt' },
    deltas: ['Hello', '! How can I help', ' you today?'],
    text: 'Hello! How can I help you today?',
    finish: 'stop',
    usage: { promptTokens: 19, completionTokens: 10 },
  },
  toolStream: {
    serve: { fixture: 'openai-compatible/stream-tool-call.sse.txt' },
    calls: [
      { id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA', name: 'get_weather', arguments: { location: 'Paris, France' } },
      { id: 'call_ABPg2SoNhmY4DDPeDHYaBLgD', name: 'get_time', arguments: { timezone: 'Europe/Paris' } },
    ],
    usage: { promptTokens: 82, completionTokens: 51 },
  },
  midStreamError: { serve: { fixture: 'openai-compatible/stream-error.sse.txt' }, textBefore: 'Sure, here' },
  earlyFailures: [
    { name: 'HTTP 500', serve: { status: 500, fixture: 'openai-compatible/error-server.json' }, retryable: true },
    { name: 'HTTP 429', serve: { status: 429, fixture: 'openai-compatible/error-rate-limit.json' }, retryable: true },
    // An `{"error":…}` frame before the first token (vLLM, DeepSeek, Qwen send these): a status it names is kept.
    {
      name: 'rate-limit error frame first',
      serve: { fixture: 'openai-compatible/stream-error-first-rate-limit.sse.txt' },
      retryable: true,
    },
    { name: '503 error frame first', serve: { fixture: 'openai-compatible/stream-error-first-overloaded.sse.txt' }, retryable: true },
    {
      name: 'invalid-request error frame first',
      serve: { fixture: 'openai-compatible/stream-error-first-invalid.sse.txt' },
      retryable: false,
    },
    { name: 'HTTP 401', serve: { status: 401, fixture: 'openai-compatible/error-invalid-api-key.json' }, retryable: false },
    { name: 'HTTP 400', serve: { status: 400, fixture: 'openai-compatible/error-invalid-request.json' }, retryable: false, status: 400 },
  ],
  cancel: { serve: { fixture: 'openai-compatible/stream-text.sse.txt', holdAfter: 2 } },
  whole: {
    serve: { fixture: 'openai-compatible/text.json' },
    content: 'Hello! How can I help you today?',
    finish: 'stop',
    usage: { promptTokens: 19, completionTokens: 10 },
  },
};
