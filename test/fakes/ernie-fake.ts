import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers to one chat call (chosen by the test's `respond`). */
export type ErnieScenario =
  | { kind: 'text'; text: string; finish_reason?: string; is_truncated?: boolean }
  | { kind: 'function'; name: string; arguments: string; thoughts?: string }
  | { kind: 'filter' }
  | { kind: 'error'; code: number; msg: string };

export interface ErnieChatCall {
  endpoint: string;
  token: string;
  body: Record<string, any>;
}

export interface ErnieFake {
  url: string;
  /** OAuth calls received (valid or not). */
  tokenRequests: number;
  /** Tokens issued, in order. */
  issued: string[];
  chats: ErnieChatCall[];
  embeds: Array<{ endpoint: string; input: string[] }>;
  /** Declare the first token issued expired: chat calls with it answer error_code 111. */
  expireFirstToken: boolean;
  /** Milliseconds the token endpoint waits before answering (widens the race window). */
  tokenDelayMs: number;
  respond: (call: ErnieChatCall) => ErnieScenario;
  close: () => Promise<void>;
}

export const PROMPT_TOKENS = 11;
const CHAT_ENDPOINTS = new Set([
  'completions_pro',
  'completions',
  'ernie-4.0-turbo-8k',
  'ernie-speed-128k',
  'ernie-lite-8k',
  'ernie-3.5-128k',
  'ernie-char-8k',
]);
const EMBED_ENDPOINTS = new Set(['embedding-v1', 'bge_large_zh', 'bge_large_en', 'tao_8k']);

/**
 * A local stand-in for aip.baidubce.com that checks what the real one checks: the OAuth
 * client-credentials grant (AK/SK, answering Baidu's `{error, error_description}` with 401), the
 * access token on every call (110 unknown, 111 expired, as HTTP 200 `{error_code, error_msg}`),
 * ERNIE's message rules (336003), and speaks the real wire: whole answers, `data:` streams with
 * `is_end` and no `[DONE]`, cumulative usage, function calls, embeddings.
 */
export async function startErnieFake(ak: string, sk: string): Promise<ErnieFake> {
  const valid = new Set<string>();
  const expired = new Set<string>();
  const fake: ErnieFake = {
    url: '',
    tokenRequests: 0,
    issued: [],
    chats: [],
    embeds: [],
    expireFirstToken: false,
    tokenDelayMs: 0,
    respond: (call) => ({ kind: 'text', text: `echo: ${String(call.body.messages?.at(-1)?.content ?? '')}` }),
    close: async () => undefined,
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const raw = Buffer.concat(chunks).toString('utf8');
        if (req.method === 'POST' && url.pathname === '/oauth/2.0/token') {
          fake.tokenRequests++;
          if (fake.tokenDelayMs) await new Promise((r) => setTimeout(r, fake.tokenDelayMs));
          const q = url.searchParams;
          if (q.get('grant_type') !== 'client_credentials')
            return json(res, 400, { error: 'unsupported_grant_type', error_description: 'unsupported grant type' });
          if (q.get('client_id') !== ak) return json(res, 401, { error: 'invalid_client', error_description: 'unknown client id' });
          if (q.get('client_secret') !== sk)
            return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
          const token = `24.${randomBytes(16).toString('hex')}.2592000.${fake.issued.length + 1}`;
          fake.issued.push(token);
          valid.add(token);
          if (fake.expireFirstToken && fake.issued.length === 1) expired.add(token);
          return json(res, 200, {
            refresh_token: '25.x',
            expires_in: 2592000,
            scope: 'public',
            session_key: 'k',
            access_token: token,
            session_secret: 's',
          });
        }
        const m = /^\/rpc\/2\.0\/ai_custom\/v1\/wenxinworkshop\/(chat|embeddings)\/([^/]+)$/.exec(url.pathname);
        if (req.method !== 'POST' || !m) return json(res, 404, { error_code: 3, error_msg: 'Unsupported openapi method' });
        const token = url.searchParams.get('access_token') ?? '';
        if (expired.has(token)) return json(res, 200, { error_code: 111, error_msg: 'Access token expired' });
        if (!valid.has(token)) return json(res, 200, { error_code: 110, error_msg: 'Access token invalid or no longer valid' });
        let body: Record<string, any>;
        try {
          body = JSON.parse(raw) as Record<string, any>;
        } catch {
          return json(res, 200, { error_code: 336002, error_msg: 'Invalid JSON' });
        }
        const endpoint = decodeURIComponent(m[2]);
        if (m[1] === 'embeddings') return embeddings(res, endpoint, body);
        if (!CHAT_ENDPOINTS.has(endpoint)) return json(res, 200, { error_code: 336005, error_msg: 'API name not exist' });
        const problem = checkChat(body);
        if (problem) return json(res, 200, { error_code: 336003, error_msg: problem });
        const call = { endpoint, token, body };
        fake.chats.push(call);
        const scenario = fake.respond(call);
        if (scenario.kind === 'error') return json(res, 200, { error_code: scenario.code, error_msg: scenario.msg });
        if (body.stream === true) return streamAnswer(res, scenario);
        return json(res, 200, wholeAnswer(scenario));
      })();
    });
  });

  function embeddings(res: ServerResponse, endpoint: string, body: Record<string, any>): void {
    if (!EMBED_ENDPOINTS.has(endpoint)) return json(res, 200, { error_code: 336005, error_msg: 'API name not exist' });
    const input = body.input as unknown;
    if (!Array.isArray(input) || input.length === 0 || input.length > (endpoint === 'tao_8k' ? 1 : 16)) {
      return json(res, 200, { error_code: 336003, error_msg: 'embeddings max 16 inputs' });
    }
    fake.embeds.push({ endpoint, input: input as string[] });
    const data = (input as string[]).map((text, index) => ({ object: 'embedding', embedding: vectorOf(text), index }));
    const tokens = (input as string[]).reduce((n, t) => n + t.length, 0);
    json(res, 200, {
      id: 'as-emb',
      object: 'embedding_list',
      created: 1700000000,
      data,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** ERNIE's message rules: odd count, user/function then assistant alternately, no system role. */
function checkChat(body: Record<string, any>): string | undefined {
  const msgs = body.messages as Array<{ role?: string; content?: unknown; name?: string }> | undefined;
  if (!Array.isArray(msgs) || msgs.length === 0 || msgs.length % 2 === 0) return 'the length of messages must be an odd number';
  for (const [i, msg] of msgs.entries()) {
    const userSide = msg.role === 'user' || msg.role === 'function';
    if (i % 2 === 0 ? !userSide : msg.role !== 'assistant') return 'message roles must alternate user/assistant';
    if (typeof msg.content !== 'string') return 'message content must be a string';
    if (msg.role === 'function' && !msg.name) return 'function message needs a name';
  }
  if (body.temperature !== undefined && !(body.temperature > 0 && body.temperature <= 1)) return 'temperature range is (0, 1.0]';
  if (body.penalty_score !== undefined && !(body.penalty_score >= 1 && body.penalty_score <= 2)) return 'penalty_score range is [1.0, 2.0]';
  if (Array.isArray(body.stop) && body.stop.length > 4) return 'stop has at most 4 elements';
  return undefined;
}

function wholeAnswer(s: Exclude<ErnieScenario, { kind: 'error' }>): Record<string, unknown> {
  const base = { id: 'as-abc123', object: 'chat.completion', created: 1700000000 };
  if (s.kind === 'filter') {
    return { ...base, result: '', is_truncated: false, need_clear_history: true, ban_round: -1, usage: usage(0) };
  }
  if (s.kind === 'function') {
    const fc = { name: s.name, arguments: s.arguments, ...(s.thoughts ? { thoughts: s.thoughts } : {}) };
    return {
      ...base,
      result: '',
      is_truncated: false,
      need_clear_history: false,
      finish_reason: 'function_call',
      function_call: fc,
      usage: usage(9),
    };
  }
  const finish = s.finish_reason ?? 'normal';
  return {
    ...base,
    result: s.text,
    is_truncated: s.is_truncated ?? false,
    need_clear_history: false,
    finish_reason: finish,
    usage: usage(s.text.length),
  };
}

async function streamAnswer(res: ServerResponse, s: Exclude<ErnieScenario, { kind: 'error' }>): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream;charset=utf-8' });
  const base = { id: 'as-str456', object: 'chat.completion', created: 1700000000 };
  const send = async (chunk: Record<string, unknown>) => {
    res.write(`data: ${JSON.stringify({ ...base, ...chunk })}\n\n`);
    await new Promise((r) => setImmediate(r));
  };
  if (s.kind === 'filter') {
    await send({ sentence_id: 0, is_end: true, result: '', need_clear_history: true, ban_round: -1, usage: usage(0) });
  } else if (s.kind === 'function') {
    const fc = { name: s.name, arguments: s.arguments, ...(s.thoughts ? { thoughts: s.thoughts } : {}) };
    await send({ sentence_id: 0, is_end: true, result: '', finish_reason: 'function_call', function_call: fc, usage: usage(9) });
  } else {
    const pieces = s.text.match(/.{1,4}/gsu) ?? [''];
    let sent = 0;
    for (const [i, piece] of pieces.entries()) {
      sent += piece.length;
      const end = i === pieces.length - 1;
      // Like ERNIE: each chunk's usage is the running total so far, the last one the whole request's.
      await send({
        sentence_id: i,
        is_end: end,
        is_truncated: end ? (s.is_truncated ?? false) : false,
        result: piece,
        need_clear_history: false,
        ...(end ? { finish_reason: s.finish_reason ?? 'normal' } : {}),
        usage: usage(sent),
      });
    }
  }
  res.end(); // no [DONE]
}

function usage(completion: number): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  return { prompt_tokens: PROMPT_TOKENS, completion_tokens: completion, total_tokens: PROMPT_TOKENS + completion };
}

/** A deterministic small vector per text. */
export function vectorOf(text: string): number[] {
  let h = 0;
  for (const c of text) h = (h * 31 + c.codePointAt(0)!) % 1000;
  return [h / 1000, text.length / 100, 0.5, -0.25];
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify(body));
}
