/**
 * A wire protocol baimo speaks: the `protocol` of one adapter module in `src/providers/adapters.ts`
 * (one folder under `src/providers/` each). A plain string here, so that the catalog (data, below the
 * providers) imports nothing from them; test/providers/provider-adapters.test.ts checks that every
 * catalog protocol has its adapter.
 */
export type Protocol = string;

/** A text in both console languages. */
export interface Localized {
  zh: string;
  en: string;
}

/** Credential fields of a provider's config (`baimo.yaml` keys; the console's provider form asks for these). */
export const CREDENTIAL_FIELDS = ['api_key', 'secret_key', 'secret_id', 'app_id', 'api_secret'] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

/** How the key is sent. */
export const AUTH_STYLES = [
  'bearer', // Authorization: Bearer <key>
  'api-key-header', // api-key: <key> (Azure)
  'x-api-key', // x-api-key: <key> (Anthropic)
  'x-goog-api-key', // x-goog-api-key: <key> (Gemini)
  'zhipu-jwt', // Authorization: <HS256 JWT signed from an `id.secret` key> (no Bearer)
  'sensenova-jwt', // Authorization: Bearer <HS256 JWT signed from AK (api_key) / SK (secret_key)>
  'none',
] as const;
export type AuthStyle = (typeof AUTH_STYLES)[number];

/** Price of one million tokens in the entry's currency; `upTo` makes it a tier by prompt size. */
export interface PriceTier {
  /** This tier applies while prompt tokens ≤ upTo (omit for the last tier). */
  upTo?: number;
  input: number;
  output: number;
  /** Price for cached prompt tokens; defaults to `input`. */
  cached?: number;
}

export interface ModelInfo {
  id: string;
  /** Context window (input tokens). */
  context?: number;
  maxOutput?: number;
  kind?: 'chat' | 'embedding';
  currency?: 'CNY' | 'USD';
  /** One tier, or several ordered by `upTo`. */
  prices?: PriceTier[];
}

/** Wire deviations of an OpenAI-compatible provider, applied by the generic adapter. */
export interface Quirks {
  /** Send list-typed message content as one string (DashScope compatible mode). */
  flattenContent?: boolean;
  /** The provider cannot stream while tools are present: call non-streaming and replay as a stream. */
  noStreamWithTools?: boolean;
  /** The provider ignores / rejects `stream_options`. */
  noStreamOptions?: boolean;
  /** Clamp ranges; values outside are moved to the nearest bound (and a warning is logged). */
  temperatureRange?: [number, number];
  topPRange?: [number, number];
  /** Multiply temperature before sending (Baichuan uses half scale). */
  temperatureScale?: number;
  /** Parameters the provider rejects: removed before sending. */
  dropParams?: string[];
  /** Name of the max-tokens field the provider wants (`max_tokens` by default). */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Azure-style deployments: the model goes into the path `deployments/{model}` (`deployment_path` in a config overrides it). */
  deploymentPath?: boolean;
}

/** `auth: jwt` in a provider's config: the key is turned into short-lived signed tokens (Zhipu, SenseNova). */
export interface JwtAuth {
  /** How the token is signed and sent. */
  style: 'zhipu-jwt' | 'sensenova-jwt';
  /** The config keys the signature is made from (the console's form asks for these in JWT mode). */
  credentials: CredentialField[];
  /** A key the vendor's format excludes: `api_key` must contain `contains`, else `problem` is reported. */
  keyFormat?: { contains: string; problem: string };
  /** The console's hint under the authentication choice. */
  hint: Localized;
  /** What docs/providers.md says about it. */
  doc: string;
}

/** The vendor's mark in the console: short text on the brand colour (no images). */
export interface Brand {
  mark: string;
  /** CSS colour, `#rrggbb`. */
  color: string;
}

export interface CatalogEntry {
  id: string;
  names: Localized;
  protocol: Protocol;
  /** Default base URL (the part before `/chat/completions`); empty when the user must give one. */
  baseUrl: string;
  auth: AuthStyle;
  /** Env vars that hold the key, first found wins (zero-config discovery). */
  envKeys: string[];
  /** Env var that overrides the base URL. */
  envBaseUrl?: string;
  /** Path appended to the env base URL when it lacks it (Azure endpoints are bare origins). */
  envBaseUrlPath?: string;
  /** Extra static headers. */
  headers?: Record<string, string>;
  /** Query string added to every call (Azure `api-version`). */
  query?: Record<string, string>;
  /** Default currency for prices in `models`. */
  currency: 'CNY' | 'USD';
  models: ModelInfo[];
  quirks?: Quirks;
  /** Whether the provider serves `/embeddings`. */
  embeddings?: boolean;
  /** Local / self-hosted: no key needed. */
  keyOptional?: boolean;
  /** `auth: jwt` is offered (the credentials a protocol needs are its adapter's, `src/providers/<protocol>/`). */
  jwt?: JwtAuth;
  /** The console's avatar; without one it shows the name's first letter on grey. */
  brand?: Brand;
  docs?: string;
  /** Which test checks this entry's wire deviations (docs/providers.md; the protocol's own tests otherwise). */
  verified?: string;
}
