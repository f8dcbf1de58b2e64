/**
 * Index of the span of `spans` (sorted by `from`, disjoint, each `[from, to)`) that holds `t`; −1 when
 * none does (before the first, after the last, or in a gap).
 */
export function spanIndex(spans: ReadonlyArray<{ from: number; to: number }>, t: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid].from <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && t < spans[lo - 1].to ? lo - 1 : -1;
}
