import { groupValue, type AnalyticsEvent, type Dimension } from './analytics-event.js';
import type { SessionFact } from './assign-sessions.js';
import { MetricsPartial } from './metrics.js';
import { TimeBuckets, type BucketUnit } from './time-buckets.js';

export interface GroupMetricsOptions {
  /** IANA zone of the buckets (default Asia/Shanghai). */
  timeZone?: string;
  unit: BucketUnit;
  /** Group along this dimension; omitted: one group (`null`) per bucket. */
  dimension?: Dimension;
  /** The segment attribute (`industry`, `region`, …) when `dimension` is `segment`. */
  segmentAttribute?: string;
  /** Sessions to count (see assign-sessions.ts): in the bucket of their start, the group of their `dims`. */
  sessions?: Iterable<SessionFact>;
}

/**
 * Partial aggregates of `events` (and `sessions`) per bucket start (epoch ms) and per group value (null:
 * the event has no value along the dimension, or no dimension was asked for). The building block of
 * rollup rows.
 */
export function groupMetrics(
  events: Iterable<AnalyticsEvent>,
  options: GroupMetricsOptions,
): Map<number, Map<string | null, MetricsPartial>> {
  const buckets = TimeBuckets.of(options.timeZone);
  const out = new Map<number, Map<string | null, MetricsPartial>>();
  const partial = (ts: number, e: AnalyticsEvent): MetricsPartial => {
    const start = buckets.start(ts, options.unit);
    const group = options.dimension ? groupValue(e, options.dimension, options.segmentAttribute) : null;
    let row = out.get(start);
    if (!row) out.set(start, (row = new Map()));
    let p = row.get(group);
    if (!p) row.set(group, (p = new MetricsPartial(buckets.timeZone)));
    return p;
  };
  for (const e of events) partial(e.ts, e).add(e);
  for (const s of options.sessions ?? []) partial(s.start, s.dims).addSession(s);
  return out;
}
