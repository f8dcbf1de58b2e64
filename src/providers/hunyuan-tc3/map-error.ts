import { GatewayError, externalCode, upstreamError } from '../../core/errors.js';
import { redactSecrets } from '../../core/redact-secrets.js';

/** Tencent's error envelope; errors come with HTTP 200, so the body decides success or failure. */
export interface TencentError {
  Code?: string;
  Message?: string;
}

const QUOTA = /balance|arrear|insufficient|欠费|余额/i;
const CONTENT = /sensitive|content|moderat|audit|敏感|审核|违规/i;

/**
 * Whether a Tencent error means the content was blocked. Such a refusal is an answer, not a
 * failure: it becomes `finish_reason: content_filter` with empty content, as OpenAI reports it.
 */
export function isContentFilterError(e: TencentError): boolean {
  const code = e.Code ?? '';
  if (/sensitive/i.test(code)) return true;
  return code.startsWith('OperationDenied') && CONTENT.test(`${code} ${e.Message ?? ''}`);
}

/**
 * Maps a Tencent Cloud error code (`Response.Error.Code`) to a GatewayError with OpenAI's type and
 * status. The Tencent code is kept as `code` so operators can look it up; messages are redacted.
 */
export function mapTencentError(provider: string, e: TencentError, requestId?: string): GatewayError {
  const code = e.Code ?? 'UnknownError';
  const message = `${e.Message ?? 'the provider reported an error'} (${code}${requestId ? `, RequestId ${requestId}` : ''})`;
  const opts = { code };
  // Signature, unknown SecretId, expired signature, unauthorized: baimo's credentials or clock, a 502.
  if (code.startsWith('AuthFailure') || code.startsWith('UnauthorizedOperation')) return upstreamError(provider, 401, message, opts);
  if (
    code.startsWith('ResourceInsufficient') ||
    code === 'ResourceUnavailable.InArrears' ||
    code === 'ResourceUnavailable.LowBalance' ||
    ((code.startsWith('FailedOperation') || code.startsWith('ResourceUnavailable')) && QUOTA.test(`${code} ${e.Message ?? ''}`))
  ) {
    // Out of money or free quota: retrying this provider will not help (another target may).
    return new GatewayError(`${provider}: ${redactSecrets(message)}`, {
      status: 429,
      type: 'insufficient_quota',
      code: externalCode(code),
      retryable: false,
      provider,
    });
  }
  if (code.startsWith('LimitExceeded') || code.startsWith('RequestLimitExceeded')) return upstreamError(provider, 429, message, opts);
  if (
    code.startsWith('InvalidParameter') ||
    code.startsWith('MissingParameter') ||
    code.startsWith('UnknownParameter') ||
    code.startsWith('UnsupportedOperation') ||
    code === 'InvalidAction' ||
    code === 'UnsupportedProtocol'
  )
    return upstreamError(provider, 400, message, opts);
  if (code.startsWith('ResourceNotFound')) return upstreamError(provider, 404, message, opts);
  if (code.startsWith('OperationDenied')) return upstreamError(provider, 403, message, opts);
  if (code.startsWith('InternalError') || code.startsWith('ServiceUnavailable') || code.startsWith('ResourceUnavailable'))
    return upstreamError(provider, 503, message, opts);
  // FailedOperation.* (engine errors, timeouts) and anything new: a retryable upstream failure.
  return upstreamError(provider, 502, message, opts);
}
