import type { ChatRequest } from '../core/chat-types.js';
import { gatewayError } from '../core/error-codes.js';
import { badRequest, forbidden, GatewayError } from '../core/errors.js';
import type { KeyPolicy } from '../core/key-policy.js';
import { runTimeSliced } from '../core/time-sliced.js';
import type { ChatOutcome, StreamOutcome } from '../gateway/gateway-outcomes.js';
import type { RequestContext } from '../gateway/request-context.js';
import type { JobQueue, JobRecord } from '../jobs/job-types.js';
import { newId } from '../security/tokens.js';
import type { ArenaBattleRow, ArenaCounts, ArenaCursor, ArenaRepository } from '../store/arena-repository.js';
import { bothSides, emptyAnswer } from './arena-blind.js';
import { parseBattleLines } from './arena-import.js';
import { ARENA_JUDGE_JOB, registerArenaJudgeJob, type JudgeJobInput, type JudgeRequest } from './arena-judge-job.js';
import { arenaPool, drawPair, type PoolSource } from './arena-pool.js';
import { ArenaRatings, type RatingOptions } from './arena-ratings.js';
import { ARENA_LIMITS, type BattleEvent, type BattleSource, type ImportResult, type VoteResult } from './arena-types.js';
import type { BattleWinner, ArenaRating } from './bradley-terry.js';
import { ensureEvalKey, EVAL_KEY_NAME, keyCallContext, keyPolicyById, type EvalKeyStore } from './eval-key.js';
import type { EvalDatasetService } from './dataset-service.js';
import { EvalInputError } from './eval-input-error.js';

export interface ArenaServiceDeps {
  repo: ArenaRepository;
  jobs: JobQueue;
  /** The key store: every model call is made with the workspace's evaluation key (`baimo-eval`). */
  keys: EvalKeyStore;
  chat(req: ChatRequest, ctx: RequestContext): Promise<ChatOutcome>;
  stream(req: ChatRequest, ctx: RequestContext): Promise<StreamOutcome>;
  /** The live model config and listings the candidate pool is drawn from. */
  pool(): PoolSource;
  /** Whether a model name routes anywhere (an alias or `provider/model`). */
  known(model: string): boolean;
  /** Stored datasets, for judge jobs that take their prompts from one. */
  datasets?: Pick<EvalDatasetService, 'resolve' | 'loadItems'>;
  random?: () => number;
}

/** A blind battle to fight: the prompt and, optionally, the two models (else two random ones of the pool). */
export interface BattleInput {
  prompt: string;
  models?: [string, string];
}

/** A blind battle's models (`a` on side A) and the evaluation key's policy the calls are made with. */
export interface PreparedBattle {
  a: string;
  b: string;
  policy: KeyPolicy;
}

const battleNotFound = () =>
  gatewayError('arena_battle_not_found', 'No arena battle with that id in this workspace. / 此工作空间中没有这场对战。', { param: 'id' });

/**
 * The arena (issue 19): blind battles between two anonymous models (streamed side by side, stored
 * pending until a person votes, the names revealed only by the vote), battles imported from JSONL or
 * fought by an LLM judge (`eval.arena_judge` jobs on the `eval` queue), and Bradley–Terry ratings of
 * them all (arena-ratings.ts). Every model call goes through the gateway with the workspace's
 * evaluation key, so its limits, allow-list, policies and request log apply.
 */
export class ArenaService {
  private readonly ratingsCache: ArenaRatings;

  constructor(private readonly d: ArenaServiceDeps) {
    this.ratingsCache = new ArenaRatings(d.repo);
    registerArenaJudgeJob(d.jobs, {
      repo: d.repo,
      keys: d.keys,
      chat: d.chat,
      added: (ws) => this.ratingsCache.invalidate(ws),
      datasetItems: d.datasets ? (id, version) => d.datasets!.loadItems(id, version) : undefined,
    });
  }

  // ---- ratings ----

  /** The workspace's leaderboard: Bradley–Terry ratings with bootstrap 95% intervals and ranks, best first. */
  ratings(workspaceId: string, opts: RatingOptions = {}): Promise<ArenaRating[]> {
    return this.ratingsCache.ratings(workspaceId, opts);
  }

  counts(workspaceId: string): Promise<ArenaCounts> {
    return this.d.repo.counts(workspaceId);
  }

  // ---- battles ----

  get(id: string): Promise<ArenaBattleRow | undefined> {
    return this.d.repo.get(id);
  }

  list(workspaceId: string, opts: { limit: number; before?: ArenaCursor; source?: BattleSource }): Promise<ArenaBattleRow[]> {
    return this.d.repo.list(workspaceId, { ...opts, limit: Math.min(Math.max(1, opts.limit), ARENA_LIMITS.pageSize) });
  }

