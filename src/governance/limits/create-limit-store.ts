import type { LimitStore } from './limit-store.js';
import { MemoryLimitStore } from './memory-limit-store.js';
import type { RedisLimitStoreOptions } from './redis-limit-store.js';

export interface CreateLimitStoreOptions {
  /** When set, limits live in Redis (shared by replicas); otherwise in this process. */
  redisUrl?: string;
  /** Redis store only: key prefix (default `bm:`). */
  prefix?: string;
  /** Redis store only: connection-level errors are reported here. */
  onError?: RedisLimitStoreOptions['onError'];
}

/**
 * Picks the store from configuration: Redis when a URL is given, memory otherwise. The Redis client
 * is loaded only then (it costs ~20 MB of RSS that a single process does not need).
 */
export async function createLimitStore(opts: CreateLimitStoreOptions = {}): Promise<LimitStore> {
  if (!opts.redisUrl) return new MemoryLimitStore();
  const { RedisLimitStore } = await import('./redis-limit-store.js');
  return new RedisLimitStore({ url: opts.redisUrl, prefix: opts.prefix, onError: opts.onError });
}
