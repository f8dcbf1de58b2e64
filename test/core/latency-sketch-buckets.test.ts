import { describe, expect, it } from 'vitest';
import { LatencySketch, SKETCH_MAX_INDEX, SKETCH_ZERO_INDEX, sketchIndexOf } from '../../src/core/latency-sketch.js';
import { percentileSorted } from '../../src/eval/percentile.js';
import { seededRandom } from '../helpers/pii-corpus.js';

// Stored rollups keep latency sketches as bucket counts (sketchIndexOf per value, counts added up);
// fromBuckets reads them back with the sketch's precision.

describe('latency sketch buckets', () => {
  it('numbers values as the sketch does, with a zero bucket and a top one; not-a-sample is null', () => {
    expect(sketchIndexOf(0)).toBe(SKETCH_ZERO_INDEX);
    expect(sketchIndexOf(0.05)).toBe(SKETCH_ZERO_INDEX);
    expect(sketchIndexOf(1e12)).toBe(SKETCH_MAX_INDEX);
    expect(sketchIndexOf(-1)).toBeNull();
    expect(sketchIndexOf(Number.NaN)).toBeNull();
    expect(sketchIndexOf(100)! < sketchIndexOf(102)!).toBe(true);
  });

  it('reads counts back into a sketch whose quantiles stay within 1 % of the exact ones', () => {
    const rnd = seededRandom(5);
    const values = Array.from({ length: 5000 }, () => (rnd() < 0.02 ? 0 : Math.round(5 + rnd() * rnd() * 60_000)));
    const counts = new Map<number, number>();
    for (const v of values) counts.set(sketchIndexOf(v)!, (counts.get(sketchIndexOf(v)!) ?? 0) + 1);
    // Rows as stored: an index may come twice (two rows of the same bucket), counts add up.
    const rows: Array<[number, number]> = [];
    for (const [i, n] of counts) rows.push([i, Math.floor(n / 2)], [i, n - Math.floor(n / 2)]);
    const s = LatencySketch.fromBuckets(rows);
    expect(s.count).toBe(values.length);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.01, 0.5, 0.9, 0.95, 0.99, 1]) {
      const exact = percentileSorted(sorted, q)!;
      expect(Math.abs(s.quantile(q)! - exact)).toBeLessThanOrEqual(0.01 * exact + 0.1);
    }
    expect(LatencySketch.fromBuckets([]).count).toBe(0);
    expect(LatencySketch.fromBuckets([[3, 2]], { sum: 40, min: 19, max: 21 })).toMatchObject({ count: 2, sum: 40, min: 19, max: 21 });
    expect(() => LatencySketch.fromBuckets([[SKETCH_MAX_INDEX + 1, 1]])).toThrow(RangeError);
  });
});
