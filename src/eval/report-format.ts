import { wallClock, wallClockFormat } from '../core/wall-clock.js';

/** The time zone report dates are shown in unless the caller names another. */
export const DEFAULT_REPORT_TIME_ZONE = 'Asia/Shanghai';

const DASH = '—';

/** One formatter per time zone a report was shown in (there are a few hundred zones at most). */
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An ISO timestamp as `YYYY-MM-DD HH:mm:ss` in `timeZone`; a dash for null, the text itself when it is
 * not a date. An unknown zone is a RangeError (check with `isValidTimeZone`, core/wall-clock.ts, first).
 */
export function formatDateTime(iso: string | null | undefined, timeZone: string = DEFAULT_REPORT_TIME_ZONE): string {
  if (!iso) return DASH;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let fmt = formats.get(timeZone);
  if (!fmt) formats.set(timeZone, (fmt = wallClockFormat(timeZone)));
  const w = wallClock(fmt, date);
  return `${w.year}-${w.month}-${w.day} ${w.hour}:${w.minute}:${w.second}`;
}

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** A share 0..1 as a percentage (`81.3%`); a dash when there is none. */
export function formatPercent(x: number | null | undefined, digits = 1): string {
  return finite(x) ? `${(x * 100).toFixed(digits)}%` : DASH;
}

/** A number with thousands separators and at most `digits` decimals; a dash when there is none. */
export function formatNumber(x: number | null | undefined, digits = 0): string {
  return finite(x) ? new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(x) : DASH;
}

/**
 * An amount of money with its symbol: two decimals from 1 up, three significant digits (and at least
 * two decimals) below (`¥0.40`, `¥0.00342`: a cheap model's cost must not show as 0.00), `¥0` for
 * free; a dash for none.
 */
export function formatMoney(x: number | null | undefined, symbol: string): string {
  if (!finite(x)) return DASH;
  if (x === 0) return `${symbol}0`;
  const abs = Math.abs(x);
  const text =
    abs >= 1
      ? new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(abs)
      : new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 }).format(abs).replace(/^0\.(\d)$/, (_, d: string) => `0.${d}0`);
  return `${x < 0 ? '-' : ''}${symbol}${text}`;
}

/** A number rounded to `digits` decimals for machine-readable exports (no float noise like 0.30000000000000004). */
export function roundTo(x: number | null | undefined, digits = 6): number | null {
  return finite(x) ? Number(x.toFixed(digits)) : null;
}

/** A number for an axis tick: at most three significant digits, no padding (`0.1`, `2.5`, `100`). */
export function formatTick(x: number): string {
  return new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 }).format(x);
}
