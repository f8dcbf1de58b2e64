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
    const call = o.call;
    if (call.cancellation ? call.cancellation.cancelled : call.signal.aborted) {
      return reject(mapTransportError(o.provider, new Error('cancelled'), call.timeouts, call.signal, false));
    }
    const handler = new JsonHandler<T>(o, resolve, reject);
    try {
      o.agent.dispatch(
        {
          origin: o.origin,
          path: o.path,
          method: 'POST',
          headers: o.headers,
          body: o.body,
          // A whole answer's headers arrive when it is complete: bound them by the total timeout.
          headersTimeout: call.timeouts.total,
          bodyTimeout: call.timeouts.idle,
        },
        handler,
      );
    } catch (err) {
      handler.onResponseError(undefined, err as Error);
    }
  });
}

/** Collects one answer; a class (methods on the prototype) so a call allocates one object, not six closures. */
class JsonHandler<T> implements Dispatcher.DispatchHandler {
  private readonly chunks: Buffer[] = [];
  private status = 0;
  private retryAfter: string | string[] | undefined;
  private controller: Dispatcher.DispatchController | undefined;
  private settled = false;
  private readonly off: () => void;
  private readonly abort = (reason: Error): void => this.controller?.abort(reason);

  constructor(
    private readonly o: PostJsonOptions,
    private readonly resolve: (v: T) => void,
    private readonly reject: (e: unknown) => void,
  ) {
    // Never read `call.signal` when there is a cancellation: the getter makes an AbortController.
    const cancellation = o.call.cancellation;
    if (cancellation) this.off = cancellation.onCancel(this.abort);
    else {
      const signal = o.call.signal;
      const onAbort = (): void => this.abort(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      this.off = () => signal.removeEventListener('abort', onAbort);
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    const call = this.o.call;
    if (call.cancellation) {
      if (call.cancellation.cancelled) controller.abort(call.cancellation.reason as Error);
    } else if (call.signal.aborted) controller.abort(call.signal.reason as Error);
  }

  onResponseStart(_c: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    this.status = statusCode;
    this.retryAfter = headers['retry-after'];
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (!this.finish()) return;
    const { chunks, status, o } = this;
    const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
    if (status < 200 || status >= 300) {
      const parsed = parseUpstreamError(text.slice(0, 64 * 1024));
      return this.reject(
        upstreamError(o.provider, status, parsed.message || `HTTP ${status}`, {
          code: parsed.code ?? undefined,
          retryAfter: parseRetryAfter(this.retryAfter),
        }),
      );
    }
    try {
      this.resolve(JSON.parse(text) as T);
    } catch {
      this.reject(badUpstreamResponse(o.provider, 'the provider answered with something that is not JSON'));
    }
  }

  onResponseError(_c: Dispatcher.DispatchController | undefined, err: Error): void {
    if (this.finish()) this.reject(mapTransportError(this.o.provider, err, this.o.call.timeouts, this.o.call.signal, false));
  }

  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.off();
    return true;
  }
}
