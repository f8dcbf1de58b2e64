import { timeoutError } from '../../core/errors.js';
import type { CallOptions } from '../../core/provider.js';

/**
 * For adapters that do not talk HTTP (the embedded engine): the call's options with a signal that
 * also fires after `timeouts.total`, as the contract asks. HTTP adapters get the same bound from
 * undici's timers instead. `done()` must be called when the call ends.
 */
export function withDeadline(provider: string, opts: CallOptions): { opts: CallOptions; done: () => void } {
  const ctl = new AbortController();
  const onAbort = (): void => ctl.abort(opts.signal.reason);
  if (opts.signal.aborted) onAbort();
  else opts.signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => ctl.abort(timeoutError(provider, 'total', opts.timeouts.total)), opts.timeouts.total);
  timer.unref();
  return {
    opts: { ...opts, signal: ctl.signal },
    done: () => {
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
    },
  };
}
