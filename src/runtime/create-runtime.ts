import { sql } from 'kysely';
import type { BaimoConfig } from '../config/schema.js';
import type { Provider } from '../core/provider.js';
import { Gateway } from '../gateway/gateway.js';
import { RouteTable } from '../gateway/route-table.js';
import { Router } from '../gateway/router.js';
import { catalogEntryFor, createProvider } from '../providers/registry.js';
import { LogWriter } from '../store/log-writer.js';
import { openDatabase, type OpenedDatabase } from '../store/open-database.js';
import { RequestLogRepository } from '../store/request-log-repository.js';
import { SettingsRepository } from '../store/settings-repository.js';

/** Everything one baimo process runs on, shared by the HTTP server and the CLI. */
export interface Runtime {
  config: BaimoConfig;
  database: OpenedDatabase;
  logs: RequestLogRepository;
  settings: SettingsRepository;
  logWriter: LogWriter;
  providers: Map<string, Provider>;
  routes: RouteTable;
  gateway: Gateway;
  /** Model ids self-hosted providers reported (filled in the background by `discoverModels`). */
  discovered: Map<string, string[]>;
  /** Asks self-hosted providers which models they serve (best effort, bounded in time). */
  discoverModels(timeoutMs?: number): Promise<void>;
  /** Flushes logs, closes providers and the database. Safe to call twice. */
  close(): Promise<void>;
  ready(): Promise<{ ok: boolean; checks: Record<string, string> }>;
}

export interface RuntimeOptions {
  onLogError?: (err: unknown) => void;
}

/** Opens storage and builds providers, routes and the gateway from a validated config. */
export async function createRuntime(config: BaimoConfig, opts: RuntimeOptions = {}): Promise<Runtime> {
  const database = await openDatabase(config.database);
  const logs = new RequestLogRepository(database.db, database.sqlite);
  const settings = new SettingsRepository(database.db);
  const logWriter = new LogWriter(logs, {
    batchSize: config.logging.batch_size,
    flushMs: config.logging.flush_ms,
    onError: opts.onLogError,
  });
  const providers = new Map<string, Provider>();
  const connect = config.router.timeouts.connect_ms ?? 5_000;
  for (const [name, p] of Object.entries(config.providers)) providers.set(name, createProvider(name, p, connect));
  const routes = new RouteTable(config, providers);
  const router = new Router({
    backoffBaseMs: config.router.backoff_base_ms,
    backoffMaxMs: config.router.backoff_max_ms,
    lookup: routes.lookup,
  });
  const gateway = new Gateway(router, logWriter, { usdToCny: config.currency.usd_cny, storeBodies: config.logging.store_bodies });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await logWriter.close();
      await Promise.allSettled([...providers.values()].map((p) => p.close?.()));
      await database.close();
    })());

  const ready = async () => {
    const checks: Record<string, string> = {};
    try {
      await sql`select 1`.execute(database.db);
      checks.database = 'ok';
    } catch (err) {
      checks.database = (err as Error).message;
    }
    checks.providers = providers.size > 0 ? `${providers.size} configured` : 'none configured';
    return { ok: checks.database === 'ok', checks };
  };

  const discovered = new Map<string, string[]>();
  const discoverModels = async (timeoutMs = 3_000): Promise<void> => {
    await Promise.allSettled(
      Object.entries(config.providers)
        .filter(([, p]) => catalogEntryFor(p)?.keyOptional)
        .map(async ([name]) => {
          const ids = await providers.get(name)?.listModels?.(AbortSignal.timeout(timeoutMs));
          if (ids?.length) discovered.set(name, ids);
        }),
    );
  };

  return { config, database, logs, settings, logWriter, providers, routes, gateway, discovered, discoverModels, close, ready };
}
