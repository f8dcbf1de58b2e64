import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { BaimoConfig } from '../config/schema.js';
import { createRuntime, type Runtime } from '../runtime/create-runtime.js';
import { resolveAdminToken } from './admin-token.js';
import { buildApp, type HttpTimeouts } from './build-app.js';

export interface RunningServer {
  app: FastifyInstance;
  runtime: Runtime;
  /** `http://host:port` to reach the server from this machine (loopback when it listens on every interface). */
  url: string;
  /** `http://address:port` as actually bound, e.g. `http://0.0.0.0:4000`: what the banner prints. */
  bindUrl: string;
  /** True when some bound address is not loopback: the console login, `/metrics` and the API are on the network. */
  exposed: boolean;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the one-time admin token notice goes (stderr by default). */
  announce?: (message: string) => void;
  logLevel?: string;
  /** HTTP server timeouts (`LIMITS.http` unless given; tests shorten them). */
  http?: Partial<HttpTimeouts>;
  /** How often the database is polled for configuration changed by other replicas (ms; tests lengthen it). */
  configPollMs?: number;
  /** How long a looked-up virtual key is remembered (ms, default 2,000; tests lengthen it). */
  keyCacheMs?: number;
  /** Job queues this server works: all (default), some, or none (`baimo serve --no-workers`: a pure gateway). */
  workers?: false | string[];
}

/** Opens storage, builds the app and listens; `close()` drains requests, flushes logs, closes storage. */
export async function startServer(config: BaimoConfig, opts: StartOptions = {}): Promise<RunningServer> {
  const announce = opts.announce ?? ((m: string) => process.stderr.write(`${m}\n`));
  const runtime = await createRuntime(config, {
    onLogError: (err) => announce(`baimo: could not write request logs: ${(err as Error).message}`),
    warn: announce,
    env: opts.env,
    configPollMs: opts.configPollMs,
    keyCacheMs: opts.keyCacheMs,
    workers: opts.workers,
  });
  try {
    const adminTokenHash = await resolveAdminToken(runtime.settings, opts.env ?? process.env, (token) =>
      announce(
        `\n  baimo admin token (shown once, stored hashed; set BAIMO_ADMIN_TOKEN to choose your own):\n\n    ${token}\n\n  Use it as the API key: Authorization: Bearer <token>\n`,
      ),
    );
    const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    const app = await buildApp(runtime, { adminTokenHash, logLevel: opts.logLevel ?? config.logging.level, version, http: opts.http });
    await app.listen({ host: config.host, port: config.port });
    // Self-hosted engines (vLLM, Ollama, llama.cpp, local GGUF) tell which models they serve.
    void runtime.discoverModels();
    // Expired request logs and bodies are purged by the `retention.purge` job, which the processes that run
    // maintenance workers enqueue on a timer (runtime/maintenance-jobs.ts): one run per period per cluster.
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    const bound = typeof addr === 'object' && addr ? addr.address : config.host;
    const wildcard = bound === '0.0.0.0' || bound === '::';
    const host = wildcard ? '127.0.0.1' : urlHost(bound);
    // `localhost` may bind several addresses (127.0.0.1 and ::1): every one must be loopback.
    const exposed = app.addresses().some((a) => !isLoopback(typeof a === 'string' ? a : a.address));
    let closing: Promise<void> | undefined;
    const close = (): Promise<void> =>
      (closing ??= (async () => {
        // Drain: no new requests (503 on kept-alive connections), in-flight ones and streams finish
        // within shutdown_timeout_s; then whatever is left is cut, and the request log is flushed.
        const deadline = setTimeout(() => app.server.closeAllConnections(), config.shutdown_timeout_s * 1000);
        try {
          await app.close();
        } finally {
          clearTimeout(deadline);
        }
        await runtime.close();
      })());
    return { app, runtime, url: `http://${host}:${port}`, bindUrl: `http://${urlHost(bound)}:${port}`, exposed, port, close };
  } catch (err) {
    await runtime.close();
    throw err;
  }
}

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
function isLoopback(address: string): boolean {
  const a = address.toLowerCase();
  return a === '::1' || a === 'localhost' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** An address as the host part of a URL (IPv6 in brackets). */
function urlHost(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}
