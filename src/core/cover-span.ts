const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A stretch of time read from one rollup grain: whole days of the instance zone, whole UTC hours, or UTC minutes. */
export interface CoverPiece {
  from: number;
  to: number;
  grain: 'minute' | 'hour' | 'day';
}

/** The days of the instance zone: the local midnight starting, and the one ending, the day that holds `ts`. */
export interface DayEdges {
  start(ts: number): number;
  end(ts: number): number;
}

/**
 * `[from, to)` as the fewest rollup reads that answer it exactly: the instance zone's whole days inside
 * it (when `days` is given), whole UTC hours around them, and UTC minutes at the edges. A zone whose
 * offset is not a whole hour (Asia/Kolkata) cuts hours, so its edges are read as minutes; a range that
 * is not whole minutes keeps its partial minutes in the minute pieces (readers take those from raw rows).
 * In core so that the store's readers and the report's reads cut a range the same way.
 */
export function coverSpan(from: number, to: number, days?: DayEdges): CoverPiece[] {
  if (from >= to) return [];
  if (days) {
    const d1 = days.start(from) === from ? from : days.end(from);
    const d2 = days.start(to);
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
