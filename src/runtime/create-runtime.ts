import { resolve } from 'node:path';
import { createCacheStore } from '../cache/create-cache-store.js';
import type { CacheStore } from '../cache/cache-store.js';
import { dataDirOf } from '../config/data-dir.js';
import type { BaimoConfig } from '../config/schema.js';
import { Calendar } from '../core/calendar.js';
import type { Provider } from '../core/provider.js';
import { Gateway } from '../gateway/gateway.js';
import type { RouteTable } from '../gateway/route-table.js';
import { Router } from '../gateway/router.js';
import { Enforcer } from '../governance/enforcer.js';
import { KeyDirectory } from '../governance/key-directory.js';
import { createLimitStore } from '../governance/limits/create-limit-store.js';
import type { LimitStore } from '../governance/limits/limit-store.js';
import { limitsStage } from '../governance/limits-stage.js';
import { createConfigBus, type ChangeKind } from './config-bus.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { catalogEntryFor } from '../providers/registry.js';
import { loadMasterKey } from '../security/master-key.js';
import { SecretBox } from '../security/secret-box.js';
import { hashToken } from '../security/tokens.js';
import { ensureLogPartitions } from '../store/log-partitions.js';
import { KeyRepository } from '../store/key-repository.js';
import { LogWriter } from '../store/log-writer.js';
import { WorkerLogSink } from '../store/worker-log-sink.js';
import { ModelConfigRepository } from '../store/model-config-repository.js';
import { openDatabase, type OpenedDatabase } from '../store/open-database.js';
import { RequestLogRepository } from '../store/request-log-repository.js';
import { SettingsRepository } from '../store/settings-repository.js';
import { StatsRepository } from '../store/stats-repository.js';
import { ensureDefaultWorkspace, TenancyRepository } from '../store/tenancy-repository.js';
import { UsageRepository } from '../store/usage-repository.js';
import { UserRepository } from '../store/user-repository.js';
import { ComplianceGate } from '../compliance/compliance-gate.js';
import { complianceStage } from '../compliance/compliance-stage.js';
import { cacheStage } from '../cache/cache-stage.js';
import { createComplianceServices, type ComplianceServices } from './compliance-services.js';
import { createJobQueue } from '../jobs/create-job-queue.js';
import type { JobQueue } from '../jobs/job-types.js';
import { registerMaintenanceJobs } from './maintenance-jobs.js';
import { gatewayEmbedder, gatewayReranker } from '../knowledge/embedder.js';
import { createKnowledgeService } from '../knowledge/knowledge-service.js';
import { knowledgeStage } from '../knowledge/knowledge-stage.js';
import type { KnowledgeService } from '../knowledge/knowledge-service-types.js';
import { createEvalServices, type EvalServices } from './eval-services.js';
import { createAnalyticsServices, type AnalyticsServices } from './analytics-services.js';
import { createAnalyticsTopics, type AnalyticsTopics } from './analytics-topics-wiring.js';
import { ModelState } from './model-state.js';
import type { RuntimeOptions } from './runtime-options.js';
import { readiness } from './readiness.js';
import { AppService } from '../apps/app-service.js';
import { AppRunner } from '../apps/app-runner.js';
import { appStage } from '../apps/app-stage.js';
import { AppRepository } from '../store/app-repository.js';

const MODELS_VERSION = 'models_version';
export type { RuntimeOptions } from './runtime-options.js';

/**
 * Everything one baimo process runs on, shared by the HTTP server and the CLI (evaluation's part:
 * eval-services.ts; usage analytics': analytics-services.ts).
 */
