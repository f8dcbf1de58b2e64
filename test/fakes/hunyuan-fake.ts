import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for `hunyuan.tencentcloudapi.com` (API 2023-09-01). It verifies TC3-HMAC-SHA256
 * with its own code (not baimo's), answers errors the way Tencent does (HTTP 200 with
 * `{Response:{Error:{Code,Message},RequestId}}`), and speaks ChatCompletions (whole and SSE) and
 * GetEmbedding.
 */
export type HunyuanBehaviour =
  | { kind: 'text'; text: string; reasoning?: string; usage?: { prompt: number; completion: number } }
  | { kind: 'tool'; name: string; args: string; id?: string }
  | { kind: 'error'; code: string; message?: string }
  | { kind: 'sensitive' } // moderation stops the answer: FinishReason "sensitive"
  | { kind: 'stream-error' }; // a few deltas, then an ErrorMsg chunk

export interface HunyuanRequest {
  action: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface HunyuanFake {
  url: string;
  secretId: string;
  secretKey: string;
  requests: HunyuanRequest[];
  queue: HunyuanBehaviour[];
  close(): Promise<void>;
}

const VERSION = '2023-09-01';
const CREATED = 1_700_000_000;

export async function startHunyuanFake(secretId = 'AKIDfakeSecretId0001', secretKey = 'fakeSecretKey0001'): Promise<HunyuanFake> {
  const fake: HunyuanFake = { url: '', secretId, secretKey, requests: [], queue: [], close: async () => undefined };
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const requestId = `fake-req-${++n}`;
      const fail = (code: string, message: string) =>
        json(res, { Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
      const authProblem = verify(req.method ?? '', req.url ?? '', req.headers, raw, secretId, secretKey);
      if (authProblem) return fail(authProblem.code, authProblem.message);
      if (req.headers['x-tc-version'] !== VERSION)
        return fail('InvalidParameterValue', `Version ${String(req.headers['x-tc-version'])} is invalid`);
      let body: any;
      try {
        body = JSON.parse(raw);
      } catch {
        return fail('InvalidParameter', 'The request body is not JSON');
      }
      const action = String(req.headers['x-tc-action']);
      fake.requests.push({ action, headers: req.headers, body });
      if (action === 'GetEmbedding') return embed(res, body, requestId);
      if (action !== 'ChatCompletions') return fail('InvalidAction', `Action ${action} does not exist`);
      if (!body.Model) return fail('MissingParameter', 'The request is missing a required parameter `Model`.');
      const b = fake.queue.shift() ?? { kind: 'text', text: '你好，我是混元。' };
      if (b.kind === 'error') return fail(b.code, b.message ?? `fake ${b.code}`);
      if (body.Stream === true) return streamAnswer(res, b, requestId);
      return json(res, { Response: wholeAnswer(b, requestId) });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** Tencent's own checks, in its order: header form, secret id, clock skew (±5 min), then the signature. */
function verify(
  method: string,
  path: string,
  h: IncomingHttpHeaders,
  body: string,
  secretId: string,
  secretKey: string,
): { code: string; message: string } | undefined {
  const auth = String(h.authorization ?? '');
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return { code: 'AuthFailure.InvalidAuthorization', message: 'Authorization header format error.' };
  const [, id, date, service, signedHeaders, signature] = m;
  if (id !== secretId)
    return { code: 'AuthFailure.SecretIdNotFound', message: 'The SecretId is not found, please ensure that your SecretId is correct.' };
  const timestamp = Number(h['x-tc-timestamp']);
  const current = Math.floor(Date.now() / 1000);
  if (!Number.isInteger(timestamp) || Math.abs(current - timestamp) > 300)
    return {
      code: 'AuthFailure.SignatureExpire',
      message: `Signature expired. Timestamp:${String(h['x-tc-timestamp'])}; Current:${current}`,
    };
  const names = signedHeaders.split(';');
  const canonicalHeaders = names
    .map(
      (k) =>
        `${k}:${String(h[k] ?? '')
          .trim()
          .toLowerCase()}\n`,
    )
    .join('');
  const canonical = `${method}\n${path.split('?')[0]}\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256(body)}`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256(canonical)}`;
  const kDate = createHmac('sha256', 'TC3' + secretKey)
    .update(date)
    .digest();
  const kService = createHmac('sha256', kDate).update(service).digest();
  const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
  const expected = createHmac('sha256', kSigning).update(toSign).digest('hex');
  const dateOk = new Date(timestamp * 1000).toISOString().slice(0, 10) === date;
  const ok =
    dateOk &&
    service === 'hunyuan' &&
    names.includes('content-type') &&
    names.includes('host') &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  if (!ok)
    return {
      code: 'AuthFailure.SignatureFailure',
      message: 'The provided credentials could not be validated. Please check your signature is correct.',
    };
  return undefined;
}

function wholeAnswer(b: Exclude<HunyuanBehaviour, { kind: 'error' }>, requestId: string): unknown {
  const base = {
    Id: `hy-${requestId}`,
    Created: CREATED,
    Note: '以上内容为AI生成，不代表开发者立场，请勿删除或修改本标记',
    RequestId: requestId,
  };
  switch (b.kind) {
    case 'text':
    case 'stream-error': {
      const text = b.kind === 'text' ? b.text : 'partial';
      const u = (b.kind === 'text' && b.usage) || { prompt: 11, completion: 7 };
      const message: Record<string, unknown> = { Role: 'assistant', Content: text };
      if (b.kind === 'text' && b.reasoning) message.ReasoningContent = b.reasoning;
      return { ...base, Choices: [{ FinishReason: 'stop', Message: message }], Usage: usage(u.prompt, u.completion) };
    }
    case 'tool':
      return {
        ...base,
        Choices: [
          {
            FinishReason: 'tool_calls',
            Message: {
              Role: 'assistant',
              Content: '',
              ToolCalls: [{ Id: b.id ?? 'call_hy_1', Type: 'function', Index: 0, Function: { Name: b.name, Arguments: b.args } }],
            },
          },
        ],
        Usage: usage(20, 9),
      };
    case 'sensitive':
      return { ...base, Choices: [{ FinishReason: 'sensitive', Message: { Role: 'assistant', Content: '' } }], Usage: usage(5, 0) };
  }
}

function streamAnswer(res: ServerResponse, b: Exclude<HunyuanBehaviour, { kind: 'error' }>, requestId: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (delta: Record<string, unknown>, finish: string, u: { prompt: number; completion: number }) =>
    res.write(
      `data: ${JSON.stringify({ Id: `hy-${requestId}`, Created: CREATED, Choices: [{ Delta: { Role: 'assistant', ...delta }, FinishReason: finish }], Usage: usage(u.prompt, u.completion) })}\n\n`,
    );
  switch (b.kind) {
    case 'text': {
      const u = b.usage ?? { prompt: 11, completion: 7 };
      if (b.reasoning) send({ Content: '', ReasoningContent: b.reasoning }, '', { prompt: u.prompt, completion: 1 });
      const pieces = [...b.text].reduce<string[]>((acc, ch, i) => (i % 3 === 0 ? acc.push(ch) : (acc[acc.length - 1] += ch), acc), []);
      // Usage is a running total: completion tokens grow chunk by chunk, the last one is the real total.
      pieces.forEach((p, i) =>
        send({ Content: p }, i === pieces.length - 1 ? 'stop' : '', {
          prompt: u.prompt,
          completion: i === pieces.length - 1 ? u.completion : i + 1,
        }),
      );
      break;
    }
    case 'tool': {
      const half = Math.floor(b.args.length / 2);
      const call = (args: string, first: boolean) => ({
        Content: '',
        ToolCalls: [
          {
            Index: 0,
            ...(first ? { Id: b.id ?? 'call_hy_1', Type: 'function' } : {}),
            Function: { ...(first ? { Name: b.name } : {}), Arguments: args },
          },
        ],
      });
      send(call(b.args.slice(0, half), true), '', { prompt: 20, completion: 4 });
      send(call(b.args.slice(half), false), '', { prompt: 20, completion: 8 });
      send({ Content: '' }, 'tool_calls', { prompt: 20, completion: 9 });
      break;
    }
    case 'sensitive':
      send({ Content: '这是' }, '', { prompt: 5, completion: 1 });
      send({ Content: '' }, 'sensitive', { prompt: 5, completion: 2 });
      break;
    case 'stream-error':
      send({ Content: '部分' }, '', { prompt: 5, completion: 1 });
      res.write(`data: ${JSON.stringify({ ErrorMsg: { Code: 2001, Msg: '服务内部错误' }, Id: `hy-${requestId}` })}\n\n`);
      break;
  }
  res.end();
}

function embed(res: ServerResponse, body: any, requestId: string): void {
  const inputs: string[] = Array.isArray(body.InputList) ? body.InputList : typeof body.Input === 'string' ? [body.Input] : [];
  if (inputs.length === 0)
    return json(res, {
      Response: { Error: { Code: 'MissingParameter', Message: 'Input or InputList is required' }, RequestId: requestId },
    });
  const tokens = inputs.reduce((t, s) => t + s.length, 0);
  json(res, {
    Response: {
      Data: inputs.map((s, Index) => ({ Embedding: [s.length, 0.5, -0.25], Index, Object: 'embedding' })).reverse(),
      Usage: { PromptTokens: tokens, TotalTokens: tokens },
      RequestId: requestId,
    },
  });
}

const usage = (p: number, c: number) => ({ PromptTokens: p, CompletionTokens: c, TotalTokens: p + c });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function json(res: ServerResponse, value: unknown): void {
  // Tencent answers every API error with HTTP 200: the body decides.
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}
