/** Formatting of the Analytics pages (numbers as the overview formats them, plus durations and bucket labels). */
export { fmtCompact, fmtInt, fmtMoney, fmtMs, fmtPct } from '../overview/format';

/** A dwell time in seconds: `45 s`, `3 min 20 s`, `1 h 05 min`; `—` when there is none. */
export function fmtDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Likes per 1,000 answers: `12.5 ‰`; `—` when nothing was answered. */
export const fmtPerMille = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : `${n.toFixed(1)} ‰`);

/** CNY with two decimals from ¥100 up, four below (small bills matter). */
export const fmtCny = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : `¥${n.toFixed(Math.abs(n) >= 100 ? 2 : 4)}`;

/**
 * The axis label of a series bucket from its ISO start, which already carries the report zone's wall
 * clock (`2026-12-07T14:00:00+08:00`): no time-zone arithmetic in the browser.
 */
export function bucketLabel(t: string, grain: string, oneDay: boolean): string {
  const date = t.slice(5, 10);
  const time = t.slice(11, 16);
  if (grain === 'minute' || grain === 'hour') return oneDay ? time : `${date} ${time}`;
  if (grain === 'month') return t.slice(0, 7);
  return date;
}

/** `HH:MM` of a minute of the day (0..1439). */
export const minuteLabel = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
