/**
 * Bridges callback-style producers (node-llama-cpp's `onTextChunk`) into an async iterator, so a
 * stream yields each chunk as soon as it is generated instead of buffering the whole answer.
 */
export class PushQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private ended = false;
  private failure: { error: unknown } | null = null;
  private wake: (() => void) | null = null;

  push(item: T): void {
    if (this.ended) return;
    this.items.push(item);
    this.notify();
  }

  /** No more items; the iterator finishes after draining what is buffered. */
  end(): void {
    this.ended = true;
    this.notify();
  }

  /** Ends the iterator with an error once the buffered items are drained. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = { error };
    this.end();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length > 0) {
        yield this.items.shift()!;
        continue;
      }
      if (this.ended) {
        if (this.failure) throw this.failure.error;
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}
