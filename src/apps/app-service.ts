import type { Calendar } from '../core/calendar.js';
import { badRequest, notFound } from '../core/errors.js';
import { gatewayError } from '../core/error-codes.js';
import { newId } from '../security/tokens.js';
import type { AppRepository, AppWithLatest } from '../store/app-repository.js';
import type { SettingsRepository } from '../store/settings-repository.js';
import type { TenancyRepository } from '../store/tenancy-repository.js';
import { AppCache, type CachedVersion } from './app-cache.js';
import { AppPageStats, type AppStats } from './app-page-stats.js';
import { appNotFound, checkedSpec, noVersion, notDraft, parseSpec, toScenarioApp, toVersion } from './app-records.js';
import {
  APP_LIMITS,
  APP_SLUG,
  BUILTIN_SLUGS,
  type CreateAppInput,
  type LibraryApp,
  type AppSpec,
  type AppVersion,
  type BuiltinSlug,
  type ResolvedApp,
  type ScenarioApp,
  type Traffic,
} from './app-types.js';
import { appFromYaml, appToYaml } from './app-yaml.js';
import { BUILTIN_APPS } from './builtins/index.js';
import { checkTraffic, pickVersion } from './traffic.js';

export type { CreateAppInput, LibraryApp } from './app-types.js';

/** The settings value bumped on every app change; other processes poll it (like `models_version`). */
export const APPS_VERSION = 'apps_version';
const POLL_MS = 2_000;

export interface AppServiceDeps {
  repo: AppRepository;
  tenancy: TenancyRepository;
  settings: SettingsRepository;
  calendar: Calendar;
  /** Tells the other replicas (the config bus); they also notice within a poll. */
  announce?: () => void;
  /** Follow other processes' changes by polling `apps_version` (default true). */
  poll?: boolean;
  pollMs?: number;
  /** The traffic split's dice (tests). */
  random?: () => number;
}

/**
 * Scenario apps (issue 18): the built-in library and each workspace's apps, which are tenancy apps
 * with a slug and versions (so their keys, policies and log rows line up). Versions are drafts until
 * published; the traffic split picks the version of each run (`resolve`), from a cache cleared on every
 * change here and, in other processes, when the config bus tells them or their poll of `apps_version`
 * notices.
 */
export class AppService {
  private readonly cache: AppCache;
  private readonly builtins = new Map<string, ResolvedApp>();
  private seenVersion: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly pages: AppPageStats;

  private constructor(private readonly deps: AppServiceDeps) {
    this.pages = new AppPageStats(deps.repo, deps.calendar);
    this.cache = new AppCache(
      async (ws, slug) => {
        const row = await deps.repo.bySlug(ws, slug);
        return row ? toScenarioApp(row) : null;
      },
      async (appId, version) => {
        const row = await deps.repo.version(appId, version);
        return row ? { status: row.status, spec: parseSpec(row.spec) } : null;
      },
    );
    for (const slug of BUILTIN_SLUGS)
      this.builtins.set(slug, { app: null, slug, version: 1, spec: BUILTIN_APPS[slug].spec, builtin: true });
  }

  /** The service, following other processes' changes unless `poll: false`. */
  static async create(deps: AppServiceDeps): Promise<AppService> {
    const s = new AppService(deps);
    s.seenVersion = await deps.settings.get(APPS_VERSION);
    if (deps.poll !== false) {
      s.timer = setInterval(() => void s.refresh(), deps.pollMs ?? POLL_MS);
      s.timer.unref();
    }
    return s;
  }

  // ---- the library ----

  /** The built-ins, in the contract's order. */
  library(): LibraryApp[] {
    return BUILTIN_SLUGS.map((slug) => ({ slug, spec: BUILTIN_APPS[slug].spec, samples: BUILTIN_APPS[slug].samples }));
  }

  isBuiltin(slug: string): slug is BuiltinSlug {
    return this.builtins.has(slug);
  }

  // ---- apps ----

  /** The workspace's scenario apps (tenancy apps without a slug are not among them), oldest first. */
  async list(workspaceId: string): Promise<ScenarioApp[]> {
    return (await this.deps.repo.list(workspaceId, true)).map(toScenarioApp);
  }

