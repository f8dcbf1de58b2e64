import { createOllamaProvider } from '../../../../src/providers/ollama/index.js';
import type { AdapterCase } from '../harness/adapter-case.js';

/**
 * Ollama native API (`/api/chat`, NDJSON). Recorded fixtures; built from Ollama's `{"error": …}` bodies:
 * error-runner-terminated.json, error-server-busy.json, error-unauthorized.json, error-bad-request.json.
 */
export const ollamaCase: AdapterCase = {
  name: 'ollama',
  transport: 'http',
  model: 'llama3.2',
  create: (up) => createOllamaProvider('ollama', { baseUrl: up.origin, connectTimeoutMs: 2000 }),
  textStream: {
    serve: { fixture: 'ollama/stream-text.ndjson' },
    deltas: ['Hello', '!', ' How can I help', ' you today?'],
    text: 'Hello! How can I help you today?',
    finish: 'length', // the recording ends with done_reason "length"
    usage: { promptTokens: 26, completionTokens: 8 },
  },
  toolStream: {
    serve: { fixture: 'ollama/stream-tool-call.ndjson' },
    calls: [
      { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } },
      { name: 'get_time', arguments: { timezone: 'Europe/Paris' } },
    ],
    usage: { promptTokens: 183, completionTokens: 52 },
  },
  midStreamError: { serve: { fixture: 'ollama/stream-error.ndjson' }, textBefore: 'Sure' },
  earlyFailures: [
    { name: 'HTTP 500', serve: { status: 500, fixture: 'ollama/error-runner-terminated.json' }, retryable: true },
    { name: 'HTTP 429', serve: { status: 429, fixture: 'ollama/error-server-busy.json' }, retryable: true },
    { name: 'HTTP 401', serve: { status: 401, fixture: 'ollama/error-unauthorized.json' }, retryable: false },
    { name: 'HTTP 404', serve: { status: 404, fixture: 'ollama/error-model-not-found.json' }, retryable: false },
    { name: 'HTTP 400', serve: { status: 400, fixture: 'ollama/error-bad-request.json' }, retryable: false, status: 400 },
  ],
  cancel: { serve: { fixture: 'ollama/stream-text.ndjson', holdAfter: 1 } },
  whole: {
    serve: { fixture: 'ollama/text.json' },
    content: 'Hello! How can I help you today?',
    finish: 'stop',
    usage: { promptTokens: 26, completionTokens: 10 },
  },
};
