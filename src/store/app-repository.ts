import { sql, type Kysely, type Selectable } from 'kysely';
import type { AppPageStatsTable, AppVersionTable, Database } from './schema.js';
import type { AppRow } from './tenancy-repository.js';
import { isUniqueViolation } from './unique-violation.js';

export type AppVersionRow = Selectable<AppVersionTable>;
export type AppPageStatsRow = Selectable<AppPageStatsTable>;
/** An app row with the number of its newest version (null: none, a plain tenancy app). */
export type AppWithLatest = AppRow & { latest_version: number | null };

/** What a new scenario app's row holds besides its id and workspace. */
export interface NewScenarioApp {
  id: string;
  workspace_id: string;
  slug: string;
  name: string;
  description: string | null;
  source: string | null;
  created_at: number;
}

/** A version to add: the repository numbers it (the newest + 1). */
export interface NewVersion {
  status: AppVersionRow['status'];
  spec: string;
  note: string;
  created_by: string | null;
  created_at: number;
}

/** Tries of numbering a version when another process added one at the same moment. */
const NUMBER_TRIES = 5;

/**
 * All SQL of scenario apps (apps-migration.ts): the slug, source and traffic columns of `apps`, the
 * `app_versions` rows, the end-user page's `app_page_stats` and the runs per version read from
 * `request_logs`. Rows come back as stored (specs and traffic as JSON text); AppService turns them into
 * entities. Plain tenancy apps (no slug) stay TenancyRepository's.
 */
