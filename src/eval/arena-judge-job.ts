import { createHash } from 'node:crypto';
import { z } from 'zod';
import { toGatewayError } from '../core/errors.js';
import type { ChatRequest } from '../core/chat-types.js';
import type { ChatOutcome } from '../gateway/gateway-outcomes.js';
import type { RequestContext } from '../gateway/request-context.js';
import { PermanentJobError, type JobContext, type JobQueue } from '../jobs/job-types.js';
import type { ArenaBattleRow, ArenaRepository } from '../store/arena-repository.js';
import { AimdLane } from './aimd-lane.js';
import { drawPair } from './arena-pool.js';
import { ARENA_LIMITS } from './arena-types.js';
import { ensureEvalKey, keyPolicyById, type EvalKeyStore } from './eval-key.js';
import { gatewayCaller, isFatalForModel } from './gateway-caller.js';
import type { CallModel, ModelAnswer } from './item-outcome.js';
import { combineVerdicts, pairwiseMessages, parsePairwiseVerdict } from './pairwise-prompt.js';
import { seededRng } from './seeded-rng.js';

/** The queue evaluation jobs run on (`baimo worker --queues eval`). */
export const EVAL_QUEUE = 'eval';
export const ARENA_JUDGE_JOB = 'eval.arena_judge';
/** Prompts worked at once by one job. */
const PROMPTS_AT_ONCE = 4;
/** Calls of one model (or of the judge) at once. */
const CALLS_PER_MODEL = 4;
/** Per call. */
const CALL_TIMEOUT_MS = 120_000;

const modelName = z.string().trim().min(1).max(ARENA_LIMITS.modelName);

/** `eval.arena_judge` input: prompts, the models compared (≥ 2), the judge model, which pairs per prompt. */
export const judgeJobInput = z
  .object({
    workspace_id: z.string().min(1).max(100),
    /** The prompts; or, instead, `dataset`. */
    prompts: z.array(z.string().trim().min(1).max(ARENA_LIMITS.judgePrompt)).min(1).max(ARENA_LIMITS.judgePrompts).optional(),
    /** A stored QA or judge dataset, its version pinned: the `input` of its first `limit` items are the prompts. */
    dataset: z
      .object({
        id: z.string().min(1).max(100),
        name: z.string().min(1).max(100),
        version: z.number().int().min(1),
        limit: z.number().int().min(1).max(ARENA_LIMITS.judgePrompts),
      })
      .strict()
      .optional(),
    models: z
      .array(modelName)
      .min(2)
      .max(ARENA_LIMITS.judgeModels)
      .refine((m) => new Set(m).size === m.length, 'the models must be different'),
    judge: modelName,
    /** `random` (default): one random pair of the models per prompt; `all`: every pair. */
    pairs: z.enum(['random', 'all']).default('random'),
    /** The language of the judge's instructions (default zh). */
    language: z.enum(['zh', 'en']).default('zh'),
  })
  .strict()
  .refine((i) => (i.prompts === undefined) !== (i.dataset === undefined), {
    message: 'give either prompts or a dataset',
    path: ['prompts'],
  });
export type JudgeJobInput = z.infer<typeof judgeJobInput>;

/**
 * What `POST /api/arena/judge` takes: the job's input without its workspace, and a dataset named as
 * suites name one (`name` or `name@version`), resolved to a pinned version when the job is enqueued.
 */
