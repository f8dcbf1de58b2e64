import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppRunner } from '../../apps/app-runner.js';
import { APP_SLUG, type ResolvedApp } from '../../apps/app-types.js';
import { newCompletionId } from '../../core/ids.js';
import { notFound } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import type { RequestContext } from '../../gateway/request-context.js';
import { CALLER_ID_MAX } from '../caller-ids.js';
import { validateBody } from '../validate-body.js';
import { appCall, renderRunPart, type AppsAtEdge } from './app-caller.js';
import { ChunkRenderer, renderCompletion } from './render-chat.js';
import { streamResponse } from './stream-response.js';

/** Inputs a run may name (the app's variables are checked one by one; unknown names are reported). */
const MAX_INPUTS = 100;

/** The `POST /v1/apps/{slug}/run` body. */
export const appRunRequestSchema = z
  .object({
    /** Variable name → value (text, number or boolean); checked against the app's variables (400 `invalid_inputs` names each bad one). */
    inputs: z
      .record(z.string().max(200), z.unknown())
      .refine((r) => Object.keys(r).length <= MAX_INPUTS, `at most ${MAX_INPUTS} inputs`)
      .default({}),
    stream: z.boolean().optional(),
    /** Overrides the app's model for this run (alias or `provider/model`). */
    model: z.string().min(1).max(LIMITS.modelName).optional(),
    /** Pins a published version (drafts: the admin token, or on the admin API users with write access); else the traffic split picks one. */
    version: z.number().int().min(1).max(1_000_000_000).optional(),
    /** The prompt language; else the app's `language` input, else the main text's. */
    language: z.enum(['zh', 'en']).optional(),
    /** The end user (logged, like `user` in chat completions). */
    user: z.string().max(LIMITS.userId).optional(),
    /** The caller's conversation: the run's session in usage analytics (like the `x-session-id` header, which wins). */
    conversation_id: z.string().max(CALLER_ID_MAX).optional(),
  })
  .strict();

/** A run's body, as validated. */
export type AppRunBody = z.infer<typeof appRunRequestSchema>;

/**
 * `POST /v1/apps/{slug}/run`: runs a scenario app (a built-in or the workspace's) with typed inputs and
 * answers in the chat completion shape (`stream: true`: its chunks, with `progress` chunks while a long
 * input's parts are worked through), plus the top-level `app: {slug, version}` of the run.
 */
export function registerAppRun(app: FastifyInstance, edge: AppsAtEdge): void {
  app.post('/v1/apps/:slug/run', async (request, reply) => {
    const slug = (request.params as { slug: string }).slug;
    if (!APP_SLUG.test(slug))
      throw notFound(`No scenario app "${slug.slice(0, 64)}". / 没有这个场景应用。`, 'scenario_app_not_found', 'slug');
    const body = validateBody(appRunRequestSchema, request.body);
    const id = newCompletionId();
    const { app: resolved, ctx } = await appCall(edge, request, reply, slug, {
      version: body.version,
      user: body.user,
      contentId: id,
      conversation: body.conversation_id,
    });
    return answerAppRun(edge.runner, request, reply, { app: resolved, ctx, id, body });
  });
}

/**
 * Runs a resolved app for the caller and sends the answer: the chat completion with `app: {slug,
 * version}`, or with `stream: true` its chunks (and `progress` chunks) as server-sent events. `id` is
 * the completion's id (the context's content id). Shared by `/v1/apps/{slug}/run` and the admin API's
 * run routes (app-run-routes.ts), which differ only in who may run what and in the request's context.
 */
export async function answerAppRun(
  runner: AppRunner,
  request: FastifyRequest,
  reply: FastifyReply,
  run: { app: ResolvedApp; ctx: RequestContext; id: string; body: AppRunBody },
): Promise<FastifyReply> {
  const { app: resolved, ctx, id, body } = run;
  const created = Math.floor(ctx.startedAt / 1000);
  const model = `app:${resolved.slug}`;
  const params = { inputs: body.inputs, language: body.language, model: body.model };
  const appField = { app: JSON.stringify({ slug: resolved.slug, version: resolved.version }) };
  if (!body.stream) {
    const { result, usage, headers, fields } = await runner.run(resolved, params, ctx);
    if (headers) reply.headers(headers);
    return reply
      .type('application/json; charset=utf-8')
      .send(renderCompletion(id, created, model, result, usage, { ...fields, ...appField }));
  }
  const { parts, headers, fields } = await runner.stream(resolved, params, ctx);
  const renderer = new ChunkRenderer(id, created, model, true);
  return streamResponse(request, reply, parts, renderer.start({ ...fields, ...appField }), (p) => renderRunPart(renderer, p), headers);
}