export class AppRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private withLatest() {
    return this.db
      .selectFrom('apps')
      .selectAll('apps')
      .select((eb) =>
        eb
          .selectFrom('app_versions')
          .select((v) => v.fn.max('app_versions.version').as('m'))
          .whereRef('app_versions.app_id', '=', 'apps.id')
          .as('latest_version'),
      );
  }

  /** The workspace's apps, oldest first; `scenario` only those with a slug. */
  async list(workspaceId: string, scenario = false): Promise<AppWithLatest[]> {
    let q = this.withLatest().where('apps.workspace_id', '=', workspaceId);
    if (scenario) q = q.where('apps.slug', 'is not', null);
    const rows = await q.orderBy('apps.created_at').orderBy('apps.id').execute();
    return rows.map(normalize);
  }

  async get(id: string): Promise<AppWithLatest | undefined> {
    const row = await this.withLatest().where('apps.id', '=', id).executeTakeFirst();
    return row && normalize(row);
  }

  async bySlug(workspaceId: string, slug: string): Promise<AppWithLatest | undefined> {
    const row = await this.withLatest().where('apps.workspace_id', '=', workspaceId).where('apps.slug', '=', slug).executeTakeFirst();
    return row && normalize(row);
  }

  /**
   * Creates the app row and its first version (a draft) in one transaction; undefined when the
   * workspace has an app of that slug already (nothing is written then).
   */
  async create(app: NewScenarioApp, first: NewVersion): Promise<AppVersionRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('apps')
        .values({ ...app, cache: 0, cache_ttl_s: null, traffic: null, updated_at: app.created_at })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return undefined;
      const row: AppVersionRow = { app_id: app.id, version: 1, published_at: null, ...first };
      await trx.insertInto('app_versions').values(row).execute();
      return row;
    });
  }

  /** Changes name and description; `updated_at` moves. */
  async update(id: string, f: { name?: string; description?: string | null }, now: number): Promise<void> {
    await this.db
      .updateTable('apps')
      .set({ ...f, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  /** Versions of an app, newest first. */
  async versions(appId: string): Promise<AppVersionRow[]> {
    return this.db.selectFrom('app_versions').selectAll().where('app_id', '=', appId).orderBy('version', 'desc').execute();
  }

  async version(appId: string, version: number): Promise<AppVersionRow | undefined> {
    return this.db.selectFrom('app_versions').selectAll().where('app_id', '=', appId).where('version', '=', version).executeTakeFirst();
  }

  /**
   * Adds a version numbered after the newest, then keeps at most `keep` versions: the oldest ones not
   * serving traffic (`serving`) go. Two writers at once: the loser renumbers and tries again.
   */
  async addVersion(appId: string, v: NewVersion, keep: number, serving: readonly number[]): Promise<AppVersionRow> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          // First: the app's row lock (PostgreSQL) makes writers of one app take turns, so the max is theirs.
          await trx.updateTable('apps').set({ updated_at: v.created_at }).where('id', '=', appId).execute();
          const top = await trx
            .selectFrom('app_versions')
            .select((eb) => eb.fn.max('version').as('m'))
            .where('app_id', '=', appId)
            .executeTakeFirst();
          const row: AppVersionRow = { app_id: appId, version: Number(top?.m ?? 0) + 1, published_at: null, ...v };
          await trx.insertInto('app_versions').values(row).execute();
          const count = await trx
            .selectFrom('app_versions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('app_id', '=', appId)
            .executeTakeFirstOrThrow();
          const excess = Number(count.n) - keep;
          if (excess > 0) {
            const keepAlways = [...serving, row.version];
            const old = await trx
              .selectFrom('app_versions')
              .select('version')
              .where('app_id', '=', appId)
              .where('version', 'not in', keepAlways)
              .orderBy('version')
              .limit(excess)
              .execute();
            if (old.length)
              await trx
                .deleteFrom('app_versions')
                .where('app_id', '=', appId)
                .where(
                  'version',
                  'in',
                  old.map((o) => o.version),
                )
                .execute();
          }
          return row;
        });
      } catch (err) {
        if (attempt >= NUMBER_TRIES || !isUniqueViolation(err)) throw err;
      }
    }
  }

  /** Replaces a draft's spec (and note); false when the version is not a draft (or does not exist). */
  async editDraft(appId: string, version: number, f: { spec?: string; note?: string }, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('app_versions')
      .set(f)
      .where('app_id', '=', appId)
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await this.db.updateTable('apps').set({ updated_at: now }).where('id', '=', appId).execute();
    return true;
  }

  /** Marks a draft published and sets the app's traffic, together; false when it is no longer a draft. */
  async publish(appId: string, version: number, traffic: string, now: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('app_versions')
        .set({ status: 'published', published_at: now })
        .where('app_id', '=', appId)
        .where('version', '=', version)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return false;
      await trx.updateTable('apps').set({ traffic, updated_at: now }).where('id', '=', appId).execute();
      return true;
    });
  }

  /** Sets which published versions serve runs (JSON `[{version, weight}]`). */
  async setTraffic(appId: string, traffic: string, now: number): Promise<void> {
    await this.db.updateTable('apps').set({ traffic, updated_at: now }).where('id', '=', appId).execute();
  }

  /** Counts a page view or a session of the app's end-user page on `day`. */
  async countPageEvent(appId: string, day: string, kind: 'view' | 'session'): Promise<void> {
    const views = kind === 'view' ? 1 : 0;
    const sessions = kind === 'session' ? 1 : 0;
    await this.db
      .insertInto('app_page_stats')
      .values({ app_id: appId, day, views, sessions })
      .onConflict((oc) =>
        oc.columns(['app_id', 'day']).doUpdateSet({
          views: sql<number>`app_page_stats.views + ${views}`,
          sessions: sql<number>`app_page_stats.sessions + ${sessions}`,
        }),
      )
      .execute();
  }

  /** Page views and sessions per day from `fromDay` (inclusive), oldest first. */
  async pageStats(appId: string, fromDay: string): Promise<AppPageStatsRow[]> {
    const rows = await this.db
      .selectFrom('app_page_stats')
      .selectAll()
      .where('app_id', '=', appId)
      .where('day', '>=', fromDay)
      .orderBy('day')
      .execute();
    return rows.map((r) => ({ ...r, views: Number(r.views), sessions: Number(r.sessions) }));
  }

  /** Logged calls of the app since `since` (epoch ms) per version, oldest version first. */
  async runsByVersion(appId: string, since: number): Promise<Array<{ version: number | null; runs: number }>> {
    const rows = await this.db
      .selectFrom('request_logs')
      .select(['app_version', (eb) => eb.fn.countAll<number>().as('n')])
      .where('app_id', '=', appId)
      .where('created_at', '>=', since)
      .where('app_slug', 'is not', null)
      .groupBy('app_version')
      .orderBy('app_version')
      .execute();
    return rows.map((r) => ({ version: r.app_version ?? null, runs: Number(r.n) }));
  }
}

function normalize<T extends { latest_version: unknown }>(row: T): T & { latest_version: number | null } {
  return { ...row, latest_version: row.latest_version === null || row.latest_version === undefined ? null : Number(row.latest_version) };
}
