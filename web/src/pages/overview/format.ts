/** Number and time formatting for the overview page. */
import type { Range } from '../../api/overview.ts';

const TZ = 'Asia/Shanghai';

export const fmtInt = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : Math.round(n).toLocaleString());

/** Compact large numbers: 12.3K / 4.5M (language neutral). */
export function fmtCompact(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const a = Math.abs(n);
  if (a >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(n / 1e3).toFixed(1)}K`;
  return Math.round(n).toLocaleString();
}

export function fmtMoney(n: number | null | undefined, currency: 'CNY' | 'USD'): string {
  if (n === null || n === undefined) return '—';
  const sym = currency === 'CNY' ? '¥' : '$';
  const digits = Math.abs(n) >= 100 ? 2 : 4;
  return `${sym}${n.toFixed(digits)}`;
}

export const fmtMs = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`;

export const fmtPct = (ratio: number | null): string => (ratio === null ? '—' : `${(ratio * 100).toFixed(2)}%`);

/** Axis label of a bucket start, in China time; short for short ranges. */
export function fmtBucket(iso: string, range: Range): string {
  const opts: Intl.DateTimeFormatOptions =
    range === '1h' || range === '24h'
      ? { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: TZ }
      : range === '7d'
        ? { month: '2-digit', day: '2-digit', hour: '2-digit', hour12: false, timeZone: TZ }
        : { month: '2-digit', day: '2-digit', timeZone: TZ };
  return new Intl.DateTimeFormat('zh-CN', opts).format(new Date(iso));
}
