import type SQLite from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import type pg from 'pg';
import type { OpenedDatabase } from './open-database.js';
import type { Database, Period, VirtualKeyTable } from './schema.js';

/** The request path's key lookup: the key's limits and its app's cache settings, by hash. */
const LOOKUP_SQL = `select k.id, k.name, k.workspace_id, k.app_id, k.models, k.rpm, k.tpm, k.token_quota,
  k.token_quota_period, k.budget, k.budget_currency, k.budget_period, k.expires_at, k.enabled, k.revoked_at,
  k.cache, k.cache_ttl_s, a.cache as app_cache, a.cache_ttl_s as app_cache_ttl_s, k.metadata, a.metadata as app_metadata
  from virtual_keys k left join apps a on a.id = k.app_id where k.key_hash = `;

export type KeyRow = Selectable<VirtualKeyTable>;

/** The joined row the directory reads (virtual_keys plus the app's cache settings). */
export interface KeyPolicyRow {
  id: string;
  name: string;
  workspace_id: string;
  app_id: string | null;
  models: string | null;
  rpm: number | null;
  tpm: number | null;
  token_quota: number | null;
  token_quota_period: string | null;
  budget: number | null;
  budget_currency: string | null;
  budget_period: string | null;
  expires_at: number | null;
  enabled: number;
  revoked_at: number | null;
  cache: number | null;
  cache_ttl_s: number | null;
  app_cache: number | null;
  app_cache_ttl_s: number | null;
  /** The key's and its app's metadata (JSON objects): analytics reads their segment attributes. */
  metadata: string | null;
  app_metadata: string | null;
}

/** What may be set on a key (create and update); `undefined` leaves a field alone on update. */
export interface KeyFields {
  name?: string;
  app_id?: string | null;
  models?: string[] | null;
  rpm?: number | null;
  tpm?: number | null;
  token_quota?: number | null;
  token_quota_period?: Period | null;
  budget?: number | null;
  budget_currency?: 'CNY' | 'USD' | null;
  budget_period?: Period | null;
  expires_at?: number | null;
  enabled?: boolean;
  metadata?: Record<string, unknown> | null;
  cache?: boolean | null;
  cache_ttl_s?: number | null;
}

/** Virtual keys: only the hash of a key is stored; the key itself is shown once at creation. */
export class KeyRepository {
  private lookupStmt: SQLite.Statement<[string], KeyPolicyRow> | undefined;
  private readonly db: Kysely<Database>;
  private readonly sqlite: SQLite.Database | undefined;
  private readonly pool: pg.Pool | undefined;

  /** The raw connection (SQLite) or pool (PostgreSQL) under `db` serves {@link lookupByHash} from one prepared statement. */
  constructor(database: Pick<OpenedDatabase, 'db' | 'sqlite' | 'pool'>) {
    this.db = database.db;
    this.sqlite = database.sqlite;
    this.pool = database.pool;
  }

  /**
   * The key with this hash joined with its app's cache settings (the request path's authentication): one
   * prepared statement, made on first use. Synchronous on SQLite; on PostgreSQL a named prepared statement.
   */
  lookupByHash(hash: string): KeyPolicyRow | undefined | Promise<KeyPolicyRow | undefined> {
    if (this.sqlite) return (this.lookupStmt ??= this.sqlite.prepare(`${LOOKUP_SQL}?`)).get(hash);
    return this.pool!.query<KeyPolicyRow>({ name: 'bm_key_lookup', text: `${LOOKUP_SQL}$1`, values: [hash] }).then((r) => r.rows[0]);
  }

