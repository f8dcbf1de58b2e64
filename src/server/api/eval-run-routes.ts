import { z } from 'zod';
import { gatewayError } from '../../core/error-codes.js';
import { badRequest } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import { EvalInputError } from '../../eval/eval-input-error.js';
import { parseSuite, SUITE_FILE_MAX_CHARS, suiteSchema, type Suite } from '../../eval/suite.js';
import type { EvalRunTable } from '../../store/schema.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { RUN_STATUSES, runItemViewSchema, runReportSchema, runViewSchema } from './eval-run-views.js';
import { actorOf, pickWorkspace, requireMemberOrKey, workspaceQuery } from './kb-access.js';
import { isInstanceAdmin, type Principal } from './principal.js';
import { decodeTimeCursor, encodeTimeCursor } from './time-cursor.js';

/** Runs per page of the list, and finished items per page. */
const RUN_PAGE = 100;
const ITEM_PAGE = 500;

const idParams = z.object({ id: z.string().min(1).max(LIMITS.id).describe('The run id (evr_…)') });

/** `POST /api/eval/runs`: a suite (the keys of suite.yaml) or a suite.yaml's text, and the key to call with. */
const startBody = z
  .object({
    suite: suiteSchema
      .optional()
      .describe('The keys of suite.yaml; dataset names a stored dataset (name or name@version; default: its latest version)'),
    yaml: z.string().min(1).max(SUITE_FILE_MAX_CHARS).optional().describe('The text of a suite.yaml (instead of suite)'),
    key_id: z
      .string()
      .min(1)
      .max(LIMITS.id)
      .optional()
      .describe("A key of the workspace to call with (its limits, allow-list and logs apply); default: the workspace's baimo-eval key"),
    workspace_id: z.string().min(1).max(LIMITS.id).optional(),
  })
  .strict()
  .refine((b) => (b.suite === undefined) !== (b.yaml === undefined), 'give suite or yaml (one of them)');

const listQuery = workspaceQuery.extend({
  status: z.enum(RUN_STATUSES).optional(),
  name: z.string().min(1).max(100).optional().describe('Only runs of this suite name'),
  limit: z.coerce.number().int().min(1).max(RUN_PAGE).default(50),
  cursor: z.string().max(LIMITS.cursor).optional().describe('next_cursor of the previous page'),
});

const itemsQuery = workspaceQuery.extend({
  model: z.string().min(1).max(LIMITS.modelName).optional(),
  status: z.enum(['ok', 'error']).optional(),
  after: z.coerce.number().int().min(-1).max(1e9).optional().describe('Items after this seq (with after_model: of that model)'),
  after_model: z.string().min(1).max(LIMITS.modelName).optional().describe('Without model: continue after (after_model, after)'),
  limit: z.coerce.number().int().min(1).max(ITEM_PAGE).default(100),
});

export const runNotFound = () => gatewayError('eval_run_not_found', 'No evaluation run with that id in this workspace.', { param: 'id' });

/** Members (and the workspace's API keys) read runs; members with write access start and change them. */
export function requireEvalAccess(p: Principal, workspaceId: string, need: 'read' | 'write'): void {
  requireMemberOrKey(p, workspaceId, need, {
    notFound: runNotFound,
    keyMayNot: 'API keys may read their workspace’s evaluation runs; starting and changing them needs a console user.',
  });
}

/** Whether `p` may see runs of `workspaceId` at all (else a run there is "not found"). */
export function sees(p: Principal, workspaceId: string): boolean {
  if (isInstanceAdmin(p)) return true;
  if (p.kind === 'key') return p.key.workspaceId === workspaceId;
  return p.kind === 'user' && p.roles.has(workspaceId);
}

function suiteOf(body: z.infer<typeof startBody>): Suite {
  if (body.suite) return body.suite;
  try {
    return parseSuite(body.yaml!, 'suite.yaml');
  } catch (err) {
    if (err instanceof EvalInputError) throw badRequest(err.message, 'yaml', 'invalid_suite');
    throw err;
  }
}

/**
 * Evaluation runs (issue 19): start a suite on a stored dataset as an `eval.run` job, list runs,
 * read one with its results (live while it runs), page through its finished items, cancel, resume,
 * delete. Workspace-scoped like the knowledge-base routes.
 */
