import { completion, pathOf, sseChunk, sseHead, sseUsage, startUpstreamServer, writeError, writeJson } from './openai-wire.js';

/** What the scripted upstream answers one chat call with: a text, or an error status. */
export type ScriptedReply = string | { status: number; message?: string };

export interface ScriptedUpstream {
  /** Base URL incl. `/v1`. */
  url: string;
  /** Chat calls received (their bodies), in order of arrival. */
  calls: Array<{ model: string; stream: boolean; messages: Array<{ role: string; content: string }> }>;
  /** Streamed answers the client (baimo) closed before they were complete. */
  aborted: number;
  close(): Promise<void>;
}

const ID = 'chatcmpl-scripted';

/**
 * A local OpenAI-compatible upstream whose every answer comes from `reply(model, messages)`: one
 * server standing in for several models (the arena's contestants and its judge), speaking the real
 * wire format — a JSON completion, or SSE chunks (`chunkDelayMs` apart, a few characters each) with
 * `[DONE]` and usage.
 */
export async function startScriptedUpstream(
  reply: (model: string, messages: Array<{ role: string; content: string }>) => ScriptedReply,
  opts: { chunkDelayMs?: number | ((model: string) => number) } = {},
): Promise<ScriptedUpstream> {
  const up: ScriptedUpstream = { url: '', calls: [], aborted: 0, close: async () => undefined };
  const server = await startUpstreamServer(
    (req, res, raw) => {
      if (pathOf(req).endsWith('/models')) return writeJson(res, 200, { object: 'list', data: [] });
      let body: { model?: string; stream?: boolean; messages?: Array<{ role: string; content: string }> } = {};
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        return writeJson(res, 400, { error: { message: 'bad json', type: 'invalid_request_error', param: null, code: null } });
      }
      const model = body.model ?? '';
      const messages = body.messages ?? [];
      const stream = body.stream === true;
      up.calls.push({ model, stream, messages });
      const r = reply(model, messages);
      if (typeof r !== 'string') return writeError(res, r.status, r.message ?? `scripted ${r.status}`);
      const usage = { prompt_tokens: 10, completion_tokens: Math.max(1, r.length) };
      if (!stream) return writeJson(res, 200, completion(ID, model, { role: 'assistant', content: r }, 'stop', usage));
      sseHead(res);
      res.write(sseChunk(ID, model, { role: 'assistant', content: '' }, null));
      const pieces = r.match(/.{1,3}/gsu) ?? [];
      let i = 0;
      const finish = () => {
        res.write(sseChunk(ID, model, {}, 'stop'));
        res.write(sseUsage(ID, model, usage));
        res.end('data: [DONE]\n\n');
      };
      const delay = typeof opts.chunkDelayMs === 'function' ? opts.chunkDelayMs(model) : (opts.chunkDelayMs ?? 0);
      if (!delay) {
        for (const piece of pieces) res.write(sseChunk(ID, model, { content: piece }, null));
        return finish();
      }
      const step = () => {
        if (res.destroyed) return;
        if (i >= pieces.length) return finish();
        res.write(sseChunk(ID, model, { content: pieces[i++] }, null));
        setTimeout(step, delay);
      };
      step();
    },
    () => up.aborted++,
  );
  up.url = server.url;
  up.close = server.close;
  return up;
}
