import type { CacheStore } from './cache-store.js';

export interface MemoryCacheStoreOptions {
  /** Most entries kept (default 10 000). */
  maxEntries?: number;
  /** Most bytes kept, keys and values counted as UTF-8 (default 64 MiB). */
  maxBytes?: number;
  /** Clock in ms, injectable so tests can move time without waiting. */
  now?: () => number;
}

interface Entry {
  value: string;
  bytes: number;
  expiresAt: number;
}

/**
 * An LRU cache in one process. A Map keeps insertion order, so re-inserting on every hit makes the
 * first key the least recently used one. Expired entries are dropped lazily (on read, or when they
 * reach the front during eviction) — no timer, so nothing keeps the process alive.
 */
export class MemoryCacheStore implements CacheStore {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  /** One answer may not take more than a tenth of the budget, so it cannot flush the whole cache. */
  private readonly maxValueBytes: number;
  private readonly now: () => number;
  private totalBytes = 0;

  constructor(opts: MemoryCacheStoreOptions = {}) {
    this.maxEntries = Math.max(1, opts.maxEntries ?? 10_000);
    this.maxBytes = Math.max(1, opts.maxBytes ?? 64 * 1024 * 1024);
    this.maxValueBytes = Math.floor(this.maxBytes / 10);
    this.now = opts.now ?? Date.now;
  }

  /** Entries held now (expired ones not yet swept included). */
  get size(): number {
    return this.entries.size;
  }

  /** Bytes held now, as counted against `maxBytes`. */
  get bytes(): number {
    return this.totalBytes;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(key, entry);
      return undefined;
    }
    // Move to the back: most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    if (!(ttlMs > 0)) return;
    const bytes = Buffer.byteLength(key) + Buffer.byteLength(value);
    if (bytes > this.maxValueBytes) return;
    this.entries.set(key, { value, bytes, expiresAt: this.now() + ttlMs });
    this.totalBytes += bytes;
    this.evict();
  }

  async delete(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (entry) this.remove(key, entry);
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.totalBytes = 0;
  }

  /** Drops least recently used entries until both bounds hold. */
  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.totalBytes <= this.maxBytes) return;
      this.remove(key, entry);
    }
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }
}
