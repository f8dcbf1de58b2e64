import type { SeriesGrain, SeriesPoint } from './analytics-report.js';
import type { AnalyticsReader, AnalyticsScope, RollupSums } from './analytics-store.js';
import { coverRange, type CoverPiece } from './report-cover.js';
import { addSums, figuresOfSums, zeroSums } from './report-figures.js';
import { mapLimited, readPieces } from './report-reads.js';
import { seriesPoint } from './series-point.js';
import { spanIndex } from './span-index.js';
import { TimeBuckets } from './time-buckets.js';
import { zonedIso } from './zoned-iso.js';

/** Reads of distinct users and latency per bucket at a time. */
const BUCKET_READS = 8;

/** The buckets of a series: each one's start in the zone, and the part of the period it covers. */
export interface SeriesBucket {
  start: number;
  from: number;
  to: number;
}

/** The `grain` buckets of `[from, to)` in `timeZone`, the first and last cut to the period. */
export function seriesBuckets(from: number, to: number, timeZone: string, grain: SeriesGrain): SeriesBucket[] {
  const zone = TimeBuckets.of(timeZone);
  return zone.range(from, to, grain).map((start) => ({ start, from: Math.max(start, from), to: Math.min(zone.next(start, grain), to) }));
}

/**
 * The series of a report: every bucket of the zone and grain, each summed exactly from the rollups
 * (the instance zone's days inside it, UTC hours, minutes where the zone's buckets cut hours), with
 * its distinct users and latency p95 read for the bucket's own stretch.
 */
export async function reportSeries(
  reader: AnalyticsReader,
  scope: AnalyticsScope,
  opts: { timeZone: string; grain: SeriesGrain; instanceDays: TimeBuckets },
): Promise<SeriesPoint[]> {
  const buckets = seriesBuckets(scope.from, scope.to, opts.timeZone, opts.grain);
  const pieces: CoverPiece[] = buckets.flatMap((b) => coverRange(b.from, b.to, opts.instanceDays));
  const sums: RollupSums[] = buckets.map(() => zeroSums());
  for (const row of await readPieces(reader, scope, pieces)) {
    const i = spanIndex(buckets, row.t);
    if (i >= 0) addSums(sums[i], row.sums);
  }
  const details = await mapLimited(buckets, BUCKET_READS, async (b, i) => {
    const s = sums[i];
    const part = { ...scope, from: b.from, to: b.to };
    const [users, latency] = await Promise.all([
      s.requests + s.page_views > 0 ? reader.distinctUsers(part) : undefined,
      s.requests > 0 ? reader.latency(part, 'latency') : undefined,
    ]);
    return { users: users?.get('') ?? 0, latency: latency?.get('') };
  });
  return buckets.map((b, i) =>
    seriesPoint(zonedIso(b.start, opts.timeZone), figuresOfSums(sums[i], details[i].users, { latency: details[i].latency })),
  );
}
