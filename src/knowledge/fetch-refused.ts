/** Why {@link FetchRefused} was raised. */
export type FetchRefusedReason =
  /** The host resolves to (or is) a loopback, private, link-local or other refused address. */
  | 'private_address'
  /** Not http: or https:. */
  | 'scheme'
  /** Malformed, overlong, or carrying credentials. */
  | 'invalid_url'
  /** Content-Length or the streamed body passed maxBytes. */
  | 'too_large'
  /** The whole fetch (resolution, redirects, body) took longer than timeoutMs. */
  | 'timeout'
  | 'too_many_redirects'
  /** The final answer was not 2xx. */
  | 'http_status'
  /** The host name did not resolve. */
  | 'dns'
  /** The connection failed or closed early (refused, reset, TLS error). */
  | 'network';

/**
 * A document fetch that was refused or failed. The message names the host (and port) only: never the
 * URL's path, query or credentials, which may hold secrets.
 */
export class FetchRefused extends Error {
  readonly reason: FetchRefusedReason;
  /** `host[:port]` of the URL refused (absent when the URL did not parse). */
  readonly host: string | undefined;
  /** The HTTP status, for reason 'http_status'. */
  readonly status: number | undefined;

  constructor(reason: FetchRefusedReason, message: string, host?: string, status?: number) {
    super(message);
    this.name = 'FetchRefused';
    this.reason = reason;
    this.host = host;
    this.status = status;
  }
}
