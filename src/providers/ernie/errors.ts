import { gatewayError } from '../../core/error-codes.js';
import { GatewayError, externalCode, upstreamError, type ErrorType } from '../../core/errors.js';
import { redactSecrets } from '../../core/redact-secrets.js';

/** An ERNIE error body: the API answers HTTP 200 with these fields instead of a result. */
export interface ErnieErrorBody {
  error_code?: number;
  error_msg?: string;
}

/** 110 "Access token invalid or no longer valid", 111 "Access token expired": refresh and retry once. */
export function isTokenErrorCode(code: unknown): boolean {
  return code === 110 || code === 111;
}

/** A GatewayError raised for 110/111, so the caller can tell it apart and refresh the token. */
export function isTokenError(err: unknown): boolean {
  return err instanceof GatewayError && (err.code === 'ernie_110' || err.code === 'ernie_111');
}

interface Mapping {
  status: number;
  type: ErrorType;
  retryable: boolean;
}

const rate: Mapping = { status: 429, type: 'rate_limit_error', retryable: true };
const quota: Mapping = { status: 429, type: 'insufficient_quota', retryable: false };
const bad: Mapping = { status: 400, type: 'invalid_request_error', retryable: false };
// Credentials, permissions and app setup are baimo's configuration, not the client's fault: 502.
const config: Mapping = { status: 502, type: 'upstream_error', retryable: false };
const busy: Mapping = { status: 503, type: 'service_unavailable', retryable: true };
const broken: Mapping = { status: 500, type: 'upstream_error', retryable: true };

/**
 * Baidu's error codes (Qianfan SDK `APIErrorCode` and the WENXINWORKSHOP error table) → OpenAI
 * error semantics. Per-second/minute limits are retryable rate limits; daily and lifetime request
 * limits are quotas that retrying soon will not fix.
 */
export const ERROR_CODES: Readonly<Record<number, Mapping>> = {
  1: broken, // Unknown error
  2: busy, // Service temporarily unavailable
  3: bad, // Unsupported openapi method
  4: rate, // Open api request limit reached (cluster-wide QPS)
  6: config, // No permission to access data
  13: config, // Get service token failed
  14: config, // IAM certification failed
  15: config, // App not exist or create failed
  17: quota, // Open api daily request limit reached
  18: rate, // Open api qps request limit reached
  19: quota, // Open api total request limit reached
  100: bad, // Invalid parameter
  110: config, // Access token invalid (after the one refresh)
  111: config, // Access token expired (after the one refresh)
  336000: broken, // Internal error
  336001: bad, // Invalid argument
  336002: bad, // Invalid JSON
  336003: bad, // Invalid parameter(s)
  336004: config, // Permission error (model not enabled for this app)
  336005: { status: 404, type: 'not_found_error', retryable: false }, // API name (endpoint) does not exist
  336006: bad, // Message content empty
  336007: bad, // Message too long
  336100: busy, // Server high load, try again later
  336101: bad, // Invalid HTTP method
  336104: bad, // Invalid argument: system
  336105: bad, // Invalid argument: user setting
  336501: rate, // Rate limit reached for RPM
  336502: rate, // Rate limit reached for TPM
};

// Arrears are reported with varying codes; the message is the reliable signal.
const ARREARS = /arrear|balance|欠费|余额|账户.*(不足|停)/i;

/** Builds the GatewayError for an ERNIE `{error_code, error_msg}`; `secrets` are masked out of the message. */
export function ernieError(provider: string, body: ErnieErrorBody, secrets: readonly string[] = []): GatewayError {
  const code = typeof body.error_code === 'number' ? body.error_code : -1;
  const raw = body.error_msg || `error_code ${code}`;
  const m = ARREARS.test(raw) ? quota : (ERROR_CODES[code] ?? { status: 502, type: 'upstream_error', retryable: false });
  return new GatewayError(`${provider}: ${redactSecrets(raw, secrets)} (error_code ${code})`, {
    status: m.status,
    type: m.type,
    code: externalCode(`ernie_${code}`),
    retryable: m.retryable,
    provider,
  });
}

/** The OAuth endpoint's `{error, error_description}`: a bad AK/SK is baimo's configuration problem (502). */
export function tokenError(
  provider: string,
  status: number,
  body: { error?: string; error_description?: string },
  secrets: readonly string[],
) {
  const detail = [body.error, body.error_description].filter(Boolean).join(': ') || `HTTP ${status}`;
  const message = `could not obtain an ERNIE access token (${redactSecrets(detail, secrets)}); check api_key / secret_key`;
  if (status >= 500 || status === 429) return upstreamError(provider, status, message, { code: 'ernie_token_error' });
  return gatewayError('ernie_auth_failed', `${provider}: ${message}`, { provider });
}
