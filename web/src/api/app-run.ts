/**
 * Runs a scenario app from the console with the console session (or the admin token the console was
 * signed in with): `POST /api/apps/{appId}/run` for the workspace's apps, `POST
 * /api/workspaces/{workspaceId}/app-library/{slug}/run` for a built-in, with `stream: true` (the
 * chat-completion chunk stream, plus `progress` chunks of long-input runs and the `app: {slug, version}`
 * the run resolved to). Yields text deltas, progress, and a final `done`; errors (HTTP or an
 * `{"error": …}` event) are thrown as ApiError; aborting throws an AbortError. Programs run apps on
 * `/v1/apps/{slug}/run` with a virtual key (`appRunUrl`, for the API snippets).
 */
import type { AppInputs } from './apps.ts';
import { ApiError, route, toApiError, writeHeaders } from './client.ts';
import { browserSessionId } from './page-views.ts';
import { sseChunks } from './sse-chunks.ts';
import type { Body, Events, Res } from './types.ts';

type RunBody = Body<'postApiAppsAppIdRun'>;
type RunAnswer = Res<'postApiAppsAppIdRun'>;
type RunChunk = Events<'postApiAppsAppIdRun'>;

/** Which app a run is of: a scenario app by id (in its own workspace), or a built-in by slug in a workspace. */
export type AppRunTarget = { appId: string } | { workspaceId: string; slug: string };

export interface AppRunRequest {
  target: AppRunTarget;
  inputs: AppInputs;
  /** Pins a version (drafts: members with write access); else the traffic split picks one. */
  version?: number;
  model?: string;
  language?: 'zh' | 'en';
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

/** The `/v1` run URL of an app, for programs with a virtual key (the API snippets). */
export const appRunUrl = (slug: string) => route('/v1/apps/{slug}/run', { slug });

/** Where the console runs an app. */
export function consoleRunUrl(target: AppRunTarget): string {
  return 'appId' in target
    ? route('/api/apps/{appId}/run', { appId: target.appId })
    : route('/api/workspaces/{workspaceId}/app-library/{slug}/run', { workspaceId: target.workspaceId, slug: target.slug });
}

export async function* streamAppRun(req: AppRunRequest): AsyncGenerator<AppRunEvent, void, void> {
  const started = performance.now();
  // The tab's session: the run and the page views of this visit are one session in usage analytics.
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'text/event-stream',
    'x-session-id': browserSessionId(),
    ...writeHeaders(),
  };
  const body: RunBody = {
    inputs: req.inputs,
    stream: true,
    ...(req.version !== undefined ? { version: req.version } : {}),
    ...(req.model ? { model: req.model } : {}),
    ...(req.language ? { language: req.language } : {}),
  };
  let res: Response;
  try {
    res = await fetch(consoleRunUrl(req.target), {
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
  const finish = (): AppRunEvent => ({ type: 'done', latencyMs: performance.now() - started, requestId, finishReason });
  for await (const chunk of sseChunks<Chunk>(res.body, res.status)) {
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
  yield finish();
}