export function registerEvalRunRoutes(c: ApiContext): void {
  const runs = () => c.rt.evalRuns;

  /** The run, when the caller may see its workspace (and `workspace_id`, when given, is its); then `need` checked. */
  const loadRun = async (p: Principal, id: string, workspace: string | undefined, need: 'read' | 'write'): Promise<EvalRunTable> => {
    const run = await runs().row(id);
    if (!run || !sees(p, run.workspace_id) || (workspace !== undefined && workspace !== run.workspace_id)) throw runNotFound();
    requireEvalAccess(p, run.workspace_id, need);
    return run;
  };

  /** A route on one run (`:id`, `?workspace_id=`): the run loaded and checked for `need`, then `act` on it. */
  const runRoute = <R extends z.ZodType>(
    def: { method: 'GET' | 'POST' | 'DELETE'; url: string; summary: string; need: 'read' | 'write'; response: R },
    act: (id: string, p: Principal) => Promise<z.input<R>>,
  ): void =>
    apiRoute(c.app, c.routes, {
      method: def.method,
      url: def.url,
      summary: def.summary,
      tag: 'eval',
      params: idParams,
      query: workspaceQuery,
      response: def.response,
      handler: async ({ principal, params, query }) => {
        await loadRun(principal, params.id, query.workspace_id, def.need);
        return act(params.id, principal);
      },
    });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/eval/runs',
    summary:
      "Start an evaluation run (member role): {suite: {name, type, dataset: 'name[@version]', models, …}} or {yaml: '<suite.yaml>'}; answers 202 with the queued run",
    tag: 'eval',
    status: 202,
    query: workspaceQuery,
    body: startBody,
    response: runViewSchema,
    handler: async ({ principal, query, body }) => {
      if (body.workspace_id && query.workspace_id && body.workspace_id !== query.workspace_id)
        throw badRequest('workspace_id in the body and in the query differ.', 'workspace_id', 'invalid_value');
      const workspaceId = pickWorkspace(principal, body.workspace_id ?? query.workspace_id);
      requireEvalAccess(principal, workspaceId, 'write');
      return runs().start(workspaceId, { suite: suiteOf(body), key_id: body.key_id }, actorOf(principal));
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/eval/runs',
    summary: 'List the evaluation runs of a workspace, newest first, cursor-paged',
    tag: 'eval',
    query: listQuery,
    response: z.object({
      object: z.literal('list'),
      data: z.array(runViewSchema),
      has_more: z.boolean(),
      next_cursor: z.string().nullable(),
    }),
    handler: async ({ principal, query }) => {
      const workspaceId = pickWorkspace(principal, query.workspace_id);
      requireEvalAccess(principal, workspaceId, 'read');
      const c0 = query.cursor ? decodeTimeCursor(query.cursor) : undefined;
      const page = await runs().list(workspaceId, {
        limit: query.limit,
        status: query.status,
        name: query.name,
        before: c0 ? { created_at: c0.createdAt, id: c0.id } : undefined,
      });
      return {
        object: 'list' as const,
        data: page.data,
        has_more: page.next !== undefined,
        next_cursor: page.next ? encodeTimeCursor({ createdAt: page.next.created_at, id: page.next.id }) : null,
      };
    },
  });

  runRoute(
    {
      method: 'GET',
      url: '/api/eval/runs/:id',
      summary: 'One evaluation run with its results per model (the 含金量 report; computed live while the run runs)',
      need: 'read',
      response: runReportSchema,
    },
    (id) => runs().get(id),
  );

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/eval/runs/:id/items',
    summary:
      "A page of a run's finished items, by model then dataset order: the reply, score, detail, cost, latency and request id of each",
    tag: 'eval',
    params: idParams,
    query: itemsQuery,
    response: z.object({ object: z.literal('list'), data: z.array(runItemViewSchema), has_more: z.boolean() }),
    handler: async ({ principal, params, query }) => {
      await loadRun(principal, params.id, query.workspace_id, 'read');
      if (query.after_model !== undefined && (query.model !== undefined || query.after === undefined))
        throw badRequest('after_model goes with after and without model.', 'after_model', 'invalid_value');
      if (query.after !== undefined && query.model === undefined && query.after_model === undefined)
        throw badRequest(
          'Without model, after needs after_model (the model of the last item of the previous page).',
          'after',
          'invalid_value',
        );
      const page = await runs().items(params.id, {
        model: query.model,
        status: query.status,
        after: query.after === undefined ? undefined : { model: (query.after_model ?? query.model)!, seq: query.after },
        limit: query.limit,
      });
      return { object: 'list' as const, data: page.data, has_more: page.next !== undefined };
    },
  });

  runRoute(
    {
      method: 'POST',
      url: '/api/eval/runs/:id/cancel',
      summary: 'Cancel a queued or running evaluation run (member role); its finished items are kept (409 eval_run_not_active otherwise)',
      need: 'write',
      response: runViewSchema,
    },
    (id) => runs().cancel(id),
  );

  runRoute(
    {
      method: 'POST',
      url: '/api/eval/runs/:id/resume',
      summary:
        'Queue a failed or cancelled evaluation run again (member role): only the items not finished yet are called (409 eval_run_not_resumable otherwise)',
      need: 'write',
      response: runViewSchema,
    },
    (id, p) => runs().resume(id, actorOf(p)),
  );

  runRoute(
    {
      method: 'DELETE',
      url: '/api/eval/runs/:id',
      summary: 'Delete an evaluation run and its items (member role); a queued or running one is cancelled first',
      need: 'write',
      response: z.object({ id: z.string(), object: z.literal('eval_run'), deleted: z.literal(true) }),
    },
    async (id) => {
      if (!(await runs().delete(id))) throw runNotFound();
      return { id, object: 'eval_run' as const, deleted: true as const };
    },
  );
}
