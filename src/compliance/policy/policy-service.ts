import type { SecurityConfig } from '../../config/security-schema.js';
import type { SettingsRepository } from '../../store/settings-repository.js';
import type { PolicyDocument } from '../contracts.js';
import type { Moderator } from '../moderation/moderator.js';
import type { PiiScanner } from '../pii/pii-scanner.js';
import { fingerprintOrderedTerms, PolicyCompiler, type EffectivePolicy, type LoadedLibrary } from './effective-policy.js';
import { mergePolicies, policyFromConfig } from './merge-policy.js';
import { PolicyFloor } from './policy-floor.js';
import type { LibraryTerm, ModerationLibraryRepository } from '../../store/moderation-library-repository.js';
import type { PolicyRepository, PolicyScope, StoredPolicy } from '../../store/policy-repository.js';

/** The settings value bumped on every policy or library write; other processes poll it. */
export const SECURITY_VERSION = 'security_version';
const POLL_MS = 2_000;

/** Whose request it is: the ids the effective policy is looked up by (null: none). */
export interface PolicyIds {
  workspaceId: string | null;
  appId: string | null;
  keyId: string | null;
}

export interface PolicyServiceDeps {
  /** baimo.yaml `security:` (its policy fields are the deployment's defaults). */
  security: SecurityConfig;
  policies: PolicyRepository;
  libraries: ModerationLibraryRepository;
  settings: SettingsRepository;
  /** Instance-wide libraries from `security.moderation.library_files`, already parsed. */
  fileLibraries?: LoadedLibrary[];
  warn?: (message: string) => void;
  /** Poll `security_version` (default true; the CLI turns it off). */
  poll?: boolean;
  /** How often it is polled (ms, default 2,000). */
  pollMs?: number;
}

type Nested = Map<string, Map<string, Map<string, EffectivePolicy>>>;

/** One loaded generation of stored policies and libraries. */
interface Generation {
  /** Stored policies by scope type, then id: no key strings are built on the request path. */
  byScope: Record<PolicyScope, Map<string, StoredPolicy>>;
  /** Workspaces with their own libraries (their effective policy differs even without a policy). */
  libraryWorkspaces: Set<string>;
  compiler: PolicyCompiler;
  /** The policy of requests no stored policy or workspace library applies to. */
  base: EffectivePolicy;
  cache: Nested;
}

/**
 * Every stored security policy and every enabled keyword library, held in memory and compiled
 * into the `EffectivePolicy` of each (workspace, app, key), which the request path asks for
 * synchronously. Writes call `changed()`: this process reloads at once, others when the config bus
 * tells them (`refresh()`) or within ~2 s (they poll the `security_version` setting, like
 * models_version). A request no stored policy or workspace library applies to gets one shared
 * frozen object, with no work at all.
 */
export class PolicyService {
  private gen!: Generation;
  /** The terms of each enabled library as last loaded, with the library's updated_at then. */
  private loadedTerms = new Map<string, { updatedAt: number; terms: LibraryTerm[]; fingerprint: string }>();
  private seenVersion: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;
  private readonly defaults: PolicyDocument;
  private readonly policyFloor: PolicyFloor;
  private readonly warn: (message: string) => void;

  private constructor(private readonly deps: PolicyServiceDeps) {
    this.defaults = policyFromConfig(deps.security);
    this.policyFloor = new PolicyFloor(
      this.defaults,
      (deps.fileLibraries ?? []).map((l) => l.id),
    );
    this.warn = deps.warn ?? (() => undefined);
  }

  /** Loads everything and (unless `poll: false`) starts following `security_version`. */
  static async create(deps: PolicyServiceDeps): Promise<PolicyService> {
    const service = new PolicyService(deps);
    service.seenVersion = await deps.settings.get(SECURITY_VERSION);
    service.gen = await service.load();
    if (deps.poll !== false) {
      service.timer = setInterval(() => void service.refresh(), deps.pollMs ?? POLL_MS);
      service.timer.unref();
    }
    return service;
  }

  /** The stored policies (the admin API's reads go through this). */
  get policies(): PolicyRepository {
    return this.deps.policies;
  }

  /** The keyword libraries (the admin API's reads and writes go through this). */
  get libraries(): ModerationLibraryRepository {
    return this.deps.libraries;
  }

  /** Instance-wide libraries from baimo.yaml (read-only). */
  get fileLibraries(): readonly LoadedLibrary[] {
    return this.deps.fileLibraries ?? [];
  }

  /** The deployment's default policy (baimo.yaml `security:`). */
  get defaultPolicy(): PolicyDocument {
    return this.defaults;
  }

  /** baimo.yaml's rules as a floor: what stored policies may not loosen (checked on save, clamped on merge). */
  get floor(): PolicyFloor {
    return this.policyFloor;
  }

  /**
   * The policy that applies to a request: deployment defaults ← workspace ← app ← key, compiled.
   * Synchronous and allocation-free once a combination has been seen.
   */
  effective(ids: PolicyIds): EffectivePolicy {
    const g = this.gen;
    const ws =
      ids.workspaceId !== null && (g.byScope.workspace.has(ids.workspaceId) || g.libraryWorkspaces.has(ids.workspaceId))
        ? ids.workspaceId
        : '';
    const app = ids.appId !== null && g.byScope.app.has(ids.appId) ? ids.appId : '';
    const key = ids.keyId !== null && g.byScope.key.has(ids.keyId) ? ids.keyId : '';
    if (ws === '' && app === '' && key === '') return g.base;
    let byApp = g.cache.get(ws);
    if (!byApp) g.cache.set(ws, (byApp = new Map()));
    let byKey = byApp.get(app);
    if (!byKey) byApp.set(app, (byKey = new Map()));
    let hit = byKey.get(key);
    if (!hit) {
      hit = g.compiler.compile(this.merged({ workspaceId: ws || null, appId: app || null, keyId: key || null }), ws || null);
      byKey.set(key, hit);
    }
    return hit;
  }

