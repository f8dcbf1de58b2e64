import type { BaimoConfig } from '../config/schema.js';
import { ArenaService } from '../eval/arena-service.js';
import { EvalDatasetService } from '../eval/dataset-service.js';
import { registerEvalRunJob } from '../eval/run-job.js';
import { EvalRunService } from '../eval/run-service.js';
import type { Gateway } from '../gateway/gateway.js';
import type { JobQueue } from '../jobs/job-types.js';
import { ArenaRepository } from '../store/arena-repository.js';
import { EvalDatasetRepository } from '../store/eval-dataset-repository.js';
import { EvalRunRepository } from '../store/eval-run-repository.js';
import type { KeyRepository } from '../store/key-repository.js';
import type { OpenedDatabase } from '../store/open-database.js';
import type { TenancyRepository } from '../store/tenancy-repository.js';
import type { ModelState } from './model-state.js';

/** Evaluation (issue 19): its stores, datasets, runs (the `eval.run` job registered) and the arena. */
export interface EvalServices {
  /** Evaluation storage: datasets, their versions and items. */
  evalDatasetStore: EvalDatasetRepository;
  /** Evaluation storage: runs and their finished items. */
  evalRunStore: EvalRunRepository;
  /** Evaluation datasets: imports, uploads, samples of the request log, and `resolve()` / `loadItems()` for runs. */
  evalDatasets: EvalDatasetService;
  /** Evaluation runs: suites run as `eval.run` jobs on the `eval` queue, every call through the gateway with a key. */
  evalRuns: EvalRunService;
  /** The arena: blind battles, votes, imports, LLM-judge battles (`eval.arena_judge` on the `eval` queue) and ratings. */
  arena: ArenaService;
}

/** What evaluation is built on: storage, the job queue, keys, the gateway and the live models. */
export interface EvalServiceDeps {
  config: BaimoConfig;
  database: OpenedDatabase;
  tenancy: TenancyRepository;
  keys: KeyRepository;
  jobs: JobQueue;
  gateway: Gateway;
  models: ModelState;
  /** Model ids self-hosted providers reported (the arena's candidate pool lists them). */
  discovered: Map<string, string[]>;
}

/**
 * Builds evaluation on the runtime's parts. Runs and arena battles call every model through the
 * gateway with a virtual key (the run's, or the workspace's `baimo-eval`), so its limits, policies and
 * logs apply.
 */
export function createEvalServices(d: EvalServiceDeps): EvalServices {
  const { config, database, tenancy, keys, jobs, gateway, models, discovered } = d;
  const evalDatasetStore = new EvalDatasetRepository(database.db);
  const evalRunStore = new EvalRunRepository(database.db);
  const evalDatasets = new EvalDatasetService({ repo: evalDatasetStore, tenancy });
  const usdCny = () => config.currency.usd_cny;
  registerEvalRunJob(jobs, {
    store: evalRunStore,
    datasetStore: evalDatasetStore,
    loadItems: (id, version) => evalDatasets.loadItems(id, version),
    chat: (req, ctx) => gateway.chat(req, ctx),
    keys,
    usdCny,
  });
  const evalRuns = new EvalRunService({ store: evalRunStore, datasetStore: evalDatasetStore, datasets: evalDatasets, jobs, keys, usdCny });
  const arena = new ArenaService({
    repo: new ArenaRepository(database.db),
    jobs,
    keys,
    chat: (req, ctx) => gateway.chat(req, ctx),
    stream: (req, ctx) => gateway.stream(req, ctx),
    pool: () => ({ config: models.config, listings: models.routes.listings(discovered).map((l) => l.id) }),
    known: (name) => models.lookup(name) !== undefined,
    datasets: evalDatasets,
  });
  return { evalDatasetStore, evalRunStore, evalDatasets, evalRuns, arena };
}
