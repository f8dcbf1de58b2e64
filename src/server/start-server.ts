import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { BaimoConfig } from '../config/schema.js';
import { createRuntime, type Runtime } from '../runtime/create-runtime.js';
import { resolveAdminToken } from './admin-token.js';
import { buildApp } from './build-app.js';

export interface RunningServer {
  app: FastifyInstance;
  runtime: Runtime;
  /** `http://host:port` actually bound (port 0 picks a free one). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the one-time admin token notice goes (stderr by default). */
  announce?: (message: string) => void;
  logLevel?: string;
}

/** Opens storage, builds the app and listens; `close()` drains requests, flushes logs, closes storage. */
export async function startServer(config: BaimoConfig, opts: StartOptions = {}): Promise<RunningServer> {
  const announce = opts.announce ?? ((m: string) => process.stderr.write(`${m}\n`));
  const runtime = await createRuntime(config, {
    onLogError: (err) => announce(`baimo: could not write request logs: ${(err as Error).message}`),
    warn: announce,
    env: opts.env,
  });
  try {
    const adminTokenHash = await resolveAdminToken(runtime.settings, opts.env ?? process.env, (token) =>
      announce(
        `\n  baimo admin token (shown once, stored hashed; set BAIMO_ADMIN_TOKEN to choose your own):\n\n    ${token}\n\n  Use it as the API key: Authorization: Bearer <token>\n`,
      ),
    );
    const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    const app = await buildApp(runtime, { adminTokenHash, logLevel: opts.logLevel ?? config.logging.level, version });
    await app.listen({ host: config.host, port: config.port });
    // Self-hosted engines (vLLM, Ollama, llama.cpp, local GGUF) tell which models they serve.
    void runtime.discoverModels();
    // Only the server purges expired request logs and bodies (the CLI never schedules it).
    runtime.compliance.retention.start();
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    let closing: Promise<void> | undefined;
    const close = (): Promise<void> =>
      (closing ??= (async () => {
        runtime.compliance.retention.stop();
        await app.close();
        await runtime.close();
      })());
    return { app, runtime, url: `http://${host}:${port}`, port, close };
  } catch (err) {
    await runtime.close();
    throw err;
  }
}
