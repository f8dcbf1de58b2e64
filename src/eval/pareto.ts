/** A point of the quality-vs-cost scatter: higher quality is better, lower cost is better. */
export interface ParetoPoint {
  /** Accuracy or judge score. */
  quality: number;
  /** Cost (per 1,000 items, say); the unit is the caller's, the same for every point. */
  cost: number;
}

/**
 * Which points lie on the Pareto front of maximising quality while minimising cost: a point is on it
 * when no other point is at least as good on both and strictly better on one. Ties: points with the
 * same quality and cost do not dominate each other (all are on the front or none is); of points at
 * the same cost only the best quality can be on the front, of points with the same quality only the
 * cheapest. A point with a non-finite quality or cost (a model without a price) is never on the front
 * and dominates nothing. O(n log n).
 */
export function paretoFlags(points: readonly ParetoPoint[]): boolean[] {
  const flags = points.map(() => false);
  const order = points
    .map((_, i) => i)
    .filter((i) => Number.isFinite(points[i].quality) && Number.isFinite(points[i].cost))
    // Cheapest first; at the same cost the best first.
    .sort((a, b) => points[a].cost - points[b].cost || points[b].quality - points[a].quality);
  let best = -Infinity; // the best quality at a strictly lower cost
  let k = 0;
  while (k < order.length) {
    const cost = points[order[k]].cost;
    const top = points[order[k]].quality;
    for (; k < order.length && points[order[k]].cost === cost; k++) {
      const i = order[k];
      flags[i] = points[i].quality === top && top > best;
    }
    best = Math.max(best, top);
  }
  return flags;
}

/** The points on the Pareto front (see {@link paretoFlags}), cheapest first. */
export function paretoFront<T extends ParetoPoint>(points: readonly T[]): T[] {
  const flags = paretoFlags(points);
  return points.filter((_, i) => flags[i]).sort((a, b) => a.cost - b.cost || b.quality - a.quality);
}
