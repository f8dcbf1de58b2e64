import { z } from 'zod';
import type { AppService } from '../../apps/app-service.js';
import { appSpecSchema, type ScenarioApp } from '../../apps/app-types.js';
import { APP_YAML_MAX } from '../../apps/app-yaml.js';
import { trafficSchema } from '../../apps/traffic.js';
import { notFound } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { appStatsSchema, appVersionView, appVersionViewSchema, libraryAppView, libraryAppViewSchema } from './app-studio-views.js';
import { analyticsCaller } from './analytics-caller.js';
import { actorOf } from './kb-access.js';
import { pageViewInputs } from './page-view-inputs.js';
import { requireWorkspace, type Need, type Principal } from './principal.js';
import { appView, appViewSchema, listOf } from './views.js';

const appParams = z.object({ appId: z.string().min(1).max(LIMITS.id) });
const versionNumber = z.coerce.number().int().min(1).max(1_000_000_000);
const versionParams = appParams.extend({ version: versionNumber });

/**
 * The scenario app `id` once `p` may act on its workspace at `need`: 404 when there is no such app or
 * `p` cannot see its workspace, 404 `scenario_app_not_found` for a plain app (no slug).
 */
export async function loadScenarioApp(apps: Pick<AppService, 'row' | 'get'>, p: Principal, id: string, need: Need): Promise<ScenarioApp> {
  const row = await apps.row(id);
  if (!row) throw notFound('No app with that id.');
  requireWorkspace(p, row.workspace_id, need, 'app');
  const app = await apps.get(id);
  if (!app) throw notFound('That app is not a scenario app (it has no slug).', 'scenario_app_not_found');
  return app;
}

/**
 * Scenario apps' studio (issue 18): the built-in library, versions (drafts, publish, roll back, the
 * traffic split), export and import as YAML, and the end-user page's events and statistics. Members with
 * read access read (and count page events); write access changes. Creating, changing and deleting the
 * app itself: app-routes.ts.
 */
