/**
 * The `p`-quantile (0 ≤ p ≤ 1) of samples already sorted ascending, by linear interpolation between
 * the two closest ranks (numpy's default, Hyndman–Fan type 7): `p = 0.5` of `[1, 2, 3, 4]` is 2.5,
 * `p = 0.95` of 1…100 is 95.05. Null for no samples.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile: p must be between 0 and 1, got ${p}`);
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * The `p`-quantile (0 ≤ p ≤ 1) of unsorted samples (see {@link percentileSorted}); non-finite samples
 * (NaN, ±Infinity) are ignored. Null when no finite sample is left.
 */
export function percentile(samples: readonly number[], p: number): number | null {
  const finite = Float64Array.from(samples.filter((x) => Number.isFinite(x))).sort();
  return percentileSorted(finite, p);
}
