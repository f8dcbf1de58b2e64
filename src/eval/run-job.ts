import { setMaxListeners } from 'node:events';
import { z } from 'zod';
import type { ChatRequest } from '../core/chat-types.js';
import { GatewayError } from '../core/errors.js';
import type { KeyPolicy } from '../core/key-policy.js';
import type { ChatOutcome } from '../gateway/gateway-outcomes.js';
import type { RequestContext } from '../gateway/request-context.js';
import { JobStopped } from '../jobs/job-run.js';
import { PermanentJobError, type JobContext, type JobQueue } from '../jobs/job-types.js';
import type { EvalDatasetRepository } from '../store/eval-dataset-repository.js';
import type { EvalRunRepository } from '../store/eval-run-repository.js';
import type { EvalRunItemTable, EvalRunTable } from '../store/schema.js';
import { AimdLane } from './aimd-lane.js';
import { ensureEvalKey, keyPolicyById, type EvalKeyStore } from './eval-key.js';
import { EvalInputError } from './eval-input-error.js';
import { gatewayCaller } from './gateway-caller.js';
import type { ItemOutcome } from './item-outcome.js';
import { ItemWriter } from './item-writer.js';
import { RunProgress } from './run-progress.js';
import { loadRunPlan, type PlannedItem, type StoredItem } from './run-plan.js';
import { runResults, storedSuite } from './run-results.js';
import { workModel, type RunWork } from './run-worker.js';

/** The queue evaluation work runs on (`baimo worker --queues eval`). */
export const EVAL_QUEUE = 'eval';
export const EVAL_RUN_JOB = 'eval.run';
/** Runs of one job before it fails for good (a killed process's run counts as one). */
export const EVAL_RUN_ATTEMPTS = 5;
/** How long a run's key policy is used before it is read again (limits changed mid-run apply). */
const POLICY_TTL_MS = 5_000;
/** Characters of a reply, and of a judge's raw judgement, stored at most. */
const MAX_STORED_CHARS = 65_536;

/** The job id of a run's `n`th job (`n` from 1): a resume makes a new one. */
export const evalRunJobId = (runId: string, n: number): string => `job_evalrun_${runId}_${n}`;

/** The `n` of a run's job id (0 when none). */
export function evalRunRound(jobId: string | null): number {
  const m = jobId ? /_(\d+)$/.exec(jobId) : null;
  return m ? Number(m[1]) : 0;
}

const runInput = z.object({ run_id: z.string().regex(/^evr_[A-Za-z0-9]{1,40}$/) }).strict();
type RunInput = z.infer<typeof runInput>;
type RunJobResult = { run_id: string; status: string; done?: number; errors?: number };

/** What the run job needs: the runs' store, the datasets' rows and items, the gateway's chat call, the keys, the USD rate. */
export interface EvalRunDeps {
  store: Pick<EvalRunRepository, 'getRun' | 'updateRun' | 'recordItems' | 'finishedItemIds' | 'allRunItems'>;
  datasetStore: Pick<EvalDatasetRepository, 'getDataset' | 'getVersion'>;
  loadItems(datasetId: string, version: number): AsyncIterable<StoredItem>;
  chat(req: ChatRequest, ctx: RequestContext): Promise<ChatOutcome>;
  keys: EvalKeyStore;
  usdCny(): number;
}

/** Registers `eval.run` on the `eval` queue: one job per run start or resume, input `{run_id}`. */
export function registerEvalRunJob(jobs: JobQueue, deps: EvalRunDeps): void {
  jobs.register<RunInput, RunJobResult>({
    queue: EVAL_QUEUE,
    name: EVAL_RUN_JOB,
    maxAttempts: EVAL_RUN_ATTEMPTS,
    backoffMs: 5_000,
    concurrency: 2,
    timeoutMs: 7 * 86_400_000,
    input: runInput,
    handler: (ctx) => runEval(deps, ctx),
  });
}

/**
 * One run of an evaluation: queued → running → completed (failed when it cannot go on, cancelled when
 * its job is). Every model × item not finished yet is worked (finishedItemIds: a run killed midway
 * resumes where it stopped and never calls a finished item again), all models at once, each at the
 * suite's concurrency, every call through the gateway with the run's key (gateway-caller.ts). Each
 * item is stored as soon as it is finished — items finished together share a transaction
 * (item-writer.ts; recordItems moves the run's counters) — and a worker takes its next item only once
 * its last one is stored. Job progress reads `model: done/total` per model, at most twice a second.
 * Once all are finished the summary is computed from the items and stored with the run.
 */
async function runEval(deps: EvalRunDeps, ctx: JobContext<RunInput>): Promise<RunJobResult> {
  const runId = ctx.input.run_id;
  const run = await deps.store.getRun(runId);
  if (!run) return { run_id: runId, status: 'deleted' };
  if (run.job_id !== ctx.id) return { run_id: runId, status: 'superseded' };
  if (run.status === 'completed' || run.status === 'cancelled') return { run_id: runId, status: run.status };
  try {
    await deps.store.updateRun(runId, { status: 'running', started_at: run.started_at ?? Date.now(), finished_at: null, error: null });
    return await work(deps, ctx, run);
  } catch (err) {
    if (ctx.signal.aborted) {
      const reason = ctx.signal.reason instanceof JobStopped ? ctx.signal.reason.reason : undefined;
      if (reason === 'cancelled') await settle(deps, runId, 'cancelled', null);
      else if (reason === 'timeout') await settle(deps, runId, 'failed', 'The run took longer than its job may run.');
      throw err;
    }
    if (err instanceof EvalInputError || (err instanceof GatewayError && err.status < 500)) {
      // The dataset or the key is gone, or the key can no longer be used: retrying cannot help.
      await settle(deps, runId, 'failed', err.message);
      throw new PermanentJobError(err.message);
    }
    if (ctx.attempt >= EVAL_RUN_ATTEMPTS)
      await settle(deps, runId, 'failed', `The run failed: ${(err as Error).message}`).catch(() => undefined);
    throw err;
  }
}

