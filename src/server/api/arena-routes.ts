import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { gatewayError } from '../../core/error-codes.js';
import { badRequest, notFound } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import { lineMessage } from '../../eval/arena-import.js';
import { judgeRequestSchema } from '../../eval/arena-judge-job.js';
import { ARENA_LIMITS, BATTLE_SOURCES, BATTLE_WINNERS, RATING_SOURCES, type BattleEvent } from '../../eval/arena-types.js';
import { DEFAULT_BOOTSTRAP_ROUNDS, MAX_BOOTSTRAP_ROUNDS } from '../../eval/bradley-terry.js';
import { EvalInputError } from '../../eval/eval-input-error.js';
import { JobInputError } from '../../jobs/job-types.js';
import { streamResponse } from '../v1/stream-response.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { battleEventSchema, battleView, battleViewSchema, importResultSchema, ratingRowSchema, voteResultSchema } from './arena-views.js';
import { actorOf, pickWorkspace } from './kb-access.js';
import { allows, requireWorkspace, type Principal } from './principal.js';
import { decodeTimeCursor, encodeTimeCursor } from './time-cursor.js';

const modelName = z.string().trim().min(1).max(ARENA_LIMITS.modelName);
const JSONL_TYPES = ['application/x-ndjson', 'application/jsonl', 'text/plain'] as const;
/** Bad lines a refused import's message lists (the rest are counted). */
const LINES_IN_MESSAGE = 20;

const battleBody = z
  .object({
    prompt: z.string().min(1).max(ARENA_LIMITS.prompt).describe('What both models answer'),
    models: z
      .tuple([modelName, modelName])
      .optional()
      .describe('The two models (alias or provider/model), sides chosen at random; absent: two random models of the arena pool'),
  })
  .strict();

/** `?workspace_id=`: the arena's workspace; absent, the caller's only one or the default workspace. */
const workspaceQuery = z.object({
  workspace_id: z
    .string()
    .min(1)
    .max(LIMITS.id)
    .optional()
    .describe("The arena's workspace; absent: the caller's only workspace, else the default workspace"),
});

const battleParams = z.object({ id: z.string().min(1).max(LIMITS.id).describe('The battle id (battle_…)') });

/** The workspace a call is about, checked for `need` (members; API keys may not use the arena). */
async function workspaceFor(c: ApiContext, p: Principal, given: string | undefined, need: 'read' | 'write'): Promise<string> {
  const workspaceId = pickWorkspace(p, given);
  requireWorkspace(p, workspaceId, need);
  if (need === 'write' && !(await c.rt.tenancy.workspace(workspaceId))) throw notFound('No workspace with that id.');
  return workspaceId;
}

const sse = (e: BattleEvent): string => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;

/**
 * The arena (issue 19), workspace-scoped like the knowledge bases (`?workspace_id=`, else the caller's
 * only workspace or the default one): blind battles streamed side by side and voted on, the battle
 * list, the Bradley–Terry leaderboard, JSONL imports and LLM-judge battle jobs. Members with read
 * access read; battles, votes, imports and judge jobs need write access; API keys may not use it.
 */
