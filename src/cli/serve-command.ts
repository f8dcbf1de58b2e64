import { loadConfig } from '../config/load-config.js';
import { providerCredentialProblems } from '../providers/registry.js';
import { startServer } from '../server/start-server.js';
import { t } from './i18n.js';

/**
 * `baimo serve [--config F] [--port N] [--no-workers]`: runs the gateway, and the job workers unless
 * `workers` is false, until SIGINT/SIGTERM, then shuts down cleanly.
 */
export async function serveCommand(opts: { config?: string; port?: number; workers?: boolean }): Promise<void> {
  const m = t();
  const loaded = loadConfig({ configPath: opts.config, port: opts.port, checkProvider: providerCredentialProblems });
  const server = await startServer(loaded.config, { workers: opts.workers === false ? false : undefined });
  const say = (s: string) => process.stderr.write(`${s}\n`);
  say(loaded.path ? m.configFrom(loaded.path) : m.zeroConfig);
  if (loaded.discovered.length) say(m.discovered(loaded.discovered.join(', ')));
  if (server.runtime.providers.size === 0) say(m.noProviders);
  say(m.database(server.runtime.database.location));
  // The address actually bound (not a rewritten one), and a warning when it is reachable from the network.
  say(m.listening(server.bindUrl));
  if (server.exposed) say(m.exposed(server.bindUrl));
  if (opts.workers === false) say(m.noWorkers);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    say(m.shuttingDown);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
