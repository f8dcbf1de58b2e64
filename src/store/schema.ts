import type { Generated } from 'kysely';

/** One row per `/v1` request (chat or embeddings), written by the batched log writer. */
export interface RequestLogTable {
  id: string;
  created_at: number; // epoch ms
  key_id: string | null;
  workspace_id: string | null;
  app_id: string | null;
  endpoint: string; // chat | embeddings
  model_requested: string;
  provider: string | null;
  upstream_model: string | null;
  attempts: number;
  /**
   * JSON array of the failed attempts (provider, model, status, error_type, error_message,
   * latency_ms) when the call took more than one attempt; null otherwise.
   */
  attempts_detail?: string | null;
  status: number;
  error_type: string | null;
  error_message: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  estimated: number; // 0 | 1
  cost: number;
  currency: string | null;
  cost_cny: number;
  latency_ms: number;
  ttft_ms: number | null;
  stream: number; // 0 | 1
  finish_reason: string | null;
  /** 1 when the answer came from the response cache (cost 0). */
  cache_hit: number;
  session_id: string | null;
  user_id: string | null;
  client_ip: string | null;
  request_body: string | null;
  response_body: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface KyselyMigrationHint {
  // Kysely keeps its own bookkeeping tables; nothing to declare here.
  _?: Generated<number>;
}

export type Role = 'owner' | 'admin' | 'member' | 'viewer';
export type Period = 'day' | 'month' | 'total';

export interface WorkspaceTable {
  id: string;
  name: string;
  created_at: number;
}

export interface AppTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  /** Response cache for every key of the app: 1 on, 0 off (a key or a request may override). */
  cache: number;
  cache_ttl_s: number | null;
  created_at: number;
}

export interface UserTable {
  id: string;
  email: string; // lower-cased, unique
  name: string;
  password_hash: string;
  /** Instance administrators manage users, providers and models, and see every workspace. */
  is_admin: number;
  disabled: number;
  created_at: number;
}

export interface MembershipTable {
  user_id: string;
  workspace_id: string;
  role: Role;
  created_at: number;
}

export interface SessionTable {
  id: string; // SHA-256 of the cookie token, hex
  user_id: string;
  csrf: string;
  created_at: number;
  expires_at: number;
}

export interface VirtualKeyTable {
  id: string;
  key_hash: string; // SHA-256 hex of the key
  prefix: string; // for display: sk-bm-abcd…
  name: string;
  workspace_id: string;
  app_id: string | null;
  models: string | null; // JSON array of globs; null = all
  rpm: number | null;
  tpm: number | null;
  token_quota: number | null;
  token_quota_period: Period | null;
  budget: number | null;
  budget_currency: 'CNY' | 'USD' | null;
  budget_period: Period | null;
  expires_at: number | null;
  enabled: number;
  revoked_at: number | null;
  metadata: string | null; // JSON object
  cache: number | null; // null: the app decides
  cache_ttl_s: number | null;
  created_at: number;
  updated_at: number;
}

export interface ProviderRowTable {
  name: string;
  config: string; // JSON of the provider config without the secret
  secret: string | null; // SecretBox-sealed api_key
  created_at: number;
  updated_at: number;
}

export interface ModelAliasRowTable {
  name: string;
  config: string; // JSON of the alias (targets, fallbacks, retries, timeouts)
  created_at: number;
  updated_at: number;
}

export interface ModelPriceTable {
  /** `provider/model` or an alias name. */
  model: string;
  input: number; // per million tokens
  output: number;
  cached: number | null;
  currency: 'CNY' | 'USD';
  /** 1: deliberately free (e.g. a self-hosted model); budgets then count it at 0. */
  free: number;
  updated_at: number;
}

/** Daily totals per workspace, app, key, model and provider (report time zone); '' stands for none. */
export interface UsageRollupTable {
  day: string; // YYYY-MM-DD
  workspace_id: string;
  app_id: string;
  key_id: string;
  model: string;
  provider: string;
  requests: number;
  errors: number;
  cache_hits: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_cny: number;
  cost_usd: number;
}

/** The same sums per day, workspace, model and provider (reports that do not ask about keys or apps). */
export type UsageRollupModelsTable = Omit<UsageRollupTable, 'app_id' | 'key_id'>;

export interface Database {
  request_logs: RequestLogTable;
  settings: SettingsTable;
  workspaces: WorkspaceTable;
  apps: AppTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  virtual_keys: VirtualKeyTable;
  provider_rows: ProviderRowTable;
  model_alias_rows: ModelAliasRowTable;
  model_prices: ModelPriceTable;
  usage_rollup: UsageRollupTable;
  usage_rollup_models: UsageRollupModelsTable;
}

export type RequestLogRow = RequestLogTable;