export const judgeRequestSchema = z
  .object({
    prompts: z
      .array(z.string().trim().min(1).max(ARENA_LIMITS.judgePrompt))
      .min(1)
      .max(ARENA_LIMITS.judgePrompts)
      .optional()
      .describe('The prompts (or a dataset instead)'),
    dataset: z
      .string()
      .min(1)
      .max(112)
      .optional()
      .describe('A stored QA or judge dataset, `name` or `name@version`: the inputs of its first `limit` items are the prompts'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(ARENA_LIMITS.judgePrompts)
      .optional()
      .describe('Items of the dataset used (default and most: 1,000)'),
    models: z
      .array(modelName)
      .min(2)
      .max(ARENA_LIMITS.judgeModels)
      .refine((m) => new Set(m).size === m.length, 'the models must be different')
      .describe('The models compared (aliases or provider/model), all different'),
    judge: modelName.describe('The judge model'),
    pairs: z.enum(['random', 'all']).default('random').describe('random: one random pair of the models per prompt; all: every pair'),
    language: z.enum(['zh', 'en']).default('zh').describe("The language of the judge's instructions"),
  })
  .strict();
export type JudgeRequest = z.infer<typeof judgeRequestSchema>;

/** Where a job's prompts come from when it names a dataset: its items, in order. */
export type DatasetPrompts = (datasetId: string, version: number) => AsyncIterable<{ data: unknown }>;

export interface JudgeJobResult {
  /** Pairs planned: prompts × pairs per prompt. */
  pairs: number;
  /** Battles stored by this run of the job. */
  judged: number;
  /** Pairs stored by an earlier run (a resumed job). */
  skipped: number;
  /** Pairs that failed (an answer or a judgement). */
  errors: number;
}

export interface JudgeJobDeps {
  repo: Pick<ArenaRepository, 'insert' | 'existingIds'>;
  keys: EvalKeyStore;
  chat(req: ChatRequest, ctx: RequestContext): Promise<ChatOutcome>;
  /** A battle was stored (the ratings cache of its workspace is out of date). */
  added(workspaceId: string): void;
  /** The items of a stored dataset version (jobs that name a dataset). */
  datasetItems?: DatasetPrompts;
}

/** One pair of one prompt, `a` on side A. */
interface PlannedPair {
  prompt: number;
  a: string;
  b: string;
  id: string;
}

/** A judged battle's id: the same for the same job, prompt and pair, so a resumed job skips what it stored. */
export function judgeBattleId(jobId: string, prompt: number, a: string, b: string): string {
  const h = createHash('sha256').update(`${jobId}\n${prompt}\n${a}\n${b}`).digest('base64url');
  return `battle_j${h.slice(0, 24)}`;
}

/** The pairs of every prompt, drawn from a generator seeded by the job id: the same on every run of the job. */
export function planPairs(jobId: string, prompts: readonly string[], input: Pick<JudgeJobInput, 'models' | 'pairs'>): PlannedPair[] {
  const seed = createHash('sha256').update(jobId).digest().readUInt32BE(0);
  const rng = seededRng(seed);
  const out: PlannedPair[] = [];
  prompts.forEach((_, prompt) => {
    const pairs: Array<[string, string]> = [];
    if (input.pairs === 'all') {
      for (let i = 0; i < input.models.length; i++)
        for (let j = i + 1; j < input.models.length; j++)
          pairs.push(rng() < 0.5 ? [input.models[i]!, input.models[j]!] : [input.models[j]!, input.models[i]!]);
    } else pairs.push(drawPair(input.models, rng)!);
    for (const [a, b] of pairs) out.push({ prompt, a, b, id: judgeBattleId(jobId, prompt, a, b) });
  });
  return out;
}

/** Registers `eval.arena_judge` on the `eval` queue. */
export function registerArenaJudgeJob(jobs: JobQueue, deps: JudgeJobDeps): void {
  jobs.register<JudgeJobInput, JudgeJobResult>({
    queue: EVAL_QUEUE,
    name: ARENA_JUDGE_JOB,
    maxAttempts: 3,
    backoffMs: 5_000,
    concurrency: 2,
    timeoutMs: 6 * 3_600_000,
    input: judgeJobInput,
    handler: (ctx) => judgeBattles(deps, ctx),
  });
}

const cut = (s: string, max: number): string => (s.length <= max ? s : s.slice(0, max));

/**
 * LLM-judge battles: for each prompt its planned pairs (one random pair, or all); each model answers
 * the prompt once (shared by its pairs), then the judge model compares the two answers twice, in both
 * orders ({@link pairwiseMessages}); agreeing verdicts decide, disagreeing ones make a tie. Each pair
 * is stored as a battle of source `judge` with the judge's model, prompt and raw verdicts in its
 * detail. Every call goes through the gateway with the workspace's evaluation key (its limits wait
 * out 429s, transient failures are retried). Resumable: battle ids are derived from the job, the
 * prompt and the pair, and pairs already stored are skipped. Pairs that failed make the job fail
 * (and be retried, which redoes only them); an error every call would repeat fails it for good.
 */
async function judgeBattles(deps: JudgeJobDeps, ctx: JobContext<JudgeJobInput>): Promise<JudgeJobResult> {
  const input = ctx.input;
  const workspaceId = input.workspace_id;
  if (ctx.workspaceId !== workspaceId) throw new PermanentJobError('the job belongs to another workspace than its input names');
  const prompts = input.prompts ?? (await datasetPrompts(deps, input.dataset!));
  const plan = planPairs(ctx.id, prompts, input);
  const stored = await deps.repo.existingIds(plan.map((p) => p.id));
  const todo = plan.filter((p) => !stored.has(p.id));
  const result: JudgeJobResult = { pairs: plan.length, judged: 0, skipped: plan.length - todo.length, errors: 0 };
  const say = () => `judged ${result.judged + result.skipped}/${plan.length} pairs${result.errors ? `, ${result.errors} failed` : ''}`;
  ctx.progress(result.skipped / Math.max(1, plan.length), say());
  if (todo.length === 0) return result;

  const keyId = await ensureEvalKey({ keys: deps.keys }, workspaceId);
  const lanes = new Map<string, AimdLane>();
  const call: CallModel = gatewayCaller({
    chat: deps.chat,
    policy: () => keyPolicyById(deps.keys, keyId),
    parameters: { temperature: 0 },
    timeoutMs: CALL_TIMEOUT_MS,
    signal: ctx.signal,
    lane: (model, purpose) => {
      const k = `${purpose}:${model}`;
      let lane = lanes.get(k);
      if (!lane) lanes.set(k, (lane = new AimdLane(CALLS_PER_MODEL)));
      return lane;
    },
  });

  let firstError: unknown;
  const byPrompt = new Map<number, PlannedPair[]>();
  for (const p of todo) byPrompt.set(p.prompt, [...(byPrompt.get(p.prompt) ?? []), p]);
  const queue = [...byPrompt.keys()];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      ctx.signal.throwIfAborted();
      const question = prompts[next]!;
      // Each model answers the prompt once, whatever number of its pairs.
      const answers = new Map<string, Promise<ModelAnswer>>();
      const answer = (model: string): Promise<ModelAnswer> => {
        let a = answers.get(model);
        if (!a) {
          a = call(model, [{ role: 'user', content: question }], 'answer');
          a.catch(() => undefined);
          answers.set(model, a);
        }
        return a;
      };
      for (const pair of byPrompt.get(next)!) {
        try {
          const row = await judgePair(call, input, workspaceId, ctx.id, question, pair, answer);
          if (await deps.repo.insert(row)) {
            result.judged++;
            deps.added(workspaceId);
          } else result.skipped++;
        } catch (err) {
          if (ctx.signal.aborted) throw ctx.signal.reason;
          result.errors++;
          firstError ??= err;
        }
        ctx.progress((result.judged + result.skipped + result.errors) / plan.length, say());
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PROMPTS_AT_ONCE, queue.length) }, worker));
  if (result.errors > 0) {
    const e = toGatewayError(firstError);
    const message = `${result.errors} of ${todo.length} pairs failed (${e.code ?? e.type}: ${e.message.slice(0, 300)}); ${result.judged} judged`;
    // Nothing judged and an error every call would repeat (an unknown model, the key refused): no retry.
    if (result.judged === 0 && isFatalForModel(e)) throw new PermanentJobError(message);
    throw new Error(message);
  }
  return result;
}