  /**
   * The merged policy document of a request (what GET /api/security/effective shows), raised to
   * baimo.yaml's floor wherever a stored policy would loosen it.
   */
  merged(ids: PolicyIds): PolicyDocument {
    return this.mergedIn(this.gen.byScope, ids);
  }

  private mergedIn(byScope: Generation['byScope'], ids: PolicyIds): PolicyDocument {
    const get = (t: PolicyScope, id: string | null) => (id === null ? undefined : byScope[t].get(id)?.policy);
    const doc = mergePolicies(this.defaults, get('workspace', ids.workspaceId), get('app', ids.appId), get('key', ids.keyId));
    return this.policyFloor.clamp(doc);
  }

  /** A scanner for the request's recognizers even when its action is `allow` (POST /api/security/pii/scan). */
  scannerFor(ids: PolicyIds): PiiScanner {
    return this.effective(ids).scanner ?? this.gen.compiler.scanner(this.merged(ids));
  }

  /** The workspace's keyword libraries and rules even when moderation is off (POST /api/security/moderation/check). */
  moderatorFor(ids: PolicyIds): Moderator | null {
    return this.effective(ids).moderation.moderator ?? this.gen.compiler.moderator(ids.workspaceId, this.merged(ids));
  }

  /** Call after every write: bumps `security_version` (for other processes) and reloads here. */
  async changed(): Promise<void> {
    this.seenVersion = `${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
    await this.deps.settings.set(SECURITY_VERSION, this.seenVersion);
    await this.reload();
  }

  /** Re-reads policies and libraries and swaps in a new generation (concurrent calls share one load). */
  async reload(): Promise<void> {
    while (this.reloading) await this.reloading;
    this.reloading = this.load().then(
      (g) => {
        this.gen = g;
      },
      (err: unknown) => this.warn(`baimo: could not reload security policies: ${(err as Error).message}`),
    );
    try {
      await this.reloading;
    } finally {
      this.reloading = undefined;
    }
  }

  /** Stops following other processes' changes. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reloads if another process changed policies or libraries (the poll, and a replica's notice over Redis). */
  async refresh(): Promise<void> {
    try {
      const v = await this.deps.settings.get(SECURITY_VERSION);
      if (v !== this.seenVersion) {
        this.seenVersion = v;
        await this.reload();
      }
    } catch {
      // The database is busy or closing; the next tick tries again.
    }
  }

  /**
   * Reads everything into a new generation. Large libraries are read page by page and their
   * automata built in slices (see PolicyCompiler.warm), so a reload never holds the event loop
   * for long and the request path finds the matchers it needs ready.
   */
  private async load(): Promise<Generation> {
    const [stored, rows] = await Promise.all([this.deps.policies.list(), this.deps.libraries.list()]);
    const libraries: LoadedLibrary[] = [...(this.deps.fileLibraries ?? [])];
    const libraryWorkspaces = new Set<string>();
    // Only libraries whose terms changed since the last load (their updated_at moved) are read again:
    // a reload after one upload costs that upload, not every term of every library.
    const loaded = new Map<string, { updatedAt: number; terms: LibraryTerm[]; fingerprint: string }>();
    for (const r of rows) {
      if (!r.enabled) continue;
      let entry = this.loadedTerms.get(r.id);
      if (!entry || entry.updatedAt !== r.updated_at) {
        const terms = await this.deps.libraries.allTerms(r.id);
        entry = { updatedAt: r.updated_at, terms, fingerprint: await fingerprintOrderedTerms(terms) };
      }
      loaded.set(r.id, entry);
      libraries.push({
        id: r.id,
        workspaceId: r.workspace_id,
        name: r.name,
        enabled: true,
        terms: entry.terms,
        fingerprint: entry.fingerprint,
      });
      if (r.workspace_id !== null && entry.terms.length) libraryWorkspaces.add(r.workspace_id);
    }
    this.loadedTerms = loaded;
    const compiler = new PolicyCompiler(
      libraries,
      this.deps.security.moderation.window_chars,
      this.warn,
      (this.gen as Generation | undefined)?.compiler,
    );
    const byScope: Generation['byScope'] = { workspace: new Map(), app: new Map(), key: new Map() };
    for (const p of stored) byScope[p.scopeType].set(p.scopeId, p);
    const baseDoc = this.policyFloor.clamp(mergePolicies(this.defaults));
    // The documents requests will ask for: the base, each workspace with a policy or libraries, each app and key policy.
    const toWarm = [{ workspaceId: null as string | null, doc: baseDoc }];
    const ids = (workspaceId: string, appId: string | null, keyId: string | null) => ({
      workspaceId,
      doc: this.mergedIn(byScope, { workspaceId, appId, keyId }),
    });
    for (const ws of new Set([...libraryWorkspaces, ...byScope.workspace.keys()])) toWarm.push(ids(ws, null, null));
    for (const p of byScope.app.values()) toWarm.push(ids(p.workspaceId, p.scopeId, null));
    for (const p of byScope.key.values()) toWarm.push(ids(p.workspaceId, null, p.scopeId));
    await compiler.warm(toWarm);
    const base = compiler.compile(baseDoc, null);
    return { byScope, libraryWorkspaces, compiler, base, cache: new Map() };
  }
}
