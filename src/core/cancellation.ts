const noop = (): void => undefined;

/**
 * A request's cancellation (the client went away, the CLI got Ctrl-C). Callbacks are plain
 * functions; an `AbortSignal` is made only when some code asks for one. On the gateway's hot path
 * that spares an EventTarget and its listeners per request, which measured ~8 µs.
 */
export class Cancellation {
  private listeners: Array<(reason: Error) => void> | undefined;
  private controller: AbortController | undefined;
  reason: Error | undefined;

  get cancelled(): boolean {
    return this.reason !== undefined;
  }

  /** Cancels once; later calls are ignored. */
  cancel(reason: Error): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller?.abort(reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const fn of listeners) fn(reason);
  }

  /** Runs `fn` on cancellation (at once if already cancelled); returns the unsubscribe function. */
  onCancel(fn: (reason: Error) => void): () => void {
    if (this.reason) {
      fn(this.reason);
      return noop;
    }
    (this.listeners ??= []).push(fn);
    return () => {
      const i = this.listeners?.indexOf(fn) ?? -1;
      if (i >= 0) this.listeners!.splice(i, 1);
    };
  }

  /** An AbortSignal that follows this cancellation, for APIs that need one. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.reason) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }
}
