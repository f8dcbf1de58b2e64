import { createHmac } from 'node:crypto';

export interface SparkSignInput {
  /** `wss://spark-api.xf-yun.com` (or a test's `ws://127.0.0.1:port`); may carry a path prefix. */
  baseUrl: string;
  /** The version path, e.g. `/v3.5/chat`. */
  path: string;
  apiKey: string;
  apiSecret: string;
  /** Injectable for tests; defaults to now. iFlytek rejects dates more than 300 s off. */
  date?: Date | string;
}

/**
 * Builds iFlytek's signed WebSocket URL (the "general URL authentication" of the Spark docs):
 *
 *   signature_origin = "host: {host}\ndate: {date}\nGET {path} HTTP/1.1"
 *   signature        = base64(HMAC-SHA256(APISecret, signature_origin))
 *   authorization    = base64('api_key="{APIKey}", algorithm="hmac-sha256", headers="host date request-line", signature="{signature}"')
 *   url              = {base}{path}?authorization=…&date=…&host=…
 *
 * The date is RFC 1123 in GMT (`toUTCString()` gives exactly that, in English whatever the locale).
 * `host` includes a non-default port, as the `Host` header the client sends does.
 */
export function signSparkUrl(input: SparkSignInput): string {
  const url = new URL(joinPath(input.baseUrl, input.path));
  const date = typeof input.date === 'string' ? input.date : (input.date ?? new Date()).toUTCString();
  const origin = `host: ${url.host}\ndate: ${date}\nGET ${url.pathname} HTTP/1.1`;
  const signature = createHmac('sha256', input.apiSecret).update(origin).digest('base64');
  const authorizationOrigin = `api_key="${input.apiKey}", algorithm="hmac-sha256", headers="host date request-line", signature="${signature}"`;
  const authorization = Buffer.from(authorizationOrigin, 'utf8').toString('base64');
  // URLSearchParams encodes like Python's urlencode in iFlytek's samples (space → '+', ',' → %2C).
  const query = new URLSearchParams({ authorization, date, host: url.host });
  return `${url.origin}${url.pathname}?${query.toString()}`;
}

function joinPath(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
