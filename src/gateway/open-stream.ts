import type { ChatRequest, StreamPart } from '../core/chat-types.js';
import type { CallOptions } from '../core/provider.js';
import type { Lease } from './router.js';
import { withStreamTimeouts } from './stream-timeouts.js';
import type { Target } from './target.js';

/** An upstream stream that has produced its first part: the router's attempt succeeded. */
export interface OpenedStream {
  target: Target;
  lease: Lease;
  it: AsyncIterator<StreamPart>;
  first: IteratorResult<StreamPart>;
  /** Usage parts that came before the first part (counted, not sent). */
  lead: StreamPart[] | undefined;
}

/**
 * One streaming attempt for `Router.execute`: opens the provider's stream (with first-byte and idle
 * timeouts) and waits for its first part. An error before any part is thrown, so the router retries
 * or falls back; once a part has arrived the lease is kept for the reader of the stream.
 */
export async function openStream(sent: ChatRequest, target: Target, opts: CallOptions, lease: Lease): Promise<OpenedStream> {
  const parts = withStreamTimeouts(
    target.provider.stream(sent, opts),
    target.providerName,
    opts.timeouts.firstByte,
    opts.timeouts.idle,
    (err) => lease.abort(err),
  );
  const it = parts[Symbol.asyncIterator]();
  let first = await it.next();
  // Usage reported before any content (Anthropic's message_start) is not an answer yet: an error
  // after it still counts as a failure before the first part, retried elsewhere.
  let lead: StreamPart[] | undefined;
  while (!first.done && first.value.type === 'usage') {
    (lead ??= []).push(first.value);
    first = await it.next();
  }
  if (!first.done && first.value.type === 'error') throw first.value.error; // nothing sent yet: retryable
  lease.keep();
  return { target, lease, it, first, lead };
}
