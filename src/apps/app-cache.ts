import type { AppSpec, ScenarioApp, VersionStatus } from './app-types.js';

/** A version as runs need it. */
export interface CachedVersion {
  status: VersionStatus;
  spec: AppSpec;
}

/** A workspace's app by slug, with the versions runs have asked for so far. */
export interface CachedApp {
  app: ScenarioApp;
  version(version: number): Promise<CachedVersion | null>;
}

/** Apps remembered at most; past it the cache starts over (slugs probed at random cannot grow it without bound). */
const MAX_ENTRIES = 10_000;

/**
 * The scenario apps runs resolve, by workspace and slug (absent ones too), each with the specs of its
 * versions, loaded once and shared by every run until `clear()`: AppService clears it on every change
 * here and when another process announces or a poll notices one. A failed load is not remembered.
 */
export class AppCache {
  private readonly apps = new Map<string, Promise<CachedApp | null>>();

  constructor(
    private readonly loadApp: (workspaceId: string, slug: string) => Promise<ScenarioApp | null>,
    private readonly loadVersion: (appId: string, version: number) => Promise<CachedVersion | null>,
  ) {}

  get size(): number {
    return this.apps.size;
  }

  /** The app of `slug` in the workspace, or null when there is none. */
  get(workspaceId: string, slug: string): Promise<CachedApp | null> {
    const key = `${workspaceId}\u0000${slug}`;
    const hit = this.apps.get(key);
    if (hit) return hit;
    if (this.apps.size >= MAX_ENTRIES) this.apps.clear();
    const p = this.loadApp(workspaceId, slug).then((app) => (app ? this.entry(app) : null));
    this.apps.set(key, p);
    p.catch(() => {
      if (this.apps.get(key) === p) this.apps.delete(key);
    });
    return p;
  }

  /** Forgets everything (a change anywhere). */
  clear(): void {
    // A load still running belongs to the old map: its answer is never handed out after this.
    this.apps.clear();
  }

  private entry(app: ScenarioApp): CachedApp {
    const versions = new Map<number, Promise<CachedVersion | null>>();
    return {
      app,
      version: (version) => {
        const hit = versions.get(version);
        if (hit) return hit;
        // Versions beyond the ones an app keeps are not remembered (a pinned version probed at random).
        const p = this.loadVersion(app.id, version);
        if (versions.size < 256) versions.set(version, p);
        p.catch(() => versions.delete(version));
        return p;
      },
    };
  }
}
