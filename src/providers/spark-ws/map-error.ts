import { gatewayError } from '../../core/error-codes.js';
import { GatewayError, externalCode, upstreamError } from '../../core/errors.js';
import { redactSecrets } from '../../core/redact-secrets.js';

/** What a non-zero `header.code` means for the caller. */
export type SparkCodeOutcome =
  /** The answer was stopped by the output audit: end with `finish_reason: content_filter`. */
  { kind: 'content_filter' } | { kind: 'error'; error: GatewayError };

/** Output-side audit codes: 10014 (answer hit sensitive content), 10019 (conversation tends toward it). */
const OUTPUT_AUDIT = new Set([10014, 10019]);

/**
 * Maps Spark's business error codes (sent in `header.code` of a frame after the handshake) to
 * OpenAI-shaped errors. The vendor message and `sid` are kept (the sid is what iFlytek support asks
 * for); `secrets` are masked out of the message in case the vendor echoes one.
 */
export function mapSparkCode(
  provider: string,
  code: number,
  message: string | undefined,
  sid: string | undefined,
  secrets: readonly string[] = [],
): SparkCodeOutcome {
  if (OUTPUT_AUDIT.has(code)) return { kind: 'content_filter' };
  const text = `${redactSecrets(message || 'error', secrets)} (code ${code}${sid ? `, sid ${sid}` : ''})`;
  const vendorCode = externalCode(`spark_${code}`);
  const full = `${provider}: ${text}`;
  const make = (status: number, type: GatewayError['type'], retryable: boolean) =>
    new GatewayError(full, { status, type, code: vendorCode, retryable, provider });
  switch (code) {
    case 10013: // input audit: the prompt itself was refused (the table's invalid_request_error variant)
      return {
        kind: 'error',
        error: gatewayError('content_policy_violation', full, { type: 'invalid_request_error', provider, param: 'messages' }),
      };
    case 10907: // token length over the model's window
      return { kind: 'error', error: gatewayError('context_length_exceeded', full, { provider, param: 'messages' }) };
    case 10160: // request data format invalid
    case 10161: // base64 decode failure
    case 10162: // bad parameter value
    case 10163: // parameter schema check failed
      return { kind: 'error', error: make(400, 'invalid_request_error', false) };
    case 11201: // daily quota exhausted: retrying today will not help
      return { kind: 'error', error: gatewayError('insufficient_quota', full, { provider }) };
    case 11202: // per-second limit
    case 11203: // concurrency limit: the provider's limit, so another target may serve (the table's retryable variant)
      return { kind: 'error', error: gatewayError('rate_limit_exceeded', full, { retryable: true, provider }) };
    case 11200: // no authorization for the capability, or the licence expired
    case 10313: // app_id does not match the api key
      // baimo's own credentials are wrong: a 502 that no retry fixes, like an upstream 401/403.
      return { kind: 'error', error: upstreamError(provider, 403, text, { code: vendorCode }) };
    case 10003: // service busy / internal
    case 10110: // no license slot free right now
      return { kind: 'error', error: make(503, 'upstream_error', true) };
    default:
      return { kind: 'error', error: make(502, 'upstream_error', true) };
  }
}

/** The WebSocket handshake was refused with an HTTP status (401/403: signature, date, IP allow-list). */
export function handshakeError(provider: string, status: number, body: string, secrets: readonly string[]): GatewayError {
  let message = body.trim().slice(0, 500);
  try {
    const json = JSON.parse(body) as { message?: unknown };
    if (typeof json.message === 'string' && json.message) message = json.message;
  } catch {
    // not JSON: keep the text
  }
  const detail = redactSecrets(message || `HTTP ${status}`, secrets);
  return upstreamError(provider, status, `WebSocket handshake refused (HTTP ${status}): ${detail}`, {
    code: status === 401 || status === 403 ? 'upstream_auth_failed' : undefined,
  });
}
