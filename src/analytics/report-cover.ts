import type { RollupGrain } from './analytics-store.js';
import type { TimeBuckets } from './time-buckets.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A stretch of time read from one rollup grain: whole days of the instance zone, whole UTC hours, or UTC minutes. */
export interface CoverPiece {
  from: number;
  to: number;
  grain: RollupGrain;
}

/**
 * `[from, to)` (whole minutes) as the fewest rollup reads that answer it exactly: the instance zone's
 * whole days inside it (when `days` is given), whole UTC hours around them, and minutes at the edges.
 * A zone whose offset is not a whole hour (Asia/Kolkata) cuts hours, so its edges are read as minutes.
 */
export function coverRange(from: number, to: number, days?: TimeBuckets): CoverPiece[] {
  if (from >= to) return [];
  if (days) {
    const d1 = days.start(from, 'day') === from ? from : days.next(from, 'day');
    const d2 = days.start(to, 'day');
    if (d1 < d2) return [...hoursAndMinutes(from, d1), { from: d1, to: d2, grain: 'day' }, ...hoursAndMinutes(d2, to)];
  }
  return hoursAndMinutes(from, to);
}

function hoursAndMinutes(from: number, to: number): CoverPiece[] {
  if (from >= to) return [];
  const h1 = Math.ceil(from / HOUR) * HOUR;
  const h2 = Math.floor(to / HOUR) * HOUR;
  if (h1 >= h2) return [{ from, to, grain: 'minute' }];
  const out: CoverPiece[] = [];
  if (from < h1) out.push({ from, to: h1, grain: 'minute' });
  out.push({ from: h1, to: h2, grain: 'hour' });
  if (h2 < to) out.push({ from: h2, to, grain: 'minute' });
  return out;
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