  /** The workspace's app rows with their newest version, for the admin API's views (`scenario`: only apps with a slug). */
  rows(workspaceId: string, scenario = false): Promise<AppWithLatest[]> {
    return this.deps.repo.list(workspaceId, scenario);
  }

  /** One app row (scenario or plain) with its newest version. */
  row(id: string): Promise<AppWithLatest | undefined> {
    return this.deps.repo.get(id);
  }

  /** A scenario app by id; null for none (or a plain tenancy app). */
  async get(id: string): Promise<ScenarioApp | null> {
    const row = await this.deps.repo.get(id);
    return row?.slug ? toScenarioApp(row) : null;
  }

  async getBySlug(workspaceId: string, slug: string): Promise<ScenarioApp | null> {
    const row = await this.deps.repo.bySlug(workspaceId, slug);
    return row ? toScenarioApp(row) : null;
  }

  /**
   * Creates an app from a spec or a built-in (`fromBuiltin`): a tenancy app with the slug (unique in the
   * workspace, not a built-in's: 409 `app_slug_taken`) and version 1, a draft unless `publish`.
   */
  async create(workspaceId: string, input: CreateAppInput, actor: string | null): Promise<{ app: ScenarioApp; version: AppVersion }> {
    if (this.isBuiltin(input.slug))
      throw gatewayError(
        'app_slug_taken',
        `"${input.slug}" is a built-in app's slug; choose another. / “${input.slug}”是内置应用的标识，请换一个。`,
        {
          param: 'slug',
        },
      );
    if (!(await this.deps.tenancy.workspace(workspaceId))) throw notFound('No workspace with that id.');
    let spec: AppSpec;
    let source: BuiltinSlug | null = null;
    if (input.fromBuiltin !== undefined) {
      if (input.spec !== undefined) throw badRequest('Give either spec or from_builtin, not both.', 'spec', 'invalid_value');
      if (!this.isBuiltin(input.fromBuiltin))
        throw notFound(`No built-in app "${input.fromBuiltin.slice(0, 64)}".`, 'scenario_app_not_found', 'from_builtin');
      source = input.fromBuiltin;
      spec = structuredClone(BUILTIN_APPS[source].spec);
    } else if (input.spec !== undefined) {
      spec = checkedSpec(input.spec);
    } else {
      throw badRequest('Give spec (an app of your own) or from_builtin (a copy of a built-in).', 'spec', 'missing_required_parameter');
    }
    if (input.name !== undefined && input.name.length > 100)
      throw badRequest('A scenario app’s name has at most 100 characters.', 'name', 'invalid_value');
    if (input.name !== undefined) spec = { ...spec, name: input.name };
    if (input.description !== undefined) spec = { ...spec, description: input.description };
    const now = Date.now();
    const id = newId('app');
    const first = await this.deps.repo.create(
      { id, workspace_id: workspaceId, slug: input.slug, name: spec.name, description: spec.description, source, created_at: now },
      { status: 'draft', spec: JSON.stringify(spec), note: input.note ?? '', created_by: actor, created_at: now },
    );
    if (!first)
      throw gatewayError(
        'app_slug_taken',
        `This workspace has an app "${input.slug}" already. / 该工作空间已有标识为“${input.slug}”的应用。`,
        {
          param: 'slug',
        },
      );
    let version = toVersion(first);
    if (input.publish) version = (await this.publish(id, 1)).version;
    await this.changed();
    return { app: (await this.get(id))!, version };
  }

  /** Changes the name or description (the versions' specs keep theirs). */
  async update(id: string, f: { name?: string; description?: string }): Promise<ScenarioApp> {
    await this.require(id);
    await this.deps.repo.update(id, f, Date.now());
    await this.changed();
    return (await this.get(id))!;
  }

  /** Deletes the app, its versions and page statistics; its keys stay, without an app. */
  async delete(id: string): Promise<void> {
    await this.require(id);
    await this.deps.tenancy.deleteApp(id);
    await this.changed();
  }

  // ---- versions ----

