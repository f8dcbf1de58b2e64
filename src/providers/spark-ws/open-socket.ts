import WebSocket from 'ws';
import { gatewayError } from '../../core/error-codes.js';
import { GatewayError, badUpstreamResponse, networkError, timeoutError } from '../../core/errors.js';
import type { CallOptions } from '../../core/provider.js';
import { handshakeError } from './map-error.js';

/** One server frame of a Spark chat (only the fields the adapter reads). */
export interface SparkFrame {
  header?: { code?: number; message?: string; sid?: string; status?: number };
  payload?: {
    choices?: {
      status?: number;
      seq?: number;
      text?: Array<{
        content?: string;
        reasoning_content?: string;
        role?: string;
        index?: number;
        content_type?: string;
        function_call?: { name?: string; arguments?: unknown };
      }>;
    };
    usage?: { text?: { question_tokens?: number; prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } };
  };
}

export interface SocketCall {
  provider: string;
  url: string;
  /** The request frame, sent once the socket is open. */
  request: unknown;
  opts: CallOptions;
  /** Bound the whole exchange (whole answers, like `headersTimeout: total` for HTTP adapters). */
  totalMs?: number;
  /** Credentials to mask in handshake error bodies. */
  secrets: readonly string[];
}

const MAX_ERROR_BODY = 64 * 1024;

/**
 * Opens a Spark WebSocket, sends the request frame and yields the server's frames, parsed.
 *
 * Timeouts follow the HTTP adapters: `connect` bounds TCP + TLS + the upgrade, `firstByte` the first
 * frame after the request, `idle` every gap after that, `totalMs` (when given) the whole call. The
 * socket is terminated when the consumer stops (return/throw), on cancellation and on any timeout,
 * so a client that goes away never leaves a Spark session (and its billed tokens) running.
 * A refused handshake (HTTP 401/403 on a bad signature or a skewed date) becomes a 502.
 */
export async function* sparkFrames(call: SocketCall): AsyncGenerator<SparkFrame> {
  const { provider, opts } = call;
  const frames: SparkFrame[] = [];
  let failure: GatewayError | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  let timer: NodeJS.Timeout | undefined;
  const arm = (which: 'connect' | 'first byte' | 'idle', ms: number): void => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(timeoutError(provider, which, ms)), ms);
  };
  const totalTimer =
    call.totalMs === undefined ? undefined : setTimeout(() => fail(timeoutError(provider, 'total', call.totalMs!)), call.totalMs);

  const ws = new WebSocket(call.url, { perMessageDeflate: false, followRedirects: false });
  function fail(err: GatewayError): void {
    if (failure || ended) return;
    failure = err;
    ws.terminate();
    notify();
  }

  const cancelled = (reason: unknown): GatewayError =>
    reason instanceof GatewayError ? reason : gatewayError('cancelled', `${provider}: request cancelled`, { provider });
  // Never read `opts.signal` when there is a cancellation: its getter makes an AbortController.
  let off: () => void;
  if (opts.cancellation) off = opts.cancellation.onCancel((reason) => fail(cancelled(reason)));
  else {
    const signal = opts.signal;
    const onAbort = (): void => fail(cancelled(signal.reason));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    off = () => signal.removeEventListener('abort', onAbort);
  }

  arm('connect', opts.timeouts.connect);
  ws.on('unexpected-response', (req, res) => {
    // Listening to this event makes `ws` leave the response to us: read the vendor's reason, then drop it.
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      if (size < MAX_ERROR_BODY) chunks.push(c);
      size += c.length;
    });
    const done = (): void => {
      fail(handshakeError(provider, res.statusCode ?? 502, Buffer.concat(chunks).toString('utf8'), call.secrets));
      req.destroy();
    };
    // `fail` only takes the first outcome, so whichever of these comes first wins.
    res.on('end', done);
    res.on('close', done);
    res.on('error', done);
  });
  ws.on('open', () => {
    arm('first byte', opts.timeouts.firstByte);
    ws.send(JSON.stringify(call.request));
  });
  ws.on('message', (data, isBinary) => {
    arm('idle', opts.timeouts.idle);
    const text = isBinary ? '' : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString();
    try {
      frames.push(JSON.parse(text) as SparkFrame);
    } catch {
      return fail(badUpstreamResponse(provider, 'the provider sent a frame that is not JSON'));
    }
    notify();
  });
  ws.on('error', (err) => fail(networkError(provider, err)));
  ws.on('close', () => {
    ended = true;
    notify();
  });

  try {
    for (;;) {
      const next = frames.shift();
      if (next) {
        yield next;
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    clearTimeout(timer);
    clearTimeout(totalTimer);
    off();
    if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
  }
}
