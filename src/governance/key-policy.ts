import { GlobList } from '../core/glob.js';
import type { Period } from '../store/schema.js';

/** A virtual key as the request path needs it: parsed once, cached by the key directory. */
export interface KeyPolicy {
  id: string;
  name: string;
  workspaceId: string;
  appId: string | null;
  models: GlobList | null;
  rpm: number | null;
  tpm: number | null;
  tokenQuota: number | null;
  tokenQuotaPeriod: Period;
  budget: number | null;
  budgetCurrency: 'CNY' | 'USD';
  budgetPeriod: Period;
  expiresAt: number | null;
  enabled: boolean;
  revoked: boolean;
  /** The key's own setting, else its app's; null when neither opted in or out. */
  cache: boolean | null;
  cacheTtlS: number | null;
}

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
}

export function toKeyPolicy(r: KeyPolicyRow): KeyPolicy {
  const models = r.models ? (JSON.parse(r.models) as string[]) : null;
  return {
    id: r.id,
    name: r.name,
    workspaceId: r.workspace_id,
    appId: r.app_id,
    models: models ? new GlobList(models) : null,
    rpm: r.rpm,
    tpm: r.tpm,
    tokenQuota: r.token_quota,
    tokenQuotaPeriod: (r.token_quota_period as Period | null) ?? 'month',
    budget: r.budget,
    budgetCurrency: r.budget_currency === 'USD' ? 'USD' : 'CNY',
    budgetPeriod: (r.budget_period as Period | null) ?? 'month',
    expiresAt: r.expires_at,
    enabled: r.enabled === 1,
    revoked: r.revoked_at !== null,
    cache: r.cache !== null ? r.cache === 1 : r.app_cache === 1 ? true : null,
    cacheTtlS: r.cache_ttl_s ?? r.app_cache_ttl_s,
  };
}
