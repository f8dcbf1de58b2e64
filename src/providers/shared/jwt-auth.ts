import { createHmac } from 'node:crypto';
import { ConfigError } from '../../config/config-error.js';
import { createWireClient, type WireClient, type WireClientSettings } from './wire-client.js';

/** The two vendors that want a short-lived HS256 JWT instead of a static key. */
export type JwtStyle = 'zhipu-jwt' | 'sensenova-jwt';

export interface JwtAuthSettings {
  style: JwtStyle;
  /** Zhipu: the `id.secret` key. SenseNova: the AK. */
  apiKey?: string;
  /** SenseNova: the SK. */
  secretKey?: string;
  /** Clock in milliseconds (tests pin it). */
  now?: () => number;
  /** Token lifetime in seconds (SenseNova's documented example uses 1800). */
  ttlSeconds?: number;
  /** A cached token is replaced this many seconds before it expires, so none is sent about to lapse. */
  refreshBeforeSeconds?: number;
}

/** Hands out the current `Authorization` header, signing a new token only when the cached one nears expiry. */
export interface JwtAuth {
  headers(): { authorization: string };
}

const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

/** `base64url(header).base64url(payload).base64url(HMAC-SHA256(secret, first two parts))`; JSON key order is kept. */
export function signHs256(header: object, payload: object, secret: string): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** Zhipu: header `{alg, sign_type: SIGN}`, claims in MILLISECONDS (Zhipu's own convention, unlike RFC 7519). */
export function zhipuJwt(apiKey: string, nowMs: number, ttlSeconds: number): { token: string; expiresAtMs: number } {
  const dot = apiKey.indexOf('.');
  const id = apiKey.slice(0, dot);
  const secret = apiKey.slice(dot + 1);
  const expiresAtMs = nowMs + ttlSeconds * 1000;
  const token = signHs256({ alg: 'HS256', sign_type: 'SIGN' }, { api_key: id, exp: expiresAtMs, timestamp: nowMs }, secret);
  return { token, expiresAtMs };
}

/** SenseNova: a standard JWT, `iss` = AK, `exp`/`nbf` in seconds, `nbf` 5 s early to absorb clock skew. */
export function sensenovaJwt(ak: string, sk: string, nowMs: number, ttlSeconds: number): { token: string; expiresAtMs: number } {
  const now = Math.floor(nowMs / 1000);
  const exp = now + ttlSeconds;
  const token = signHs256({ alg: 'HS256', typ: 'JWT' }, { iss: ak, exp, nbf: now - 5 }, sk);
  return { token, expiresAtMs: exp * 1000 };
}

/**
 * Checks the credentials once, at construction (a bad key is a config problem, not a per-call
 * failure), and caches one token for all calls until `refreshBeforeSeconds` before it expires.
 */
export function createJwtAuth(provider: string, s: JwtAuthSettings): JwtAuth {
  const now = s.now ?? Date.now;
  const ttl = s.ttlSeconds ?? 1800;
  const early = (s.refreshBeforeSeconds ?? 60) * 1000;
  const key = s.apiKey ?? '';
  let sign: (nowMs: number) => { token: string; expiresAtMs: number };
  let prefix: string;
  if (s.style === 'zhipu-jwt') {
    const dot = key.indexOf('.');
    if (dot <= 0 || dot === key.length - 1)
      throw new ConfigError(`providers.${provider}.api_key: with auth: jwt, a Zhipu key must look like <id>.<secret>`);
    sign = (t) => zhipuJwt(key, t, ttl);
    prefix = ''; // Zhipu wants the bare token, no `Bearer`.
  } else {
    if (!key) throw new ConfigError(`providers.${provider}.api_key: required with auth: jwt (SenseNova's AK)`);
    const sk = s.secretKey;
    if (!sk) throw new ConfigError(`providers.${provider}.secret_key: required with auth: jwt (SenseNova's SK)`);
    sign = (t) => sensenovaJwt(key, sk, t, ttl);
    prefix = 'Bearer ';
  }
  let cached: { header: { authorization: string }; refreshAtMs: number } | undefined;
  return {
    headers() {
      const t = now();
      if (!cached || t >= cached.refreshAtMs) {
        const { token, expiresAtMs } = sign(t);
        cached = { header: { authorization: prefix + token }, refreshAtMs: expiresAtMs - early };
      }
      return cached.header;
    },
  };
}

/**
 * A WireClient whose `Authorization` follows the JWT cache. The shared wire client has fixed headers,
 * so a fresh one is made when the token changes (every ~29 minutes) and the previous one is closed
 * gracefully: undici lets its in-flight requests and streams finish first.
 */
export function createJwtWireClient(provider: string, settings: WireClientSettings, auth: JwtAuth): WireClient {
  let current: { authorization: string; client: WireClient } | undefined;
  const client = (): WireClient => {
    const header = auth.headers();
    if (current?.authorization !== header.authorization) {
      const previous = current?.client;
      current = {
        authorization: header.authorization,
        client: createWireClient(provider, { ...settings, headers: { ...settings.headers, ...header } }),
      };
      void previous?.close().catch(() => undefined);
    }
    return current.client;
  };
  return {
    postJson: (url, body, opts) => client().postJson(url, body, opts),
    postStream: (url, body, opts) => client().postStream(url, body, opts),
    parts: (res, parse, opts) => client().parts(res, parse, opts),
    getJson: (url, signal) => client().getJson(url, signal),
    close: async () => {
      await current?.client.close();
    },
  };
}
