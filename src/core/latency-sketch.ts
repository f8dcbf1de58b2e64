import { z } from 'zod';
import {
  GAMMA,
  indexOf,
  SKETCH_MAX_BUCKETS,
  SKETCH_MAX_INDEX,
  SKETCH_MIN_INDEX,
  SKETCH_MIN_MS,
  SKETCH_ZERO_INDEX,
} from './sketch-index.js';

/**
 * A mergeable quantile sketch for latencies and times to first token (DDSketch-style logarithmic
 * buckets, Masson et al. 2019).
 *
 * Precision: for every value in [{@link SKETCH_MIN_MS}, {@link SKETCH_MAX_MS}] (0.1 ms … 1 h),
 * `quantile(q)` is within ±{@link SKETCH_ALPHA} (1 %) relative of the exact `q`-quantile as
 * src/eval/percentile.ts defines it (linear interpolation between the two closest ranks, numpy's
 * default): each of the two ranks is estimated within ±1 % and the interpolation of two such estimates
 * stays within ±1 % of the interpolated value. Values below 0.1 ms land in a zero bucket (reported as
 * 0, i.e. within 0.1 ms absolute); values above 1 h land in the top bucket (reported as at most the
 * largest value seen). `count`, `sum`, `min` and `max` are exact (`sum` is a float: merge order may
 * change its last bits).
 *
 * The bucket mapping is fixed (bucket `i` holds (γ^(i−1), γ^i] ms, γ = (1 + α)/(1 − α)), so sketches
 * from different rollup rows, processes and database dialects merge by adding counts: merging is
 * associative and commutative. There are at most {@link SKETCH_MAX_BUCKETS} buckets (about 870 plus
 * the zero bucket), so a serialised sketch is bounded.
 */
export {
  SKETCH_ALPHA,
  SKETCH_MAX_BUCKETS,
  SKETCH_MAX_INDEX,
  SKETCH_MAX_MS,
  SKETCH_MIN_INDEX,
  SKETCH_MIN_MS,
  SKETCH_ZERO_INDEX,
  sketchIndexOf,
} from './sketch-index.js';

/** Serialisation format version. */
const VERSION = 1;

/** The value a bucket reports: the point with equal relative distance to both ends of (γ^(i−1), γ^i]. */
const bucketValue = (i: number): number => (2 * Math.pow(GAMMA, i)) / (GAMMA + 1);

/**
 * The JSON form of a sketch: `b` holds the non-empty buckets as `[index, count]` pairs, ascending by
 * index; `z` is the zero bucket's count. Empty sketches have `n: 0`, `min`/`max` null.
 */
export interface LatencySketchJson {
  v: 1;
  n: number;
  sum: number;
  min: number | null;
  max: number | null;
  z: number;
  b: [number, number][];
}

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const sketchJsonSchema = z.object({
  v: z.literal(VERSION),
  n: count,
  sum: z.number().min(0),
  min: z.number().min(0).nullable(),
  max: z.number().min(0).nullable(),
  z: count,
  b: z.array(z.tuple([z.number().int().min(SKETCH_MIN_INDEX).max(SKETCH_MAX_INDEX), count.min(1)])).max(SKETCH_MAX_BUCKETS),
});

/** A mergeable latency sketch (see the module comment for its precision and bounds). */
export class LatencySketch {
  private readonly buckets = new Map<number, number>();
  private zero = 0;
  private n = 0;
  private total = 0;
  private lo = Infinity;
  private hi = -Infinity;

  /**
   * Adds one value (ms) `times` times. Non-finite and negative values are ignored (false returned):
   * a missing latency is not a sample.
   */
  add(valueMs: number, times = 1): boolean {
    if (!Number.isFinite(valueMs) || valueMs < 0 || !Number.isSafeInteger(times) || times <= 0) return false;
    if (valueMs < SKETCH_MIN_MS) this.zero += times;
    else {
      const i = Math.min(indexOf(valueMs), SKETCH_MAX_INDEX);
      this.buckets.set(i, (this.buckets.get(i) ?? 0) + times);
    }
    this.n += times;
    this.total += valueMs * times;
    if (valueMs < this.lo) this.lo = valueMs;
    if (valueMs > this.hi) this.hi = valueMs;
    return true;
  }

  /** Adds every count of `other` into this sketch (returns this). `other` is unchanged. */
  merge(other: LatencySketch): this {
    for (const [i, c] of other.buckets) this.buckets.set(i, (this.buckets.get(i) ?? 0) + c);
    this.zero += other.zero;
    this.n += other.n;
    this.total += other.total;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
    return this;
  }

  /** A copy that shares nothing with this sketch. */
  clone(): LatencySketch {
    return new LatencySketch().merge(this);
  }

  /** Number of values added. */
  get count(): number {
    return this.n;
  }

  /** Sum of the values added (ms), exact up to float rounding. */
  get sum(): number {
    return this.total;
  }

  /** Smallest value added (exact), null when empty. */
  get min(): number | null {
    return this.n === 0 ? null : this.lo;
  }

  /** Largest value added (exact), null when empty. */
  get max(): number | null {
    return this.n === 0 ? null : this.hi;
  }

  /** Mean of the values (ms), null when empty. */
  get mean(): number | null {
    return this.n === 0 ? null : this.total / this.n;
  }

