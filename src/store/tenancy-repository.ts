import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AppTable, Database, MembershipTable, Role, WorkspaceTable } from './schema.js';

export type WorkspaceRow = Selectable<WorkspaceTable>;
export type AppRow = Selectable<AppTable>;
export type MembershipRow = Selectable<MembershipTable>;

/** Workspaces, their apps and their members. */
export class TenancyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async createWorkspace(row: WorkspaceRow): Promise<WorkspaceRow> {
    await this.db.insertInto('workspaces').values(row).execute();
    return row;
  }

  async workspace(id: string): Promise<WorkspaceRow | undefined> {
    return this.db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** `ids` undefined: all workspaces. */
  async workspaces(ids?: string[]): Promise<WorkspaceRow[]> {
    let q = this.db.selectFrom('workspaces').selectAll();
    if (ids) {
      if (ids.length === 0) return [];
      q = q.where('id', 'in', ids);
    }
    return q.orderBy('created_at').orderBy('id').execute();
  }

  async renameWorkspace(id: string, name: string): Promise<void> {
    await this.db.updateTable('workspaces').set({ name }).where('id', '=', id).execute();
  }

  async deleteWorkspace(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('workspaces').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** A plain tenancy app (scenario apps also set slug, source and traffic: app-repository.ts). */
  async createApp(row: Insertable<AppTable>): Promise<AppRow> {
    await this.db.insertInto('apps').values(row).execute();
    return { description: null, cache_ttl_s: null, slug: null, source: null, traffic: null, updated_at: null, metadata: null, ...row };
  }

  async app(id: string): Promise<AppRow | undefined> {
    return this.db.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async apps(workspaceId: string): Promise<AppRow[]> {
    return this.db.selectFrom('apps').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
  }

  async updateApp(
    id: string,
    f: Partial<Pick<AppRow, 'name' | 'description' | 'cache' | 'cache_ttl_s' | 'metadata'>>,
  ): Promise<AppRow | undefined> {
    if (Object.keys(f).length > 0) await this.db.updateTable('apps').set(f).where('id', '=', id).execute();
    return this.app(id);
  }

  async deleteApp(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('apps').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async members(workspaceId: string): Promise<Array<MembershipRow & { email: string; name: string }>> {
    return this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select([
        'memberships.user_id',
        'memberships.workspace_id',
        'memberships.role',
        'memberships.created_at',
        'users.email',
        'users.name',
      ])
      .where('memberships.workspace_id', '=', workspaceId)
      .orderBy('memberships.created_at')
      .execute();
  }

  async memberships(userId: string): Promise<MembershipRow[]> {
    return this.db.selectFrom('memberships').selectAll().where('user_id', '=', userId).execute();
  }

  async setMember(workspaceId: string, userId: string, role: Role): Promise<void> {
    await this.db
      .insertInto('memberships')
      .values({ workspace_id: workspaceId, user_id: userId, role, created_at: Date.now() })
      .onConflict((oc) => oc.columns(['user_id', 'workspace_id']).doUpdateSet({ role }))
      .execute();
  }

  async removeMember(workspaceId: string, userId: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('memberships')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}

/** The workspace a fresh install starts with, so keys can be made before any tenancy is set up. */
export const DEFAULT_WORKSPACE_ID = 'ws_default';

export async function ensureDefaultWorkspace(t: TenancyRepository): Promise<void> {
  if (await t.workspace(DEFAULT_WORKSPACE_ID)) return;
  await t.createWorkspace({ id: DEFAULT_WORKSPACE_ID, name: 'Default', created_at: Date.now() }).catch(() => undefined); // another process won the race
}
