import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load-config.js';
import { providerCredentialProblems } from '../../src/providers/registry.js';
import { startServer, type RunningServer, type StartOptions } from '../../src/server/start-server.js';

export const ADMIN_TOKEN = 'sk-baimo-test-admin';

export interface TestBaimo extends RunningServer {
  /** Base URL for OpenAI clients (`…/v1`). */
  baseURL: string;
  dir: string;
  configPath: string;
}

/** Writes a temp `baimo.yaml` (free port, loopback, database in the same temp dir, logs silent) with `config` on top. */
export function writeTestConfig(config: Record<string, unknown>, prefix = 'baimo-test-'): { dir: string; configPath: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const configPath = join(dir, 'baimo.yaml');
  writeFileSync(
    configPath,
    stringify({
      port: 0,
      host: '127.0.0.1',
      database: join(dir, 'baimo.db'),
      discover_env: false,
      logging: { level: 'silent', flush_ms: 20 },
      ...config,
    }),
  );
  return { dir, configPath };
}

/**
 * Starts the real server on a free port from a config object written to a temp `baimo.yaml`
 * (database in the same temp dir), the way a user would run it. `server` passes options to
 * `startServer` (shorter HTTP timeouts for a test, say).
 */
export async function startBaimo(
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv = {},
  server: Pick<StartOptions, 'http' | 'configPollMs'> = {},
): Promise<TestBaimo> {
  const { dir, configPath } = writeTestConfig(config);
  const fullEnv = { BAIMO_ADMIN_TOKEN: ADMIN_TOKEN, ...env };
  const { config: cfg } = loadConfig({ configPath, env: fullEnv, cwd: dir, checkProvider: providerCredentialProblems });
  const running = await startServer(cfg, { env: fullEnv, announce: () => undefined, logLevel: 'silent', ...server });
  return { ...running, baseURL: `${running.url}/v1`, dir, configPath };
}
