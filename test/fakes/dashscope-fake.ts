import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Alibaba DashScope's native API that speaks its wire format: `{code, message,
 * request_id}` error bodies with DashScope's statuses, `result_format: message` answers, SSE streams
 * switched on by `X-DashScope-SSE: enable` with `id:` / `event:result` / `:HTTP_STATUS/200` /
 * `data:{…}` lines (no space after the colons), cumulative usage in every event, and `finish_reason`
 * as the STRING "null" until the last event. Without `incremental_output` it repeats the whole text
 * so far in every event, as DashScope does.
 *
 * It checks the Bearer key itself and answers a missing or wrong one with DashScope's 401 InvalidApiKey.
 * What to answer is chosen by a marker in the last user message, so retries see the same answer:
 * `error:<Code>` (HTTP error), `stream-error:<Code>` (a streamed error event after some text),
 * `filter:input`, `filter:output`, `length`; with tools and no marker it calls the first tool.
 */

export interface DashScopeRecorded {
  url: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface DashScopeFake {
  url: string;
  requests: DashScopeRecorded[];
  close: () => Promise<void>;
}

/** DashScope's own statuses and messages for the codes the tests use. */
export const DASHSCOPE_ERRORS: Record<string, { status: number; message: string }> = {
  InvalidApiKey: { status: 401, message: 'Invalid API-key provided.' },
  Throttling: { status: 429, message: 'Requests throttling triggered.' },
  'Throttling.RateQuota': { status: 429, message: 'Requests rate limit exceeded, please try again later.' },
  'Throttling.AllocationQuota': { status: 429, message: 'Allocated quota exceeded, please increase your quota limit.' },
  Arrearage: { status: 400, message: 'Access denied, please make sure your account is in good standing.' },
  DataInspectionFailed: { status: 400, message: 'Input data may contain inappropriate content.' },
  InvalidParameter: { status: 400, message: 'Range of max_tokens should be [1, 8192]' },
  InternalError: { status: 500, message: 'An internal error has occured, please try again later or contact service support.' },
};

const OUTPUT_FILTERED = 'Output data may contain inappropriate content.';
export const FAKE_ANSWER = '你好！我是通义千问，很高兴为你服务。';
export const FAKE_REASONING = '用户在打招呼，简短回应即可。';
export const FAKE_TOOL_ARGS = '{"city":"北京","unit":"celsius"}';

export async function startDashScopeFake(apiKey: string): Promise<DashScopeFake> {
  const requests: DashScopeRecorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      requests.push({ url: req.url ?? '', headers: req.headers, body });
      const auth = req.headers.authorization;
      if (!auth) return sendError(res, 'InvalidApiKey', 'No API-key provided.');
      if (auth !== `Bearer ${apiKey}`) return sendError(res, 'InvalidApiKey');
      if (!body || typeof body.model !== 'string') return sendError(res, 'InvalidParameter', 'Model not exist.');
      if (req.url === '/api/v1/services/embeddings/text-embedding/text-embedding') return embed(res, body);
      const multimodal = req.url === '/api/v1/services/aigc/multimodal-generation/generation';
      if (!multimodal && req.url !== '/api/v1/services/aigc/text-generation/generation') {
        return sendJson(res, 404, { code: 'NotFound', message: 'Not Found', request_id: randomUUID() });
      }
      const problem = checkMessages(body, multimodal);
      if (problem) return sendError(res, 'InvalidParameter', problem);
      void answer(res, body, req.headers['x-dashscope-sse'] === 'enable');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, code: string, message?: string): void {
  const known = DASHSCOPE_ERRORS[code] ?? { status: 400, message: code };
  sendJson(res, known.status, { code, message: message ?? known.message, request_id: randomUUID() });
}

/** The native endpoints' shape rules: string content for text models, `[{text}|{image}]` for vision models. */
function checkMessages(body: any, multimodal: boolean): string | undefined {
  const messages = body.input?.messages;
  if (!Array.isArray(messages) || messages.length === 0)
    return 'Required parameter(s) missing or invalid, please check the request parameters.';
  if (/-vl|^qvq/.test(body.model) !== multimodal) return `The model \`${body.model}\` is not supported by this API.`;
  for (const m of messages) {
    if (!['system', 'user', 'assistant', 'tool'].includes(m.role)) return `Role must be in [user, assistant, system, tool]`;
    if (multimodal) {
      if (!Array.isArray(m.content) || !m.content.every((c: any) => typeof c.text === 'string' || typeof c.image === 'string'))
        return 'Input should be a valid list of content items';
    } else if (typeof m.content !== 'string') return 'Input should be a valid string';
  }
  return undefined;
}

function lastUserText(body: any): string {
  const user = [...body.input.messages].reverse().find((m: any) => m.role === 'user');
  if (!user) return '';
  return typeof user.content === 'string' ? user.content : user.content.map((c: any) => c.text ?? '').join('');
}

/** Deterministic token counts: one token per character, so tests can predict totals. */
function promptTokens(body: any): number {
  return body.input.messages.reduce((n: number, m: any) => n + JSON.stringify(m.content).length, 0);
}

interface Step {
  content?: string;
  reasoning?: string;
  tool?: { index: number; id?: string; name?: string; args: string };
}

