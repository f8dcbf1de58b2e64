import { TimeBuckets } from './time-buckets.js';

/**
 * Request counts per UTC minute folded into the zone's 1,440 minutes of the day and its day-of-week ×
 * hour heatmap (7 rows, Monday first, of 24). Zone offsets are whole minutes, so every UTC minute lies in
 * one local minute: both sum to the requests counted.
 */
export function activityOf(
  minutes: Iterable<{ minute: number; requests: number }>,
  timeZone: string,
): { minute_of_day: number[]; heatmap: number[][] } {
  const buckets = TimeBuckets.of(timeZone);
  const minuteOfDay = new Array<number>(1440).fill(0);
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const { minute, requests } of minutes) {
    if (!(requests > 0)) continue;
    const m = buckets.minuteOfDay(minute);
    minuteOfDay[m] += requests;
    heatmap[buckets.dayOfWeek(minute)][Math.floor(m / 60)] += requests;
  }
  return { minute_of_day: minuteOfDay, heatmap };
}
