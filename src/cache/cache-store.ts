/**
 * Where the exact-match response cache keeps its entries. One interface, two stores: in-memory
 * (one process, the embedded default) and Redis (shared by every replica).
 *
 * Values are opaque strings (see cached-answer.ts for the encoding). A cache is an optimisation,
 * never a dependency: implementations must not throw from `get`/`set`/`delete` because of a broken
 * backend — a failure reads as a miss and a write is dropped.
 */
export interface CacheStore {
  readonly kind: 'memory' | 'redis';
  /** The stored value, or undefined on a miss (absent, expired, or backend unavailable). */
  get(key: string): Promise<string | undefined>;
  /**
   * Stores `value` for `ttlMs` milliseconds. A ttl that is not > 0 (or NaN) stores nothing and
   * drops any previous value; `Infinity` stores without expiry.
   */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Releases resources (timers, connections the store opened itself). */
  close(): Promise<void>;
}
