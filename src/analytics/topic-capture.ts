import { z } from 'zod';
import { TOPIC_TEXT_MAX_CHARS } from './topic-text.js';

/** Most requests one `analytics.topics` job carries (its input stays under the job queue's 64 KiB). */
export const TOPIC_BATCH_ITEMS = 100;
/** Most bytes of the items of one job, as JSON (the queue takes 64 KiB of input). */
export const TOPIC_BATCH_BYTES = 48 * 1024;

const id = z.string().min(1).max(200);
const name = z.string().max(1024);

/**
 * A sampled request waiting to be classified: who made it and where (the report's dimensions) and its
 * normalised text. The text lives only here and in the job's input, which is scrubbed when the job ends.
 */
export const topicItemSchema = z
  .object({
    /** The request id (its log row's). */
    id,
    /** When it was made (epoch ms). */
    ts: z.number().int().min(0),
    workspace: id.nullable(),
    /** The model the client asked for. */
    model: name,
    /** The app's slug, null for a direct API call. */
    scenario: name.nullable(),
    app: id.nullable(),
    key: id.nullable(),
    provider: name.nullable(),
    /** The end user, whose segments win over the key's and app's. */
    user: name.nullable(),
    segments: z.record(z.string().max(20), z.string().max(64)).refine((s) => Object.keys(s).length <= 8, 'at most 8 segments'),
    /** Surrogate pairs count twice here: the normalised text holds at most TOPIC_TEXT_MAX_CHARS code points. */
    text: z
      .string()
      .min(1)
      .max(TOPIC_TEXT_MAX_CHARS * 2),
  })
  .strict();
export type TopicItem = z.infer<typeof topicItemSchema>;

export interface TopicCaptureOptions {
  /** Stores one batch as a job (`analytics.topics`); a rejection drops the batch (counted). */
  enqueue(items: TopicItem[]): Promise<void>;
  /** Most requests waiting in memory; past it new ones are dropped (default 5,000). */
  maxItems?: number;
  /** How long a request waits for others to fill its batch (default 1,000 ms). */
  flushMs?: number;
  onError?(err: unknown): void;
}

/**
 * The bounded in-process buffer between the request path and the job queue: `push` is synchronous and
 * never waits (a full buffer drops the request and counts it); batches of up to {@link TOPIC_BATCH_ITEMS}
 * requests (and {@link TOPIC_BATCH_BYTES}) become jobs in the background, one enqueue at a time.
 */
export class TopicCaptureBuffer {
  private items: TopicItem[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  /** Requests dropped: the buffer was full, or their job could not be stored. */
  dropped = 0;
  /** Requests handed to the job queue. */
  enqueued = 0;
  private readonly maxItems: number;
  private readonly flushMs: number;

  constructor(private readonly o: TopicCaptureOptions) {
    this.maxItems = Math.max(1, o.maxItems ?? 5_000);
    this.flushMs = Math.max(0, o.flushMs ?? 1_000);
  }

  /** Requests waiting in memory. */
  get pending(): number {
    return this.items.length;
  }

  /** Takes a request for classification; false when it was dropped. */
  push(item: TopicItem): boolean {
    if (this.closed || this.items.length >= this.maxItems) {
      this.dropped++;
      return false;
    }
    this.items.push(item);
    if (this.items.length >= TOPIC_BATCH_ITEMS) this.arm(0);
    else this.arm(this.flushMs);
    return true;
  }

  /** Hands everything waiting to the job queue. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.flushing) return this.flushing.then(() => (this.items.length ? this.flush() : undefined));
    if (this.items.length === 0) return Promise.resolve();
    const taken = this.items;
    this.items = [];
    this.flushing = this.send(taken).finally(() => {
      this.flushing = undefined;
      if (this.items.length && !this.closed) this.arm(this.items.length >= TOPIC_BATCH_ITEMS ? 0 : this.flushMs);
    });
    return this.flushing;
  }

  /** Flushes and takes nothing more. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private arm(delayMs: number): void {
    if (this.flushing) return; // the flush re-arms when it ends
    if (this.timer && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delayMs);
    this.timer.unref();
  }

  private async send(items: TopicItem[]): Promise<void> {
    for (const batch of batches(items)) {
      try {
        await this.o.enqueue(batch);
        this.enqueued += batch.length;
      } catch (err) {
        this.dropped += batch.length;
        this.o.onError?.(err);
      }
    }
  }
}

/** Items in batches of at most {@link TOPIC_BATCH_ITEMS} and {@link TOPIC_BATCH_BYTES} of JSON. */
export function batches(items: readonly TopicItem[]): TopicItem[][] {
  const out: TopicItem[][] = [];
  let cur: TopicItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (cur.length > 0 && (cur.length >= TOPIC_BATCH_ITEMS || bytes + size > TOPIC_BATCH_BYTES)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(item);
    bytes += size;
  }
  if (cur.length) out.push(cur);
  return out;
}
