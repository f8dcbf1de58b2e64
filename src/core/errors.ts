import type { StageFacts } from './stage.js';
import type { CodeFor, ErrorCode } from './error-codes.js';
import { LIMITS, truncateForLog } from './limits.js';
import { redactSecrets } from './redact-secrets.js';

/** OpenAI error `type` values baimo emits. */
export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'insufficient_quota'
  | 'timeout_error'
  | 'upstream_error'
  | 'service_unavailable'
  | 'server_error'
  // Data security and compliance policies (issue 6): the request was refused by a policy.
  | 'pii_detected'
  | 'content_policy_violation'
  | 'data_routing_blocked';

declare const external: unique symbol;
/**
 * A code baimo passes on rather than makes up (a provider's own code, `upstream_<status>`, Fastify's
 * `FST_ERR_*`). baimo's own codes come from the table in error-codes.ts; `externalCode` marks the rest.
 */
export type ExternalCode = string & { readonly [external]: true };
export const externalCode = (code: string): ExternalCode => code as ExternalCode;

export interface GatewayErrorInit {
  status: number;
  type: ErrorType;
  /** One of baimo's codes (error-codes.ts; prefer `gatewayError`) or a code passed on. */
  code?: ErrorCode | ExternalCode | null;
  param?: string | null;
  retryable?: boolean;
  provider?: string;
  retryAfter?: number;
  cause?: unknown;
}

/**
 * The one error type of baimo. Raised anywhere, rendered once by the server's error handler in
 * OpenAI's shape (`{error:{message,type,param,code}}`). `retryable` drives the router.
 */
export class GatewayError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  readonly code: string | null;
  readonly param: string | null;
  readonly retryable: boolean;
  provider?: string;
  /** Seconds a client should wait before retrying (rendered as `retry-after`). */
  retryAfter?: number;
  requestId?: string;
  /** What the stage that refused the request adds to its log row (the policy that blocked it…). */
  facts?: StageFacts;

  constructor(message: string, init: GatewayErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'GatewayError';
    this.status = init.status;
    this.type = init.type;
    this.code = init.code ?? null;
    this.param = init.param ?? null;
    this.retryable = init.retryable ?? false;
    this.provider = init.provider;
    this.retryAfter = init.retryAfter;
  }

  /** The OpenAI `ErrorResponse` body. */
  toJSON(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

// The helpers take only codes the table lists with their status and type (its own or a variant's).
export const badRequest = (
  message: string,
  param: string | null = null,
  code: CodeFor<400, 'invalid_request_error'> = 'invalid_request',
): GatewayError => new GatewayError(message, { status: 400, type: 'invalid_request_error', param, code });

export const notFound = (message: string, code: CodeFor<404, 'not_found_error'> = 'not_found', param: string | null = null): GatewayError =>
  new GatewayError(message, { status: 404, type: 'not_found_error', code, param });

export const unauthorized = (message: string, code: CodeFor<401, 'authentication_error'> = 'invalid_api_key'): GatewayError =>
  new GatewayError(message, { status: 401, type: 'authentication_error', code });

export const forbidden = (
  message: string,
  code: CodeFor<403, 'permission_error'> = 'permission_denied',
  param: string | null = null,
): GatewayError => new GatewayError(message, { status: 403, type: 'permission_error', code, param });

/**
 * A model outside a virtual key's allow-list. The router checks the list before it resolves a route
 * (so a refused name never builds one); the enforcer checks again for any other caller.
 */
export const modelNotAllowed = (model: string): GatewayError =>
  forbidden(`This API key may not use model "${truncateForLog(model, LIMITS.modelName)}".`, 'model_not_allowed', 'model');

/** Over a rate limit (RPM, TPM): OpenAI's `rate_limit_exceeded`, with the seconds to wait. */
export const rateLimited = (message: string, retryAfter: number): GatewayError =>
  new GatewayError(message, { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded', retryAfter });

/** Over a token quota or money budget: OpenAI's `insufficient_quota` (retrying soon will not help). */
export const quotaExceeded = (message: string, retryAfter?: number): GatewayError =>
  new GatewayError(message, { status: 429, type: 'insufficient_quota', code: 'insufficient_quota', retryAfter });

/** Statuses worth another attempt: network trouble, timeouts, conflicts, rate limits, server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

const TYPE_BY_STATUS: Record<number, ErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  408: 'timeout_error',
  413: 'invalid_request_error',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
};

/**
 * Maps an upstream HTTP failure to a GatewayError that keeps the upstream status for the client.
 * `code` is the provider's own (passed on) or, as a literal, one of the table's (the test checks).
 */
export function upstreamError(
  provider: string,
  status: number,
  message: string,
  opts: { code?: string | null; type?: ErrorType; retryAfter?: number } = {},
): GatewayError {
  const type = opts.type ?? TYPE_BY_STATUS[status] ?? (status >= 500 ? 'upstream_error' : 'invalid_request_error');
  // Upstream auth failures are our configuration problem, not the client's key: report them as 502.
  const clientStatus = status === 401 || status === 403 ? 502 : status;
  // Providers echo parts of keys in auth errors ("Incorrect API key provided: sk-ab***"): never pass them on.
  return new GatewayError(`${provider}: ${redactSecrets(message)}`, {
    status: clientStatus,
    type: status === 401 || status === 403 ? 'upstream_error' : type,
    code: externalCode(opts.code ?? `upstream_${status}`),
    retryable: isRetryableStatus(status),
    provider,
    retryAfter: opts.retryAfter,
  });
}

/** A network-level failure (refused, reset, DNS, TLS) talking to a provider. */
export function networkError(provider: string, cause: unknown): GatewayError {
  const detail = cause instanceof Error ? ((cause as Error & { code?: string }).code ?? cause.message) : String(cause);
  return new GatewayError(`${provider}: could not reach the provider (${detail})`, {
    status: 502,
    type: 'upstream_error',
    code: 'upstream_unreachable',
    retryable: true,
    provider,
    cause,
  });
}

const TIMEOUT_CODES = {
  connect: 'connect_timeout',
  'first byte': 'first_byte_timeout',
  idle: 'idle_timeout',
  total: 'total_timeout',
} as const satisfies Record<string, ErrorCode>;

export function timeoutError(provider: string, which: keyof typeof TIMEOUT_CODES, ms: number): GatewayError {
  return new GatewayError(`${provider}: ${which} timeout after ${ms} ms`, {
    status: 504,
    type: 'timeout_error',
    code: TIMEOUT_CODES[which],
    retryable: true,
    provider,
  });
}

/** Anything thrown that is not a GatewayError becomes a 500 without leaking internals. */
export function toGatewayError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  return new GatewayError('Internal server error', { status: 500, type: 'server_error', code: 'internal_error', cause: err });
}

/** A 2xx answer from a provider that is not what was asked for (no choices, not JSON, …); retryable. */
export function badUpstreamResponse(provider: string, message: string): GatewayError {
  return new GatewayError(`${provider}: ${message}`, {
    status: 502,
    type: 'upstream_error',
    code: 'upstream_bad_response',
    retryable: true,
    provider,
  });
}