function plan(body: any): { steps: Step[]; finish: string; streamError?: string } {
  const marker = lastUserText(body);
  const text: Step[] = [...FAKE_ANSWER.match(/.{1,4}/gsu)!].map((content) => ({ content }));
  if (marker.startsWith('stream-error:')) return { steps: text.slice(0, 2), finish: 'null', streamError: marker.slice(13) };
  if (marker === 'filter:output') return { steps: text.slice(0, 2), finish: 'null', streamError: 'DataInspectionFailed' };
  if (marker === 'length') return { steps: text.slice(0, 3), finish: 'length' };
  const tools = body.parameters?.tools;
  if (Array.isArray(tools) && tools.length > 0 && body.input.messages.at(-1)?.role !== 'tool') {
    const name = tools[0].function.name;
    const id = `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    const pieces = [FAKE_TOOL_ARGS.slice(0, 9), FAKE_TOOL_ARGS.slice(9, 20), FAKE_TOOL_ARGS.slice(20)];
    // Like DashScope: the first fragment has id and name, later ones only index and arguments.
    const steps = pieces.map((args, i) => ({ tool: i === 0 ? { index: 0, id, name, args } : { index: 0, args } }));
    return { steps, finish: 'tool_calls' };
  }
  const reasoning = body.parameters?.enable_thinking ? [...FAKE_REASONING.match(/.{1,5}/gsu)!].map((r) => ({ reasoning: r })) : [];
  return { steps: [...reasoning, ...text], finish: 'stop' };
}

async function answer(res: ServerResponse, body: any, sse: boolean): Promise<void> {
  const marker = lastUserText(body);
  if (marker.startsWith('error:')) return sendError(res, marker.slice(6));
  if (marker === 'filter:input') return sendError(res, 'DataInspectionFailed');
  const p = plan(body);
  const input = promptTokens(body);
  const cached = body.input.messages[0]?.role === 'system' ? 4 : 0;
  const usage = (output: number) => ({
    input_tokens: input,
    output_tokens: output,
    total_tokens: input + output,
    ...(cached ? { prompt_tokens_details: { cached_tokens: cached } } : {}),
  });
  if (!sse) {
    if (p.streamError) return sendError(res, p.streamError, p.streamError === 'DataInspectionFailed' ? OUTPUT_FILTERED : undefined);
    const message: any = { role: 'assistant', content: p.steps.map((s) => s.content ?? '').join('') };
    const reasoning = p.steps.map((s) => s.reasoning ?? '').join('');
    if (reasoning) message.reasoning_content = reasoning;
    const tool = p.steps.filter((s) => s.tool);
    if (tool.length > 0) {
      const first = tool[0].tool!;
      message.tool_calls = [{ index: 0, id: first.id, type: 'function', function: { name: first.name, arguments: FAKE_TOOL_ARGS } }];
    }
    const content = wrapContent(body, message.content);
    const out = countOutput(p.steps);
    return sendJson(res, 200, {
      output: { choices: [{ finish_reason: p.finish, message: { ...message, content } }] },
      usage: usage(out),
      request_id: randomUUID(),
    });
  }
  res.writeHead(200, { 'content-type': 'text/event-stream;charset=UTF-8', 'x-dashscope-call-gateway': 'true' });
  const incremental = body.parameters?.incremental_output === true;
  let soFar = '';
  let output = 0;
  let id = 0;
  for (const [i, step] of p.steps.entries()) {
    soFar += step.content ?? '';
    output += countOutput([step]);
    const last = i === p.steps.length - 1;
    const message: any = { role: 'assistant', content: wrapContent(body, incremental ? (step.content ?? '') : soFar) };
    if (step.reasoning) message.reasoning_content = step.reasoning;
    if (step.tool) {
      const t = step.tool;
      message.tool_calls = [
        { index: t.index, id: t.id ?? '', type: 'function', function: { ...(t.name ? { name: t.name } : {}), arguments: t.args } },
      ];
    }
    const data = {
      output: { choices: [{ message, finish_reason: last && !p.streamError ? p.finish : 'null' }] },
      usage: usage(output),
      request_id: 'r',
    };
    res.write(`id:${++id}\nevent:result\n:HTTP_STATUS/200\ndata:${JSON.stringify(data)}\n\n`);
    await new Promise((r) => setImmediate(r));
  }
  if (p.streamError) {
    const code = p.streamError;
    const known = DASHSCOPE_ERRORS[code] ?? { status: 500, message: code };
    const message = code === 'DataInspectionFailed' ? OUTPUT_FILTERED : known.message;
    res.write(`id:${++id}\nevent:error\n:HTTP_STATUS/${known.status}\ndata:${JSON.stringify({ code, message, request_id: 'r' })}\n\n`);
  }
  res.end();
}

function wrapContent(body: any, text: string): unknown {
  return /-vl|^qvq/.test(body.model) ? [{ text }] : text;
}

function countOutput(steps: Step[]): number {
  return steps.reduce((n, s) => n + [...(s.content ?? '')].length + [...(s.reasoning ?? '')].length + (s.tool ? s.tool.args.length : 0), 0);
}

function embed(res: ServerResponse, body: any): void {
  const texts = body.input?.texts;
  if (!Array.isArray(texts) || texts.length === 0)
    return sendError(res, 'InvalidParameter', 'Required parameter(s) missing or invalid, please check the request parameters.');
  if (texts.length > 10) return sendError(res, 'InvalidParameter', 'batch size is invalid, it should not be larger than 10.');
  const dim = body.parameters?.dimension ?? 4;
  // Answered in reverse order: clients must place each vector by `text_index`.
  const embeddings = texts
    .map((t: string, i: number) => ({ text_index: i, embedding: Array.from({ length: dim }, (_, k) => (t.length + i + k) / 100) }))
    .reverse();
  const tokens = texts.reduce((n: number, t: string) => n + [...t].length, 0);
  sendJson(res, 200, { output: { embeddings }, usage: { total_tokens: tokens }, request_id: randomUUID() });
}