export interface Runtime extends EvalServices, AnalyticsServices {
  config: BaimoConfig;
  database: OpenedDatabase;
  logs: RequestLogRepository;
  settings: SettingsRepository;
  keys: KeyRepository;
  tenancy: TenancyRepository;
  users: UserRepository;
  modelConfig: ModelConfigRepository;
  usage: UsageRepository;
  /** The stats rollups (the console overview). */
  stats: StatsRepository;
  logWriter: LogWriter;
  models: ModelState;
  /** The live providers (file and database); replaced on reload. */
  readonly providers: Map<string, Provider>;
  readonly routes: RouteTable;
  gateway: Gateway;
  keyDirectory: KeyDirectory;
  limits: LimitStore;
  cache: CacheStore;
  metrics: GatewayMetrics;
  calendar: Calendar;
  /** The secret box for provider keys (the master key is loaded on first use). */
  secrets(): SecretBox;
  /** Security policies, keyword libraries, the audit log, AIGC labels and the retention job. */
  compliance: ComplianceServices;
  /** Topic classification of sampled requests (`analytics.topics` jobs): status, the taxonomy, the counts reports read. */
  analyticsTopics: AnalyticsTopics['topics'];
  /** Background jobs (`jobs` table; BullMQ with `redis_url`): register types, enqueue, read progress. */
  jobs: JobQueue;
  /** Knowledge bases: documents, ingestion (`knowledge.ingest` jobs on the `knowledge` queue) and search. */
  knowledge: KnowledgeService;
  /** Scenario apps: the built-in library, the workspaces' apps and versions, and `resolve()` for runs. */
  apps: AppService;
  /** Runs scenario apps that need several calls (JSON repair, map-reduce of long inputs) through the gateway. */
  appRunner: AppRunner;
  /** Applies model and provider changes: here at once, in other processes within a few seconds. */
  modelsChanged(): Promise<void>;
  /**
   * Applies a key change (`keys`: the key cache is cleared before this returns, synchronously) or a
   * security-policy or keyword-library change (`policies`: reloaded here) or a scenario-app change
   * (`apps`: the version cache is cleared here) and tells the other replicas
   * over Redis. Announcing never fails: without Redis they catch up by polling or the key cache's TTL.
   */
  announce(kind: Exclude<ChangeKind, 'config'>): Promise<void>;
  /** Model ids self-hosted providers reported (filled in the background by `discoverModels`). */
  discovered: Map<string, string[]>;
  /** Asks self-hosted providers which models they serve (best effort, bounded in time). */
  discoverModels(timeoutMs?: number): Promise<void>;
  /** Flushes logs, closes providers, stores and the database. Safe to call twice. */
  close(): Promise<void>;
  ready(): Promise<{ ok: boolean; checks: Record<string, string> }>;
}

