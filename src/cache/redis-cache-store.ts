import { Redis } from 'ioredis';
import type { CacheStore } from './cache-store.js';

export interface RedisCacheStoreOptions {
  /** `redis://…` URL; used only when `client` is not given. */
  url?: string;
  /** An existing client. The caller keeps ownership: `close()` does not quit it. */
  client?: Redis;
  /** Prepended to every key, so the cache can share a Redis with other data (default `bm:cache:`). */
  prefix?: string;
  /** Told about every swallowed failure, for logs and metrics. */
  onError?: (err: unknown, op: 'get' | 'set' | 'delete' | 'connection') => void;
}

/**
 * The response cache in Redis, shared by every replica: plain GET / SET PX / DEL.
 *
 * A broken cache must never fail or stall a request, so every command error is swallowed (a read
 * becomes a miss, a write is dropped) and reported through `onError`. A client this store creates
 * itself is set up to fail fast instead of queueing commands while Redis is down.
 */
export class RedisCacheStore implements CacheStore {
  readonly kind = 'redis' as const;
  private readonly client: Redis;
  private readonly ownsClient: boolean;
  private readonly prefix: string;
  private readonly onError: RedisCacheStoreOptions['onError'];

  constructor(opts: RedisCacheStoreOptions) {
    this.prefix = opts.prefix ?? 'bm:cache:';
    this.onError = opts.onError;
    if (opts.client) {
      this.client = opts.client;
      this.ownsClient = false;
    } else {
      this.client = new Redis(opts.url ?? 'redis://127.0.0.1:6379', {
        // No offline queue: while disconnected a command fails at once (a miss) rather than waiting.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        // A hung Redis must not hold a request longer than an upstream call would take to start.
        commandTimeout: 1_000,
        connectTimeout: 2_000,
      });
      this.ownsClient = true;
      // Without a listener ioredis prints every reconnect failure as an unhandled error event.
      this.client.on('error', (err: unknown) => this.report(err, 'connection'));
    }
  }

  async get(key: string): Promise<string | undefined> {
    try {
      const value = await this.client.get(this.prefix + key);
      return value ?? undefined;
    } catch (err) {
      this.report(err, 'get');
      return undefined;
    }
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    try {
      if (!(ttlMs > 0)) {
        await this.client.del(this.prefix + key);
      } else if (ttlMs === Infinity) {
        await this.client.set(this.prefix + key, value);
      } else {
        // PX takes a positive integer; round up so a sub-millisecond ttl still stores.
        await this.client.set(this.prefix + key, value, 'PX', Math.ceil(ttlMs));
      }
    } catch (err) {
      this.report(err, 'set');
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.del(this.prefix + key);
    } catch (err) {
      this.report(err, 'delete');
    }
  }

  async close(): Promise<void> {
    if (!this.ownsClient) return;
    try {
      await this.client.quit();
    } catch {
      // quit fails when the connection is already gone; make sure no reconnect timer survives.
      this.client.disconnect();
    }
  }

  private report(err: unknown, op: 'get' | 'set' | 'delete' | 'connection'): void {
    try {
      this.onError?.(err, op);
    } catch {
      // A faulty error hook must not turn a swallowed cache error into a failed request.
    }
  }
}
