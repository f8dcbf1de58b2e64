import type { StreamPart } from '../core/chat-types.js';
import { timeoutError } from '../core/errors.js';

/**
 * Enforces the first-byte and idle-gap limits on any adapter's stream with one re-armed timer.
 * On expiry the upstream call is aborted (through `abort`) and the pending read fails with a
 * timeout error.
 */
export async function* withStreamTimeouts(
  source: AsyncIterable<StreamPart>,
  provider: string,
  firstByteMs: number,
  idleMs: number,
  abort: (reason: Error) => void,
): AsyncGenerator<StreamPart> {
  const it = source[Symbol.asyncIterator]();
  let first = true;
  try {
    for (;;) {
      const limit = first ? firstByteMs : idleMs;
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const err = timeoutError(provider, first ? 'first byte' : 'idle', limit);
          abort(err);
          reject(err);
        }, limit);
      });
      let r: IteratorResult<StreamPart>;
      try {
        r = await Promise.race([it.next(), expired]);
      } finally {
        clearTimeout(timer);
      }
      if (r.done) return;
      first = false;
      yield r.value;
    }
  } finally {
    // Let the adapter release its socket; ignore its own errors on the way out.
    void it.return?.()?.catch?.(() => undefined);
  }
}
