import { z } from 'zod';
import type { ChatRequest } from '../core/chat-types.js';
import { badRequest } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { APP_LIMITS, type ResolvedApp } from './app-types.js';

/** The phases of a run: the app's prompt, one chunk of a long input, the reduce over the chunks' answers, a JSON repair. */
export const RUN_PHASES = ['run', 'map', 'reduce', 'repair'] as const;
export type RunPhase = (typeof RUN_PHASES)[number];

/** Characters of one map answer a reduce call carries, and of a repair call's invalid answer and errors. */
const ANSWER_CHARS = 200_000;

const inputValue = z.union([z.string().max(APP_LIMITS.longText), z.number(), z.boolean(), z.null()]);

/**
 * The chat request extension `app_run` of a call to `app:{slug}`: what the app stage renders. The runner
 * sets it on every call it makes (the edge never passes a client's on); absent, the call is a plain
 * chat completion whose last user message fills the app's main variable. Bounded like any input.
 */
export const appRunSchema = z
  .object({
    inputs: z
      .record(z.string().max(64), inputValue)
      .refine((r) => Object.keys(r).length <= APP_LIMITS.variables * 2, 'too many inputs')
      .optional(),
    version: z.number().int().min(1).max(1_000_000_000).optional(),
    language: z.enum(['zh', 'en']).optional(),
    model: z.string().min(1).max(LIMITS.modelName).optional(),
    phase: z.enum(RUN_PHASES).optional(),
    /** `map`: the chunk, its 1-based index and the number of chunks. */
    chunk: z.string().max(APP_LIMITS.longText).optional(),
    index: z.number().int().min(1).max(APP_LIMITS.mapCalls).optional(),
    count: z.number().int().min(1).max(APP_LIMITS.mapCalls).optional(),
    /** `reduce` (and a repair of a reduce): the answers reduced, in order. */
    results: z.array(z.string().max(ANSWER_CHARS)).max(APP_LIMITS.mapCalls).optional(),
    /** `repair`: the invalid answer and what was wrong with it. */
    invalid_answer: z.string().max(ANSWER_CHARS).optional(),
    errors: z.string().max(20_000).optional(),
  })
  .strict();
export type AppRun = z.output<typeof appRunSchema>;

/**
 * The app a runner already resolved for a call (its version pinned, drafts allowed when the caller
 * may), on the request under a symbol: JSON cannot carry it, so no client can hand the stage an app.
 */
export const RESOLVED_APP = Symbol('baimo.resolvedApp');

/** A call the runner makes: the request, with the app it resolved. */
export type RunnerRequest = ChatRequest & { app_run: AppRun; [RESOLVED_APP]?: ResolvedApp };

/** The `app_run` of a request, checked (400 naming the field), or undefined when it has none. */
export function appRunOf(req: ChatRequest): AppRun | undefined {
  const raw = req.app_run;
  if (raw === undefined || raw === null) return undefined;
  const r = appRunSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw badRequest(`app_run.${issue.path.join('.')}: ${issue.message}`.replace(/\.:/, ':'), 'app_run', 'invalid_value');
  }
  return r.data;
}

/** The resolved app the runner put on the request, if any. */
export function resolvedAppOf(req: ChatRequest): ResolvedApp | undefined {
  return (req as Partial<RunnerRequest>)[RESOLVED_APP];
}
