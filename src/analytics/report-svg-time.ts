import { escapeHtml } from '../eval/html-escape.js';
import { formatNumber } from '../eval/report-format.js';
import type { SeriesGrain, SeriesPoint } from './analytics-report.js';
import { CHART_WIDTH, f1, yTicks } from './report-svg-charts.js';

const MINUTES = 1440;
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The plot box of the time charts. */
const L = 64;
const R = CHART_WIDTH - 16;
const T = 14;

function yAxis(out: string[], ticks: number[], y: (v: number) => number): void {
  for (const v of ticks) {
    out.push(`<line class="grid" x1="${L}" y1="${f1(y(v))}" x2="${R}" y2="${f1(y(v))}"></line>`);
    out.push(`<text class="tick" x="${L - 6}" y="${f1(y(v) + 4)}" text-anchor="end">${escapeHtml(formatNumber(v, 2))}</text>`);
  }
}

/**
 * The 24 h × 60 min activity chart: the 1,440 request counts by local minute of the day as one area
 * (a point per minute), hours labelled every two, the busiest minute marked with its time and count.
 * `data-buckets` says how many minutes it drew and `data-total` their sum.
 */
export function minuteOfDaySvg(
  counts: readonly number[],
  opts: { ariaLabel: string; axis: string; peak(time: string, n: string): string },
): string {
  const H = 250;
  const B = H - 44;
  const values = Array.from({ length: MINUTES }, (_, i) => (Number.isFinite(counts[i]) ? Math.max(0, counts[i]) : 0));
  const total = values.reduce((a, b) => a + b, 0);
  const max = Math.max(0, ...values);
  const ticks = yTicks(max);
  const top = ticks[ticks.length - 1];
  const x = (minute: number) => L + (minute / MINUTES) * (R - L);
  const y = (v: number) => B - (v / top) * (B - T);
  const out: string[] = [
    `<svg class="chart minute-of-day" viewBox="0 0 ${CHART_WIDTH} ${H}" width="${CHART_WIDTH}" height="${H}" role="img" data-buckets="${values.length}" data-total="${total}" aria-label="${escapeHtml(opts.ariaLabel)}">`,
    `<rect class="plot" x="${L}" y="${T}" width="${R - L}" height="${B - T}"></rect>`,
  ];
  yAxis(out, ticks, y);
  for (let hour = 0; hour <= 24; hour += 2) {
    const px = f1(x(hour * 60));
    out.push(`<line class="grid" x1="${px}" y1="${T}" x2="${px}" y2="${B}"></line>`);
    out.push(`<text class="tick" x="${px}" y="${B + 16}" text-anchor="middle">${hhmm(hour * 60)}</text>`);
  }
  const d = [`M${L} ${B}`];
  for (let i = 0; i < MINUTES; i++) d.push(`L${f1(x(i + 0.5))} ${f1(y(values[i]))}`);
  d.push(`L${R} ${B}Z`);
  out.push(`<path class="area" d="${d.join('')}"></path>`);
  if (max > 0) {
    const peak = values.indexOf(max);
    const label = opts.peak(hhmm(peak), formatNumber(max));
    const px = x(peak + 0.5);
    out.push(
      `<circle class="peak" cx="${f1(px)}" cy="${f1(y(max))}" r="4"><title>${escapeHtml(label)}</title></circle>`,
      `<text class="peak-label" x="${f1(px + (px > (L + R) / 2 ? -8 : 8))}" y="${f1(Math.max(T + 12, y(max) - 6))}" text-anchor="${px > (L + R) / 2 ? 'end' : 'start'}">${escapeHtml(label)}</text>`,
    );
  }
  out.push(`<text class="axis-title" x="${(L + R) / 2}" y="${H - 8}" text-anchor="middle">${escapeHtml(opts.axis)}</text>`);
  out.push('</svg>');
  return out.join('');
}

/** A bucket's start (`2026-12-07T14:00:00+08:00`, wall clock of the report's zone) as a short axis label. */
export function bucketLabel(t: string, grain: SeriesGrain): string {
  const date = t.slice(5, 10);
  const time = t.slice(11, 16);
  if (grain === 'minute') return time;
  if (grain === 'hour') return `${date} ${time}`;
  if (grain === 'month') return t.slice(0, 7);
  return date;
}

/**
 * A time series as a line chart (inline SVG): one point per bucket of `series`, x labels for at most
 * eight buckets, dots with a `<title>` (bucket and value) while there are few enough to tell apart.
 */
export function seriesSvg(
  series: { grain: SeriesGrain; points: readonly SeriesPoint[] },
  opts: { ariaLabel: string; empty: string; value(p: SeriesPoint): number; text(p: SeriesPoint): string },
): string {
  const points = series.points;
  if (points.length === 0) return `<p class="note empty">${escapeHtml(opts.empty)}</p>`;
  const H = 240;
  const B = H - 40;
  const values = points.map((p) => {
    const v = opts.value(p);
    return Number.isFinite(v) ? v : 0;
  });
  const ticks = yTicks(Math.max(0, ...values), false);
  const top = ticks[ticks.length - 1] || 1;
  const n = points.length;
  const x = (i: number) => (n === 1 ? (L + R) / 2 : L + (i / (n - 1)) * (R - L));
  const y = (v: number) => B - (Math.max(0, v) / top) * (B - T);
  const out: string[] = [
    `<svg class="chart series" viewBox="0 0 ${CHART_WIDTH} ${H}" width="${CHART_WIDTH}" height="${H}" role="img" data-points="${n}" aria-label="${escapeHtml(opts.ariaLabel)}">`,
    `<rect class="plot" x="${L}" y="${T}" width="${R - L}" height="${B - T}"></rect>`,
  ];
  yAxis(out, ticks, y);
  const every = Math.max(1, Math.ceil(n / 8));
  for (let i = 0; i < n; i += every)
    out.push(
      `<text class="tick" x="${f1(x(i))}" y="${B + 16}" text-anchor="middle">${escapeHtml(bucketLabel(points[i].t, series.grain))}</text>`,
    );
  out.push(`<path class="line" d="${values.map((v, i) => `${i === 0 ? 'M' : 'L'}${f1(x(i))} ${f1(y(v))}`).join('')}"></path>`);
  if (n <= 120)
    points.forEach((p, i) =>
      out.push(
        `<circle class="dot" cx="${f1(x(i))}" cy="${f1(y(values[i]))}" r="${n <= 40 ? 3 : 2}"><title>${escapeHtml(`${p.t}: ${opts.text(p)}`)}</title></circle>`,
      ),
    );
  out.push('</svg>');
  return out.join('');
}
