import { displayWidth } from './display-width.js';
import { escapeHtml } from './html-escape.js';
import { formatMoney, formatPercent, formatTick } from './report-format.js';
import type { ReportStrings } from './report-strings.js';

/** A model on the quality-vs-cost scatter. */
export interface ScatterPoint {
  label: string;
  /** Cost per 1,000 items (CNY); null or negative: not plotted. */
  cost: number | null;
  /** Score 0..1; null: not plotted. */
  score: number | null;
  pareto: boolean;
}

/** The words of the scatter: its strings from the report, and what the y axis measures. */
export type ScatterText = ReportStrings['scatter'] & { yAxis: string };

const W = 760;
const H = 470;
const L = 72; // plot area
const R = W - 28;
const T = 16;
const B = H - 86;
/** Width of the band left of a log axis where free models sit (log scales have no zero). */
const ZERO_BAND = 40;
/** Costs spanning more than this factor (two decades) switch the x axis to a log scale. */
export const LOG_SCALE_SPAN = 100;
const LABEL_COLUMNS = 28;

const finite = (x: number | null): x is number => typeof x === 'number' && Number.isFinite(x);
const f1 = (x: number) => Number(x.toFixed(1));

interface XScale {
  log: boolean;
  x(cost: number): number;
  ticks: { value: number; x: number }[];
  /** Where the axis break sits (a log axis with a free model), if anywhere. */
  breakAt: number | null;
}

/** A round step at least `raw`: 1, 2, 2.5 or 5 times a power of ten. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw * (1 - 1e-9)) return m * p;
  return 10 * p;
}

/** The x scale for these costs: linear from 0, or log when the positive costs span more than two decades. */
export function costScale(costs: readonly number[]): XScale {
  const positive = costs.filter((c) => c > 0);
  const min = Math.min(...positive);
  const max = Math.max(...positive);
  if (positive.length >= 2 && max / min > LOG_SCALE_SPAN) {
    const lo = Math.floor(Math.log10(min));
    const hi = Math.ceil(Math.log10(max));
    const hasZero = costs.some((c) => c === 0);
    const x0 = hasZero ? L + ZERO_BAND : L;
    const x = (c: number) => (c <= 0 ? L : x0 + ((Math.log10(c) - lo) / (hi - lo)) * (R - x0));
    const every = Math.ceil((hi - lo + 1) / 8); // at most about eight labelled decades
    const ticks: XScale['ticks'] = [];
    if (hasZero) ticks.push({ value: 0, x: L });
    for (let e = lo; e <= hi; e += every) ticks.push({ value: 10 ** e, x: x(10 ** e) });
    return { log: true, x, ticks, breakAt: hasZero ? L + ZERO_BAND / 2 : null };
  }
  const top = Math.max(0, ...costs);
  const step = top > 0 ? niceStep(top / 5) : 0.2;
  // Some room right of the dearest model for its label.
  const end = top > 0 ? Math.ceil((top * 1.05) / step - 1e-9) * step : 1;
  const x = (c: number) => L + (c / end) * (R - L);
  const ticks: XScale['ticks'] = [];
  for (let i = 0; i * step <= end * (1 + 1e-9); i++) ticks.push({ value: i * step, x: x(i * step) });
  return { log: false, x, ticks, breakAt: null };
}

/** A label cut to `LABEL_COLUMNS` terminal columns (the tooltip keeps the whole name). */
function shortLabel(label: string): string {
  if (displayWidth(label) <= LABEL_COLUMNS) return label;
  let out = '';
  for (const ch of label) {
    if (displayWidth(out + ch) > LABEL_COLUMNS - 1) break;
    out += ch;
  }
  return `${out}…`;
}

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Places a label next to its point, trying right, left, above and below for a spot no earlier label takes. */
function placeLabel(px: number, py: number, text: string, placed: Box[]): { x: number; y: number; anchor: string } {
  const w = displayWidth(text) * 6.6;
  const candidates = [
    { x: px + 8, y: py + 4, anchor: 'start', box: { x1: px + 8, y1: py - 8, x2: px + 8 + w, y2: py + 6 } },
    { x: px - 8, y: py + 4, anchor: 'end', box: { x1: px - 8 - w, y1: py - 8, x2: px - 8, y2: py + 6 } },
    { x: px, y: py - 10, anchor: 'middle', box: { x1: px - w / 2, y1: py - 22, x2: px + w / 2, y2: py - 8 } },
    { x: px, y: py + 19, anchor: 'middle', box: { x1: px - w / 2, y1: py + 7, x2: px + w / 2, y2: py + 21 } },
  ];
  const inside = (b: Box) => b.x1 >= 2 && b.x2 <= W - 2 && b.y1 >= 0 && b.y2 <= B + 24;
  const pick =
    candidates.find((c) => inside(c.box) && !placed.some((p) => overlaps(p, c.box))) ??
    candidates.find((c) => inside(c.box)) ??
    candidates[px + 8 + w <= W ? 0 : 1];
  placed.push(pick.box);
  return pick;
}

/**
 * The quality-vs-cost scatter as inline SVG (no script, prints as vector): x = cost per 1,000 items in
 * CNY (log scale when the positive costs span more than two decades, free models then in a band left
 * of an axis break), y = score 0..1; each point labelled with its model, the Pareto front drawn as a
 * step line through its points, which are marked (`class="point pareto"`). Models without a score or
 * a cost are listed under the chart instead. Returns the `<figure>`.
 */
