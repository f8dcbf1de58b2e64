import { escapeHtml } from './html-escape.js';
import type { ReportStrings } from './report-strings.js';

/** A 合格 / 不合格 (pass / fail) badge; a dash where nothing was measured. */
export function badge(passed: boolean | null, s: ReportStrings): string {
  if (passed === null) return '<span class="badge na">—</span>';
  return passed ? `<span class="badge pass">${escapeHtml(s.pass)}</span>` : `<span class="badge fail">${escapeHtml(s.fail)}</span>`;
}

/** The background of a heat cell: red (0) through yellow to green (1), light enough for black text; grey for none. */
export function heatColor(score: number | null): string {
  if (score === null || !Number.isFinite(score)) return '#eeeeee';
  const s = Math.min(1, Math.max(0, score));
  return `hsl(${Math.round(s * 120)}, 70%, ${Math.round(84 - 6 * Math.sin(Math.PI * s))}%)`;
}

/** A table cell; `cls` and `title` optional, `html` already escaped. */
export function td(html: string, cls?: string, extra = ''): string {
  return `<td${cls ? ` class="${cls}"` : ''}${extra}>${html}</td>`;
}

/** A header row of escaped labels. */
export function headRow(labels: readonly string[], cls: readonly (string | undefined)[] = []): string {
  return `<tr>${labels.map((l, i) => `<th${cls[i] ? ` class="${cls[i]}"` : ''}>${escapeHtml(l)}</th>`).join('')}</tr>`;
}
