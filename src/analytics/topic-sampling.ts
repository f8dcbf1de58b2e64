import { createHash } from 'node:crypto';

/**
 * The cache key of a classification: hex SHA-256 of the taxonomy hash and the normalised request text
 * (see `normalizeTopicText`). The same prompt under the same taxonomy is classified once; editing the
 * taxonomy gives every prompt a new key.
 */
export function promptHash(normalizedText: string, taxonomyHash: string): string {
  return createHash('sha256').update(`baimo-topic\n${taxonomyHash}\n${normalizedText}`).digest('hex');
}

/** The sampling position of a text in [0, 1): from a hash of the text alone, so it does not move when the taxonomy changes. */
export function samplePosition(normalizedText: string): number {
  const hex = createHash('sha256').update(`baimo-topic-sample\n${normalizedText}`).digest('hex');
  // 52 bits: exact in a double.
  return parseInt(hex.slice(0, 13), 16) / 2 ** 52;
}

/**
 * Whether a text is in the sample at `rate` (0..1): deterministic, so the same prompt is always in or
 * always out, and monotone, so a prompt sampled at one rate is sampled at every higher rate.
 */
export function inTopicSample(normalizedText: string, rate: number): boolean {
  if (!(rate > 0)) return false;
  if (rate >= 1) return true;
  return samplePosition(normalizedText) < rate;
}

/** How a cached request was classified. */
export interface TopicCacheEntry {
  label: string;
  /** Cosine similarity of the nearest label (0 for a zero-shot answer). */
  score: number;
  via: 'embedding' | 'zero_shot';
}

/** A classification cache keyed by {@link promptHash}; the store-backed one implements the same. */
export interface TopicCache {
  get(hash: string): Promise<TopicCacheEntry | undefined>;
  set(hash: string, entry: TopicCacheEntry): Promise<void>;
}

/** An in-memory LRU of classifications for the hot path, bounded by entry count (default 10 000). */
export class MemoryTopicCache implements TopicCache {
  private readonly entries = new Map<string, TopicCacheEntry>();
  private readonly maxEntries: number;

  constructor(maxEntries = 10_000) {
    this.maxEntries = Math.max(1, Math.min(Math.floor(maxEntries), 1_000_000));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Synchronous read, moving the entry to most recently used. */
  peek(hash: string): TopicCacheEntry | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    this.entries.delete(hash);
    this.entries.set(hash, entry);
    return entry;
  }

  async get(hash: string): Promise<TopicCacheEntry | undefined> {
    return this.peek(hash);
  }

  async set(hash: string, entry: TopicCacheEntry): Promise<void> {
    this.entries.delete(hash);
    this.entries.set(hash, { ...entry });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** The memory LRU in front of a slower (store-backed) cache: hits there are kept in memory too. */
export function layeredTopicCache(memory: MemoryTopicCache, backing: TopicCache): TopicCache {
  return {
    async get(hash) {
      const hit = memory.peek(hash);
      if (hit) return hit;
      const stored = await backing.get(hash);
      if (stored) await memory.set(hash, stored);
      return stored;
    },
    async set(hash, entry) {
      await memory.set(hash, entry);
      await backing.set(hash, entry);
    },
  };
}
