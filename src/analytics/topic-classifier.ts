import { OTHER_LABEL_ID, taxonomyHash, type Taxonomy } from './taxonomy.js';

/**
 * Turns texts into vectors, one per text in order. Any embedding model plugs in behind it (a model
 * through the gateway, the local engine included), so its calls are routed, logged and costed there.
 */
export interface TopicEmbedder {
  embed(texts: string[]): Promise<number[][]>;
}

/** One unit vector per matchable label (every label but `other`), for one taxonomy version. */
export interface LabelVectors {
  taxonomyHash: string;
  dimensions: number;
  ids: string[];
  vectors: Float64Array[];
}

export interface TopicThresholds {
  /** Least cosine similarity to the best label for it to be chosen (default 0.5). */
  threshold?: number;
  /** Least lead of the best label over the runner-up (default 0.02); closer calls go to `other`. */
  margin?: number;
}

export const DEFAULT_TOPIC_THRESHOLDS = { threshold: 0.5, margin: 0.02 } as const;

export interface TopicScore {
  label: string;
  score: number;
}

export interface TopicMatch {
  /** The chosen label id; `other` when nothing is close enough or the call is too close. */
  label: string;
  /** Cosine similarity of the nearest label (also when `label` is `other`). */
  score: number;
  /** The nearest label, chosen or not. */
  nearest: TopicScore | null;
  /** The second nearest label. */
  runnerUp: TopicScore | null;
  /** Why: `nearest` (chosen), `below_threshold`, `no_margin` (too close to the runner-up) or `empty` (no labels or a zero vector). */
  decidedBy: 'nearest' | 'below_threshold' | 'no_margin' | 'empty';
}

/** Scales a vector to unit length; a zero vector (or one with NaN) comes back as all zeros. */
export function normalizeVector(v: ArrayLike<number>): Float64Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const out = new Float64Array(v.length);
  const norm = Math.sqrt(sum);
  if (!Number.isFinite(norm) || norm === 0) return out;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out;
}

function checkVectors(vectors: unknown, count: number, dimensions?: number): number[][] {
  if (!Array.isArray(vectors) || vectors.length !== count)
    throw new Error(`the embedding model returned ${Array.isArray(vectors) ? vectors.length : 'no'} vectors for ${count} texts`);
  const dims = dimensions ?? (vectors[0] as number[] | undefined)?.length ?? 0;
  for (const v of vectors)
    if (!Array.isArray(v) || v.length !== dims || dims === 0)
      throw new Error(`the embedding model returned vectors of different or zero dimensions (expected ${dims})`);
  return vectors as number[][];
}

/**
 * Label vectors for a taxonomy: all examples of every label but `other` embedded in one batched call,
 * each label's vector the normalised mean of its examples' normalised embeddings.
 */
export async function buildLabelVectors(taxonomy: Taxonomy, embedder: TopicEmbedder): Promise<LabelVectors> {
  const labels = taxonomy.labels.filter((l) => l.id !== OTHER_LABEL_ID && l.examples.length > 0);
  const texts = labels.flatMap((l) => l.examples);
  const hash = taxonomyHash(taxonomy);
  if (texts.length === 0) return { taxonomyHash: hash, dimensions: 0, ids: [], vectors: [] };
  const embedded = checkVectors(await embedder.embed(texts), texts.length);
  const dimensions = embedded[0]!.length;
  let at = 0;
  const vectors = labels.map((l) => {
    const sum = new Float64Array(dimensions);
    for (let k = 0; k < l.examples.length; k++) {
      const unit = normalizeVector(embedded[at++]!);
      for (let i = 0; i < dimensions; i++) sum[i]! += unit[i]!;
    }
    return normalizeVector(sum);
  });
  return { taxonomyHash: hash, dimensions, ids: labels.map((l) => l.id), vectors };
}

/** Embeds request texts in one call, checking the count and that dimensions match the label vectors. */
export async function embedRequests(embedder: TopicEmbedder, texts: string[], labels: LabelVectors): Promise<number[][]> {
  if (texts.length === 0) return [];
  return checkVectors(await embedder.embed(texts), texts.length, labels.dimensions || undefined);
}

/**
 * The best label for a request's embedding by cosine similarity: chosen when its score reaches the
 * threshold and leads the runner-up by the margin, else `other`.
 */
export function classifyVector(labels: LabelVectors, vector: ArrayLike<number>, thresholds: TopicThresholds = {}): TopicMatch {
  const threshold = thresholds.threshold ?? DEFAULT_TOPIC_THRESHOLDS.threshold;
  const margin = thresholds.margin ?? DEFAULT_TOPIC_THRESHOLDS.margin;
  const unit = normalizeVector(vector);
  const empty: TopicMatch = { label: OTHER_LABEL_ID, score: 0, nearest: null, runnerUp: null, decidedBy: 'empty' };
  if (labels.ids.length === 0 || unit.length !== labels.dimensions || unit.every((x) => x === 0)) return empty;
  let best: TopicScore | null = null;
  let second: TopicScore | null = null;
  for (let j = 0; j < labels.ids.length; j++) {
    const lv = labels.vectors[j]!;
    let dot = 0;
    for (let i = 0; i < unit.length; i++) dot += unit[i]! * lv[i]!;
    const s = { label: labels.ids[j]!, score: dot };
    if (!best || dot > best.score) {
      second = best;
      best = s;
    } else if (!second || dot > second.score) second = s;
  }
  const nearest = best!;
  const base = { score: nearest.score, nearest, runnerUp: second };
  if (nearest.score < threshold) return { ...base, label: OTHER_LABEL_ID, decidedBy: 'below_threshold' };
  if (second && nearest.score - second.score < margin) return { ...base, label: OTHER_LABEL_ID, decidedBy: 'no_margin' };
  return { ...base, label: nearest.label, decidedBy: 'nearest' };
}
