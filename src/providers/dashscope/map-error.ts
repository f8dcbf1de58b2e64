import { gatewayError } from '../../core/error-codes.js';
import { GatewayError, upstreamError } from '../../core/errors.js';
import { redactSecrets } from '../../core/redact-secrets.js';

/**
 * DashScope error codes (`{code, message, request_id}` bodies) → baimo errors. The HTTP status alone
 * is not enough: DashScope answers an unpaid account (`Arrearage`) with 400, which would read as the
 * client's fault, and rate limits and exhausted quotas share 429.
 *
 * | DashScope code                                   | client sees                         | retryable |
 * |--------------------------------------------------|-------------------------------------|-----------|
 * | InvalidApiKey (401)                              | 502 upstream_error (baimo's key)    | no        |
 * | Throttling, Throttling.RateQuota, … (429)        | 429 rate_limit_error                | yes       |
 * | Throttling.AllocationQuota, Arrearage, *FreeTier*| 429 insufficient_quota              | no        |
 * | DataInspectionFailed about the INPUT (400)       | 400 invalid_request_error / content_filter | no |
 * | DataInspectionFailed about the OUTPUT            | not an error: finish_reason content_filter |   |
 * | InvalidParameter (400)                           | 400 invalid_request_error           | no        |
 * | InternalError* (500)                             | 500 upstream_error                  | yes       |
 * Anything else keeps the generic HTTP-status mapping of `upstreamError`.
 */
export function dashscopeError(provider: string, status: number | undefined, code: string | undefined, message: string): GatewayError {
  const text = `${code ? `${code}: ` : ''}${message}`;
  const c = code ?? '';
  if (isQuotaCode(c)) {
    return gatewayError('insufficient_quota', `${provider}: ${redactSecrets(text)}`, { provider });
  }
  if (c === 'Throttling' || c.startsWith('Throttling.')) {
    return upstreamError(provider, 429, text, { type: 'rate_limit_error', code: 'rate_limit_exceeded' });
  }
  if (c === 'DataInspectionFailed') {
    return gatewayError(
      'content_filter',
      `${provider}: the input was rejected by the provider's content inspection (${redactSecrets(text)})`,
      {
        provider,
      },
    );
  }
  if (c === 'InvalidApiKey') return upstreamError(provider, 401, text, { code: c });
  if (c === 'InvalidParameter' || c.startsWith('InvalidParameter.')) return upstreamError(provider, 400, text, { code: c });
  if (c === 'InternalError' || c.startsWith('InternalError.'))
    return upstreamError(provider, status && status >= 500 ? status : 500, text, { code: c });
  // Mid-stream errors carry no usable status (only an `:HTTP_STATUS/…` comment): treat unknown ones as a server fault.
  return upstreamError(provider, status ?? 500, text, { code: c || undefined });
}

/** Whether a DataInspectionFailed message is about the model's output (a filtered answer, not a bad request). */
export function isOutputInspection(code: string | null | undefined, message: string): boolean {
  return code === 'DataInspectionFailed' && /\boutput\b/i.test(message);
}

function isQuotaCode(c: string): boolean {
  return c === 'Arrearage' || c === 'Throttling.AllocationQuota' || /FreeTier/i.test(c);
}

/** Original HTTP statuses that the shared plumbing turned into client statuses (401/403 → 502). */
const STATUS_OF_CODE: Record<string, number> = { InvalidApiKey: 401 };

/**
 * Re-maps an error thrown by the shared HTTP plumbing (which only knows statuses) by its DashScope
 * code. Errors without a DashScope code (timeouts, network) pass through untouched.
 */
export function remapError(provider: string, err: unknown): unknown {
  if (!(err instanceof GatewayError) || !err.code || err.code.startsWith('upstream_') || err.provider !== provider) return err;
  // The plumbing's message is `${provider}: ${upstream message}`: keep the upstream part only.
  const message = err.message.startsWith(`${provider}: `) ? err.message.slice(provider.length + 2) : err.message;
  const mapped = dashscopeError(provider, STATUS_OF_CODE[err.code] ?? err.status, err.code, message);
  mapped.retryAfter = err.retryAfter ?? mapped.retryAfter;
  return mapped;
}
