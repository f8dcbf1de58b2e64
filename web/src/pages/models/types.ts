/** Shapes of the models & providers admin API (src/server/api/model-routes.ts). */
import type { TrustLevel } from '../security/types';

export type SecretField = 'api_key' | 'secret_key' | 'api_secret';
export type Source = 'file' | 'database';

export interface Provider {
  name: string;
  object: 'provider';
  source: Source;
  type: string;
  base_url: string | null;
  has_api_key: boolean;
  secrets_set: SecretField[];
  models: string[];
  max_concurrency: number | null;
  /** Where the provider runs (data-routing policies): the configured level, or the one derived from its type and URL. */
  trust?: TrustLevel | null;
  /** The level set in its config; null when derived. */
  trust_configured?: TrustLevel | null;
  problem: string | null;
}

/** PUT /api/providers/{name}: secrets are write-only (omit = keep, null = remove). */
export interface ProviderInput {
  type: string;
  base_url?: string;
  api_key?: string | null;
  secret_key?: string | null;
  api_secret?: string | null;
  secret_id?: string;
  app_id?: string;
  auth?: 'key' | 'jwt';
  models?: string[];
  max_concurrency?: number;
  /** Omitted = derived from the type and base URL. */
  trust?: TrustLevel;
}

export interface ProviderTestResult {
  ok: boolean;
  latency_ms: number;
  models?: string[];
  error?: { message: string; code?: string | null };
}

export interface Target {
  provider: string;
  model: string;
  weight: number;
  max_concurrency?: number;
}

export interface Alias {
  name: string;
  object: 'model';
  source: Source;
  targets: Target[];
  fallbacks: string[];
  retries?: number;
  problem: string | null;
}

export interface AliasInput {
  targets: Target[];
  fallbacks: string[];
  retries?: number;
}

export interface OpenAIModel {
  id: string;
  object: 'model';
  created?: number;
  owned_by?: string;
}

export interface Price {
  model: string;
  input: number;
  output: number;
  cached?: number;
  currency: 'CNY' | 'USD';
  free: boolean;
  object?: 'price';
  source?: Source;
}

export interface List<T> {
  object: 'list';
  data: T[];
}