  /** The key with this id as {@link lookupByHash} reads it (its app's cache settings joined): for calls baimo makes with a key of its own choosing (evaluation runs). */
  async policyById(id: string): Promise<KeyPolicyRow | undefined> {
    return this.db
      .selectFrom('virtual_keys as k')
      .leftJoin('apps as a', 'a.id', 'k.app_id')
      .select([
        'k.id',
        'k.name',
        'k.workspace_id',
        'k.app_id',
        'k.models',
        'k.rpm',
        'k.tpm',
        'k.token_quota',
        'k.token_quota_period',
        'k.budget',
        'k.budget_currency',
        'k.budget_period',
        'k.expires_at',
        'k.enabled',
        'k.revoked_at',
        'k.cache',
        'k.cache_ttl_s',
        'a.cache as app_cache',
        'a.cache_ttl_s as app_cache_ttl_s',
        'k.metadata',
        'a.metadata as app_metadata',
      ])
      .where('k.id', '=', id)
      .executeTakeFirst() as Promise<KeyPolicyRow | undefined>;
  }

  async create(row: { id: string; key_hash: string; prefix: string; workspace_id: string; name: string }, f: KeyFields): Promise<KeyRow> {
    const now = Date.now();
    const values: VirtualKeyTable = {
      ...row,
      app_id: null,
      models: null,
      rpm: null,
      tpm: null,
      token_quota: null,
      token_quota_period: null,
      budget: null,
      budget_currency: null,
      budget_period: null,
      expires_at: null,
      enabled: 1,
      revoked_at: null,
      metadata: null,
      cache: null,
      cache_ttl_s: null,
      created_at: now,
      updated_at: now,
      ...toColumns(f),
    };
    await this.db.insertInto('virtual_keys').values(values).execute();
    return values;
  }

  async get(id: string): Promise<KeyRow | undefined> {
    return this.db.selectFrom('virtual_keys').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async byHash(hash: string): Promise<KeyRow | undefined> {
    return this.db.selectFrom('virtual_keys').selectAll().where('key_hash', '=', hash).executeTakeFirst();
  }

  /** Newest first; `workspaceId` undefined lists every workspace. */
  async list(workspaceId?: string, opts: { appId?: string } = {}): Promise<KeyRow[]> {
    let q = this.db.selectFrom('virtual_keys').selectAll();
    if (workspaceId !== undefined) q = q.where('workspace_id', '=', workspaceId);
    if (opts.appId) q = q.where('app_id', '=', opts.appId);
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  }

  async update(id: string, f: KeyFields): Promise<KeyRow | undefined> {
    const cols = toColumns(f);
    await this.db
      .updateTable('virtual_keys')
      .set({ ...cols, updated_at: Date.now() })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async revoke(id: string): Promise<KeyRow | undefined> {
    const now = Date.now();
    await this.db
      .updateTable('virtual_keys')
      .set({ revoked_at: now, enabled: 0, updated_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('virtual_keys').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}

function toColumns(f: KeyFields): Partial<VirtualKeyTable> {
  const c: Partial<VirtualKeyTable> = {};
  if (f.name !== undefined) c.name = f.name;
  if (f.app_id !== undefined) c.app_id = f.app_id;
  if (f.models !== undefined) c.models = f.models === null ? null : JSON.stringify(f.models);
  if (f.rpm !== undefined) c.rpm = f.rpm;
  if (f.tpm !== undefined) c.tpm = f.tpm;
  if (f.token_quota !== undefined) c.token_quota = f.token_quota;
  if (f.token_quota_period !== undefined) c.token_quota_period = f.token_quota_period;
  if (f.budget !== undefined) c.budget = f.budget;
  if (f.budget_currency !== undefined) c.budget_currency = f.budget_currency;
  if (f.budget_period !== undefined) c.budget_period = f.budget_period;
  if (f.expires_at !== undefined) c.expires_at = f.expires_at;
  if (f.enabled !== undefined) c.enabled = f.enabled ? 1 : 0;
  if (f.metadata !== undefined) c.metadata = f.metadata === null ? null : JSON.stringify(f.metadata);
  if (f.cache !== undefined) c.cache = f.cache === null ? null : f.cache ? 1 : 0;
  if (f.cache_ttl_s !== undefined) c.cache_ttl_s = f.cache_ttl_s;
  return c;
}
