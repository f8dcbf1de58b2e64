/** One ranking to fuse: ids best first, and how much it counts. */
export interface Ranking {
  name: string;
  ids: readonly string[];
  weight: number;
}

/** An id with its fused score (0..1) and its 1-based rank in each ranking that holds it. */
export interface FusedItem {
  id: string;
  score: number;
  ranks: Record<string, number>;
}

/**
 * Reciprocal-rank fusion: each id scores `Σ w_m / (k + rank_m)` over the rankings holding it,
 * divided by `Σ w_m / (k + 1)` (what an id first in every ranking would get), so 1 means first
 * everywhere. Rankings weighing 0 count for nothing (their ranks are still reported). An id given
 * twice in one ranking keeps its first rank. Ties go to the better best rank, then to the id.
 * Pure: no I/O, same input same output.
 */
export function fuseRankings(rankings: readonly Ranking[], k: number): FusedItem[] {
  if (!Number.isFinite(k) || k < 0) throw new RangeError('fuseRankings: k must be a finite number >= 0');
  let best = 0;
  for (const r of rankings) if (r.weight > 0) best += r.weight / (k + 1);
  const items = new Map<string, FusedItem & { sum: number; top: number }>();
  for (const r of rankings) {
    r.ids.forEach((id, i) => {
      let item = items.get(id);
      if (!item) items.set(id, (item = { id, score: 0, ranks: {}, sum: 0, top: Infinity }));
      if (item.ranks[r.name] !== undefined) return;
      const rank = i + 1;
      item.ranks[r.name] = rank;
      item.top = Math.min(item.top, rank);
      if (r.weight > 0) item.sum += r.weight / (k + rank);
    });
  }
  const out = [...items.values()];
  for (const item of out) item.score = best > 0 ? item.sum / best : 0;
  out.sort((a, b) => b.score - a.score || a.top - b.top || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out.map(({ id, score, ranks }) => ({ id, score, ranks }));
}
