/**
 * Scenario apps (issue 18, src/server/api/app-studio-routes.ts): the built-in library, a workspace's
 * custom apps, their versions (draft, publish, roll back, traffic split), export, page events and stats.
 * The console runs apps through `/api/apps/{appId}/run` and the library's run route (./app-run.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, authHeaders, qs, route, toApiError } from './client.ts';
import { appKeys } from './keys.ts';
import type { Body, Item, Query, Res } from './types.ts';

export type LibraryApp = Item<'getApiAppLibrary'>;
/** A workspace's scenario app: a tenancy app (`app_…`) with a slug, its source built-in, traffic and newest version. */
export type ScenarioApp = Item<'getApiWorkspacesWorkspaceIdApps'>;
export type AppVersion = Item<'getApiAppsAppIdVersions'>;
export type VersionStatus = AppVersion['status'];
/** A version's spec as the server shows it (every default filled in): what the studio edits. */
export type AppSpec = AppVersion['spec'];
export type AppVariable = AppSpec['variables'][number];
export type VariableType = AppVariable['type'];
/** A text shown in a form: one string, or one per language. */
export type Localized = NonNullable<AppVariable['label']>;
export type Prompts = AppSpec['prompts'];
export type AppPrompt = NonNullable<Prompts['zh']>;
export type PromptLang = keyof Prompts;
export type OutputFormat = AppSpec['output']['format'];
export type LongInputStrategy = AppSpec['long_input']['strategy'];
export type AppParameters = AppSpec['parameters'];
export type Traffic = NonNullable<ScenarioApp['traffic']>;
export type AppStats = Res<'getApiAppsAppIdStats'>;
/** A new app: a clone of a built-in (`from_builtin`), or a spec of its own. */
export type NewApp = Body<'postApiWorkspacesWorkspaceIdApps'>;

export const VARIABLE_TYPES: readonly VariableType[] = ['text', 'long_text', 'enum', 'number', 'boolean', 'file'];
export const PROMPT_LANGS: readonly PromptLang[] = ['zh', 'en'];
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'markdown', 'json'];
export const LONG_INPUT_STRATEGIES: readonly LongInputStrategy[] = ['refuse', 'truncate', 'map-reduce'];

/** The inputs of a run: variable name → value. */
export type AppInputs = Record<string, string | number | boolean>;

const appRoute = (appId: string) => route('/api/apps/{appId}', { appId });
const versionsRoute = (appId: string) => route('/api/apps/{appId}/versions', { appId });

export const scenarioKeys = {
  all: ['scenario-apps'] as const,
  library: () => [...scenarioKeys.all, 'library'] as const,
  lists: () => [...scenarioKeys.all, 'list'] as const,
  list: (workspaceId: string) => [...scenarioKeys.lists(), workspaceId] as const,
  /** Everything of one app: the app, its versions, its stats. */
  app: (appId: string) => [...scenarioKeys.all, 'app', appId] as const,
  versions: (appId: string) => [...scenarioKeys.app(appId), 'versions'] as const,
  stats: (appId: string) => [...scenarioKeys.app(appId), 'stats'] as const,
};

/** The built-in library (the same in every workspace). */
export const useAppLibrary = () =>
  useQuery({
    queryKey: scenarioKeys.library(),
    queryFn: ({ signal }) => api<Res<'getApiAppLibrary'>>('GET', route('/api/app-library'), undefined, { signal }).then((r) => r.data),
    staleTime: 5 * 60_000,
  });

/** The workspace's scenario apps (plain apps, which group keys only, are left out). */
export const useScenarioApps = (workspaceId: string) =>
  useQuery({
    queryKey: scenarioKeys.list(workspaceId),
    enabled: Boolean(workspaceId),
    queryFn: ({ signal }) =>
      api<Res<'getApiWorkspacesWorkspaceIdApps'>>(
        'GET',
        route('/api/workspaces/{workspaceId}/apps', { workspaceId }) +
          qs({ kind: 'scenario' } satisfies Query<'getApiWorkspacesWorkspaceIdApps'>),
        undefined,
        { signal },
      ).then((r) => r.data.filter((a) => a.slug)),
  });

export const useScenarioApp = (appId: string) =>
  useQuery({
    queryKey: [...scenarioKeys.app(appId), 'view'],
    enabled: Boolean(appId),
    queryFn: ({ signal }) => api<Res<'getApiAppsAppId'>>('GET', appRoute(appId), undefined, { signal }),
  });

/** Newest first. */
export const useAppVersions = (appId: string | undefined) =>
  useQuery({
    queryKey: scenarioKeys.versions(appId ?? ''),
    enabled: Boolean(appId),
    queryFn: ({ signal }) =>
      api<Res<'getApiAppsAppIdVersions'>>('GET', versionsRoute(appId!), undefined, { signal }).then((r) =>
        [...r.data].sort((a, b) => b.version - a.version),
      ),
  });

export const useAppStats = (appId: string) =>
  useQuery({
    queryKey: scenarioKeys.stats(appId),
    enabled: Boolean(appId),
    queryFn: ({ signal }) => api<AppStats>('GET', route('/api/apps/{appId}/stats', { appId }), undefined, { signal }),
  });

