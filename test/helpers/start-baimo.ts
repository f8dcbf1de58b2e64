import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load-config.js';
import { providerCredentialProblems } from '../../src/providers/registry.js';
import { freshDatabase, POSTGRES_ENV } from './test-database.js';
import { startServer, type RunningServer, type StartOptions } from '../../src/server/start-server.js';

export const ADMIN_TOKEN = 'sk-baimo-test-admin';

export interface TestBaimo extends RunningServer {
  /** Base URL for OpenAI clients (`…/v1`). */
  baseURL: string;
  dir: string;
  configPath: string;
}

/**
 * Writes a temp `baimo.yaml` (free port, loopback, logs silent) with `config` on top. The database is a
 * file in the same temp dir, or — when the suite runs on PostgreSQL (`BAIMO_TEST_DATABASE=postgres`) — a
 * schema of its own in the test PostgreSQL, which `dropDatabase` removes.
 */
export function writeTestConfig(
  config: Record<string, unknown>,
  prefix = 'baimo-test-',
): { dir: string; configPath: string; dropDatabase: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const configPath = join(dir, 'baimo.yaml');
  const fresh = freshDatabase(dir);
  writeFileSync(
    configPath,
    stringify({
      port: 0,
      host: '127.0.0.1',
      database: fresh.location,
      discover_env: false,
      logging: { level: 'silent', flush_ms: 20 },
      ...config,
    }),
  );
  return { dir, configPath, dropDatabase: fresh.drop };
}

/**
 * Starts the real server on a free port from a config object written to a temp `baimo.yaml`
 * (database in the same temp dir), the way a user would run it. `server` passes options to
 * `startServer` (shorter HTTP timeouts for a test, say).
 */
export async function startBaimo(
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv = {},
  server: Pick<StartOptions, 'http' | 'configPollMs' | 'keyCacheMs' | 'workers'> = {},
): Promise<TestBaimo> {
  const { dir, configPath, dropDatabase } = writeTestConfig(config);
  const fullEnv = { BAIMO_ADMIN_TOKEN: ADMIN_TOKEN, ...POSTGRES_ENV, ...env };
  const { config: cfg } = loadConfig({ configPath, env: fullEnv, cwd: dir, checkProvider: providerCredentialProblems });
  const running = await startServer(cfg, { env: fullEnv, announce: () => undefined, logLevel: 'silent', ...server });
  const close = async (): Promise<void> => {
    await running.close();
    if (config.database === undefined) await dropDatabase().catch(() => undefined);
  };
  return { ...running, close, baseURL: `${running.url}/v1`, dir, configPath };
}
