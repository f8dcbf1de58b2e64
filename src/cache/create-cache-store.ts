import type { CacheStore } from './cache-store.js';
import { MemoryCacheStore } from './memory-cache-store.js';
import type { RedisCacheStoreOptions } from './redis-cache-store.js';

export interface CreateCacheStoreOptions {
  /** When set, the cache lives in Redis (shared by replicas); otherwise in this process. */
  redisUrl?: string;
  /** Memory store only. */
  maxEntries?: number;
  /** Memory store only. */
  maxBytes?: number;
  /** Redis store only: swallowed backend failures are reported here. */
  onError?: RedisCacheStoreOptions['onError'];
  /** Redis store only: key prefix (default `bm:cache:`). */
  prefix?: string;
}

/** Picks the store from configuration: Redis (loaded only then) when a URL is given, memory otherwise. */
export async function createCacheStore(opts: CreateCacheStoreOptions = {}): Promise<CacheStore> {
  if (!opts.redisUrl) return new MemoryCacheStore({ maxEntries: opts.maxEntries, maxBytes: opts.maxBytes });
  const { RedisCacheStore } = await import('./redis-cache-store.js');
  return new RedisCacheStore({ url: opts.redisUrl, prefix: opts.prefix, onError: opts.onError });
}