async function work(deps: EvalRunDeps, ctx: JobContext<RunInput>, run: EvalRunTable): Promise<RunJobResult> {
  // Every call, wait and lane listens for the job's end: one signal of the run's own carries them all.
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  const onAbort = () => stop.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await workWith(deps, ctx, run, stop.signal);
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

async function workWith(deps: EvalRunDeps, ctx: JobContext<RunInput>, run: EvalRunTable, signal: AbortSignal): Promise<RunJobResult> {
  const suite = storedSuite(run);
  const plan = await loadRunPlan(
    {
      getDataset: (id) => deps.datasetStore.getDataset(id),
      getVersion: (id, v) => deps.datasetStore.getVersion(id, v),
      loadItems: deps.loadItems,
    },
    suite,
    run.dataset_id,
    run.dataset_version,
  );
  const keyId = run.key_id ?? (await ensureEvalKey(deps, run.workspace_id));
  const policy = cachedPolicy(deps.keys, keyId);
  await policy(); // a key gone or unusable fails the run before anything is called

  const lanes = new Map<string, AimdLane>();
  const judgeWidth = suite.concurrency * suite.models.length;
  const lane = (model: string, purpose: 'answer' | 'judge') => {
    const k = `${purpose}:${model}`;
    let l = lanes.get(k);
    if (!l) lanes.set(k, (l = new AimdLane(purpose === 'judge' ? judgeWidth : suite.concurrency)));
    return l;
  };
  const call = gatewayCaller({
    chat: deps.chat,
    policy,
    parameters: suite.parameters,
    timeoutMs: suite.timeout_s * 1000,
    signal,
    lane,
  });

  const todo = new Map<string, PlannedItem[]>();
  const progress = new RunProgress(suite.models, plan.items.length, (f, m) => ctx.progress(f, m));
  for (const model of suite.models) {
    const finished = await deps.store.finishedItemIds(run.id, model);
    todo.set(
      model,
      plan.items.filter((i) => !finished.has(i.itemId)),
    );
    progress.start(model, plan.items.length - todo.get(model)!.length);
  }
  progress.report(true);

  const writer = new ItemWriter((rows: EvalRunItemTable[]) => deps.store.recordItems(run.id, rows));
  const shared: RunWork = {
    plan,
    call,
    concurrency: suite.concurrency,
    signal,
    record: async (model, item, outcome) => {
      await writer.add(itemRow(run.id, model, item, outcome));
      progress.finished(model);
    },
  };
  let halts;
  try {
    halts = await Promise.all(suite.models.map((m) => workModel(m, todo.get(m)!, shared)));
    progress.report(true);
  } finally {
    progress.stop();
  }

  const results = await runResults(deps.store.allRunItems(run.id), run, deps.usdCny());
  const stopped = [...halts.filter((h) => h !== undefined).map((h) => h!.message), ...(shared.judgeHalt ? [shared.judgeHalt.message] : [])];
  const note = stopped.length ? `Stopped calling: ${stopped.join('; ')}`.slice(0, 2000) : null;
  const now = await deps.store.getRun(run.id);
  if (!now || now.status === 'cancelled') return { run_id: run.id, status: now ? 'cancelled' : 'deleted' };
  await deps.store.updateRun(run.id, { status: 'completed', finished_at: Date.now(), summary: JSON.stringify(results), error: note });
  return {
    run_id: run.id,
    status: 'completed',
    done: results.reduce((n, r) => n + r.done, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
  };
}

/** Moves a run that is still queued or running to its end state. */
async function settle(deps: EvalRunDeps, runId: string, status: 'failed' | 'cancelled', error: string | null): Promise<void> {
  const run = await deps.store.getRun(runId);
  if (!run || (run.status !== 'running' && run.status !== 'queued')) return;
  await deps.store.updateRun(runId, { status, finished_at: Date.now(), ...(error === null ? {} : { error: error.slice(0, 2000) }) });
}

/** The key's policy, read again every {@link POLICY_TTL_MS} (concurrent callers share one read). */
function cachedPolicy(keys: EvalKeyStore, keyId: string): () => Promise<KeyPolicy> {
  let value: { policy: KeyPolicy; at: number } | undefined;
  let reading: Promise<KeyPolicy> | undefined;
  return () => {
    if (value && Date.now() - value.at < POLICY_TTL_MS) return Promise.resolve(value.policy);
    reading ??= keyPolicyById(keys, keyId)
      .then((policy) => {
        value = { policy, at: Date.now() };
        return policy;
      })
      .finally(() => (reading = undefined));
    return reading;
  };
}

function itemRow(runId: string, model: string, item: PlannedItem, o: ItemOutcome): EvalRunItemTable {
  return {
    run_id: runId,
    model,
    item_id: item.itemId,
    seq: item.seq,
    subject: item.subject,
    status: o.status,
    score: o.score,
    detail: JSON.stringify(o.detail, (k, v: unknown) => (k === 'raw' && typeof v === 'string' ? v.slice(0, MAX_STORED_CHARS) : v)),
    reply: o.reply === null ? null : o.reply.slice(0, MAX_STORED_CHARS),
    error_code: o.errorCode,
    error_message: o.errorMessage,
    prompt_tokens: o.promptTokens,
    completion_tokens: o.completionTokens,
    cost: o.cost,
    currency: o.currency,
    cost_cny: o.costCny,
    latency_ms: o.latencyMs,
    attempts: o.attempts,
    request_id: o.requestId,
    finished_at: Date.now(),
  };
}