  /** Versions, newest first. */
  async versions(id: string): Promise<AppVersion[]> {
    await this.require(id);
    return (await this.deps.repo.versions(id)).map(toVersion);
  }

  async version(id: string, version: number): Promise<AppVersion> {
    const row = await this.deps.repo.version(id, version);
    if (!row) throw notFound(`The app has no version ${version}.`, 'scenario_app_not_found', 'version');
    return toVersion(row);
  }

  /** A new draft: `spec`, else a copy of `fromVersion`, else of the newest version. */
  async createDraft(id: string, f: { spec?: unknown; fromVersion?: number; note?: string }, actor: string | null): Promise<AppVersion> {
    const app = await this.require(id);
    const spec = f.spec !== undefined ? checkedSpec(f.spec) : (await this.version(id, f.fromVersion ?? app.latestVersion)).spec;
    const row = await this.deps.repo.addVersion(
      id,
      { status: 'draft', spec: JSON.stringify(spec), note: f.note ?? '', created_by: actor, created_at: Date.now() },
      APP_LIMITS.versions,
      (app.traffic ?? []).map((t) => t.version),
    );
    await this.changed();
    return toVersion(row);
  }

  /** Replaces a draft's spec or note; 409 `version_not_draft` for a published version. */
  async editDraft(id: string, version: number, f: { spec?: unknown; note?: string }): Promise<AppVersion> {
    await this.require(id);
    const current = await this.version(id, version);
    if (current.status !== 'draft') throw notDraft(version);
    const spec = f.spec !== undefined ? JSON.stringify(checkedSpec(f.spec)) : undefined;
    if (!(await this.deps.repo.editDraft(id, version, { spec, note: f.note }, Date.now()))) throw notDraft(version);
    await this.changed();
    return this.version(id, version);
  }

  /**
   * Publishes a draft. Traffic: all of it to this version, or `split` (which must name it; its other
   * version must be published already).
   */
  async publish(id: string, version: number, split?: Traffic): Promise<{ app: ScenarioApp; version: AppVersion }> {
    await this.require(id);
    const current = await this.version(id, version);
    if (current.status !== 'draft') throw notDraft(version);
    let traffic: Traffic = [{ version, weight: 100 }];
    if (split) {
      if (!split.some((t) => t.version === version))
        throw badRequest(`The split must give version ${version} a share. / 流量分配须包含版本 ${version}。`, 'split', 'invalid_value');
      traffic = checkTraffic(split, new Set([...(await this.publishedVersions(id)), version]));
    }
    if (!(await this.deps.repo.publish(id, version, JSON.stringify(traffic), Date.now()))) throw notDraft(version);
    await this.changed();
    return { app: (await this.get(id))!, version: await this.version(id, version) };
  }

  /** All traffic back to an earlier published version. */
  async rollback(id: string, version: number): Promise<ScenarioApp> {
    return this.setTraffic(id, [{ version, weight: 100 }]);
  }

  /** Splits traffic between published versions (at most two; weights sum to 100). */
  async setTraffic(id: string, traffic: Traffic): Promise<ScenarioApp> {
    await this.require(id);
    const checked = checkTraffic(traffic, new Set(await this.publishedVersions(id)));
    await this.deps.repo.setTraffic(id, JSON.stringify(checked), Date.now());
    await this.changed();
    return (await this.get(id))!;
  }

  // ---- export and import ----

  /**
   * The app as YAML (`slug`, `name`, `description`, `spec`): of `version`, else of the version serving
   * most traffic, else the newest. A built-in's slug (no app of that slug in the workspace) exports
   * the built-in.
   */
  async exportYaml(workspaceId: string, slug: string, version?: number): Promise<string> {
    const app = await this.getBySlug(workspaceId, slug);
    if (!app) {
      if (!this.isBuiltin(slug) || (version !== undefined && version !== 1)) throw appNotFound(`No app "${slug.slice(0, 64)}" here.`);
      const spec = BUILTIN_APPS[slug].spec;
      return appToYaml({ slug, name: spec.name, description: spec.description }, spec);
    }
    const serving = app.traffic ? [...app.traffic].sort((a, b) => b.weight - a.weight)[0]!.version : app.latestVersion;
    const v = await this.version(app.id, version ?? serving);
    return appToYaml(app, v.spec);
  }

