export type Period = 'day' | 'month' | 'total';

export interface KeyView {
  id: string;
  name: string;
  prefix: string;
  workspace_id: string;
  app_id: string | null;
  models: string[] | null;
  rpm: number | null;
  tpm: number | null;
  token_quota: number | null;
  token_quota_period: Period;
  budget: number | null;
  budget_currency: 'CNY' | 'USD';
  budget_period: Period;
  expires_at: string | null;
  enabled: boolean;
  revoked_at: string | null;
  status: 'active' | 'disabled' | 'expired' | 'revoked';
  metadata: Record<string, unknown> | null;
  cache: boolean | null;
  cache_ttl_s: number | null;
  created_at: string;
}

export interface AppView {
  id: string;
  name: string;
}

export interface UsageRow {
  group: string;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_cny: number;
  cost_usd: number;
}
