import type { LimitStore } from './limit-store.js';
import { MemoryLimitStore } from './memory-limit-store.js';
import { RedisLimitStore, type RedisLimitStoreOptions } from './redis-limit-store.js';

export interface CreateLimitStoreOptions {
  /** When set, limits live in Redis (shared by replicas); otherwise in this process. */
  redisUrl?: string;
  /** Redis store only: key prefix (default `bm:`). */
  prefix?: string;
  /** Redis store only: connection-level errors are reported here. */
  onError?: RedisLimitStoreOptions['onError'];
}

/** Picks the store from configuration: Redis when a URL is given, memory otherwise. */
export function createLimitStore(opts: CreateLimitStoreOptions = {}): LimitStore {
  if (opts.redisUrl) return new RedisLimitStore({ url: opts.redisUrl, prefix: opts.prefix, onError: opts.onError });
  return new MemoryLimitStore();
}