export function registerAppStudioRoutes(c: ApiContext): void {
  const apps = () => c.rt.apps;
  const load = (p: Principal, id: string, need: Need) => loadScenarioApp(apps(), p, id, need);

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/app-library',
    summary: 'The built-in scenario apps: specs and sample inputs (runnable by slug in every workspace)',
    tag: 'apps',
    response: listOf(libraryAppViewSchema),
    handler: () => ({ object: 'list' as const, data: apps().library().map(libraryAppView) }),
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/apps/:appId/versions',
    summary: 'The versions of a scenario app, newest first',
    tag: 'apps',
    params: appParams,
    response: listOf(appVersionViewSchema),
    handler: async ({ principal, params }) => {
      await load(principal, params.appId, 'read');
      return { object: 'list' as const, data: (await apps().versions(params.appId)).map((v) => appVersionView(params.appId, v)) };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/apps/:appId/versions',
    summary: 'Start a draft version: a spec, or a copy of a version (default the newest) (member role)',
    tag: 'apps',
    status: 201,
    upload: true,
    params: appParams,
    body: z
      .object({
        spec: appSpecSchema.optional(),
        from_version: versionNumber.optional().describe('Copy this version’s spec (default: the newest version)'),
        note: z.string().max(LIMITS.shortText).optional(),
      })
      .strict(),
    response: appVersionViewSchema,
    handler: async ({ principal, params, body }) => {
      await load(principal, params.appId, 'write');
      const v = await apps().createDraft(
        params.appId,
        { spec: body.spec, fromVersion: body.from_version, note: body.note },
        actorOf(principal),
      );
      return appVersionView(params.appId, v);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/apps/:appId/versions/:version',
    summary: 'One version of a scenario app',
    tag: 'apps',
    params: versionParams,
    response: appVersionViewSchema,
    handler: async ({ principal, params }) => {
      await load(principal, params.appId, 'read');
      return appVersionView(params.appId, await apps().version(params.appId, params.version));
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'PUT',
    url: '/api/apps/:appId/versions/:version',
    summary: 'Change a draft’s spec or note; 409 version_not_draft once published (member role)',
    tag: 'apps',
    upload: true,
    params: versionParams,
    body: z.object({ spec: appSpecSchema.optional(), note: z.string().max(LIMITS.shortText).optional() }).strict(),
    response: appVersionViewSchema,
    handler: async ({ principal, params, body }) => {
      await load(principal, params.appId, 'write');
      return appVersionView(params.appId, await apps().editDraft(params.appId, params.version, body));
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/apps/:appId/versions/:version/publish',
    summary: 'Publish a draft: it takes all traffic, or `split` shares it with a published version (member role)',
    tag: 'apps',
    params: versionParams,
    body: z
      .object({ split: trafficSchema.optional().describe('[{version, weight}], weights summing to 100, naming this version') })
      .strict(),
    response: appVersionViewSchema,
    handler: async ({ principal, params, body }) => {
      await load(principal, params.appId, 'write');
      const r = await apps().publish(params.appId, params.version, body.split);
      return appVersionView(params.appId, r.version);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/apps/:appId/rollback',
    summary: 'Send all traffic to an earlier published version (member role)',
    tag: 'apps',
    params: appParams,
    body: z.object({ version: versionNumber }).strict(),
    response: appViewSchema,
    handler: async ({ principal, params, body }) => {
      await load(principal, params.appId, 'write');
      await apps().rollback(params.appId, body.version);
      return appView((await apps().row(params.appId))!);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'PUT',
    url: '/api/apps/:appId/traffic',
    summary: 'Split traffic between at most two published versions, weights summing to 100 (member role)',
    tag: 'apps',
    params: appParams,
    body: z.object({ traffic: trafficSchema }).strict(),
    response: appViewSchema,
    handler: async ({ principal, params, body }) => {
      await load(principal, params.appId, 'write');
      await apps().setTraffic(params.appId, body.traffic);
      return appView((await apps().row(params.appId))!);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/apps/:appId/export',
    summary: 'The app as YAML (slug, name, description, spec) of a version (default: the one serving most traffic)',
    tag: 'apps',
    params: appParams,
    query: z.object({ version: versionNumber.optional() }),
    response: z.string().describe('application/yaml'),
    handler: async ({ principal, params, query, reply }) => {
      const app = await load(principal, params.appId, 'read');
      const yaml = await apps().exportYaml(app.workspaceId, app.slug, query.version);
      reply.type('application/yaml; charset=utf-8').header('content-disposition', `attachment; filename="${app.slug}.yaml"`);
      return yaml;
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/workspaces/:workspaceId/apps/import',
    summary: 'Import an exported app: a new app, or a new version of the app with that slug (member role)',
    tag: 'apps',
    status: 201,
    upload: true,
    params: z.object({ workspaceId: z.string().min(1).max(LIMITS.id) }),
    body: z
      .object({
        yaml: z.string().min(1).max(APP_YAML_MAX).describe('What GET /api/apps/{appId}/export (or baimo apps export) wrote'),
        publish: z.boolean().optional().describe('Publish the imported version at once (default: a draft)'),
      })
      .strict(),
    response: appViewSchema.extend({ imported_version: z.number(), created: z.boolean() }),
    handler: async ({ principal, params, body }) => {
      requireWorkspace(principal, params.workspaceId, 'write');
      const r = await apps().importYaml(params.workspaceId, body.yaml, actorOf(principal), { publish: body.publish });
      return { ...appView((await apps().row(r.app.id))!), imported_version: r.version.version, created: r.created };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/apps/:appId/page-events',
    summary:
      'Count a view or a browser session of the app’s end-user page (read access); a view with an `id` is also usage analytics’ page view',
    tag: 'apps',
    params: appParams,
    body: z
      .object({
        kind: z.enum(['view', 'session']),
        session_id: z.string().min(1).max(LIMITS.id).describe('The browser session (a session counts once)'),
        id: z.uuid().optional().describe('A view’s event id: also recorded as a page view for usage analytics (once per id)'),
      })
      .strict(),
    response: z.object({ counted: z.literal(true) }),
    handler: async ({ principal, params, body, request }) => {
      const app = await load(principal, params.appId, 'read');
      await apps().pageEvent(params.appId, body.kind, body.session_id);
      if (body.kind === 'view' && body.id !== undefined) {
        const event = { type: 'page_view' as const, id: body.id, page: `/apps/${app.slug}/use`, app: app.id, session_id: body.session_id };
        const caller = await analyticsCaller(principal, request, app.workspaceId, 'read', c.rt.tenancy);
        await c.rt.analyticsStore.recordPageViews(
          await pageViewInputs([event], caller, { apps: apps(), sessionId: null, now: Date.now() }),
        );
      }
      return { counted: true as const };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/apps/:appId/stats',
    summary: 'Page views and sessions per day, and logged calls per version',
    tag: 'apps',
    params: appParams,
    query: z.object({ days: z.coerce.number().int().min(1).max(366).optional().describe('How many days back (default 30)') }),
    response: appStatsSchema,
    handler: async ({ principal, params, query }) => {
      await load(principal, params.appId, 'read');
      const s = await apps().stats(params.appId, query.days ?? 30);
      return { object: 'app_stats' as const, app_id: params.appId, days: s.days, runs: s.runs };
    },
  });
}