/** After a change to an app: its own data, the lists, and the keys and policy pages' app lists. */
function useAppChanged() {
  const qc = useQueryClient();
  return (appId?: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: appId ? scenarioKeys.app(appId) : scenarioKeys.all }),
      qc.invalidateQueries({ queryKey: scenarioKeys.lists() }),
      qc.invalidateQueries({ queryKey: appKeys.all }),
    ]);
}

export function useCreateScenarioApp(workspaceId: string) {
  const changed = useAppChanged();
  return useMutation({
    mutationFn: (body: NewApp) =>
      api<Res<'postApiWorkspacesWorkspaceIdApps'>>('POST', route('/api/workspaces/{workspaceId}/apps', { workspaceId }), body),
    onSuccess: () => changed(),
  });
}

/** Creates an app from exported YAML (`{slug, name, description, spec}`), or a new version of the app with that slug. */
export function useImportScenarioApp(workspaceId: string) {
  const changed = useAppChanged();
  return useMutation({
    mutationFn: (yaml: string) =>
      api<Res<'postApiWorkspacesWorkspaceIdAppsImport'>>('POST', route('/api/workspaces/{workspaceId}/apps/import', { workspaceId }), {
        yaml,
      } satisfies Body<'postApiWorkspacesWorkspaceIdAppsImport'>),
    onSuccess: () => changed(),
  });
}

/** Renames the app or changes its description (what the gallery and the end-user page show). */
export function useUpdateScenarioApp(appId: string) {
  const changed = useAppChanged();
  return useMutation({
    mutationFn: (body: Pick<Body<'patchApiAppsAppId'>, 'name' | 'description'>) =>
      api<Res<'patchApiAppsAppId'>>('PATCH', appRoute(appId), body),
    onSuccess: () => changed(appId),
  });
}

export function useDeleteScenarioApp() {
  const changed = useAppChanged();
  return useMutation({
    mutationFn: (appId: string) => api<Res<'deleteApiAppsAppId'>>('DELETE', appRoute(appId)),
    onSuccess: () => changed(),
  });
}

/** A new draft: a copy of `from_version` (default: the newest version), or of `spec`. */
export function useCreateDraft(appId: string) {
  const changed = useAppChanged();
  return useMutation({
    mutationFn: (body: Body<'postApiAppsAppIdVersions'>) => api<Res<'postApiAppsAppIdVersions'>>('POST', versionsRoute(appId), body),
    onSuccess: () => changed(appId),
  });
}

export function useSaveDraft(appId: string) {
  const changed = useAppChanged();
  return useMutation({
    mutationFn: ({ version, ...body }: { version: number } & Body<'putApiAppsAppIdVersionsVersion'>) =>
      api<Res<'putApiAppsAppIdVersionsVersion'>>(
        'PUT',
        route('/api/apps/{appId}/versions/{version}', { appId, version: String(version) }),
        body,
      ),
    onSuccess: () => changed(appId),
  });
}

/** Publishes a draft: it serves all traffic, unless `split` shares it with another published version. */
export function usePublish(appId: string) {
  const changed = useAppChanged();
  return useMutation({
    mutationFn: ({ version, split }: { version: number; split?: Traffic }) =>
      api<Res<'postApiAppsAppIdVersionsVersionPublish'>>(
        'POST',
        route('/api/apps/{appId}/versions/{version}/publish', { appId, version: String(version) }),
        (split ? { split } : {}) satisfies Body<'postApiAppsAppIdVersionsVersionPublish'>,
      ),
    onSuccess: () => changed(appId),
  });
}

/** Sends all traffic back to an earlier published version. */
export function useRollback(appId: string) {
  const changed = useAppChanged();
  return useMutation({
    mutationFn: (version: number) =>
      api<Res<'postApiAppsAppIdRollback'>>('POST', route('/api/apps/{appId}/rollback', { appId }), {
        version,
      } satisfies Body<'postApiAppsAppIdRollback'>),
    onSuccess: () => changed(appId),
  });
}

/** Splits traffic between (at most two) published versions; weights sum to 100. */
export function useSetTraffic(appId: string) {
  const changed = useAppChanged();
  return useMutation({
    mutationFn: (traffic: Traffic) =>
      api<Res<'putApiAppsAppIdTraffic'>>('PUT', route('/api/apps/{appId}/traffic', { appId }), {
        traffic,
      } satisfies Body<'putApiAppsAppIdTraffic'>),
    onSuccess: () => changed(appId),
  });
}

/** The app as YAML (`{slug, name, description, spec}`) of the version serving most traffic. */
export async function exportScenarioApp(appId: string): Promise<string> {
  const res = await fetch(route('/api/apps/{appId}/export', { appId }), {
    headers: { accept: 'application/yaml', ...authHeaders() },
    credentials: 'same-origin',
  });
  if (!res.ok) throw await toApiError(res);
  return res.text();
}

/**
 * Counts a page view, or a browser session, of the app's end-user page (never throws: counting is best
 * effort). A view with an `eventId` is also usage analytics' page view (one call for both).
 */
export function sendPageEvent(appId: string, kind: 'view' | 'session', sessionId: string, eventId?: string): Promise<void> {
  return api<Res<'postApiAppsAppIdPageEvents'>>('POST', route('/api/apps/{appId}/page-events', { appId }), {
    kind,
    session_id: sessionId,
    ...(eventId ? { id: eventId } : {}),
  } satisfies Body<'postApiAppsAppIdPageEvents'>).then(
    () => undefined,
    () => undefined,
  );
}
