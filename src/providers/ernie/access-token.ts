import { request, type Dispatcher } from 'undici';
import { gatewayError } from '../../core/error-codes.js';
import { GatewayError, badUpstreamResponse } from '../../core/errors.js';
import { redactSecrets } from '../../core/redact-secrets.js';
import { joinUrl } from '../shared/auth-headers.js';
import { mapTransportError } from '../shared/http-client.js';
import { tokenError } from './errors.js';

/** `{base}/oauth/2.0/token?grant_type=client_credentials&client_id=AK&client_secret=SK` (Baidu's OAuth client-credentials grant). */
export function tokenUrl(baseUrl: string, apiKey: string, secretKey: string): string {
  return joinUrl(baseUrl, 'oauth/2.0/token', { grant_type: 'client_credentials', client_id: apiKey, client_secret: secretKey });
}

/** When to fetch a new token: a tenth of its life early, at most one day early (tokens live ~30 days). */
export function refreshDelayMs(expiresInSeconds: number): number {
  const life = expiresInSeconds * 1000;
  return life - Math.min(life * 0.1, 86_400_000);
}

export interface TokenSource {
  /** A valid token: the cached one, or one fetch shared by every caller that needs it now. */
  get(): Promise<string>;
  /** Forgets `token` if it is still the cached one (the API said it is invalid or expired). */
  invalidate(token: string): void;
}

export interface TokenSourceSettings {
  provider: string;
  baseUrl: string;
  apiKey: string;
  secretKey: string;
  agent: Dispatcher;
  connectTimeoutMs: number;
  /** Clock, for tests. */
  now?: () => number;
}

const TOKEN_TIMEOUT_MS = 15_000;

/**
 * Caches the access token and refreshes it single-flight: however many requests find the token
 * missing or stale at once, exactly one OAuth call is made and all of them await it. The fetch has
 * its own deadline rather than any one caller's signal, so a caller that gives up does not fail the
 * others waiting on the same fetch.
 */
export function createTokenSource(s: TokenSourceSettings): TokenSource {
  const now = s.now ?? Date.now;
  const secrets = [s.apiKey, s.secretKey];
  let cached: { token: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const timeouts = { connect: s.connectTimeoutMs, firstByte: TOKEN_TIMEOUT_MS, idle: TOKEN_TIMEOUT_MS, total: TOKEN_TIMEOUT_MS };
    const signal = AbortSignal.timeout(TOKEN_TIMEOUT_MS);
    let status: number;
    let text: string;
    try {
      const res = await request(tokenUrl(s.baseUrl, s.apiKey, s.secretKey), {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        dispatcher: s.agent,
        signal,
        headersTimeout: TOKEN_TIMEOUT_MS,
        bodyTimeout: TOKEN_TIMEOUT_MS,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      const e = mapTransportError(s.provider, err, timeouts, signal, false);
      // Transport errors may quote the URL, which carries the secret key.
      e.message = redactSecrets(e.message, secrets);
      throw e;
    }
    let body: { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw status >= 200 && status < 300
        ? badUpstreamResponse(s.provider, 'the token endpoint answered with something that is not JSON')
        : tokenError(s.provider, status, {}, secrets);
    }
    // Baidu may answer a refused grant with 200 as well as 400/401: the `error` field decides.
    if (status < 200 || status >= 300 || body.error || typeof body.access_token !== 'string' || !body.access_token) {
      throw tokenError(s.provider, status >= 200 && status < 300 ? 401 : status, body, secrets);
    }
    const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 2_592_000;
    cached = { token: body.access_token, refreshAt: now() + refreshDelayMs(expiresIn) };
    return body.access_token;
  }

  return {
    get(): Promise<string> {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      inflight ??= fetchToken().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate(token: string): void {
      if (cached?.token === token) cached = undefined;
    },
  };
}

/** Credentials are required up front: without them every call would fail the same way. */
export function missingCredentials(provider: string): GatewayError {
  return gatewayError('ernie_missing_credentials', `${provider}: the ernie protocol needs api_key (AK) and secret_key (SK)`, { provider });
}
