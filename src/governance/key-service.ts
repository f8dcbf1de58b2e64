import { badRequest } from '../core/errors.js';
import { hashToken, newId, newVirtualKey } from '../security/tokens.js';
import type { KeyFields, KeyRepository, KeyRow } from '../store/key-repository.js';
import type { TenancyRepository } from '../store/tenancy-repository.js';
import type { KeyCreateInput, KeyUpdateInput, KeyView } from './key-schemas.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The API's view of a stored key. */
export function keyView(r: KeyRow, now = Date.now()): KeyView {
  const status =
    r.revoked_at !== null ? 'revoked' : r.enabled !== 1 ? 'disabled' : r.expires_at !== null && now >= r.expires_at ? 'expired' : 'active';
  return {
    id: r.id,
    object: 'key',
    name: r.name,
    prefix: r.prefix,
    workspace_id: r.workspace_id,
    app_id: r.app_id,
    models: r.models ? (JSON.parse(r.models) as string[]) : null,
    rpm: r.rpm,
    tpm: r.tpm,
    token_quota: r.token_quota,
    token_quota_period: r.token_quota_period ?? 'month',
    budget: r.budget,
    budget_currency: r.budget_currency ?? 'CNY',
    budget_period: r.budget_period ?? 'month',
    expires_at: iso(r.expires_at),
    enabled: r.enabled === 1,
    revoked_at: iso(r.revoked_at),
    status,
    metadata: r.metadata ? (JSON.parse(r.metadata) as Record<string, unknown>) : null,
    cache: r.cache === null ? null : r.cache === 1,
    cache_ttl_s: r.cache_ttl_s,
    created_at: iso(r.created_at)!,
    updated_at: iso(r.updated_at)!,
  };
}

/** Creates and updates keys for the admin API and the CLI alike. */
export class KeyService {
  constructor(
    private readonly keys: KeyRepository,
    private readonly tenancy: TenancyRepository,
    private readonly changed: () => void = () => undefined,
  ) {}

  /** Creates a key; the returned `key` is the only time the secret exists outside the caller. */
  async create(workspaceId: string, input: KeyCreateInput): Promise<{ key: string; view: KeyView }> {
    await this.checkApp(workspaceId, input.app_id);
    const { key, prefix } = newVirtualKey();
    const row = await this.keys.create(
      { id: newId('key'), key_hash: hashToken(key).toString('hex'), prefix, workspace_id: workspaceId, name: input.name },
      toFields(input),
    );
    return { key, view: keyView(row) };
  }

  async update(row: KeyRow, input: KeyUpdateInput): Promise<KeyView> {
    await this.checkApp(row.workspace_id, input.app_id);
    const updated = await this.keys.update(row.id, toFields(input));
    this.changed();
    return keyView(updated!);
  }

  async revoke(row: KeyRow): Promise<KeyView> {
    const updated = await this.keys.revoke(row.id);
    this.changed();
    return keyView(updated!);
  }

  async delete(row: KeyRow): Promise<void> {
    await this.keys.delete(row.id);
    this.changed();
  }

  private async checkApp(workspaceId: string, appId: string | null | undefined): Promise<void> {
    if (!appId) return;
    const app = await this.tenancy.app(appId);
    if (!app || app.workspace_id !== workspaceId) throw badRequest(`No app "${appId}" in this workspace.`, 'app_id', 'app_not_found');
  }
}

function toFields(i: KeyUpdateInput): KeyFields {
  return { ...i } as KeyFields;
}
