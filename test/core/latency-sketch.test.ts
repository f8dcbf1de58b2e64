import { describe, expect, it } from 'vitest';
import { LatencySketch, SKETCH_ALPHA, SKETCH_MAX_BUCKETS, SKETCH_MAX_MS, SKETCH_MIN_MS } from '../../src/core/latency-sketch.js';
import { percentile } from '../../src/eval/percentile.js';
import { seededRng, type Rng } from '../../src/eval/seeded-rng.js';

const QS = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];
/** The stated precision, with room for float rounding at a bucket boundary. */
const TOL = SKETCH_ALPHA * (1 + 1e-9);

/** Latencies in the sketch's range: log-uniform, clustered, heavy-tailed, integer ms, or repeated values. */
function sample(rng: Rng, n: number): number[] {
  const kind = Math.floor(rng() * 5);
  const logUniform = () => SKETCH_MIN_MS * Math.pow(SKETCH_MAX_MS / SKETCH_MIN_MS, rng());
  return Array.from({ length: n }, () => {
    switch (kind) {
      case 0:
        return logUniform();
      case 1:
        return 800 + rng() * 50;
      case 2:
        return Math.min(SKETCH_MAX_MS, 50 / Math.pow(1 - rng(), 1.5));
      case 3:
        return 1 + Math.floor(rng() * 5000);
      default:
        return [120, 120, 121, 5000][Math.floor(rng() * 4)];
    }
  });
}

function expectWithin(actual: number | null, exact: number | null, what: string): void {
  expect(actual, what).not.toBeNull();
  const err = Math.abs(actual! - exact!);
  expect(err, `${what}: ${actual} vs exact ${exact}`).toBeLessThanOrEqual(TOL * Math.abs(exact!));
}

describe('LatencySketch (mergeable quantiles with ±1% relative precision)', () => {
  it('every quantile is within the stated precision of the exact percentile over random data', () => {
    const rng = seededRng(20);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(rng() * (round < 100 ? 50 : 3000));
      const values = sample(rng, n);
      const s = new LatencySketch();
      for (const v of values) s.add(v);
      expect(s.count).toBe(n);
      expect(s.min).toBe(Math.min(...values));
      expect(s.max).toBe(Math.max(...values));
      const exactSum = values.reduce((a, b) => a + b, 0);
      expect(Math.abs(s.sum - exactSum)).toBeLessThanOrEqual(1e-12 * exactSum);
      for (const q of QS) expectWithin(s.quantile(q), percentile(values, q), `round ${round} n ${n} q ${q}`);
      // The extremes are exact: min and max are kept.
      expect(s.quantile(0)).toBe(s.min);
      expect(s.quantile(1)).toBe(s.max);
    }
  });

  it('merges in any order to the same sketch as adding everything to one, and round-trips through JSON', () => {
    const rng = seededRng(7);
    for (let round = 0; round < 50; round++) {
      const values = sample(rng, 1 + Math.floor(rng() * 2000));
      const whole = new LatencySketch();
      for (const v of values) whole.add(v);
      const parts = Array.from({ length: 1 + Math.floor(rng() * 6) }, () => new LatencySketch());
      for (const v of values) parts[Math.floor(rng() * parts.length)].add(v);
      const order = parts.map((p, i) => [rng(), i] as const).sort((a, b) => a[0] - b[0]);
      // Left fold in a random order, and a right-nested merge ((c ∪ b) ∪ a): same buckets and counts.
      const left = new LatencySketch();
      for (const [, i] of order) left.merge(LatencySketch.fromJSON(JSON.parse(JSON.stringify(parts[i]))));
      const right = parts.reduceRight((acc, p) => p.clone().merge(acc), new LatencySketch());
      for (const merged of [left, right]) {
        const { sum: s1, ...a } = merged.toJSON();
        const { sum: s2, ...b } = whole.toJSON();
        expect(a).toEqual(b);
        expect(Math.abs(s1 - s2)).toBeLessThanOrEqual(1e-12 * s2);
        for (const q of QS) expect(merged.quantile(q)).toBe(whole.quantile(q));
      }
    }
  });

  it('keeps values below 0.1 ms in the zero bucket and clamps values above one hour to the top bucket', () => {
    const s = new LatencySketch();
    s.add(0);
    s.add(0.05);
    s.add(2 * SKETCH_MAX_MS);
    s.add(-1); // ignored
    s.add(Number.NaN); // ignored
    expect(s.count).toBe(3);
    expect(s.quantile(0)).toBe(0);
    expect(s.quantile(0.5)).toBeLessThanOrEqual(SKETCH_MIN_MS);
    expect(s.quantile(1)).toBe(2 * SKETCH_MAX_MS);
    expect(s.toJSON().z).toBe(2);
  });

  it('is bounded: every value in range fits in at most SKETCH_MAX_BUCKETS buckets', () => {
    const s = new LatencySketch();
    for (let v = SKETCH_MIN_MS; v <= SKETCH_MAX_MS; v *= 1.001) s.add(v);
    s.add(0);
    const j = s.toJSON();
    expect(j.b.length + 1).toBeLessThanOrEqual(SKETCH_MAX_BUCKETS);
    expect(SKETCH_MAX_BUCKETS).toBeLessThan(1000);
    expect(JSON.stringify(j).length).toBeLessThan(20_000);
  });

  it('empty sketches answer null and serialise', () => {
    const s = new LatencySketch();
    expect(s.quantile(0.95)).toBeNull();
    expect(s.min).toBeNull();
    expect(LatencySketch.fromJSON(s.toJSON()).count).toBe(0);
    expect(() => s.quantile(1.5)).toThrow(RangeError);
  });

  it('rejects malformed JSON', () => {
    const good = new LatencySketch();
    good.add(12);
    const j = good.toJSON();
    for (const bad of [
      null,
      { ...j, v: 2 },
      { ...j, n: 2 },
      { ...j, b: [[100_000, 1]] },
      { ...j, b: [...j.b, ...j.b], n: 2 },
      { ...j, min: null },
      { ...j, b: [[j.b[0][0], -1]] },
      { ...j, b: Array.from({ length: SKETCH_MAX_BUCKETS + 1 }, (_, i) => [i, 1]) },
    ])
      expect(() => LatencySketch.fromJSON(bad), JSON.stringify(bad).slice(0, 80)).toThrow(RangeError);
  });
});
