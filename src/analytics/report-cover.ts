import { coverSpan, type CoverPiece } from '../core/cover-span.js';
import type { TimeBuckets } from './time-buckets.js';

export type { CoverPiece } from '../core/cover-span.js';

/**
 * `[from, to)` (whole minutes) as the fewest rollup reads that answer it exactly: the instance zone's
 * whole days inside it (when `days` is given), whole UTC hours around them, and minutes at the edges
 * (see src/core/cover-span.ts, which the store's readers cut their ranges with too).
 */
export function coverRange(from: number, to: number, days?: TimeBuckets): CoverPiece[] {
  return coverSpan(from, to, days && { start: (ts) => days.start(ts, 'day'), end: (ts) => days.next(ts, 'day') });
}

/** Adjacent pieces of the same grain joined (fewer reads). */
export function joinPieces(pieces: readonly CoverPiece[]): CoverPiece[] {
  const out: CoverPiece[] = [];
  for (const p of [...pieces].sort((a, b) => a.from - b.from)) {
    const last = out[out.length - 1];
    if (last && last.grain === p.grain && last.to === p.from) last.to = p.to;
    else out.push({ ...p });
  }
  return out;
}
