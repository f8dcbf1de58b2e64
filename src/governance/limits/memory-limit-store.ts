import type { AdmitRequest, AdmitResult, Adjustment, LimitStore } from './limit-store.js';

export interface MemoryLimitStoreOptions {
  /** Milliseconds since the epoch; injectable so tests can move time by hand (default `Date.now`). */
  now?: () => number;
  /** How often idle buckets and expired counters are dropped (default 60 s; 0 turns the sweep off). */
  sweepIntervalMs?: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  ts: number;
  /** Remembered so a later adjustment without them still refills, and so the sweep knows when the bucket is full. */
  capacity: number;
  windowMs: number;
}

interface Counter {
  value: number;
  /** `Infinity` when the counter never expires. */
  expiresAt: number;
}

/** Float refills (e.g. 5 tokens per 60 000 ms) must not refuse a request for being 1e-15 short. */
const EPSILON = 1e-9;
const OK: AdmitResult = Object.freeze({ ok: true });

/**
 * Limits for a single process. Everything is synchronous under the async signatures, so one
 * `admit` can never interleave with another and the check-then-apply needs no locking.
 *
 * A bucket that has refilled to capacity is indistinguishable from one that does not exist, and an
 * expired counter is the same as an absent one, so both are dropped: lazily when touched, and by a
 * periodic sweep so keys that are never touched again do not pile up.
 */
export class MemoryLimitStore implements LimitStore {
  readonly kind = 'memory' as const;
  private readonly now: () => number;
  private readonly buckets = new Map<string, Bucket>();
  private readonly counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | undefined;

  constructor(opts: MemoryLimitStoreOptions = {}) {
    this.now = opts.now ?? Date.now;
    const sweepMs = opts.sweepIntervalMs ?? 60_000;
    if (sweepMs > 0) {
      this.timer = setInterval(() => this.sweep(), sweepMs);
      // The sweep is housekeeping only; it must not keep the process alive.
      this.timer.unref();
    }
  }

  readonly sync = { admit: (req: AdmitRequest) => this.admitNow(req), adjust: (changes: Adjustment[]) => this.adjustNow(changes) };

  async admit(req: AdmitRequest): Promise<AdmitResult> {
    return this.admitNow(req);
  }

  async adjust(changes: Adjustment[]): Promise<void> {
    this.adjustNow(changes);
  }

  private admitNow(req: AdmitRequest): AdmitResult {
    const now = this.now();
    const { buckets, counters } = req;

    // Check every rule before touching any, so a refusal leaves no trace.
    for (let i = 0; i < buckets.length; i++) {
      const rule = buckets[i];
      const state = this.buckets.get(rule.key);
      // Refilling in place during the check is safe: it depends only on elapsed time.
      const tokens = state ? refill(state, now, rule.capacity, rule.windowMs) : rule.capacity;
      // A cost above capacity would never fit; such a request only needs a full bucket.
      const need = rule.cost < rule.capacity ? rule.cost : rule.capacity;
      if (!(rule.capacity > 0) || tokens + EPSILON < need) {
        return { ok: false, kind: 'bucket', index: i, retryAfterMs: retryAfter(need - tokens, rule.capacity, rule.windowMs) };
      }
    }
    for (let i = 0; i < counters.length; i++) {
      const rule = counters[i];
      const state = this.liveCounter(rule.key, now);
      const value = state ? state.value : rule.seed;
      if (value >= rule.limit) return { ok: false, kind: 'counter', index: i, retryAfterMs: 0 };
    }

    for (let i = 0; i < buckets.length; i++) {
      const rule = buckets[i];
      const state = this.buckets.get(rule.key);
      if (state) {
        state.tokens -= rule.cost;
      } else {
        this.buckets.set(rule.key, { tokens: rule.capacity - rule.cost, ts: now, capacity: rule.capacity, windowMs: rule.windowMs });
      }
    }
    for (let i = 0; i < counters.length; i++) {
      const rule = counters[i];
      const state = this.counters.get(rule.key);
      if (state) {
        state.value += rule.add;
      } else {
        this.counters.set(rule.key, { value: rule.seed + rule.add, expiresAt: expiry(now, rule.ttlMs) });
      }
    }
    return OK;
  }

  private adjustNow(changes: Adjustment[]): void {
    const now = this.now();
    for (const change of changes) {
      if (change.kind === 'bucket') this.adjustBucket(change, now);
      else this.adjustCounter(change, now);
    }
  }

  async peek(key: string): Promise<number | undefined> {
    return this.liveCounter(key, this.now())?.value;
  }

  /** In this process: always answers. */
  async ping(): Promise<void> {}

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Drops full buckets and expired counters; exposed for tests. */
  sweep(): void {
    const now = this.now();
    for (const [key, b] of this.buckets) {
      if (refill(b, now, b.capacity, b.windowMs) >= b.capacity) this.buckets.delete(key);
    }
    for (const [key, c] of this.counters) {
      if (c.expiresAt <= now) this.counters.delete(key);
    }
  }

  /** Number of live entries (buckets, counters), for tests and diagnostics. */
  size(): { buckets: number; counters: number } {
    return { buckets: this.buckets.size, counters: this.counters.size };
  }

  private adjustBucket(change: Adjustment, now: number): void {
    const state = this.buckets.get(change.key);
    if (state) {
      const capacity = change.capacity ?? state.capacity;
      const windowMs = change.windowMs ?? state.windowMs;
      // A refund can only top the bucket up to full, never beyond.
      state.tokens = Math.min(capacity, refill(state, now, capacity, windowMs) - change.delta);
      return;
    }
    // An absent bucket is full: a refund changes nothing, and an extra charge needs the capacity.
    if (change.delta > 0 && change.capacity !== undefined && change.windowMs !== undefined) {
      this.buckets.set(change.key, {
        tokens: change.capacity - change.delta,
        ts: now,
        capacity: change.capacity,
        windowMs: change.windowMs,
      });
    }
  }

  private adjustCounter(change: Adjustment, now: number): void {
    const state = this.liveCounter(change.key, now);
    if (state) {
      state.value += change.delta;
    } else if (change.seed !== undefined) {
      // Without a seed there is no sound starting point; the durable record will catch up instead.
      this.counters.set(change.key, { value: change.seed + change.delta, expiresAt: expiry(now, change.ttlMs) });
    }
  }

  private liveCounter(key: string, now: number): Counter | undefined {
    const state = this.counters.get(key);
    if (state && state.expiresAt <= now) {
      this.counters.delete(key);
      return undefined;
    }
    return state;
  }
}

/** Brings a bucket up to `now` and returns its tokens; the current rule's capacity wins over a stored one. */
function refill(b: Bucket, now: number, capacity: number, windowMs: number): number {
  const elapsed = now - b.ts;
  if (elapsed > 0 && windowMs > 0) {
    const tokens = b.tokens + (elapsed * capacity) / windowMs;
    b.tokens = tokens < capacity ? tokens : capacity;
    b.ts = now;
  } else if (b.tokens > capacity) {
    b.tokens = capacity;
  }
  b.capacity = capacity;
  b.windowMs = windowMs;
  return b.tokens;
}

function retryAfter(missing: number, capacity: number, windowMs: number): number {
  // A bucket with no capacity never refills; one window is a sane hint for a Retry-After header.
  if (!(capacity > 0)) return windowMs;
  return Math.max(0, Math.ceil((missing * windowMs) / capacity));
}

function expiry(now: number, ttlMs: number | undefined): number {
  return ttlMs !== undefined && ttlMs > 0 ? now + ttlMs : Infinity;
}
