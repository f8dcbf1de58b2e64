import type { ColumnType, Generated } from 'kysely';
import type { Period } from '../core/key-policy.js';
import type { RequestLogRow } from '../core/request-log-row.js';
import type {
  ArenaBattleTable,
  EvalDatasetItemTable,
  EvalDatasetTable,
  EvalDatasetVersionTable,
  EvalRunItemTable,
  EvalRunTable,
} from './eval-schema.js';

/** One row per `/v1` request (chat or embeddings), written by the batched log writer. */
export type RequestLogTable = RequestLogRow;

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
export type { Period };

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
  /** Scenario apps (apps-migration.ts): the slug, unique in the workspace; null for a plain tenancy app. */
  slug: ColumnType<string | null, string | null | undefined, string | null>;
  /** The built-in slug a scenario app was cloned from. */
  source: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON `[{version, weight}]`: the published versions serving runs; null until one is published. */
  traffic: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** JSON object of the app's attributes (app-metadata-migration.ts): analytics reads its segment attributes. */
  metadata: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A version of a scenario app: the spec (JSON text of `AppSpec`), draft until published. */
export interface AppVersionTable {
  app_id: string;
  version: number;
  status: 'draft' | 'published' | 'archived';
  spec: string;
  note: string;
  created_by: string | null;
  created_at: number;
  published_at: number | null;
}

/** Views and sessions of a scenario app's end-user page per day (`YYYY-MM-DD`, configured time zone). */
export interface AppPageStatsTable {
  app_id: string;
  day: string;
  views: number;
  sessions: number;
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

/**
 * The append-only, hash-chained audit log (see src/compliance/audit/). `hash` is
 * HMAC-SHA256(audit key, prev_hash + '\n' + canonical content); the first entry's prev_hash is 64 zeros.
 */
export interface AuditLogTable {
  /** The rowid: append order, assigned as the chain head's seq + 1. */
  seq: number;
  id: string;
  created_at: number; // epoch ms
  actor_type: 'admin_token' | 'user' | 'key' | 'system' | 'cli';
  actor_id: string | null;
  workspace_id: string | null;
  /** e.g. key.create, provider.update, policy.update, pii.detected, request.blocked, retention.purge */
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: string | null; // JSON object, secrets stripped
  prev_hash: string;
  hash: string;
}

/** A security policy document (JSON, see PolicyDocument) for one workspace, app or key. */
export interface SecurityPolicyTable {
  scope_type: 'workspace' | 'app' | 'key';
  scope_id: string;
  workspace_id: string;
  policy: string;
  updated_at: number | null;
  updated_by: string | null;
}

/** A moderation keyword library; workspace_id null = instance-wide (instance administrators). */
export interface ModerationLibraryTable {
  id: string;
  workspace_id: string | null;
  name: string;
  description: string | null;
  enabled: number;
  created_at: number;
  updated_at: number;
  /** Number of its rows in moderation_terms, kept by every write that adds or removes terms. */
  term_count: Generated<number>;
}

/** One term of a moderation library with its risk id (e.g. `A.1.6`). */
export interface ModerationTermTable {
  library_id: string;
  term: string;
  risk: string;
}

/** What a job is doing: waiting (or waiting out a retry's backoff), running, or done one way or another. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One background job (jobs-migration.ts): its record in both queue modes. Times are epoch ms. */
export interface JobTable {
  id: string;
  queue: string;
  name: string;
  /** The workspace the job works for; null for instance-wide jobs (retention). */
  workspace_id: string | null;
  /** JSON. */
  input: string;
  status: JobStatus;
  /** 0..1. */
  progress: number;
  progress_message: string | null;
  /** JSON, once succeeded. */
  result: string | null;
  error: string | null;
  attempts: number;
  max_attempts: number;
  run_at: number;
  lease_until: number | null;
  locked_by: string | null;
  /** `usr_…`, `admin`, `system`. */
  created_by: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
}

/** A knowledge base (knowledge-migration.ts); `settings` is JSON: chunking, user_words, stopwords, retrieval. */
export interface KbBaseTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string;
  embedding_model: string;
  /** Fixed by the first embedding. */
  dimensions: number | null;
  settings: string;
  document_count: number;
  chunk_count: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** A document of a knowledge base: a file or URL, by name (unique per base). */
export interface KbDocumentTable {
  id: string;
  kb_id: string;
  name: string;
  source: 'file' | 'url';
  format: string | null;
  title: string | null;
  bytes: number | null;
  /** SHA-256 hex of the bytes last ingested successfully. */
  content_hash: string | null;
  status: 'queued' | 'processing' | 'ready' | 'failed';
  error_reason: string | null;
  error_message: string | null;
  chunk_count: number;
  /** JSON object of strings. */
  metadata: string;
  job_id: string | null;
  created_at: number;
  updated_at: number;
}

/** A chunk of a document: its text as embedded and shown; `title_path` is a JSON array of headings. */
export interface KbChunkTable {
  id: string;
  kb_id: string;
  document_id: string;
  idx: number;
  text: string;
  title_path: string;
  tokens: number;
  kind: 'text' | 'table' | 'code';
}

/** An uploaded file's bytes, until its ingestion finishes. */
export interface KbUploadTable {
  document_id: string;
  bytes: Buffer;
  content_type: string | null;
  created_at: number;
}

export interface Database {
  request_logs: RequestLogTable;
  settings: SettingsTable;
  workspaces: WorkspaceTable;
  apps: AppTable;
  app_versions: AppVersionTable;
  app_page_stats: AppPageStatsTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  virtual_keys: VirtualKeyTable;
  provider_rows: ProviderRowTable;
  model_alias_rows: ModelAliasRowTable;
  model_prices: ModelPriceTable;
  usage_rollup: UsageRollupTable;
  usage_rollup_models: UsageRollupModelsTable;
  audit_log: AuditLogTable;
  security_policies: SecurityPolicyTable;
  moderation_libraries: ModerationLibraryTable;
  moderation_terms: ModerationTermTable;
  jobs: JobTable;
  kb_bases: KbBaseTable;
  kb_documents: KbDocumentTable;
  kb_chunks: KbChunkTable;
  kb_uploads: KbUploadTable;
  eval_datasets: EvalDatasetTable;
  eval_dataset_versions: EvalDatasetVersionTable;
  eval_dataset_items: EvalDatasetItemTable;
  eval_runs: EvalRunTable;
  eval_run_items: EvalRunItemTable;
  arena_battles: ArenaBattleTable;
}

export type { RequestLogRow };
export type { ArenaBattleTable, EvalDatasetItemTable, EvalDatasetTable, EvalDatasetVersionTable, EvalRunItemTable, EvalRunTable };
