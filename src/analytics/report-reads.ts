import type { AnalyticsReader, AnalyticsScope, RollupDimension, RollupGroupRow } from './analytics-store.js';
import { joinPieces, type CoverPiece } from './report-cover.js';
import { spanIndex } from './span-index.js';

/**
 * The rollup rows of `scope` over `pieces` (disjoint stretches, each read from its grain), grouped by
 * `groupBy` when given. Minute pieces are read one joined run at a time (they are short edges); hours
 * and days in one read per grain over their whole span, keeping only the rows inside a piece of that
 * grain (a stretch read from minutes or days is not counted again from hours).
 */
export async function readPieces(
  reader: AnalyticsReader,
  scope: AnalyticsScope,
  pieces: readonly CoverPiece[],
  groupBy?: RollupDimension,
): Promise<RollupGroupRow[]> {
  const runs = joinPieces(pieces);
  const reads: Array<Promise<RollupGroupRow[]>> = [];
  for (const p of runs.filter((r) => r.grain === 'minute'))
    reads.push(reader.sums({ ...scope, from: p.from, to: p.to }, { groupBy, grain: 'minute' }));
  for (const grain of ['hour', 'day'] as const) {
    const mine = runs.filter((r) => r.grain === grain);
    if (mine.length === 0) continue;
    const span = { ...scope, from: mine[0].from, to: mine[mine.length - 1].to };
    const rows = reader.sums(span, { groupBy, grain });
    reads.push(mine.length === 1 ? rows : rows.then((list) => list.filter((r) => spanIndex(mine, r.t) >= 0)));
  }
  return (await Promise.all(reads)).flat();
}

/** Runs `fn` over `items` with at most `limit` at a time, results in order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
