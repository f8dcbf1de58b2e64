import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveParent } from './processes.js';

/**
 * A local OpenAI upstream that should never be the bottleneck: plain `node:http`, pre-serialised
 * answers with content-length, keep-alive. `POST /v1/chat/completions` answers one fixed
 * `chat.completion` (with usage), or an SSE stream of it when the body asks for `"stream":true`.
 */

const CREATED = 1_700_000_000;
const MODEL = 'bench-model';
const TEXT = '你好！我是一个用于基准测试的模型，很高兴为你服务。';
const PARTS = ['你好！', '我是一个', '用于基准测试的模型，', '很高兴为你服务。'];

const completion = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench0000000000000000000000000',
    object: 'chat.completion',
    created: CREATED,
    model: MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content: TEXT, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: 14,
      completion_tokens: 18,
      total_tokens: 32,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    },
    system_fingerprint: null,
  }),
);

const chunk = (delta: object, finish: string | null, usage: object | null = null): string =>
  `data: ${JSON.stringify({ id: 'chatcmpl-bench0000000000000000000000000', object: 'chat.completion.chunk', created: CREATED, model: MODEL, choices: usage ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage })}\n\n`;

const sse = Buffer.from(
  chunk({ role: 'assistant', content: '' }, null) +
    PARTS.map((p) => chunk({ content: p }, null)).join('') +
    chunk({}, 'stop') +
    chunk({}, null, { prompt_tokens: 14, completion_tokens: 18, total_tokens: 32 }) +
    'data: [DONE]\n\n',
);

const JSON_HEADERS = { 'content-type': 'application/json', 'content-length': String(completion.length) };
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'content-length': String(sse.length) };
const NOT_FOUND = Buffer.from('{"error":{"message":"not found","type":"invalid_request_error"}}');
const STREAM_FLAG = Buffer.from('"stream":true');

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
    req.resume();
    res.writeHead(404, { 'content-type': 'application/json', 'content-length': String(NOT_FOUND.length) });
    res.end(NOT_FOUND);
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    if (body.includes(STREAM_FLAG)) {
      res.writeHead(200, SSE_HEADERS);
      res.end(sse);
    } else {
      res.writeHead(200, JSON_HEADERS);
      res.end(completion);
    }
  });
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;
server.requestTimeout = 0;

server.listen(0, '127.0.0.1', () => {
  serveParent((server.address() as AddressInfo).port, async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
});