/** The `input` of the first `limit` items of the pinned dataset version (QA and judge items have one). */
async function datasetPrompts(deps: JudgeJobDeps, d: NonNullable<JudgeJobInput['dataset']>): Promise<string[]> {
  if (!deps.datasetItems) throw new PermanentJobError('datasets cannot be read here');
  const out: string[] = [];
  for await (const item of deps.datasetItems(d.id, d.version)) {
    const text = (item.data as { input?: unknown }).input;
    if (typeof text === 'string' && text.trim() !== '') out.push(text.slice(0, ARENA_LIMITS.prompt));
    if (out.length >= d.limit) break;
  }
  if (out.length === 0) throw new PermanentJobError(`the dataset ${d.name}@${d.version} has no items with an input`);
  return out;
}

/** An unusable verdict: the judge's reply has no `[[A]]`, `[[B]]` or `[[C]]`. */
class VerdictUnparsed extends Error {
  constructor() {
    super("The judge's reply has no verdict ([[A]], [[B]] or [[C]]).");
    this.name = 'VerdictUnparsed';
  }
}

async function judgePair(
  call: CallModel,
  input: JudgeJobInput,
  workspaceId: string,
  jobId: string,
  question: string,
  pair: PlannedPair,
  answer: (model: string) => Promise<ModelAnswer>,
): Promise<ArenaBattleRow> {
  const [a, b] = await Promise.all([answer(pair.a), answer(pair.b)]);
  const language = input.language;
  const first = pairwiseMessages({ question, answerA: a.content, answerB: b.content, language });
  const swapped = pairwiseMessages({ question, answerA: b.content, answerB: a.content, language });
  const [j1, j2] = await Promise.all([call(input.judge, first, 'judge'), call(input.judge, swapped, 'judge')]);
  const v1 = parsePairwiseVerdict(j1.content);
  const v2 = parsePairwiseVerdict(j2.content);
  if (!v1 || !v2) throw new VerdictUnparsed();
  const detail = {
    judge_model: input.judge,
    language,
    // The first order's messages (the second swaps the answers); the verdicts of both orders.
    prompt: first,
    raw: { first: cut(j1.content, ARENA_LIMITS.judgeRaw), swapped: cut(j2.content, ARENA_LIMITS.judgeRaw) },
    verdicts: { first: v1, swapped: v2 },
    job_id: jobId,
    prompt_index: pair.prompt,
    request_ids: { answer_a: a.requestId, answer_b: b.requestId, judge_first: j1.requestId, judge_swapped: j2.requestId },
  };
  return {
    id: pair.id,
    workspace_id: workspaceId,
    model_a: pair.a,
    model_b: pair.b,
    winner: combineVerdicts(v1, v2),
    source: 'judge',
    prompt: question,
    answer_a: cut(a.content, ARENA_LIMITS.answer),
    answer_b: cut(b.content, ARENA_LIMITS.answer),
    detail: JSON.stringify(detail),
    created_by: `job:${jobId}`,
    created_at: Date.now(),
    voted_at: Date.now(),
  };
}
