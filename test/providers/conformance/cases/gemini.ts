import { createGeminiProvider } from '../../../../src/providers/gemini/index.js';
import type { AdapterCase } from '../harness/adapter-case.js';

/**
 * Gemini API (`streamGenerateContent?alt=sse`). Recorded fixtures; built from the documented format:
 * error-internal.json, error-unauthenticated.json, stream-unavailable.sse.txt.
 */
export const geminiCase: AdapterCase = {
  name: 'gemini',
  transport: 'http',
  model: 'gemini-2.5-flash',
  create: (up) => createGeminiProvider('gemini', { baseUrl: `${up.origin}/v1beta`, apiKey: 'AIza-test', connectTimeoutMs: 2000 }),
  textStream: {
    serve: { fixture: 'gemini/stream-text.sse.txt' },
    deltas: ['Hello! How', ' can I help you today?'],
    text: 'Hello! How can I help you today?',
    finish: 'stop',
    // Thinking tokens are billed as output: candidates 9 + thoughts 31.
    usage: { promptTokens: 9, completionTokens: 40 },
  },
  toolStream: {
    serve: { fixture: 'gemini/stream-tool-call.sse.txt' },
    calls: [
      { name: 'get_weather', arguments: { location: 'Boston, MA', unit: 'celsius' } },
      { name: 'get_time', arguments: { timezone: 'America/New_York' } },
    ],
    usage: { promptTokens: 2154, completionTokens: 38 },
  },
  midStreamError: { serve: { fixture: 'gemini/stream-error.sse.txt' }, textBefore: 'Here is the' },
  earlyFailures: [
    { name: 'HTTP 500', serve: { status: 500, fixture: 'gemini/error-internal.json' }, retryable: true },
    { name: 'HTTP 429', serve: { status: 429, fixture: 'gemini/error-rate-limit.json' }, retryable: true },
    { name: 'error chunk first (503)', serve: { fixture: 'gemini/stream-unavailable.sse.txt' }, retryable: true },
    { name: 'HTTP 401', serve: { status: 401, fixture: 'gemini/error-unauthenticated.json' }, retryable: false },
    { name: 'HTTP 400', serve: { status: 400, fixture: 'gemini/error-invalid-argument.json' }, retryable: false, status: 400 },
  ],
  // The thought chunk, then the first text chunk.
  cancel: { serve: { fixture: 'gemini/stream-text.sse.txt', holdAfter: 2 } },
  whole: {
    serve: { fixture: 'gemini/text.json' },
    content: 'Hello! How can I help you today?',
    finish: 'stop',
    usage: { promptTokens: 9, completionTokens: 37 },
  },
};
