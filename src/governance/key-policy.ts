import type { KeyPolicy, Period } from '../core/key-policy.js';
import { GlobList } from '../core/glob.js';
import type { KeyPolicyRow } from '../store/key-repository.js';
import { hasSegments, mergeSegments, segmentsOfJson } from '../analytics/segments.js';

export type { KeyPolicy };

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
    ...segmentsField(r),
  };
}

/** The key's segment attributes, its app's winning; absent when neither has any. */
function segmentsField(r: KeyPolicyRow): { segments?: Readonly<Record<string, string>> } {
  if (!r.metadata && !r.app_metadata) return {};
  const segments = mergeSegments(segmentsOfJson(r.metadata), segmentsOfJson(r.app_metadata));
  return hasSegments(segments) ? { segments } : {};
}
