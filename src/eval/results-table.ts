import { displayWidth, padDisplay, terminalSafe } from './display-width.js';
import type { ModelResult, RunReport } from './eval-types.js';
import { formatMoney, formatNumber, formatPercent } from './report-format.js';
import { reportStrings, type ReportLang } from './report-strings.js';
import { safetyPassed } from './safety-checks.js';

interface TextColumn {
  label: string;
  cell(r: ModelResult): string;
  align: 'start' | 'end';
}

/**
 * The fixed-width table `baimo eval run` prints at the end of a run: one line per model (score or
 * accuracy, done/items, errors, cost and cost per 1,000 items in CNY, p50 / p95 ms, tokens/s, ★ for
 * the Pareto front; the verdict for safety runs). Columns are padded by terminal width (CJK characters
 * take two columns; ambiguous-width dashes are written as `-`), numbers right-aligned, control characters
 * in names replaced. Ends with a newline.
 */
export function formatResultsTable(report: RunReport, lang: ReportLang): string {
  const s = reportStrings(lang);
  const type = report.run.type;
  const cols: TextColumn[] = [
    { label: s.col.model, cell: (r) => terminalSafe(r.model), align: 'start' },
    {
      label: s.scoreNames[type] ?? s.col.score,
      cell: (r) => formatPercent(type === 'mcq' ? (r.accuracy ?? r.score) : r.score),
      align: 'end',
    },
  ];
  if (report.results.some((r) => r.safety))
    cols.push({ label: s.col.verdict, cell: (r) => (r.safety ? (safetyPassed(r.safety) ? s.pass : s.fail) : '—'), align: 'start' });
  cols.push(
    { label: `${s.col.done}/${s.col.items}`, cell: (r) => `${r.done}/${r.items}`, align: 'end' },
    { label: s.col.errors, cell: (r) => String(r.errors), align: 'end' },
    { label: s.col.costCny, cell: (r) => formatMoney(r.cost_cny, '¥'), align: 'end' },
    { label: s.col.costPer1kCny, cell: (r) => formatMoney(r.cost_per_1k_cny, '¥'), align: 'end' },
    { label: s.col.p50, cell: (r) => formatNumber(r.p50_ms), align: 'end' },
    { label: s.col.p95, cell: (r) => formatNumber(r.p95_ms), align: 'end' },
    { label: s.col.tokensPerS, cell: (r) => formatNumber(r.tokens_per_s, 1), align: 'end' },
    { label: s.col.pareto, cell: (r) => (r.pareto ? '★' : ''), align: 'start' },
  );
  // '—' and box-drawing characters are East Asian Ambiguous: two columns in many Chinese terminals.
  const cells = report.results.map((r) => cols.map((c) => c.cell(r).replace(/—/g, '-')));
  const widths = cols.map((c, i) => Math.max(displayWidth(c.label), ...cells.map((row) => displayWidth(row[i]))));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => padDisplay(cell, widths[i], cols[i].align))
      .join('  ')
      .trimEnd();
  const header = line(cols.map((c) => c.label));
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return `${[header, rule, ...cells.map(line)].join('\n')}\n`;
}
