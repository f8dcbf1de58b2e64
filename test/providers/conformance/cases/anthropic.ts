import { createAnthropicProvider } from '../../../../src/providers/anthropic/index.js';
import type { AdapterCase } from '../harness/adapter-case.js';

/**
 * Anthropic Messages API. Recorded fixtures; built from the documented format: error-api.json,
 * error-authentication.json, stream-overloaded.sse.txt (an `error` event before anything else).
 */
export const anthropicCase: AdapterCase = {
  name: 'anthropic',
  transport: 'http',
  model: 'claude-sonnet-4-5',
  create: (up) => createAnthropicProvider('anthropic', { baseUrl: `${up.origin}/v1`, apiKey: 'sk-ant-test', connectTimeoutMs: 2000 }),
  textStream: {
    serve: { fixture: 'anthropic/stream-text.sse.txt' },
    deltas: ['Hello', '! How can I help', ' you today?'],
    text: 'Hello! How can I help you today?',
    finish: 'stop',
    usage: { promptTokens: 25, completionTokens: 12 },
  },
  toolStream: {
    serve: { fixture: 'anthropic/stream-tool-call.sse.txt' },
    calls: [
      { id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', arguments: { location: 'San Francisco, CA', unit: 'fahrenheit' } },
      { id: 'toolu_01VjbFkPSKpcVwrwzW5Ep2sQ', name: 'get_time', arguments: { timezone: 'America/Los_Angeles' } },
    ],
    // input 472 + cache reads 1536 (Anthropic's input_tokens exclude cached ones).
    usage: { promptTokens: 2008, completionTokens: 89 },
  },
  midStreamError: { serve: { fixture: 'anthropic/stream-error.sse.txt' }, textBefore: 'Sure, here' },
  earlyFailures: [
    { name: 'HTTP 500', serve: { status: 500, fixture: 'anthropic/error-api.json' }, retryable: true },
    { name: 'HTTP 429', serve: { status: 429, fixture: 'anthropic/error-rate-limit.json' }, retryable: true },
    { name: 'HTTP 529', serve: { status: 529, fixture: 'anthropic/error-overloaded.json' }, retryable: true },
    { name: 'error event first', serve: { fixture: 'anthropic/stream-overloaded.sse.txt' }, retryable: true },
    { name: 'HTTP 401', serve: { status: 401, fixture: 'anthropic/error-authentication.json' }, retryable: false },
    { name: 'HTTP 400', serve: { status: 400, fixture: 'anthropic/error-invalid-request.json' }, retryable: false, status: 400 },
  ],
  // message_start, content_block_start, ping, the first text delta.
  cancel: { serve: { fixture: 'anthropic/stream-text.sse.txt', holdAfter: 4 } },
  whole: {
    serve: { fixture: 'anthropic/text.json' },
    content: 'Hello! How can I help you today?',
    finish: 'stop',
    usage: { promptTokens: 21, completionTokens: 12 },
  },
};
