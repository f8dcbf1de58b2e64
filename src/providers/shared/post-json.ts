import type { Dispatcher } from 'undici';
import type { Cancellation } from '../../core/cancellation.js';
import { badUpstreamResponse, upstreamError } from '../../core/errors.js';
import type { CallTimeouts } from '../../core/provider.js';
import { mapTransportError, parseRetryAfter } from './http-client.js';
import { parseUpstreamError } from './parse-upstream-error.js';

export interface PostJsonOptions {
  provider: string;
  agent: Dispatcher;
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The call: its cancellation is preferred over its signal (a callback costs less than an EventTarget listener). */
  call: { readonly signal: AbortSignal; readonly cancellation?: Cancellation; readonly timeouts: CallTimeouts };
}

/**
 * POSTs a JSON body and resolves with the parsed JSON answer, through undici's `dispatch` with a
 * small handler: no response stream, no async resource and no abort listener of undici's own, which
 * `request()` pays for on every call. Used for whole (non-streamed) answers, the gateway's hot path.
 * Non-2xx answers and transport failures reject with GatewayErrors, as `sendUpstream` does.
 */
export function postJson<T>(o: PostJsonOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const { cancellation: c, timeouts } = o.call;
    if (c ? c.cancelled : o.call.signal.aborted)
      return reject(mapTransportError(o.provider, new Error('cancelled'), timeouts, o.call.signal, false));
    const chunks: Buffer[] = [];
    let status = 0;
    let retryAfter: string | string[] | undefined;
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    const onAbort = (): void => controller?.abort((c ? c.reason : o.call.signal.reason) as Error);
    let off: () => void;
    if (c) off = c.onCancel(onAbort);
    else {
      const signal = o.call.signal;
      signal.addEventListener('abort', onAbort, { once: true });
      off = () => signal.removeEventListener('abort', onAbort);
    }
    const done = (): boolean => {
      if (settled) return false;
      settled = true;
      off();
      return true;
    };
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(ctl) {
        controller = ctl;
        if (c ? c.cancelled : o.call.signal.aborted) onAbort();
      },
      onResponseStart(_c, statusCode, headers) {
        status = statusCode;
        retryAfter = headers['retry-after'];
      },
      onResponseData(_c, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        if (!done()) return;
        const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
        if (status < 200 || status >= 300) {
          const parsed = parseUpstreamError(text.slice(0, 64 * 1024));
          return reject(
            upstreamError(o.provider, status, parsed.message || `HTTP ${status}`, {
              code: parsed.code ?? undefined,
              retryAfter: parseRetryAfter(retryAfter),
            }),
          );
        }
        try {
          resolve(JSON.parse(text) as T);
        } catch {
          reject(badUpstreamResponse(o.provider, 'the provider answered with something that is not JSON'));
        }
      },
      onResponseError(_c, err) {
        if (done()) reject(mapTransportError(o.provider, err, timeouts, o.call.signal, false));
      },
    };
    try {
      o.agent.dispatch(
        {
          origin: o.origin,
          path: o.path,
          method: 'POST',
          headers: o.headers,
          body: o.body,
          // A whole answer's headers arrive when it is complete: bound them by the total timeout.
          headersTimeout: timeouts.total,
          bodyTimeout: timeouts.idle,
        },
        handler,
      );
    } catch (err) {
      if (done()) reject(mapTransportError(o.provider, err, timeouts, o.call.signal, false));
    }
  });
}