export function scatterSvg(points: readonly ScatterPoint[], text: ScatterText): string {
  const plotted = points.filter((p) => finite(p.score) && finite(p.cost) && p.cost >= 0);
  const missing = points
    .filter((p) => !plotted.includes(p))
    .map((p) => `${escapeHtml(p.label)} (${finite(p.score) ? text.noPrice : text.noScore})`);
  const notPlotted = missing.length ? `<p class="note">${escapeHtml(text.notPlotted)}: ${missing.join(', ')}</p>` : '';
  if (plotted.length === 0) return `<figure class="scatter"><p class="note">${escapeHtml(text.empty)}</p>${notPlotted}</figure>`;

  const scale = costScale(plotted.map((p) => p.cost!));
  const y = (s: number) => B - Math.min(1, Math.max(0, s)) * (B - T);
  const out: string[] = [];
  const xTitle = scale.log ? `${text.xAxis} (${text.logScale})` : text.xAxis;
  out.push(
    `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" data-x-scale="${scale.log ? 'log' : 'linear'}" aria-label="${escapeHtml(`${text.heading}: ${text.yAxis} / ${xTitle}`)}">`,
  );
  out.push(`<rect class="plot" x="${L}" y="${T}" width="${R - L}" height="${B - T}"></rect>`);
  // Grid and ticks.
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    out.push(`<line class="grid" x1="${L}" y1="${f1(y(v))}" x2="${R}" y2="${f1(y(v))}"></line>`);
    out.push(`<text class="tick" x="${L - 6}" y="${f1(y(v) + 4)}" text-anchor="end">${formatPercent(v, 0)}</text>`);
  }
  for (const t of scale.ticks) {
    out.push(`<line class="grid" x1="${f1(t.x)}" y1="${T}" x2="${f1(t.x)}" y2="${B}"></line>`);
    out.push(`<text class="tick" x="${f1(t.x)}" y="${B + 16}" text-anchor="middle">${escapeHtml(formatTick(t.value))}</text>`);
  }
  if (scale.breakAt !== null) {
    const b = scale.breakAt;
    out.push(`<path class="axis-break" d="M${b - 5} ${B + 5} L${b - 1} ${B - 5} M${b + 1} ${B + 5} L${b + 5} ${B - 5}"></path>`);
    out.push(`<text class="tick free" x="${L}" y="${B + 30}" text-anchor="middle">${escapeHtml(text.free)}</text>`);
  }
  out.push(`<text class="axis-title" x="${(L + R) / 2}" y="${B + 48}" text-anchor="middle">${escapeHtml(xTitle)}</text>`);
  out.push(
    `<text class="axis-title" x="${-(T + B) / 2}" y="16" transform="rotate(-90)" text-anchor="middle">${escapeHtml(text.yAxis)}</text>`,
  );
  // The front: cheapest first; from each point across to the next one's cost, then up to its score.
  const front = plotted.filter((p) => p.pareto).sort((a, b) => a.cost! - b.cost! || b.score! - a.score!);
  if (front.length >= 2) {
    const d = front.map((p, i) =>
      i === 0 ? `M${f1(scale.x(p.cost!))} ${f1(y(p.score!))}` : `H${f1(scale.x(p.cost!))} V${f1(y(p.score!))}`,
    );
    out.push(`<path class="front" d="${d.join(' ')}"></path>`);
  }
  // Points (the front's on top), then labels.
  const placed: Box[] = [];
  const ordered = [...plotted.filter((p) => !p.pareto), ...front];
  for (const p of ordered) {
    const cx = f1(scale.x(p.cost!));
    const cy = f1(y(p.score!));
    const tip = `${p.label}: ${formatPercent(p.score)}, ${formatMoney(p.cost, '¥')}${p.pareto ? ` (${text.onFront})` : ''}`;
    out.push(
      `<circle class="point${p.pareto ? ' pareto' : ''}" cx="${cx}" cy="${cy}" r="${p.pareto ? 6 : 5}" data-model="${escapeHtml(p.label)}"><title>${escapeHtml(tip)}</title></circle>`,
    );
  }
  for (const p of [...front, ...plotted.filter((q) => !q.pareto)]) {
    const label = shortLabel(p.label);
    const at = placeLabel(scale.x(p.cost!), y(p.score!), label, placed);
    out.push(
      `<text class="label${p.pareto ? ' pareto' : ''}" x="${f1(at.x)}" y="${f1(at.y)}" text-anchor="${at.anchor}">${escapeHtml(label)}</text>`,
    );
  }
  // Legend, under the axis title.
  const ly = H - 14;
  out.push(`<circle class="point pareto legend" cx="${L + 6}" cy="${ly - 4}" r="6"></circle>`);
  out.push(`<line class="front legend" x1="${L + 16}" y1="${ly - 4}" x2="${L + 40}" y2="${ly - 4}"></line>`);
  out.push(`<text class="legend-text" x="${L + 46}" y="${ly}">${escapeHtml(text.front)}</text>`);
  out.push('</svg>');
  return `<figure class="scatter">${out.join('')}<figcaption>${escapeHtml(text.caption)}</figcaption>${notPlotted}</figure>`;
}
