import { gatewayError } from '../core/error-codes.js';
import { badRequest } from '../core/errors.js';
import type { JobQueue } from '../jobs/job-types.js';
import { newId } from '../security/tokens.js';
import type { EvalDatasetRepository } from '../store/eval-dataset-repository.js';
import type { EvalRunRepository } from '../store/eval-run-repository.js';
import type { KeyRepository } from '../store/key-repository.js';
import type { EvalRunTable } from '../store/schema.js';
import type { EvalDatasetService } from './dataset-service.js';
import { DATASET_NAME_SOURCE } from './dataset-name.js';
import { ensureEvalKey } from './eval-key.js';
import { EvalInputError } from './eval-input-error.js';
import type { RunItemView, RunReport, RunStatus, RunView } from './eval-types.js';
import { EVAL_RUN_JOB, evalRunJobId, evalRunRound } from './run-job.js';
import { loadRunPlan } from './run-plan.js';
import { runResults, storedSuite } from './run-results.js';
import { runItemView, runView } from './run-views.js';
import type { Suite } from './suite.js';

/** A stored dataset as a suite names it over the API: `name` or `name@version` (no paths: the server reads no files for it). */
const STORED_DATASET = new RegExp(`^(${DATASET_NAME_SOURCE})(?:@(\\d{1,9}))?$`);

/** What the run service needs: the runs' store, the datasets' rows and items, the job queue, the keys, the USD rate. */
export interface EvalRunServiceDeps {
  store: EvalRunRepository;
  datasetStore: Pick<EvalDatasetRepository, 'getDataset' | 'getVersion'>;
  datasets: Pick<EvalDatasetService, 'resolve' | 'loadItems'>;
  jobs: JobQueue;
  keys: Pick<KeyRepository, 'get' | 'list' | 'create' | 'policyById'>;
  usdCny(): number;
}

/** What starts a run: a validated suite whose `dataset` names a stored dataset, and the key to call with. */
export interface StartRunInput {
  suite: Suite;
  /** A key of the workspace; absent: the workspace's `baimo-eval` key (created when missing). */
  key_id?: string;
}

/** A page of a list, and where the next one starts (undefined at the end). */
export interface Page<T, C> {
  data: T[];
  next?: C;
}

const invalidSuite = (message: string, param = 'suite'): never => {
  throw badRequest(message, param, 'invalid_suite');
};
const runNotFound = () => gatewayError('eval_run_not_found', 'No evaluation run with that id.', { param: 'id' });
const ACTIVE: readonly RunStatus[] = ['queued', 'running'];

/**
 * Evaluation runs (issue 19): start a suite on a stored dataset version as an `eval.run` job, read a
 * run with its live or final results, list runs and their items, cancel, resume and delete. Workspace
 * access is the caller's to check (`row`).
 */
export class EvalRunService {
  constructor(private readonly d: EvalRunServiceDeps) {}

  /**
   * Starts a run: the dataset version resolved (`name@version`, else the latest; 404 `dataset_not_found`), the suite planned on
   * it (any problem a run would meet on every item is a 400 `invalid_suite` now), total_items =
   * models × items scored, the key checked (one of another workspace, unknown or revoked: 400
   * `scope_mismatch`), the run stored `queued` and its job enqueued.
   */
  async start(workspaceId: string, input: StartRunInput, createdBy: string | null): Promise<RunView> {
    const suite = input.suite;
    if (suite.judge?.rubric_file)
      invalidSuite('judge.rubric_file names a file on the server: give the rubric itself in judge.rubric.', 'suite.judge.rubric_file');
    const ref = STORED_DATASET.exec(suite.dataset);
    if (!ref)
      invalidSuite('dataset must name a stored dataset, my-bank or my-bank@2 (import it first: POST /api/eval/datasets).', 'suite.dataset');
    const resolved = await this.d.datasets.resolve(workspaceId, { name: ref![1], ...(ref![2] ? { version: Number(ref![2]) } : {}) });
    const dataset = resolved.dataset;
    const version = resolved.version;
    let plan;
    try {
      plan = await loadRunPlan(this.source(), suite, dataset.id, version);
    } catch (err) {
      if (err instanceof EvalInputError) return invalidSuite(err.message);
      throw err;
    }
    const keyId = input.key_id === undefined ? await ensureEvalKey(this.d, workspaceId) : await this.checkKey(workspaceId, input.key_id);
    const stored: Suite = { ...suite, dataset: `${dataset.name}@${version}`, ...(plan.format ? { format: plan.format } : {}) };
    const id = newId('evr');
    const jobId = evalRunJobId(id, 1);
    const row = await this.d.store.createRun({
      id,
      workspace_id: workspaceId,
      name: suite.name,
      type: suite.type,
      suite: JSON.stringify(stored),
      dataset_id: dataset.id,
      dataset_version: version,
      key_id: keyId,
      status: 'queued',
      job_id: jobId,
      total_items: suite.models.length * plan.items.length,
      error: null,
      summary: null,
      created_by: createdBy,
      created_at: Date.now(),
      started_at: null,
      finished_at: null,
    });
    await this.enqueue(row, jobId, createdBy);
    return runView(row);
  }

  /** The stored run (for access checks), or undefined. */
  row(id: string): Promise<EvalRunTable | undefined> {
    return this.d.store.getRun(id);
  }

