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

/** Shapes of GET /api/catalog (src/server/api/catalog-routes.ts): the built-in providers. */
export type CredentialKey = 'api_key' | 'secret_key' | 'secret_id' | 'app_id' | 'api_secret';
export interface Localized {
  zh: string;
  en: string;
}

export interface CredentialFieldView {
  key: CredentialKey;
  label: Localized;
  placeholder: Localized;
  /** Stored sealed, never read back. */
  sealed: boolean;
  required: boolean;
}

export interface CatalogPrice {
  up_to: number | null;
  input: number;
  output: number;
  cached: number | null;
}

export interface CatalogModel {
  id: string;
  kind: 'chat' | 'embedding';
  context: number | null;
  max_output: number | null;
  currency: 'CNY' | 'USD';
  prices: CatalogPrice[];
}

export interface CatalogEntry {
  id: string;
  names: Localized;
  protocol: string;
  /** Default base URL; empty when the user must give one. */
  base_url: string;
  auth: string;
  /** The fields the provider form asks for, in order. */
  credentials: CredentialFieldView[];
  /** `auth: jwt` is offered (Zhipu, SenseNova): the fields it signs from. */
  jwt: { credentials: CredentialFieldView[]; hint: Localized } | null;
  env_keys: string[];
  env_base_url: string | null;
  currency: 'CNY' | 'USD';
  embeddings: boolean;
  key_optional: boolean;
  /** Only baimo.yaml can configure it (the embedded engine). */
  file_only: boolean;
  docs: string | null;
  /** Avatar mark and colour; null: the name's first letter on grey. */
  brand: { mark: string; color: string } | null;
  models: CatalogModel[];
}