  /**
   * The `q`-quantile (0 ≤ q ≤ 1) with the interpolation of src/eval/percentile.ts, within ±α relative
   * (see the module comment); null when empty.
   */
  quantile(q: number): number | null {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be between 0 and 1, got ${q}`);
    if (this.n === 0) return null;
    const h = (this.n - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, this.n - 1);
    const [a, b] = this.ranks(lo, hi);
    return a + (h - lo) * (b - a);
  }

  /**
   * Estimates of the order statistics of (0-based) ranks `r1 ≤ r2`, clamped to [min, max] (which only
   * brings them closer); the first and the last rank are min and max, exact.
   */
  private ranks(r1: number, r2: number): [number, number] {
    const exact = (r: number): number | undefined => (r === 0 ? this.lo : r === this.n - 1 ? this.hi : undefined);
    const e1 = exact(r1);
    const e2 = exact(r2);
    if (e1 !== undefined && e2 !== undefined) return [e1, e2];
    const [a, b] = this.estimate(r1, r2);
    return [e1 ?? a, e2 ?? b];
  }

  private estimate(r1: number, r2: number): [number, number] {
    const clamp = (v: number): number => Math.min(Math.max(v, this.lo), this.hi);
    const out: number[] = [];
    const wanted = [r1, r2];
    let seen = this.zero;
    // The zero bucket reports 0 (clamped to min, which is exact when every value is that small).
    while (out.length < 2 && wanted[out.length] < seen) out.push(clamp(0));
    if (out.length < 2) {
      const indices = [...this.buckets.keys()].sort((x, y) => x - y);
      for (const i of indices) {
        seen += this.buckets.get(i)!;
        while (out.length < 2 && wanted[out.length] < seen) out.push(clamp(bucketValue(i)));
        if (out.length === 2) break;
      }
    }
    return [out[0], out[1]];
  }

  /**
   * A sketch from bucket counts (`[index, count]` pairs as {@link sketchIndexOf} numbers them; an index
   * may repeat, counts add up; non-positive counts are skipped). Bucket counts do not keep the exact
   * extremes and sum: unless given, `min` and `max` are the values the lowest and the highest non-empty
   * buckets report (within ±α of the true ones, so quantiles keep the stated precision) and `sum` is
   * the sum of the reported bucket values. Throws a RangeError on an index out of range.
   */
  static fromBuckets(
    buckets: Iterable<readonly [number, number]>,
    exact: { sum?: number; min?: number; max?: number } = {},
  ): LatencySketch {
    const s = new LatencySketch();
    let lowest = Infinity;
    let highest = -Infinity;
    let estimate = 0;
    for (const [i, c] of buckets) {
      if (!Number.isInteger(i) || i < SKETCH_ZERO_INDEX || i > SKETCH_MAX_INDEX) throw new RangeError(`not a sketch bucket: ${i}`);
      if (!(c > 0)) continue;
      if (i === SKETCH_ZERO_INDEX) s.zero += c;
      else {
        s.buckets.set(i, (s.buckets.get(i) ?? 0) + c);
        estimate += bucketValue(i) * c;
      }
      s.n += c;
      if (i < lowest) lowest = i;
      if (i > highest) highest = i;
    }
    if (s.n === 0) return s;
    const valueOf = (i: number): number => (i === SKETCH_ZERO_INDEX ? 0 : bucketValue(i));
    s.lo = exact.min ?? valueOf(lowest);
    s.hi = exact.max ?? valueOf(highest);
    s.total = exact.sum ?? estimate;
    return s;
  }

  /** The compact JSON form (see {@link LatencySketchJson}). */
  toJSON(): LatencySketchJson {
    const b = [...this.buckets.entries()].filter(([, c]) => c > 0).sort((x, y) => x[0] - y[0]);
    return { v: VERSION, n: this.n, sum: this.total, min: this.min, max: this.max, z: this.zero, b };
  }

  /**
   * Reads the JSON form back; throws a RangeError on anything malformed or inconsistent (bucket counts
   * that do not add up to `n`, a bucket out of range, more than {@link SKETCH_MAX_BUCKETS} buckets).
   */
  static fromJSON(json: unknown): LatencySketch {
    const parsed = sketchJsonSchema.safeParse(json);
    if (!parsed.success) throw new RangeError(`not a latency sketch: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const j = parsed.data;
    const s = new LatencySketch();
    let total = j.z;
    for (const [i, c] of j.b) {
      if (s.buckets.has(i)) throw new RangeError(`not a latency sketch: bucket ${i} twice`);
      s.buckets.set(i, c);
      total += c;
    }
    if (total !== j.n) throw new RangeError('not a latency sketch: bucket counts do not add up to n');
    if ((j.n === 0) !== (j.min === null) || (j.n === 0) !== (j.max === null))
      throw new RangeError('not a latency sketch: min/max must be null exactly when empty');
    if (j.min !== null && j.max !== null && j.min > j.max) throw new RangeError('not a latency sketch: min > max');
    s.zero = j.z;
    s.n = j.n;
    s.total = j.sum;
    s.lo = j.min ?? Infinity;
    s.hi = j.max ?? -Infinity;
    return s;
  }
}