  /** A run with its results: the stored summary once completed, else computed from the items finished so far. */
  async get(id: string): Promise<RunReport> {
    const run = await this.need(id);
    const usdCny = this.d.usdCny();
    const results =
      run.status === 'completed' && run.summary ? JSON.parse(run.summary) : await runResults(this.d.store.allRunItems(id), run, usdCny);
    return {
      run: runView(run),
      suite: storedSuite(run) as unknown as Record<string, unknown>,
      results,
      usd_cny: usdCny,
      generated_at: new Date().toISOString(),
    };
  }

  /** The workspace's runs, newest first, after the cursor (the last run of the previous page). */
  async list(
    workspaceId: string,
    opts: { limit: number; before?: { created_at: number; id: string }; status?: RunStatus; name?: string },
  ): Promise<Page<RunView, { created_at: number; id: string }>> {
    const rows = await this.d.store.listRuns(workspaceId, opts);
    const last = rows[rows.length - 1];
    return {
      data: rows.map(runView),
      ...(rows.length === opts.limit && last ? { next: { created_at: last.created_at, id: last.id } } : {}),
    };
  }

  /** A page of the run's finished items by (model, seq). */
  async items(
    id: string,
    opts: { model?: string; status?: 'ok' | 'error'; after?: { model: string; seq: number }; limit: number },
  ): Promise<Page<RunItemView, { model: string; seq: number }>> {
    await this.need(id);
    const rows = await this.d.store.runItems(id, {
      model: opts.model,
      status: opts.status,
      afterSeq: opts.after?.seq,
      afterModel: opts.after?.model,
      limit: opts.limit,
    });
    const last = rows[rows.length - 1];
    return { data: rows.map(runItemView), ...(rows.length === opts.limit && last ? { next: { model: last.model, seq: last.seq } } : {}) };
  }

  /** Cancels a queued or running run (409 `eval_run_not_active` otherwise): its job stops promptly; finished items stay. */
  async cancel(id: string): Promise<RunView> {
    const run = await this.need(id);
    if (!ACTIVE.includes(run.status))
      throw gatewayError('eval_run_not_active', `The run is ${run.status}; only a queued or running run can be cancelled.`);
    const updated = await this.d.store.updateRun(id, { status: 'cancelled', finished_at: Date.now() });
    if (run.job_id) await this.d.jobs.cancel(run.job_id);
    return runView(updated ?? run);
  }

  /**
   * Queues a failed or cancelled run again (409 `eval_run_not_resumable` otherwise) as a new job: it
   * works only the items not finished yet.
   */
  async resume(id: string, by: string | null): Promise<RunView> {
    const run = await this.need(id);
    if (run.status !== 'failed' && run.status !== 'cancelled')
      throw gatewayError('eval_run_not_resumable', `The run is ${run.status}; only a failed or cancelled run can be resumed.`);
    const jobId = evalRunJobId(id, evalRunRound(run.job_id) + 1);
    const updated = await this.d.store.updateRun(id, { status: 'queued', job_id: jobId, error: null, finished_at: null, summary: null });
    await this.enqueue(updated ?? run, jobId, by);
    return runView(updated ?? run);
  }

  /** Deletes a run and its items (its job cancelled first when it is active); false when there was none. */
  async delete(id: string): Promise<boolean> {
    const run = await this.d.store.getRun(id);
    if (!run) return false;
    if (ACTIVE.includes(run.status) && run.job_id) await this.d.jobs.cancel(run.job_id);
    return this.d.store.deleteRun(id);
  }

  /**
   * The run; one still queued or running whose job ended without moving it (the job failed for good
   * before its handler ran, e.g. after its last attempt was a killed process; or it was deleted) is
   * marked failed first, so it can be resumed.
   */
  private async need(id: string): Promise<EvalRunTable> {
    const run = await this.d.store.getRun(id);
    if (!run) throw runNotFound();
    if (!ACTIVE.includes(run.status) || !run.job_id) return run;
    const job = await this.d.jobs.get(run.job_id);
    if (job && job.status !== 'failed' && job.status !== 'cancelled') return run;
    const fresh = await this.d.store.getRun(id);
    if (!fresh || !ACTIVE.includes(fresh.status) || fresh.job_id !== run.job_id) return fresh ?? run;
    const error = job
      ? `The run's job ${job.status === 'failed' ? 'failed' : 'was cancelled'}: ${job.error ?? 'no reason given'}`
      : "The run's job no longer exists.";
    return (await this.d.store.updateRun(id, { status: 'failed', finished_at: Date.now(), error: error.slice(0, 2000) })) ?? fresh;
  }

  private source() {
    return {
      getDataset: (id: string) => this.d.datasetStore.getDataset(id),
      getVersion: (id: string, v: number) => this.d.datasetStore.getVersion(id, v),
      loadItems: (id: string, v: number) => this.d.datasets.loadItems(id, v),
    };
  }

  private async checkKey(workspaceId: string, keyId: string): Promise<string> {
    const key = await this.d.keys.get(keyId);
    if (!key || key.workspace_id !== workspaceId)
      throw badRequest('key_id names no API key of this workspace.', 'key_id', 'scope_mismatch');
    if (key.revoked_at !== null || key.enabled !== 1) throw badRequest('The API key is revoked or disabled.', 'key_id', 'invalid_value');
    return key.id;
  }

  private async enqueue(run: EvalRunTable, jobId: string, by: string | null): Promise<void> {
    try {
      await this.d.jobs.enqueue(EVAL_RUN_JOB, { run_id: run.id }, { id: jobId, workspaceId: run.workspace_id, createdBy: by ?? undefined });
    } catch (err) {
      await this.d.store.updateRun(run.id, {
        status: 'failed',
        error: `The run could not be queued: ${(err as Error).message}`,
        finished_at: Date.now(),
      });
      throw err;
    }
  }
}
