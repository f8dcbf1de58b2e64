import { displayWidth } from '../eval/display-width.js';
import { escapeHtml } from '../eval/html-escape.js';

/** One bar of a horizontal bar chart. */
export interface BarItem {
  label: string;
  value: number;
  /** The value as shown after the bar (default: the number). */
  text?: string;
  /** Drawn in the accent colour (e.g. the top three scenarios). */
  highlight?: boolean;
}

/** Width of every chart's viewBox: the report's column at print size. */
export const CHART_WIDTH = 760;
const LABEL_COLUMNS = 26;
const ROW = 24;

/** One decimal, enough for SVG coordinates (keeps the file small). */
export const f1 = (x: number): string => String(Math.round(x * 10) / 10);

/** A label cut to `columns` terminal columns with an ellipsis (the tooltip keeps the whole text). */
export function shortLabel(label: string, columns = LABEL_COLUMNS): string {
  if (displayWidth(label) <= columns) return label;
  let out = '';
  for (const ch of label) {
    if (displayWidth(out + ch) > columns - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * A horizontal bar chart as inline SVG: one row per item (label left, bar, value right), bars scaled
 * to the largest value. Every label is escaped; each bar carries its full label and value in a
 * `<title>`. Empty or all-zero: a note instead of a chart.
 */
export function barChartSvg(items: readonly BarItem[], opts: { ariaLabel: string; empty: string }): string {
  if (items.length === 0) return `<p class="note empty">${escapeHtml(opts.empty)}</p>`;
  const max = Math.max(0, ...items.map((i) => (Number.isFinite(i.value) ? i.value : 0)));
  const labelW = 200;
  // Room right of the longest bar for the longest value text (about 6.6 px a column at 12 px).
  const valueW = Math.min(320, Math.max(80, ...items.map((i) => displayWidth(i.text ?? String(i.value)) * 6.6 + 12)));
  const barMax = CHART_WIDTH - labelW - valueW - 16;
  const h = items.length * ROW + 8;
  const out: string[] = [
    `<svg class="chart bars" viewBox="0 0 ${CHART_WIDTH} ${h}" width="${CHART_WIDTH}" height="${h}" role="img" aria-label="${escapeHtml(opts.ariaLabel)}">`,
  ];
  items.forEach((item, i) => {
    const y = 4 + i * ROW;
    const v = Number.isFinite(item.value) ? Math.max(0, item.value) : 0;
    const w = max > 0 ? (v / max) * barMax : 0;
    const text = item.text ?? String(item.value);
    out.push(
      `<g class="bar-row"><title>${escapeHtml(`${item.label}: ${text}`)}</title>`,
      `<text class="bar-label" x="${labelW - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(shortLabel(item.label))}</text>`,
      `<rect class="bar${item.highlight ? ' top' : ''}" x="${labelW}" y="${y + 3}" width="${f1(Math.max(w, v > 0 ? 1 : 0))}" height="${ROW - 8}" rx="2"></rect>`,
      `<text class="bar-value" x="${f1(labelW + w + 6)}" y="${y + 16}">${escapeHtml(text)}</text></g>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}

/** The fill of a heat cell: white for 0, deepening blue up to the largest value. */
export function heatFill(value: number, max: number): string {
  if (!(value > 0) || !(max > 0)) return '#f6f8fa';
  const s = Math.min(1, value / max);
  return `hsl(212, 80%, ${Math.round(92 - s * 55)}%)`;
}

/**
 * The day-of-week × hour heatmap (7 rows, Monday first; 24 columns) as inline SVG: cells shaded by
 * request count, each with a `<title>` giving day, hour and count; hours labelled every three.
 */
export function heatmapSvg(
  rows: readonly (readonly number[])[],
  opts: { days: readonly string[]; hour: string; ariaLabel: string },
): string {
  const left = 56;
  const top = 22;
  const cw = (CHART_WIDTH - left - 8) / 24;
  const ch = 26;
  const h = top + 7 * ch + 6;
  const max = Math.max(0, ...rows.flat().filter(Number.isFinite));
  const out: string[] = [
    `<svg class="chart heatmap" viewBox="0 0 ${CHART_WIDTH} ${h}" width="${CHART_WIDTH}" height="${h}" role="img" aria-label="${escapeHtml(opts.ariaLabel)}">`,
  ];
  for (let hour = 0; hour < 24; hour += 3)
    out.push(
      `<text class="tick" x="${f1(left + hour * cw + cw / 2)}" y="${top - 8}" text-anchor="middle">${hour}${escapeHtml(opts.hour)}</text>`,
    );
  for (let d = 0; d < 7; d++) {
    const y = top + d * ch;
    out.push(`<text class="tick" x="${left - 8}" y="${y + ch / 2 + 4}" text-anchor="end">${escapeHtml(opts.days[d] ?? '')}</text>`);
    for (let hour = 0; hour < 24; hour++) {
      const v = rows[d]?.[hour] ?? 0;
      out.push(
        `<rect class="cell" x="${f1(left + hour * cw)}" y="${y}" width="${f1(cw - 2)}" height="${ch - 2}" fill="${heatFill(v, max)}"><title>${escapeHtml(
          `${opts.days[d] ?? ''} ${String(hour).padStart(2, '0')}:00: ${v}`,
        )}</title></rect>`,
      );
    }
  }
  out.push('</svg>');
  return out.join('');
}

/** A round step at least `raw`: 1, 2 or 5 times a power of ten. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw * (1 - 1e-9)) return m * p;
  return 10 * p;
}

/** Y ticks from 0 up to the first at or above `max`, in about four round steps (whole-number steps when `integer`). */
export function yTicks(max: number, integer = true): number[] {
  const step = Math.max(integer ? 1 : 0, niceStep((max > 0 ? max : 1) / 4));
  const ticks: number[] = [0];
  while (ticks.length < 2 || ticks[ticks.length - 1] < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}
