import type { Kysely, Selectable } from 'kysely';
import type { Database, ModelAliasRowTable, ModelPriceTable, ProviderRowTable } from './schema.js';

export type ProviderRow = Selectable<ProviderRowTable>;
export type ModelAliasRow = Selectable<ModelAliasRowTable>;
export type ModelPriceRow = Selectable<ModelPriceTable>;

/**
 * Providers, model aliases and prices managed through the admin API; merged with `baimo.yaml` at
 * run time. Provider secrets arrive here already sealed.
 */
export class ModelConfigRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async providers(): Promise<ProviderRow[]> {
    return this.db.selectFrom('provider_rows').selectAll().orderBy('name').execute();
  }

  async provider(name: string): Promise<ProviderRow | undefined> {
    return this.db.selectFrom('provider_rows').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async putProvider(name: string, config: string, secret: string | null | undefined): Promise<void> {
    const now = Date.now();
    const set: Partial<ProviderRow> = { config, updated_at: now };
    if (secret !== undefined) set.secret = secret;
    await this.db
      .insertInto('provider_rows')
      .values({ name, config, secret: secret ?? null, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('name').doUpdateSet(set))
      .execute();
  }

  /**
   * Replaces a provider row's config and secret only while its config is still `expected` (another
   * writer may have changed it meanwhile); true when it did.
   */
  async replaceProviderIf(name: string, expected: string, config: string, secret: string | null): Promise<boolean> {
    const r = await this.db
      .updateTable('provider_rows')
      .set({ config, secret, updated_at: Date.now() })
      .where('name', '=', name)
      .where('config', '=', expected)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async deleteProvider(name: string): Promise<boolean> {
    const r = await this.db.deleteFrom('provider_rows').where('name', '=', name).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async aliases(): Promise<ModelAliasRow[]> {
    return this.db.selectFrom('model_alias_rows').selectAll().orderBy('name').execute();
  }

  async alias(name: string): Promise<ModelAliasRow | undefined> {
    return this.db.selectFrom('model_alias_rows').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async putAlias(name: string, config: string): Promise<void> {
    const now = Date.now();
    await this.db
      .insertInto('model_alias_rows')
      .values({ name, config, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('name').doUpdateSet({ config, updated_at: now }))
      .execute();
  }

  async deleteAlias(name: string): Promise<boolean> {
    const r = await this.db.deleteFrom('model_alias_rows').where('name', '=', name).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async prices(): Promise<ModelPriceRow[]> {
    return this.db.selectFrom('model_prices').selectAll().orderBy('model').execute();
  }

  async putPrice(row: Omit<ModelPriceRow, 'updated_at'>): Promise<ModelPriceRow> {
    const full = { ...row, updated_at: Date.now() };
    await this.db
      .insertInto('model_prices')
      .values(full)
      .onConflict((oc) => oc.column('model').doUpdateSet(full))
      .execute();
    return full;
  }

  async deletePrice(model: string): Promise<boolean> {
    const r = await this.db.deleteFrom('model_prices').where('model', '=', model).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
