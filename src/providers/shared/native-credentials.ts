import type { AdapterInput } from '../adapter.js';

/** What a native-protocol adapter is built from: the endpoint and whichever credentials its vendor uses. */
export interface NativeCredentials {
  baseUrl: string;
  headers: Record<string, string>;
  connectTimeoutMs: number;
  /** ERNIE API Key (AK), DashScope key, Spark APIKey. */
  apiKey?: string;
  /** ERNIE Secret Key (SK), Hunyuan SecretKey. */
  secretKey?: string;
  /** Hunyuan SecretId. */
  secretId?: string;
  /** Spark APPID. */
  appId?: string;
  /** Spark APISecret. */
  apiSecret?: string;
}

/** The endpoint and every credential key of a configured provider, as native adapters take them. */
export function nativeCredentials(input: AdapterInput): NativeCredentials {
  const { cfg } = input;
  return {
    baseUrl: input.baseUrl,
    headers: input.headers,
    connectTimeoutMs: input.connectTimeoutMs,
    apiKey: cfg.api_key,
    secretKey: cfg.secret_key,
    secretId: cfg.secret_id,
    appId: cfg.app_id,
    apiSecret: cfg.api_secret,
  };
}
