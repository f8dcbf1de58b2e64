import { Agent, request, type Dispatcher } from 'undici';
import { gatewayError } from '../../core/error-codes.js';
import { GatewayError, networkError, timeoutError, upstreamError, badUpstreamResponse } from '../../core/errors.js';
import type { CallTimeouts } from '../../core/provider.js';
import { parseUpstreamError } from './parse-upstream-error.js';

/** One keep-alive connection pool per provider instance. */
export function createAgent(connectTimeoutMs: number, connections = 256): Agent {
  return new Agent({
    connect: { timeout: connectTimeoutMs },
    connections,
    keepAliveTimeout: 30_000,
    pipelining: 1,
  });
}

export interface PostOptions {
  provider: string;
  agent: Dispatcher;
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  timeouts: CallTimeouts;
  /** Streams get `firstByte` as the headers timeout; whole answers may take up to `total`. */
  streaming: boolean;
  method?: 'POST' | 'GET';
}

export type UpstreamResponse = Dispatcher.ResponseData;

/**
 * Sends one request upstream and returns the 2xx response (body unread). Non-2xx answers and network
 * failures become GatewayErrors carrying retry semantics.
 */
export async function sendUpstream(opts: PostOptions): Promise<UpstreamResponse> {
  let res: UpstreamResponse;
  try {
    res = await request(opts.url, {
      method: opts.method ?? 'POST',
      headers: opts.headers,
      body: opts.method === 'GET' ? undefined : opts.body,
      signal: opts.signal,
      dispatcher: opts.agent,
      headersTimeout: opts.streaming ? opts.timeouts.firstByte : opts.timeouts.total,
      bodyTimeout: opts.timeouts.idle,
    });
  } catch (err) {
    throw mapTransportError(opts.provider, err, opts.timeouts, opts.signal, opts.streaming);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res;
  const text = await readLimited(res.body, 64 * 1024).catch(() => '');
  const parsed = parseUpstreamError(text);
  const retryAfter = parseRetryAfter(res.headers['retry-after']);
  throw upstreamError(opts.provider, res.statusCode, parsed.message || `HTTP ${res.statusCode}`, {
    code: parsed.code ?? undefined,
    retryAfter,
  });
}

/** Reads and parses a whole JSON body; a body that is not JSON is an upstream error. */
export async function readJson<T>(provider: string, res: UpstreamResponse, timeouts: CallTimeouts, signal: AbortSignal): Promise<T> {
  let text: string;
  try {
    text = await res.body.text();
  } catch (err) {
    throw mapTransportError(provider, err, timeouts, signal, false);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw badUpstreamResponse(provider, 'the provider answered with something that is not JSON');
  }
}

/** Turns undici / abort failures into GatewayErrors with the right timeout flavour. */
export function mapTransportError(
  provider: string,
  err: unknown,
  timeouts: CallTimeouts,
  signal?: AbortSignal,
  streaming = true,
): GatewayError {
  if (err instanceof GatewayError) return err;
  if (signal?.aborted) {
    const reason = signal.reason as unknown;
    if (reason instanceof GatewayError) return reason;
    return gatewayError('cancelled', `${provider}: request cancelled`, { provider });
  }
  const code = (err as { code?: string } | null)?.code;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return timeoutError(provider, 'connect', timeouts.connect);
  // A whole answer's headers come when it is complete: their timeout is the call's total timeout.
  if (code === 'UND_ERR_HEADERS_TIMEOUT')
    return streaming ? timeoutError(provider, 'first byte', timeouts.firstByte) : timeoutError(provider, 'total', timeouts.total);
  if (code === 'UND_ERR_BODY_TIMEOUT') return timeoutError(provider, 'idle', timeouts.idle);
  return networkError(provider, err);
}

async function readLimited(body: AsyncIterable<Uint8Array>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < limit) chunks.push(Buffer.from(chunk));
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, limit);
}

/** `retry-after` as seconds (accepts delta-seconds or an HTTP date). */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs) && secs >= 0) return Math.ceil(secs);
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