  /**
   * Imports exported YAML: a new app (its version 1), or, when the workspace has an app of that slug, a
   * new version of it. A draft unless `publish`.
   */
  async importYaml(
    workspaceId: string,
    yaml: string,
    actor: string | null,
    opts: { publish?: boolean } = {},
  ): Promise<{ app: ScenarioApp; version: AppVersion; created: boolean }> {
    const doc = appFromYaml(yaml);
    const existing = await this.getBySlug(workspaceId, doc.slug);
    if (!existing) {
      const r = await this.create(
        workspaceId,
        { slug: doc.slug, name: doc.name, description: doc.description, spec: doc.spec, publish: opts.publish },
        actor,
      );
      return { ...r, created: true };
    }
    let version = await this.createDraft(existing.id, { spec: doc.spec, note: 'imported' }, actor);
    if (opts.publish) version = (await this.publish(existing.id, version.version)).version;
    return { app: (await this.get(existing.id))!, version, created: false };
  }

  // ---- runs ----

  /**
   * The app and version a run of `slug` in the workspace uses: a built-in (version 1), or the
   * workspace's app with the version the traffic split picks, or `version` when pinned (a draft only
   * with `drafts`). 404 `scenario_app_not_found` when there is none. Served from the cache.
   */
  async resolve(workspaceId: string, slug: string, opts: { version?: number; drafts?: boolean } = {}): Promise<ResolvedApp> {
    const builtin = this.builtins.get(slug);
    if (builtin) {
      if (opts.version !== undefined && opts.version !== 1) throw noVersion(slug, opts.version);
      return builtin;
    }
    // Not a slug at all: no lookup (and no cache entry) for it.
    const entry = APP_SLUG.test(slug) ? await this.cache.get(workspaceId, slug) : null;
    if (!entry) throw appNotFound(`No app "${slug.slice(0, 64)}" in this workspace. / 此工作空间中没有应用“${slug.slice(0, 64)}”。`);
    let version = opts.version;
    if (version === undefined) {
      if (!entry.app.traffic) throw appNotFound(`App "${slug}" has no published version yet. / 应用“${slug}”还没有已发布的版本。`);
      version = pickVersion(entry.app.traffic, this.deps.random);
    }
    const v: CachedVersion | null = await entry.version(version);
    if (!v || (v.status === 'draft' && !opts.drafts)) throw noVersion(slug, version);
    return { app: entry.app, slug, version, spec: v.spec, builtin: false };
  }

  // ---- the end-user page ----

  /** Counts a view or a session (once per `sessionId` in this process) of the app's page, today. */
  pageEvent(id: string, kind: 'view' | 'session', sessionId: string): Promise<void> {
    return this.pages.event(id, kind, sessionId);
  }

  /** Page views and sessions per day, and logged calls per version, over the last `days` days. */
  async stats(id: string, days = 30): Promise<AppStats> {
    await this.require(id);
    return this.pages.stats(id, days);
  }

  // ---- changes ----

  /** Call after every write: bumps `apps_version` (other processes), clears the cache here, tells the replicas. */
  async changed(): Promise<void> {
    this.seenVersion = `${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
    this.cache.clear();
    await this.deps.settings.set(APPS_VERSION, this.seenVersion);
    this.deps.announce?.();
  }

  /** Clears the cache if another process changed apps (the poll, and a replica's notice over Redis). */
  async refresh(): Promise<void> {
    try {
      const v = await this.deps.settings.get(APPS_VERSION);
      if (v !== this.seenVersion) {
        this.seenVersion = v;
        this.cache.clear();
      }
    } catch {
      // The database is busy or closing; the next tick tries again.
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async require(id: string): Promise<ScenarioApp> {
    const app = await this.get(id);
    if (!app) throw appNotFound();
    return app;
  }

  private async publishedVersions(id: string): Promise<number[]> {
    return (await this.deps.repo.versions(id)).filter((v) => v.status === 'published').map((v) => v.version);
  }
}
