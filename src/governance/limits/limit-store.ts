/**
 * Where rate limits, quotas and budgets are counted. One interface, two stores: in-memory (one
 * process, the embedded default) and Redis (shared by every replica; each call is one atomic script).
 *
 * Two kinds of state:
 * - **Buckets** (RPM, TPM): token buckets holding up to `capacity`, refilled at `capacity` per
 *   `windowMs`. Admission takes `cost` tokens. A cost larger than the capacity is admitted only
 *   when the bucket is full and drives it negative (debt), so one huge request is not locked out
 *   forever but still pays for its size.
 * - **Counters** (token quota, money budget per day / month / total): a running total with a
 *   `limit`. Admission fails when the total is already at or above the limit; otherwise `add` is
 *   added (a reservation, settled later by `adjust`). A counter that does not exist yet starts at
 *   `seed` (the durable figure from the database) and expires `ttlMs` after creation (omit for none).
 *
 * `admit` is all-or-nothing: every rule is checked first, and only if all pass are all applied.
 */
export interface BucketRule {
  key: string;
  capacity: number;
  windowMs: number;
  cost: number;
}

export interface CounterRule {
  key: string;
  limit: number;
  add: number;
  seed: number;
  ttlMs?: number;
}

export interface AdmitRequest {
  buckets: BucketRule[];
  counters: CounterRule[];
}

export type AdmitResult =
  | { ok: true }
  /** `index` points into `buckets` or `counters`; `retryAfterMs` is when a bucket will have room (counters: 0, the caller knows the period end). */
  | { ok: false; kind: 'bucket' | 'counter'; index: number; retryAfterMs: number };

/** A settlement: the actual use minus what admission reserved (may be negative). */
export interface Adjustment {
  kind: 'bucket' | 'counter';
  key: string;
  delta: number;
  /** Buckets: needed to refill correctly before applying the delta. */
  capacity?: number;
  windowMs?: number;
  /** Counters: used only when the counter has expired meanwhile (it is then re-created from `seed + delta`). */
  seed?: number;
  ttlMs?: number;
}

export interface LimitStore {
  readonly kind: 'memory' | 'redis';
  admit(req: AdmitRequest): Promise<AdmitResult>;
  adjust(changes: Adjustment[]): Promise<void>;
  /** Current counter value (seeded if absent), for usage displays and tests. */
  peek(key: string): Promise<number | undefined>;
  /** Resolves when the store answers (readiness: `/readyz`); rejects with why it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * `admit` and `adjust` without a promise, for stores that need no I/O (in memory): the enforcer
   * then admits and settles in the request's own turn of the event loop. Same semantics.
   */
  readonly sync?: {
    admit(req: AdmitRequest): AdmitResult;
    adjust(changes: Adjustment[]): void;
  };
}
