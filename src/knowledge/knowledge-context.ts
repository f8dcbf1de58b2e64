import type { KnowledgeConfig } from '../config/schema.js';
import type { KeywordIndex } from '../store/keyword-index.js';
import type { KbBaseRow, KnowledgeRepository } from '../store/knowledge-repository.js';
import type { VectorStore } from '../store/vector-store.js';
import type { Embedder, Reranker } from './embedder.js';
import { parseSettings } from './knowledge-records.js';
import { Segmenter } from './segmenter.js';

/** A base's vectors have another length than its model now returns (the model changed behind its alias). */
export class DimensionMismatch extends Error {
  constructor(
    readonly expected: number,
    readonly got: number,
  ) {
    super(`the embedding model returned ${got}-dimensional vectors; this knowledge base holds ${expected}-dimensional ones`);
    this.name = 'DimensionMismatch';
  }
}

/** Segmenters kept: one per base (settings version), least recently used dropped. */
const SEGMENTERS = 64;

/**
 * What ingestion, search and the service share: the stores, the model calls, and per-base caches (the
 * segmenter of each base's dictionary, and whether its vector collection exists).
 */
export class KnowledgeContext {
  private readonly segmenters = new Map<string, { settings: string; segmenter: Segmenter }>();
  private readonly collections = new Map<string, number>();

  constructor(
    readonly repo: KnowledgeRepository,
    readonly vectors: VectorStore,
    readonly keywords: KeywordIndex,
    readonly embedder: Embedder,
    readonly reranker: Reranker | undefined,
    readonly config: KnowledgeConfig,
  ) {}

  /** The base's segmenter (its user words and stopwords), built once per settings version. */
  segmenter(base: Pick<KbBaseRow, 'id' | 'settings'>): Segmenter {
    const cached = this.segmenters.get(base.id);
    if (cached && cached.settings === base.settings) {
      this.segmenters.delete(base.id);
      this.segmenters.set(base.id, cached);
      return cached.segmenter;
    }
    const s = parseSettings(base.settings);
    const segmenter = new Segmenter({ userWords: s.user_words, stopwords: s.stopwords });
    this.segmenters.delete(base.id);
    this.segmenters.set(base.id, { settings: base.settings, segmenter });
    while (this.segmenters.size > SEGMENTERS) this.segmenters.delete(this.segmenters.keys().next().value!);
    return segmenter;
  }

  /**
   * Makes sure the base's vector collection exists for vectors of `dimensions`: the first embedding
   * fixes the base's dimensions. Throws {@link DimensionMismatch} when they are fixed otherwise.
   */
  async ensureVectors(baseId: string, dimensions: number): Promise<void> {
    // Another process may have changed the base's model (and dimensions): a mismatch asks the database.
    if (this.collections.get(baseId) === dimensions) return;
    this.collections.delete(baseId);
    const fixed = await this.repo.fixDimensions(baseId, dimensions, Date.now());
    if (fixed === null) throw new Error(`knowledge base ${baseId} is gone`);
    if (fixed !== dimensions) throw new DimensionMismatch(fixed, dimensions);
    await this.vectors.ensureCollection(baseId, { dimensions, metric: 'cosine' });
    this.collections.set(baseId, dimensions);
  }

  /** Forgets what is cached of a base (deleted, or its model changed). */
  forget(baseId: string): void {
    this.segmenters.delete(baseId);
    this.collections.delete(baseId);
  }
}
