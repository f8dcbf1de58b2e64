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
