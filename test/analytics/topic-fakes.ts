import type { TopicEmbedder } from '../../src/analytics/topic-classifier.js';

/** A small seeded PRNG (mulberry32), so synthetic vectors are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample (Box–Muller). */
export function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export function unitVector(rand: () => number, dims: number): number[] {
  const v = Array.from({ length: dims }, () => gaussian(rand));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** `base` plus noise of length `noise` in a random direction. */
export function near(base: number[], noise: number, rand: () => number): number[] {
  const d = unitVector(rand, base.length);
  return base.map((x, i) => x + noise * d[i]!);
}

/**
 * A fake embedding model: a fixed table of text → vector (what a fake embedding upstream would answer),
 * counting its calls and the texts it was asked about. An unknown text is an error, so a test notices
 * a text it did not place.
 */
export class TableEmbedder implements TopicEmbedder {
  readonly table = new Map<string, number[]>();
  calls = 0;
  embedded: string[] = [];

  async embed(texts: string[]): Promise<number[][]> {
    this.calls++;
    this.embedded.push(...texts);
    return texts.map((t) => {
      const v = this.table.get(t);
      if (!v) throw new Error(`no vector for ${JSON.stringify(t)}`);
      return v;
    });
  }
}
