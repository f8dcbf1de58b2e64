import type { StreamPart } from '../../core/chat-types.js';
import type { CallOptions } from '../../core/provider.js';
import { createAgent, mapTransportError, readJson, sendUpstream, type UpstreamResponse } from './http-client.js';
import { postJson } from './post-json.js';

/** The HTTP plumbing every wire adapter shares: JSON calls, streamed calls, listings, one socket pool. */
export interface WireClient {
  /** POSTs a JSON body and parses the JSON answer. */
  postJson<T>(url: string, body: unknown, opts: CallOptions): Promise<T>;
  /** POSTs a JSON body for a streamed answer; the response body is left unread. */
  postStream(url: string, body: unknown, opts: CallOptions): Promise<UpstreamResponse>;
  /** Runs a wire parser over a streamed body, mapping transport errors and always releasing the socket. */
  parts(
    res: UpstreamResponse,
    parse: (body: AsyncIterable<Uint8Array>) => AsyncIterable<StreamPart>,
    opts: CallOptions,
  ): AsyncGenerator<StreamPart>;
  /** GETs a JSON document (model listings) within a short, fixed time. */
  getJson<T>(url: string, signal?: AbortSignal): Promise<T>;
  close(): Promise<void>;
}

export interface WireClientSettings {
  connectTimeoutMs: number;
  /** Headers for every call (content type, auth, provider headers). */
  headers: Record<string, string>;
  /** `accept` for streamed calls (`text/event-stream`, `application/x-ndjson`). */
  streamAccept: string;
}

const LIST_TIMEOUT_MS = 10_000;

// Adapters build the same few URLs over and over (one per model): parse each once.
const splitCache = new Map<string, { origin: string; path: string }>();
function splitUrl(url: string): { origin: string; path: string } {
  let hit = splitCache.get(url);
  if (!hit) {
    const u = new URL(url);
    hit = { origin: u.origin, path: u.pathname + u.search };
    if (splitCache.size > 10_000) splitCache.clear();
    splitCache.set(url, hit);
  }
  return hit;
}

export function createWireClient(provider: string, s: WireClientSettings): WireClient {
  const agent = createAgent(s.connectTimeoutMs);
  const headers = { 'content-type': 'application/json', accept: 'application/json', ...s.headers };
  const streamHeaders = { ...headers, accept: s.streamAccept };
  const send = (url: string, body: unknown, opts: CallOptions, streaming: boolean) =>
    sendUpstream({
      provider,
      agent,
      url,
      headers: streaming ? streamHeaders : headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: opts.signal,
      timeouts: opts.timeouts,
      streaming,
    });

  return {
    postJson<T>(url: string, body: unknown, opts: CallOptions): Promise<T> {
      const { origin, path } = splitUrl(url);
      return postJson<T>({
        provider,
        agent,
        origin,
        path,
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
        call: opts,
      });
    },
    postStream: (url, body, opts) => send(url, body, opts, true),
    async *parts(res, parse, opts) {
      try {
        yield* parse(res.body);
      } catch (err) {
        throw mapTransportError(provider, err, opts.timeouts, opts.signal);
      } finally {
        if (!res.body.destroyed) res.body.destroy();
      }
    },
    async getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
      const timeouts = { connect: s.connectTimeoutMs, firstByte: LIST_TIMEOUT_MS, idle: LIST_TIMEOUT_MS, total: LIST_TIMEOUT_MS };
      const sig = signal ?? AbortSignal.timeout(LIST_TIMEOUT_MS);
      const res = await sendUpstream({ provider, agent, url, headers, body: '', method: 'GET', signal: sig, timeouts, streaming: false });
      return readJson<T>(provider, res, timeouts, sig);
    },
    close: () => agent.close(),
  };
}

/** Whether a streamed call was answered with a whole JSON document instead (some providers ignore `stream`). */
export function answeredAsJson(res: UpstreamResponse): boolean {
  return String(res.headers['content-type'] ?? '').includes('application/json');
}