  /**
   * The policy of the workspace's evaluation key (created when missing). A key that cannot be used
   * (revoked, disabled, expired) is a 403 here: the caller is signed in; the key is what is refused.
   */
  async evalKey(workspaceId: string): Promise<KeyPolicy> {
    const keyId = await ensureEvalKey({ keys: this.d.keys }, workspaceId);
    try {
      return await keyPolicyById(this.d.keys, keyId);
    } catch (err) {
      if (err instanceof GatewayError && err.status === 401)
        throw forbidden(
          `The workspace's evaluation key (${EVAL_KEY_NAME}, ${keyId}) cannot be used: ${err.message} / 工作空间的评测密钥不可用。`,
          'permission_denied',
        );
      throw err;
    }
  }

  /** The models a blind battle in this workspace draws from (the evaluation key's allow-list applied). */
  async pool(workspaceId: string): Promise<string[]> {
    const policy = await this.evalKey(workspaceId);
    return arenaPool(this.d.pool(), (m) => policy.models?.matches(m) ?? true);
  }

  /**
   * Checks a blind battle's input and picks its models (sides at random) before anything is streamed:
   * a bad prompt, unknown models, or a pool of fewer than two models is a 400 here.
   */
  async prepareBattle(workspaceId: string, input: BattleInput): Promise<PreparedBattle> {
    if (typeof input.prompt !== 'string' || input.prompt.trim() === '')
      throw badRequest('The prompt is empty. / 提示词为空。', 'prompt', 'missing_required_parameter');
    if (input.prompt.length > ARENA_LIMITS.prompt)
      throw badRequest(
        `The prompt is longer than ${ARENA_LIMITS.prompt} characters. / 提示词超过 ${ARENA_LIMITS.prompt} 个字符。`,
        'prompt',
        'invalid_value',
      );
    const random = this.d.random ?? Math.random;
    if (input.models) {
      const [x, y] = input.models;
      if (x === y) throw badRequest('The two models must be different. / 两个模型必须不同。', 'models', 'invalid_value');
      for (const m of [x, y])
        if (m.length > ARENA_LIMITS.modelName || !this.d.known(m))
          throw gatewayError('model_not_found', `The model \`${m.slice(0, 100)}\` does not exist. / 模型不存在。`, {
            param: 'models',
            status: 400,
            type: 'invalid_request_error',
          });
      const policy = await this.evalKey(workspaceId);
      return random() < 0.5 ? { a: x, b: y, policy } : { a: y, b: x, policy };
    }
    const policy = await this.evalKey(workspaceId);
    const pair = drawPair(
      arenaPool(this.d.pool(), (m) => policy.models?.matches(m) ?? true),
      random,
    );
    if (!pair)
      throw gatewayError(
        'arena_models_unavailable',
        'The arena needs at least two chat models the evaluation key may call: configure them, or list them in arena.models. / ' +
          '竞技场至少需要两个评测密钥可调用的对话模型：请先配置模型，或在 arena.models 中列出。',
        { param: 'models' },
      );
    return { a: pair[0], b: pair[1], policy };
  }

  /**
   * A blind battle, as events: `battle` {id}, then both answers streamed at once (`delta` {side,
   * text}, `done` or `error` per side), then `end`. No event names a model. Once both sides answered
   * the battle is stored pending (winner null) with both answers, before `end`; a side that failed
   * leaves nothing to vote on (nothing is stored). Closing the generator early (the client went away)
   * cancels both calls and stores nothing. `models` comes from {@link prepareBattle}.
   */
  async *battle(
    workspaceId: string,
    prompt: string,
    models: PreparedBattle,
    opts: { createdBy: string | null; signal?: AbortSignal },
  ): AsyncGenerator<BattleEvent> {
    const id = newId('battle');
    const policy = models.policy;
    const stop = new AbortController();
    const onAbort = () => stop.abort(opts.signal?.reason);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const calls = (['a', 'b'] as const).map((s) => keyCallContext(policy, { requestId: `${id}-${s}`, signal: stop.signal }));
    const answers = { a: emptyAnswer(), b: emptyAnswer() };
    const open = (model: string, i: number) => () =>
      this.d.stream(
        { model, messages: [{ role: 'user', content: prompt }], stream: true, stream_options: { include_usage: true } },
        calls[i]!.ctx,
      );
    let finished = false;
    try {
      yield { event: 'battle', data: { id } };
      yield* bothSides(open(models.a, 0), open(models.b, 1), answers);
      if (!answers.a.error && !answers.b.error && !stop.signal.aborted) {
        const now = Date.now();
        await this.d.repo.insert({
          id,
          workspace_id: workspaceId,
          model_a: models.a,
          model_b: models.b,
          winner: null,
          source: 'vote',
          prompt,
          answer_a: answers.a.text,
          answer_b: answers.b.text,
          detail: '{}',
          created_by: opts.createdBy,
          created_at: now,
          voted_at: null,
        });
      }
      finished = true;
      yield { event: 'end', data: {} };
    } finally {
      if (!finished) stop.abort(new Error('the battle was closed early'));
      opts.signal?.removeEventListener('abort', onAbort);
      for (const c of calls) c.done();
    }
  }

