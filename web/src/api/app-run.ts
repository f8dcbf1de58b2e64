/**
 * Runs a scenario app: `POST /v1/apps/{slug}/run` with `stream: true` (the chat-completion chunk stream,
 * plus `progress` chunks of long-input runs and the `app: {slug, version}` the run resolved to). Yields
 * text deltas, progress, and a final `done`; errors (HTTP or an `{"error": …}` event) are thrown as
 * ApiError; aborting throws an AbortError. Auth is the admin token or a virtual key; without either the
 * session cookie is sent and the server decides.
 */
import type { AppInputs } from './apps.ts';
import { ApiError, authHeaders, getToken, route, toApiError } from './client.ts';
import type { Body, Events, Res } from './types.ts';

type RunBody = Body<'postV1AppsSlugRun'>;
type RunAnswer = Res<'postV1AppsSlugRun'>;
type RunChunk = Events<'postV1AppsSlugRun'>;

export interface AppRunRequest {
  slug: string;
  inputs: AppInputs;
  /** Pins a version (drafts: writers and the admin token only); else the traffic split picks one. */
  version?: number;
  model?: string;
  language?: 'zh' | 'en';
  /** A virtual key or the admin token; defaults to the stored admin token. */
  token?: string | null;
  signal?: AbortSignal;
}

/** Where a long input's run is: map calls done of total, then the reduce. */
export type AppRunProgress = NonNullable<RunChunk['progress']>;
export type AppRunUsage = NonNullable<RunChunk['usage']>;

export type AppRunEvent =
  | { type: 'delta'; text: string }
  | { type: 'progress'; progress: AppRunProgress }
  | { type: 'app'; slug: string; version: number }
  | { type: 'usage'; usage: AppRunUsage }
  | { type: 'done'; latencyMs: number; requestId: string | null; finishReason: string | null };

/** A chunk, or the error event a stream may end with. */
type Chunk = Partial<RunChunk> & { error?: { message?: string; code?: string | null; type?: string | null; param?: string | null } };

/** The run URL of an app. */
export const appRunUrl = (slug: string) => route('/v1/apps/{slug}/run', { slug });

export async function* streamAppRun(req: AppRunRequest): AsyncGenerator<AppRunEvent, void, void> {
  const started = performance.now();
  const token = req.token !== undefined ? req.token : getToken();
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream', ...authHeaders(token) };
  const body: RunBody = {
    inputs: req.inputs,
    stream: true,
    ...(req.version !== undefined ? { version: req.version } : {}),
    ...(req.model ? { model: req.model } : {}),
    ...(req.language ? { language: req.language } : {}),
  };
  let res: Response;
  try {
    res = await fetch(appRunUrl(req.slug), {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      credentials: 'same-origin',
      signal: req.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, (e as Error).message || 'network error', 'network_error');
  }
  if (!res.ok) throw await toApiError(res);
  const requestId = res.headers.get('x-request-id');
  // Some answers (a cached one, say) may come whole even when a stream was asked for.
  if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const whole = (await res.json()) as RunAnswer;
    if (whole.app) yield { type: 'app', slug: whole.app.slug, version: whole.app.version };
    const choice = whole.choices?.[0];
    if (choice?.message?.content) yield { type: 'delta', text: choice.message.content };
    if (whole.usage) yield { type: 'usage', usage: whole.usage };
    yield { type: 'done', latencyMs: performance.now() - started, requestId, finishReason: choice?.finish_reason ?? null };
    return;
  }
  if (!res.body) throw new ApiError(res.status, 'Empty response body', 'empty_body');

  let finishReason: string | null = null;
  let appSeen = false;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const finish = (): AppRunEvent => ({ type: 'done', latencyMs: performance.now() - started, requestId, finishReason });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let sep: number;
      while ((sep = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const raw = buffer.slice(0, sep);
        buffer = buffer.slice(sep).replace(/^\r?\n\r?\n/, '');
        const data = raw
          .split(/\r?\n/)
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).replace(/^ /, ''))
          .join('\n');
        if (!data) continue;
        if (data === '[DONE]') {
          yield finish();
          return;
        }
        let chunk: Chunk;
        try {
          chunk = JSON.parse(data) as Chunk;
        } catch {
          continue;
        }
        if (chunk.error) {
          const e = chunk.error;
          throw new ApiError(res.status, e.message || 'stream error', e.code ?? null, e.type ?? null, e.param ?? null);
        }
        if (chunk.app && !appSeen) {
          appSeen = true;
          yield { type: 'app', slug: chunk.app.slug, version: chunk.app.version };
        }
        if (chunk.progress) yield { type: 'progress', progress: chunk.progress };
        for (const choice of chunk.choices ?? []) {
          if (choice.finish_reason) finishReason = choice.finish_reason;
          const text = choice.delta?.content;
          if (text) yield { type: 'delta', text };
        }
        if (chunk.usage) yield { type: 'usage', usage: chunk.usage };
      }
    }
    yield finish();
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
