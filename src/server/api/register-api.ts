import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthorized } from '../../core/errors.js';
import { unknownRoute } from '../error-handler.js';
import { KeyService } from '../../governance/key-service.js';
import type { Runtime } from '../../runtime/create-runtime.js';
import { registerAnalyticsEventRoutes } from './analytics-event-routes.js';
import { registerAnalyticsRoutes } from './analytics-routes.js';
import { registerAnalyticsReportFileRoutes } from './analytics-report-file-routes.js';
import { registerAnalyticsTopicRoutes } from './analytics-topic-routes.js';
import { registerAppRoutes } from './app-routes.js';
import { registerArenaRoutes } from './arena-routes.js';
import { registerAppRunRoutes } from './app-run-routes.js';
import { registerAppStudioRoutes } from './app-studio-routes.js';
import type { AnyApiRoute, ApiRouteConfig } from './api-route.js';
import { registerAuditHook } from './audit-hook.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerCatalogRoutes } from './catalog-routes.js';
import { authenticateApi } from './authenticate-api.js';
import { registerEvalRunRoutes } from './eval-run-routes.js';
import { registerEvalReportRoutes } from './eval-report-routes.js';
import { registerEvalDatasetRoutes } from './eval-dataset-routes.js';
import { registerExtractTextRoutes } from './extract-text-routes.js';
import { registerJobRoutes } from './job-routes.js';
import { registerKbRoutes } from './kb-routes.js';
import { registerKeyRoutes } from './key-routes.js';
import { registerLocalModelRoutes } from './local-model-routes.js';
import { registerLogRoutes } from './log-routes.js';
import { registerModelRoutes } from './model-routes.js';
import { registerModerationRoutes } from './moderation-routes.js';
import { buildOpenApi } from './openapi.js';
import { registerSecurityRoutes } from './security-routes.js';
import { registerStatsRoutes } from './stats-routes.js';
import { registerUsageRoutes } from './usage-routes.js';
import { registerUserRoutes } from './user-routes.js';
import { registerWorkspaceRoutes } from './workspace-routes.js';

/** The admin REST API under `/api/` (what the console uses) and its OpenAPI document at `/openapi.json`. */
/** What an unknown `/api` path's 404 points to. */
const API_HINT = 'The admin API is described at /openapi.json.';

export async function registerApi(app: FastifyInstance, rt: Runtime, adminTokenHash: Buffer, version: string): Promise<AnyApiRoute[]> {
  const routes: AnyApiRoute[] = [];
  const deps = { adminTokenHash, keys: rt.keyDirectory, users: rt.users, tenancy: rt.tenancy };
  // In onRequest, before the body is read: a caller who is nobody never makes the server buffer or
  // parse a body, except on public routes (login), whose bodies are capped at LIMITS.body.apiPublic.
  const authenticate = async (request: FastifyRequest): Promise<void> => {
    request.principal = await authenticateApi(request, deps);
    if (!request.principal && (request.routeOptions.config as Partial<ApiRouteConfig>).apiAuth !== 'public')
      throw unauthorized('Authenticate with a console session, the admin token, or an API key.');
  };
  await app.register(async (api) => {
    api.addHook('onRequest', authenticate);
    api.addHook('onSend', async (_request, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });
    // Every successful write lands in the audit log (one hook for all routes; see audit-actions.ts).
    registerAuditHook(api, rt);
    const c = { app: api, routes, rt, keyService: new KeyService(rt.keys, rt.tenancy, () => void rt.announce('keys')) };
    registerAuthRoutes(c);
    registerWorkspaceRoutes(c);
    registerAppRoutes(c);
    registerAppStudioRoutes(c);
    registerAppRunRoutes(c);
    registerExtractTextRoutes(c);
    registerKeyRoutes(c);
    registerUserRoutes(c);
    registerModelRoutes(c);
    registerCatalogRoutes(c);
    registerLocalModelRoutes(c);
    registerLogRoutes(c);
    registerUsageRoutes(c);
    registerStatsRoutes(c);
    registerSecurityRoutes(c);
    registerModerationRoutes(c);
    registerAuditRoutes(c);
    registerJobRoutes(c);
    registerKbRoutes(c);
    registerEvalDatasetRoutes(c);
    registerEvalRunRoutes(c);
    registerEvalReportRoutes(c);
    registerArenaRoutes(c);
    registerAnalyticsRoutes(c);
    registerAnalyticsEventRoutes(c, () => c.rt.analyticsStore);
    registerAnalyticsReportFileRoutes(c);
    registerAnalyticsTopicRoutes(c);
  });
  // Unknown /api paths: authenticated first like the routes, then a 404 before the body is read.
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request) => {
        await authenticate(request);
        throw unknownRoute(request, API_HINT);
      });
      scope.setNotFoundHandler((request) => {
        throw unknownRoute(request, API_HINT);
      });
    },
    { prefix: '/api' },
  );
  let doc: string | undefined;
  app.get('/openapi.json', (_request, reply) => {
    doc ??= JSON.stringify(buildOpenApi(routes, version));
    return reply.type('application/json; charset=utf-8').send(doc);
  });
  return routes;
}
