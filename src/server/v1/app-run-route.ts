import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { APP_SLUG } from '../../apps/app-types.js';
import { newCompletionId } from '../../core/ids.js';
import { notFound } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
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
    /** Pins a published version (drafts: the admin token only); else the traffic split picks one. */
    version: z.number().int().min(1).max(1_000_000_000).optional(),
    /** The prompt language; else the app's `language` input, else the main text's. */
    language: z.enum(['zh', 'en']).optional(),
    /** The end user (logged, like `user` in chat completions). */
    user: z.string().max(LIMITS.userId).optional(),
  })
  .strict();

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
    const { app: resolved, ctx } = await appCall(edge, request, reply, slug, { version: body.version, user: body.user, contentId: id });
    const created = Math.floor(ctx.startedAt / 1000);
    const model = `app:${slug}`;
    const params = { inputs: body.inputs, language: body.language, model: body.model };
    const appField = { app: JSON.stringify({ slug: resolved.slug, version: resolved.version }) };
    if (!body.stream) {
      const { result, usage, headers, fields } = await edge.runner.run(resolved, params, ctx);
      if (headers) reply.headers(headers);
      return reply
        .type('application/json; charset=utf-8')
        .send(renderCompletion(id, created, model, result, usage, { ...fields, ...appField }));
    }
    const { parts, headers, fields } = await edge.runner.stream(resolved, params, ctx);
    const renderer = new ChunkRenderer(id, created, model, true);
    return streamResponse(request, reply, parts, renderer.start({ ...fields, ...appField }), (p) => renderRunPart(renderer, p), headers);
  });
}