/** Opens storage and builds providers, routes, governance and the gateway from a validated config. */
export async function createRuntime(config: BaimoConfig, opts: RuntimeOptions = {}): Promise<Runtime> {
  const warn = opts.warn ?? (() => undefined);
  const database = await openDatabase(config.database);
  const calendar = new Calendar(config.timezone);
  const sessionGapMs = config.analytics.session_gap_minutes * 60_000;
  const logs = new RequestLogRepository(database, { calendar, usdToCny: config.currency.usd_cny, sessionGapMs });
  const settings = new SettingsRepository(database.db);
  const modelConfig = new ModelConfigRepository(database.db);
  const keys = new KeyRepository(database);
  const usage = new UsageRepository(database);
  // Log batches are written by a worker thread with its own connection (SQLite file or PostgreSQL); an
  // in-memory database cannot be shared with one, so it is written here.
  const logSink =
    config.database === ':memory:'
      ? undefined
      : new WorkerLogSink(
          {
            path: database.dialect === 'postgres' ? config.database : resolve(config.database),
            timezone: config.timezone,
            usdToCny: config.currency.usd_cny,
            sessionGapMs,
          },
          logs,
          opts.onLogError,
        );
  logSink?.start();
  const logWriter = new LogWriter(logSink ?? logs, {
    batchSize: config.logging.batch_size,
    flushMs: config.logging.flush_ms,
    onError: opts.onLogError,
  });

  // The master key stays in this closure: it seals provider secrets and derives the audit and label keys.
  let masterKey: Buffer | undefined;
  const loadKey = (): Buffer => {
    if (masterKey) return masterKey;
    const dataDir = dataDirOf(config);
    const mk = loadMasterKey({ env: opts.env ?? process.env, dataDir });
    for (const w of mk.warnings) warn(`baimo: ${w}`);
    return (masterKey = mk.key);
  };
  let box: SecretBox | undefined;
  const secrets = (): SecretBox => (box ??= new SecretBox(loadKey()));

  let compliance: ComplianceServices;
  try {
    compliance = await createComplianceServices({ config, database, settings, masterKey: loadKey, warn, pollMs: opts.configPollMs });
  } catch (err) {
    await database.close();
    throw err;
  }
  const jobs = createJobQueue(database.db, { redisUrl: config.redis_url, jobs: config.jobs, warn });
  registerMaintenanceJobs(jobs, { config, compliance });
  // What people use each model for: sampled requests are captured by a stage and classified by jobs through the gateway.
  const topics = createAnalyticsTopics({ config, database, settings, jobs, keys, gateway: () => gateway, warn });
  const tenancy = new TenancyRepository(database.db);
  await ensureDefaultWorkspace(tenancy);
  const models = new ModelState(config, modelConfig, secrets);
  await models.reload();
  const router = new Router({
    backoffBaseMs: config.router.backoff_base_ms,
    backoffMaxMs: config.router.backoff_max_ms,
    lookup: models.lookup,
    routeName: (name) => models.routes.routeName(name),
  });
  const metrics = new GatewayMetrics({ defaultMetrics: opts.metrics ?? true });
  metrics.setQueueDepth(() => logWriter.pending);
  metrics.setDroppedLogs(() => logWriter.dropped);
  const limits = await createLimitStore({
    redisUrl: config.redis_url,
    onError: (err) => warn(`baimo: limit store: ${(err as Error).message}`),
  });
  const cache = await createCacheStore({
    redisUrl: config.redis_url,
    maxEntries: config.cache.max_entries,
    maxBytes: Math.floor(config.cache.max_mb * 1024 * 1024),
    onError: (err) => warn(`baimo: response cache: ${(err as Error).message}`),
  });
  const enforcer = new Enforcer({
    store: limits,
    prices: () => models.prices,
    calendar,
    usage,
    lookup: models.lookup,
    onReject: (kind) => metrics.limiterRejected(kind),
    onError: (err) => warn(`baimo: limit store: ${(err as Error).message}`),
  });
  // Model-based moderation asks its model through the gateway's own call path (logged and costed).
  const gate = new ComplianceGate(compliance, (model, messages, timeoutMs, parent, allow) =>
    gateway.ask(model, messages, timeoutMs, parent, allow),
  );
  const gateway: Gateway = new Gateway(router, logWriter, {
    storeBodies: config.logging.store_bodies,
    observe: (row) => metrics.observe(row),
    price: (target, routeName, usage) => models.prices.cost(target, routeName, usage),
    // The request stages, in order: knowledge retrieval first (its passages are masked and routed like
    // the rest of the prompt), then data security (limits and the cache see the masked request), then
    // the key's limits, then the response cache (a hit still passes back through the ones before it).
    stages: [
      // A scenario app's call (`app:{slug}`) is rendered into its prompt and model before anything else.
      appStage({ resolve: (...a) => apps.resolve(...a), defaultModel: () => config.apps.default_model }),
      knowledgeStage({ search: (...a) => knowledge.search(...a) }, (ctx, texts) => gate.screenOutput(ctx, texts)),
      complianceStage(gate),
      limitsStage(enforcer),
      // Sampled requests (masked, within limits) go to topic classification; cache hits count too.
      topics.stage,
      cacheStage(cache, config.cache.ttl_s),
    ],
  });
  const keyDirectory = new KeyDirectory(keys, (s) => hashToken(s).toString('hex'), opts.keyCacheMs);
  // Embeddings and reranks of knowledge bases go through the gateway (policies, routing, logs, cost).
  const knowledge = createKnowledgeService({
    database,
    jobs,
    embedder: gatewayEmbedder(gateway),
    reranker: gatewayReranker(gateway),
    config: config.knowledge,
  });

  // Scenario apps: their versions are cached for runs; a change here or elsewhere clears the cache.
  const apps = await AppService.create({
    repo: new AppRepository(database.db),
    tenancy,
    settings,
    calendar,
    announce: () => bus.publish('apps'),
    pollMs: opts.configPollMs,
  });

  // Other processes (replicas, the CLI) change models and keys through the same database: notice it.
  // With Redis, a change is announced to the other replicas at once; the poll is the fallback.
  let seenVersion = await settings.get(MODELS_VERSION);
  const checkVersion = (): void => {
    void settings
      .get(MODELS_VERSION)
      .then(async (v) => {
        if (v !== seenVersion) {
          seenVersion = v;
          await models.reload();
        }
      })
      .catch(() => undefined);
  };
  const poll = setInterval(checkVersion, opts.configPollMs ?? 2_000);
  poll.unref();
  // PostgreSQL: the request log's day partitions are made ahead, hourly (any replica may; it is idempotent).
  const partitions =
    database.dialect === 'postgres'
      ? setInterval(
          () => void ensureLogPartitions(database.db).catch((err: Error) => warn(`baimo: log partition upkeep failed: ${err.message}`)),
          3_600_000,
        )
      : undefined;
  partitions?.unref();
  const bus = await createConfigBus(
    config.redis_url,
    (kind) => {
      if (kind === 'keys') keyDirectory.invalidate();
      else if (kind === 'policies') void compliance.policies.refresh();
      else if (kind === 'apps') void apps.refresh();
      else checkVersion();
    },
    warn,
  );

  const modelsChanged = async (): Promise<void> => {
    seenVersion = String(Date.now()) + Math.random().toString(36).slice(2, 6);
    await settings.set(MODELS_VERSION, seenVersion);
    await models.reload();
    bus.publish('config');
  };
  const announce = async (kind: Exclude<ChangeKind, 'config'>): Promise<void> => {
    if (kind === 'apps') return apps.changed(); // it tells the replicas itself
    if (kind === 'keys') keyDirectory.invalidate();
    else await compliance.policies.changed();
    bus.publish(kind);
  };

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      // No new jobs; running ones finish within the shutdown deadline, the rest go back to the queue.
      await topics.topics.close(); // what waits for its batch is queued first
      await jobs.close(config.shutdown_timeout_s * 1000);
      clearInterval(poll);
      clearInterval(partitions);
      apps.close();
      await bus.close();
      // Requests cut by the shutdown's deadline still leave their log row (their streams end on the next turns).
      await gateway.settled(2_000);
      gate.close(); // the last label tallies go to the audit log before it closes
      await compliance.close();
      await logWriter.close();
      await logSink?.close();
      await models.close();
      await Promise.allSettled([limits.close(), cache.close()]);
      await database.close();
    })());

  const ready = () => readiness(database, limits, models.providers.size);

  const discovered = new Map<string, string[]>();
  // Arena battles call models with the workspace's evaluation key, through the gateway like any request.
  const evaluation = createEvalServices({ config, database, tenancy, keys, jobs, gateway, models, discovered });
  // Usage analytics: reports from the rollups the log writer keeps, with the topics' interest cloud; report files.
  const analytics = createAnalyticsServices({ config, database, keys, tenancy, apps, jobs, topics: topics.topics });
  const discoverModels = async (timeoutMs = 3_000): Promise<void> => {
    await Promise.allSettled(
      Object.entries(models.config.providers)
        .filter(([, p]) => catalogEntryFor(p)?.keyOptional)
        .map(async ([name]) => {
          const ids = await models.providers.get(name)?.listModels?.(AbortSignal.timeout(timeoutMs));
          if (ids?.length) discovered.set(name, ids);
        }),
    );
  };

  if (opts.workers !== false) {
    try {
      await jobs.startWorkers(opts.workers);
    } catch (err) {
      await close();
      throw err;
    }
  }

  return {
    config,
    database,
    logs,
    settings,
    keys,
    tenancy,
    users: new UserRepository(database.db),
    modelConfig,
    usage,
    stats: new StatsRepository(database),
    logWriter,
    models,
    get providers() {
      return models.providers;
    },
    get routes() {
      return models.routes;
    },
    gateway,
    keyDirectory,
    limits,
    cache,
    metrics,
    calendar,
    secrets,
    compliance,
    jobs,
    knowledge,
    apps,
    ...evaluation,
    ...analytics,
    analyticsTopics: topics.topics,
    appRunner: new AppRunner({
      chat: (req, ctx) => gateway.chat(req, ctx),
      stream: (req, ctx) => gateway.stream(req, ctx),
      lookup: models.lookup,
      config: () => config.apps,
    }),
    modelsChanged,
    announce,
    discovered,
    discoverModels,
    close,
    ready,
  };
}