  /**
   * Decides a pending blind battle and reveals its models. 404 for a battle of another workspace (or
   * none); 409 `arena_already_voted` when it has a winner already (of two votes at once, one wins).
   */
  async vote(workspaceId: string, battleId: string, winner: BattleWinner, votedBy: string | null): Promise<VoteResult> {
    const row = await this.d.repo.get(battleId);
    if (!row || row.workspace_id !== workspaceId) throw battleNotFound();
    const already = () =>
      gatewayError('arena_already_voted', 'This battle has been voted on already. / 这场对战已经投过票了。', { param: 'id' });
    if (row.winner !== null) throw already();
    const detail = JSON.stringify({ voted_by: votedBy });
    if (!(await this.d.repo.vote(battleId, winner, Date.now(), detail))) throw already();
    this.ratingsCache.invalidate(workspaceId);
    return { id: row.id, model_a: row.model_a, model_b: row.model_b, winner };
  }

  // ---- import ----

  /**
   * Imports battles from JSONL text (arena-import.ts): every line checked, bad ones reported by number.
   * With a bad line nothing is imported unless `skipInvalid` (then the good lines are, and the bad ones
   * counted as skipped); check `invalid` in the result. Stored with source `import`, decided, in one
   * transaction. A text too large or too long is an EvalInputError.
   */
  async import(
    workspaceId: string,
    text: string,
    opts: { skipInvalid?: boolean; createdBy: string | null; file?: string },
  ): Promise<ImportResult> {
    const parsed = await runTimeSliced(parseBattleLines(text, opts.file));
    const result: ImportResult = { imported: 0, skipped: 0, errors: parsed.errors, invalid: parsed.invalid };
    if (parsed.invalid > 0 && !opts.skipInvalid) return result;
    if (parsed.battles.length === 0 && parsed.invalid === 0)
      throw new EvalInputError('there are no battles in it (one JSON object per line)', '其中没有对战（每行一个 JSON 对象）', {
        source: opts.file,
      });
    const now = Date.now();
    const rows: ArenaBattleRow[] = parsed.battles.map((b) => ({
      id: newId('battle'),
      workspace_id: workspaceId,
      model_a: b.model_a,
      model_b: b.model_b,
      winner: b.winner,
      source: 'import',
      prompt: b.prompt,
      answer_a: b.answer_a,
      answer_b: b.answer_b,
      detail: JSON.stringify(opts.file ? { file: opts.file, line: b.line } : { line: b.line }),
      created_by: opts.createdBy,
      created_at: now,
      voted_at: now,
    }));
    result.imported = await this.d.repo.insertMany(rows);
    result.skipped = parsed.invalid;
    if (result.imported > 0) this.ratingsCache.invalidate(workspaceId);
    return result;
  }

  // ---- LLM-judge battles ----

  /**
   * Starts an `eval.arena_judge` job (arena-judge-job.ts) for the workspace: on `prompts`, or on the
   * inputs of a stored QA or judge dataset (`name` or `name@version`, pinned to the version resolved
   * now; 404 `dataset_not_found`, 400 for another type). Exactly one of the two.
   */
  async judge(workspaceId: string, req: JudgeRequest, createdBy: string): Promise<JobRecord> {
    const { dataset, limit, ...rest } = req;
    if ((req.prompts === undefined) === (dataset === undefined))
      throw badRequest('Give either prompts or a dataset. / 请给出 prompts 或 dataset 之一。', 'prompts', 'invalid_value');
    if (limit !== undefined && dataset === undefined)
      throw badRequest('limit applies to a dataset. / limit 仅用于数据集。', 'limit', 'invalid_value');
    const input: JudgeJobInput = { ...rest, workspace_id: workspaceId };
    if (dataset !== undefined) {
      const m = /^(.+?)(?:@(\d{1,9}))?$/.exec(dataset)!;
      if (!this.d.datasets) throw badRequest('Datasets are not available here.', 'dataset', 'invalid_value');
      const resolved = await this.d.datasets.resolve(workspaceId, { name: m[1]!, version: m[2] === undefined ? undefined : Number(m[2]) });
      if (resolved.type !== 'qa' && resolved.type !== 'judge')
        throw badRequest(
          `The dataset ${resolved.dataset.name} is a ${resolved.type} dataset; judge battles take a QA or judge dataset. / 评审对战需要问答或评审数据集。`,
          'dataset',
          'invalid_value',
        );
      input.dataset = {
        id: resolved.dataset.id,
        name: resolved.dataset.name,
        version: resolved.version,
        limit: limit ?? ARENA_LIMITS.judgePrompts,
      };
    }
    return this.d.jobs.enqueue(ARENA_JUDGE_JOB, input, { workspaceId, createdBy });
  }
}
