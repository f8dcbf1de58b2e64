/** Wire protocols baimo speaks. Each is implemented by one adapter folder under `src/providers/`. */
export type Protocol = 'openai' | 'anthropic' | 'gemini' | 'ollama' | 'llama-cpp' | 'ernie' | 'dashscope' | 'spark-ws' | 'hunyuan-tc3';

/** Credential fields of a provider's config (`baimo.yaml` keys; the console's provider form asks for these). */
export type CredentialField = 'api_key' | 'secret_key' | 'secret_id' | 'app_id' | 'api_secret';

/** How the key is sent. */
export type AuthStyle =
  | 'bearer' // Authorization: Bearer <key>
  | 'api-key-header' // api-key: <key> (Azure)
  | 'x-api-key' // x-api-key: <key> (Anthropic)
  | 'x-goog-api-key' // x-goog-api-key: <key> (Gemini)
  | 'zhipu-jwt' // Authorization: <HS256 JWT signed from an `id.secret` key> (no Bearer)
  | 'sensenova-jwt' // Authorization: Bearer <HS256 JWT signed from AK (api_key) / SK (secret_key)>
  | 'none';

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
}

export interface CatalogEntry {
  id: string;
  names: { zh: string; en: string };
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
  /** Native protocols with several credentials: the config keys they need (zero-config discovery skips them). */
  credentials?: CredentialField[];
  docs?: string;
}
