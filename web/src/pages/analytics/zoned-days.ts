/**
 * Calendar days of an IANA time zone in the browser: the date an instant falls on there, and the first
 * instant of a date there (DST-safe, also where a day starts at 01:00 because midnight was skipped).
 */

const MINUTE = 60_000;
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(zone: string): Intl.DateTimeFormat {
  let f = dateFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(zone, f);
  }
  return f;
}

/** True when the browser knows `zone` as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    dateFormat(zone);
    return true;
  } catch {
    return false;
  }
}

/** `YYYY-MM-DD` of the instant `ms` in `zone`. */
export function zonedDate(ms: number, zone: string): string {
  const p = Object.fromEntries(
    dateFormat(zone)
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}`;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The date `n` days after (before, when negative) `date`. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The first instant (epoch ms) of `date` in `zone`: the least minute whose date there is `date` or later
 * (dates only grow with time, so a binary search over the ±15 h around UTC midnight finds it).
 */
export function zonedDayStart(date: string, zone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  let lo = (utcMidnight - 15 * 60 * MINUTE) / MINUTE;
  let hi = (utcMidnight + 15 * 60 * MINUTE) / MINUTE;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (zonedDate(mid * MINUTE, zone) >= date) hi = mid;
    else lo = mid + 1;
  }
  return lo * MINUTE;
}
