import { createHash, createHmac } from 'node:crypto';

/** What one TC3-HMAC-SHA256 signature covers (Tencent Cloud API v3). */
export interface Tc3SignInput {
  secretId: string;
  secretKey: string;
  /** `host[:port]` exactly as the client sends it in the Host header (the base URL's `host`). */
  host: string;
  /** `ChatCompletions` or `GetEmbedding`. */
  action: string;
  /** The exact JSON body that will be sent (the signature covers its SHA-256). */
  body: string;
  /** Unix time in seconds; injectable so tests can pin it. */
  timestamp: number;
  /** Service name in the credential scope; `hunyuan` for this API. */
  service?: string;
  /** Request path; Tencent's API is served at `/`. */
  path?: string;
}

const ALGORITHM = 'TC3-HMAC-SHA256';
const SIGNED_HEADERS = 'content-type;host;x-tc-action';

const sha256hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, msg: string): Buffer => createHmac('sha256', key).update(msg, 'utf8').digest();

/** `yyyy-mm-dd` of a Unix timestamp in UTC: the credential scope's date must be UTC, not local time. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** The canonical request (step 1 of Tencent's signing procedure). */
export function tc3CanonicalRequest(i: Tc3SignInput): string {
  return [
    'POST',
    i.path ?? '/',
    '', // canonical query string: always empty for POST
    `content-type:application/json\nhost:${i.host}\nx-tc-action:${i.action.toLowerCase()}\n`,
    SIGNED_HEADERS,
    sha256hex(i.body),
  ].join('\n');
}

/** The hex signature and the `Authorization` value for one request. */
export function tc3Sign(i: Tc3SignInput): { signature: string; authorization: string; stringToSign: string } {
  const service = i.service ?? 'hunyuan';
  const date = tc3Date(i.timestamp);
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = `${ALGORITHM}\n${i.timestamp}\n${scope}\n${sha256hex(tc3CanonicalRequest(i))}`;
  const kDate = hmac(`TC3${i.secretKey}`, date);
  const kService = hmac(kDate, service);
  const kSigning = hmac(kService, 'tc3_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  const authorization = `${ALGORITHM} Credential=${i.secretId}/${scope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`;
  return { signature, authorization, stringToSign };
}

/**
 * All headers of a signed Hunyuan call. `Host` is not set here: the HTTP client sends the base URL's
 * host, which is what was signed. X-TC-Region is optional for Hunyuan (configure it under `headers`).
 */
export function tc3Headers(i: Tc3SignInput, version = '2023-09-01'): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-tc-action': i.action,
    'x-tc-version': version,
    'x-tc-timestamp': String(i.timestamp),
    authorization: tc3Sign(i).authorization,
  };
}
