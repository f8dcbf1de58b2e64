import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionTable, UserTable } from './schema.js';

export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;

/** Console users and their login sessions (only the hash of a session token is stored). */
export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(row: UserRow): Promise<UserRow> {
    await this.db.insertInto('users').values(row).execute();
    return row;
  }

  async get(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async byEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  }

  /** True once any console user exists (a fresh install has none). */
  async any(): Promise<boolean> {
    return (await this.db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  /** `ids` undefined: all users. */
  async list(ids?: string[]): Promise<UserRow[]> {
    let q = this.db.selectFrom('users').selectAll();
    if (ids) {
      if (ids.length === 0) return [];
      q = q.where('id', 'in', ids);
    }
    return q.orderBy('created_at').orderBy('id').execute();
  }

  async update(id: string, f: Partial<Pick<UserRow, 'name' | 'password_hash' | 'is_admin' | 'disabled'>>): Promise<UserRow | undefined> {
    if (Object.keys(f).length > 0) await this.db.updateTable('users').set(f).where('id', '=', id).execute();
    if (f.password_hash || f.disabled) await this.db.deleteFrom('sessions').where('user_id', '=', id).execute();
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async createSession(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  async session(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).where('expires_at', '>', Date.now()).executeTakeFirst();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async purgeExpiredSessions(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', Date.now()).execute();
  }
}