export function registerArenaRoutes(c: ApiContext): void {
  const arena = () => c.rt.arena;

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/arena/battles',
    summary:
      'A blind battle (member role): two models of the arena pool (or the two named) answer the prompt, streamed side by side as ' +
      'server-sent events — `battle` {id}, `delta` {side, text}, `done` {side, finish_reason}, `error` {side, message}, last `end` {} — ' +
      'with no model name in them. Once both answered the battle is stored pending; the vote reveals the names. Calls use the ' +
      "workspace's evaluation key (baimo-eval)",
    tag: 'arena',
    query: workspaceQuery,
    body: battleBody,
    response: battleEventSchema,
    events: battleEventSchema,
    eventsOnly: true,
    handler: async ({ principal, query, body, request, reply }) => {
      const workspaceId = await workspaceFor(c, principal, query.workspace_id, 'write');
      const models = await arena().prepareBattle(workspaceId, { prompt: body.prompt, models: body.models });
      return streamBattle(
        request,
        reply,
        arena().battle(workspaceId, body.prompt, models, { createdBy: actorOf(principal), signal: gone(reply) }),
      );
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/arena/battles/:id/vote',
    summary:
      'Vote on a pending blind battle (member role): reveals both models. 409 arena_already_voted when it has a winner; 404 for a battle of another workspace',
    tag: 'arena',
    params: battleParams,
    query: workspaceQuery,
    body: z.object({ winner: z.enum(BATTLE_WINNERS).describe('model_a: side a won; model_b: side b; tie; both_bad') }).strict(),
    response: voteResultSchema,
    handler: async ({ principal, params, query, body }) => {
      const row = await arena().get(params.id);
      const missing = () =>
        gatewayError('arena_battle_not_found', 'No arena battle with that id in this workspace. / 此工作空间中没有这场对战。', {
          param: 'id',
        });
      // A battle of a workspace the caller cannot see is not confirmed to exist.
      if (!row || (query.workspace_id && query.workspace_id !== row.workspace_id) || !allows(principal, row.workspace_id, 'read'))
        throw missing();
      requireWorkspace(principal, row.workspace_id, 'write');
      return arena().vote(row.workspace_id, row.id, body.winner, actorOf(principal));
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/arena/battles',
    summary: 'List the arena battles of a workspace, newest first (a pending blind battle shows no model names), keyset-paged',
    tag: 'arena',
    query: workspaceQuery.extend({
      source: z.enum(BATTLE_SOURCES).optional().describe('Only battles of this source'),
      limit: z.coerce.number().int().min(1).max(ARENA_LIMITS.pageSize).default(50),
      before: z.string().min(1).max(LIMITS.cursor).optional().describe('next_before of the previous page'),
    }),
    response: z.object({
      object: z.literal('list'),
      data: z.array(battleViewSchema),
      next_before: z.string().nullable().describe('Pass as `before` for the next (older) page; null on the last page'),
    }),
    handler: async ({ principal, query }) => {
      const workspaceId = await workspaceFor(c, principal, query.workspace_id, 'read');
      const before = query.before ? beforeCursor(query.before) : undefined;
      const rows = await arena().list(workspaceId, { limit: query.limit, before, source: query.source });
      const last = rows[rows.length - 1];
      return {
        object: 'list' as const,
        data: rows.map(battleView),
        next_before: rows.length === query.limit && last ? encodeTimeCursor({ createdAt: Number(last.created_at), id: last.id }) : null,
      };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/arena/ratings',
    summary:
      'The arena leaderboard: Bradley–Terry ratings on the Elo scale with bootstrap 95% intervals and ranks, best first (decided battles of one source, or all)',
    tag: 'arena',
    query: workspaceQuery.extend({
      source: z.enum(RATING_SOURCES).default('all'),
      rounds: z.coerce.number().int().min(1).max(MAX_BOOTSTRAP_ROUNDS).default(DEFAULT_BOOTSTRAP_ROUNDS).describe('Bootstrap rounds'),
    }),
    response: z.array(ratingRowSchema),
    handler: async ({ principal, query }) => {
      const workspaceId = await workspaceFor(c, principal, query.workspace_id, 'read');
      return arena().ratings(workspaceId, { source: query.source, rounds: query.rounds });
    },
  });

  // The import takes JSONL text: its own scope, with a text parser for its content types only.
  void c.app.register(async (scope) => {
    scope.addContentTypeParser([...JSONL_TYPES], { parseAs: 'string' }, (_request, body, done) => done(null, body));
    apiRoute(scope, c.routes, {
      method: 'POST',
      url: '/api/arena/import',
      summary:
        'Import battles (member role): JSONL (`application/x-ndjson` or `text/plain`), one battle a line: `model_a`, `model_b`, ' +
        '`winner` (model_a | model_b | tie | both_bad), optional `prompt`, `answer_a`, `answer_b`. Every line is checked: with a bad ' +
        'line nothing is imported (400 invalid_battles listing them) unless skip_invalid=true, which imports the good lines',
      tag: 'arena',
      upload: true,
      query: workspaceQuery.extend({
        skip_invalid: z
          .enum(['true', 'false'])
          .optional()
          .transform((v) => v === 'true')
          .describe('Import the good lines and skip the bad ones'),
      }),
      textBody: {
        contentTypes: JSONL_TYPES,
        schema: z
          .string()
          .max(ARENA_LIMITS.importBytes)
          .describe(`JSONL, at most ${ARENA_LIMITS.importLines} lines and ${ARENA_LIMITS.importBytes / 1024 / 1024} MiB`),
      },
      response: importResultSchema,
      handler: async ({ principal, query, request }) => {
        const workspaceId = await workspaceFor(c, principal, query.workspace_id, 'write');
        const text = request.body ?? '';
        if (typeof text !== 'string')
          throw badRequest(
            'Send the battles as JSONL text (content-type application/x-ndjson). / 请以 JSONL 文本（application/x-ndjson）发送对战数据。',
            null,
            'invalid_body',
          );
        let r;
        try {
          r = await arena().import(workspaceId, text, { skipInvalid: query.skip_invalid, createdBy: actorOf(principal) });
        } catch (err) {
          if (err instanceof EvalInputError) throw badRequest(err.message, null, 'invalid_value');
          throw err;
        }
        const errors = r.errors.map((e) => ({ line: e.line, message: `${e.en} / ${e.zh}` }));
        if (r.invalid > 0 && !query.skip_invalid) {
          const listed = r.errors.slice(0, LINES_IN_MESSAGE).map(lineMessage).join('; ');
          const more = r.invalid > LINES_IN_MESSAGE ? `; … (${r.invalid} bad lines in all / 共 ${r.invalid} 行有误)` : '';
          throw gatewayError('invalid_battles', `Nothing was imported: ${listed}${more}`, { param: 'body' });
        }
        return { imported: r.imported, skipped: r.skipped, errors };
      },
    });
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/arena/judge',
    summary:
      'Start LLM-judge battles (member role): an eval.arena_judge job on the eval queue. Each prompt is answered by its pairs of models ' +
      '(pairs: random — one random pair, default — or all), each pair judged by `judge` in both orders (disagreeing verdicts make a tie). ' +
      'Answers 202 with the job id; its progress is on /api/jobs/{id}',
    tag: 'arena',
    status: 202,
    query: workspaceQuery,
    body: judgeRequestSchema,
    response: z.object({ job_id: z.string() }),
    handler: async ({ principal, query, body }) => {
      const workspaceId = await workspaceFor(c, principal, query.workspace_id, 'write');
      for (const m of [...body.models, body.judge])
        if (m.length > ARENA_LIMITS.modelName || !c.rt.routes.lookup(m))
          throw gatewayError('model_not_found', `The model \`${m.slice(0, 100)}\` does not exist. / 模型不存在。`, {
            param: 'models',
            status: 400,
            type: 'invalid_request_error',
          });
      try {
        return { job_id: (await arena().judge(workspaceId, body, actorOf(principal))).id };
      } catch (err) {
        if (err instanceof JobInputError) throw badRequest(err.message, err.param, 'invalid_value');
        throw err;
      }
    },
  });
}

/** `before` as the previous page's `next_before` gave it, or a 400 naming it. */
function beforeCursor(s: string): { createdAt: number; id: string } {
  try {
    return decodeTimeCursor(s);
  } catch {
    throw badRequest('Invalid before: pass next_before from the previous page unchanged.', 'before', 'invalid_value');
  }
}

/** An AbortSignal that fires when the client goes away before the stream is complete. */
function gone(reply: FastifyReply): AbortSignal {
  const ac = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) ac.abort(new Error('client disconnected'));
  });
  return ac.signal;
}

function streamBattle(request: FastifyRequest, reply: FastifyReply, events: AsyncGenerator<BattleEvent>): Promise<FastifyReply> {
  return streamResponse(request, reply, events, '', sse, undefined);
}
