import { TimeBuckets } from './time-buckets.js';

/** `ts` as ISO 8601 local time with the zone's offset at that instant: `2026-12-07T00:00:00+08:00` (`Z` for UTC). */
export function zonedIso(ts: number, timeZone: string): string {
  const off = TimeBuckets.of(timeZone).offset(ts);
  const local = new Date(ts + off).toISOString().slice(0, 19);
  if (off === 0) return `${local}Z`;
  const abs = Math.abs(off) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${off < 0 ? '-' : '+'}${hh}:${mm}`;
}
