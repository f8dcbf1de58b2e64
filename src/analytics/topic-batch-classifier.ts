import type { ChatMessage } from '../core/chat-types.js';
import { OTHER_LABEL_ID, taxonomyHash, type Taxonomy } from './taxonomy.js';
import {
  buildLabelVectors,
  classifyVector,
  embedRequests,
  type LabelVectors,
  type TopicEmbedder,
  type TopicThresholds,
} from './topic-classifier.js';
import { inTopicSample, MemoryTopicCache, promptHash, type TopicCache } from './topic-sampling.js';
import { normalizeTopicText } from './topic-text.js';
import { parseZeroShotReply, zeroShotMessages } from './topic-zero-shot.js';

/** A cheap chat model for the optional zero-shot pass: messages in, the reply's text out. */
export interface ZeroShotModel {
  complete(messages: ChatMessage[]): Promise<string>;
}

export interface TopicBatchClassifierOptions {
  taxonomy: Taxonomy;
  embedder: TopicEmbedder;
  /** Classifications by prompt hash (default: an in-memory LRU of 10 000). */
  cache?: TopicCache;
  /** Share of distinct prompts classified, 0..1 (default 1). */
  sampleRate?: number;
  thresholds?: TopicThresholds;
  /** Asked about requests the embeddings leave undecided (`other` by threshold or margin); its failures keep `other`. */
  zeroShot?: ZeroShotModel;
  /** Label vectors built before (e.g. loaded from a store); ignored unless built for this taxonomy. */
  labelVectors?: LabelVectors;
}

export type TopicResult =
  | { status: 'classified'; label: string; score: number; via: 'cache' | 'embedding' | 'zero_shot'; hash: string }
  | { status: 'not_sampled' | 'empty' };

/**
 * Classifies batches of request texts: normalised, sampled by prompt, looked up in the cache by prompt
 * hash, and the rest (each distinct prompt once) embedded in one call and matched against the label
 * vectors, with an optional zero-shot pass for undecided ones. Results come back in input order.
 */
export class TopicBatchClassifier {
  readonly taxonomyHash: string;
  private readonly cache: TopicCache;
  private labels: Promise<LabelVectors> | undefined;

  constructor(private readonly options: TopicBatchClassifierOptions) {
    this.taxonomyHash = taxonomyHash(options.taxonomy);
    this.cache = options.cache ?? new MemoryTopicCache();
    if (options.labelVectors?.taxonomyHash === this.taxonomyHash) this.labels = Promise.resolve(options.labelVectors);
  }

  /** The label vectors, built on first use with one embedding call (a failed build is retried next time). */
  labelVectors(): Promise<LabelVectors> {
    if (!this.labels) {
      this.labels = buildLabelVectors(this.options.taxonomy, this.options.embedder);
      this.labels.catch(() => (this.labels = undefined));
    }
    return this.labels;
  }

  async classify(texts: string[]): Promise<TopicResult[]> {
    const rate = this.options.sampleRate ?? 1;
    const results: TopicResult[] = new Array(texts.length);
    /** Distinct prompts to embed: hash → normalised text and the input positions waiting for it. */
    const pending = new Map<string, { text: string; at: number[] }>();
    for (let i = 0; i < texts.length; i++) {
      const text = normalizeTopicText(texts[i] ?? '');
      if (!text) results[i] = { status: 'empty' };
      else if (!inTopicSample(text, rate)) results[i] = { status: 'not_sampled' };
      else {
        const hash = promptHash(text, this.taxonomyHash);
        const waiting = pending.get(hash);
        if (waiting) {
          waiting.at.push(i);
          continue;
        }
        const hit = await this.cache.get(hash);
        if (hit) results[i] = { status: 'classified', label: hit.label, score: hit.score, via: 'cache', hash };
        else pending.set(hash, { text, at: [i] });
      }
    }
    if (pending.size > 0) await this.classifyPending(pending, results);
    return results;
  }

  private async classifyPending(pending: Map<string, { text: string; at: number[] }>, results: TopicResult[]): Promise<void> {
    const labels = await this.labelVectors();
    const entries = [...pending];
    const vectors = await embedRequests(
      this.options.embedder,
      entries.map(([, p]) => p.text),
      labels,
    );
    for (let k = 0; k < entries.length; k++) {
      const [hash, { text, at }] = entries[k]!;
      const match = classifyVector(labels, vectors[k]!, this.options.thresholds);
      let label = match.label;
      let via: 'embedding' | 'zero_shot' = 'embedding';
      let score = match.score;
      if (label === OTHER_LABEL_ID && match.decidedBy !== 'empty' && this.options.zeroShot) {
        const picked = await this.askZeroShot(text);
        if (picked && picked !== OTHER_LABEL_ID) {
          label = picked;
          via = 'zero_shot';
          score = 0;
        }
      }
      await this.cache.set(hash, { label, score, via });
      for (const i of at) results[i] = { status: 'classified', label, score, via, hash };
    }
  }

  private async askZeroShot(text: string): Promise<string | undefined> {
    try {
      const reply = await this.options.zeroShot!.complete(zeroShotMessages(this.options.taxonomy, text));
      return parseZeroShotReply(reply, this.options.taxonomy);
    } catch {
      return undefined;
    }
  }
}
