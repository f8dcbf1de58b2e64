import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { BaimoConfig } from '../config/schema.js';
import { newRequestId } from '../core/ids.js';
import { LIMITS } from '../core/limits.js';
import type { Runtime } from '../runtime/create-runtime.js';
import { makeAuthenticator } from './auth.js';
import { installErrorHandler, unknownRoute, renderFrameworkError } from './error-handler.js';
import { installJsonBodyParser } from './json-body-parser.js';
import './fastify-types.js';
import { registerApi } from './api/register-api.js';
import { registerHealth } from './health-routes.js';
import { registerMetrics } from './metrics-route.js';
import { registerStatic } from './static-routes.js';
import { registerAppRun } from './v1/app-run-route.js';
import { registerChatCompletions } from './v1/chat-completions-route.js';
import { registerEmbeddings } from './v1/embeddings-route.js';
import { registerModels } from './v1/models-route.js';
import { registerRerank } from './v1/rerank-route.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface AppOptions {
  adminTokenHash: Buffer;
  /** Pino level; `silent` for tests and benchmarks. */
  logLevel: string;
  version?: string;
  /** HTTP server timeouts; `LIMITS.http` unless given (tests shorten them). */
  http?: Partial<HttpTimeouts>;
}

export type HttpTimeouts = { -readonly [K in keyof typeof LIMITS.http]: number };

/**
 * `trust_proxy` as Fastify's `trustProxy`. A hop count trusts that many proxies in front of baimo
 * (Express semantics; Fastify itself refuses bare hop counts), so, like `true`, it is only safe when
 * nothing but the proxy can reach baimo.
 */
export function trustProxyOption(v: BaimoConfig['trust_proxy']): boolean | string | string[] | ((addr: string, hop: number) => boolean) {
  return typeof v === 'number' ? (_addr: string, hop: number) => hop < v : v;
}

/** The Fastify app: health, metrics, `/v1` behind auth, the admin API, one error renderer. */
export async function buildApp(rt: Runtime, opts: AppOptions): Promise<FastifyInstance> {
  const http: HttpTimeouts = { ...LIMITS.http, ...opts.http };
  const app = Fastify({
    logger: { level: opts.logLevel, redact: ['req.headers.authorization', 'req.headers["x-api-key"]'] },
    // Per-request access logs cost throughput; the request log table is the access log.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: Math.floor(rt.config.body_limit_mb * 1024 * 1024),
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newRequestId();
    },
    return503OnClosing: true,
    frameworkErrors: renderFrameworkError,
    forceCloseConnections: 'idle',
    trustProxy: trustProxyOption(rt.config.trust_proxy),
    // Slow-loris defence: a request must arrive whole within requestTimeout (its headers within
    // headersTimeout), however slowly it trickles in; Node checks these every connectionsCheckingInterval.
    requestTimeout: http.requestTimeoutMs,
    connectionTimeout: http.connectionTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    http: {
      headersTimeout: http.headersTimeoutMs,
      requestTimeout: http.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(10, Math.min(5_000, Math.floor(Math.min(http.headersTimeoutMs, http.requestTimeoutMs) / 4))),
    },
  });
  // Only JSON bodies are accepted: anything else gets a clear 415 instead of a confusing 400.
  app.removeContentTypeParser('text/plain');
  installJsonBodyParser(app);
  app.decorateRequest('keyId', null);
  app.decorateRequest('key', null);
  app.decorateRequest('principal', null);
  app.decorateRequest('startedAt', 0);
  // Callback-style hooks: an async hook costs a promise per request on the hot path.
  app.addHook('onRequest', (request, reply, done) => {
    request.startedAt = Date.now();
    reply.header('x-request-id', request.id);
    // A path no route serves answers 404 before its body is read (unknown /api paths authenticate first).
    if (request.is404 && !request.url.startsWith('/api/')) return void reply.code(404).send(unknownRoute(request).toJSON());
    done();
  });
  installErrorHandler(app);
  // Every admin route as Fastify registered it (checked against /openapi.json by the tests).
  const apiRoutes: Array<{ method: string; url: string }> = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/')) return;
    for (const method of [r.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url: r.url });
  });
  registerHealth(app, rt.ready);
  registerMetrics(app, rt.metrics);
  registerStatic(app);
  await registerApi(app, rt, opts.adminTokenHash, opts.version ?? '0.0.0');

  const authenticate = makeAuthenticator(opts.adminTokenHash, rt.keyDirectory);
  await app.register(async (v1) => {
    v1.addHook('onRequest', (request, _reply, done) => {
      try {
        const pending = authenticate(request);
        if (pending) pending.then(() => done(), done);
        else done();
      } catch (err) {
        done(err as Error);
      }
    });
    const apps = { apps: rt.apps, runner: rt.appRunner };
    registerChatCompletions(v1, rt.gateway, apps);
    registerAppRun(v1, apps);
    registerEmbeddings(v1, rt.gateway);
    registerRerank(v1, rt.gateway);
    registerModels(v1, () => rt.routes.listings(rt.discovered));
  });
  return app;
}
