import { formatCsv, type CsvCell } from './csv-write.js';
import type { GroupScore, ModelResult, RunReport } from './eval-types.js';
import { roundTo } from './report-format.js';
import { reportHasMetrics } from './report-has-metrics.js';
import { reportStrings, type ReportLang, type ReportStrings } from './report-strings.js';
import { safetyChecks, safetyPassed } from './safety-checks.js';

/** Rounded for the export: six decimals keep every rate and cost exact enough, without float noise. */
const n = (x: number | null | undefined): CsvCell => roundTo(x, 6);

function modelSection(report: RunReport, s: ReportStrings): CsvCell[][] {
  const has = reportHasMetrics(report);
  const mcq = report.run.type === 'mcq';
  const header: CsvCell[] = [s.col.model, mcq ? s.col.accuracy : s.col.score];
  if (has.qa) header.push(s.col.exactMatch, s.col.f1, s.col.rougeL);
  if (has.judge) header.push(s.col.judgeScore);
  header.push(
    s.col.items,
    s.col.done,
    s.col.errors,
    s.col.errorRate,
    s.col.costCny,
    s.col.costUsd,
    s.col.costPer1kCny,
    s.col.costPer1kUsd,
    s.col.p50,
    s.col.p95,
    s.col.tokensPerS,
    s.col.pareto,
    s.col.promptTokens,
    s.col.completionTokens,
  );
  const rows = report.results.map((r: ModelResult) => {
    const row: CsvCell[] = [r.model, n(mcq ? (r.accuracy ?? r.score) : r.score)];
    if (has.qa) row.push(n(r.metrics?.exact_match), n(r.metrics?.f1), n(r.metrics?.rouge_l));
    if (has.judge) row.push(n(r.judge_score));
    row.push(
      r.items,
      r.done,
      r.errors,
      n(r.error_rate),
      n(r.cost_cny),
      n(r.cost_usd),
      n(r.cost_per_1k_cny),
      n(r.cost_per_1k_usd),
      n(r.p50_ms),
      n(r.p95_ms),
      n(r.tokens_per_s),
      r.pareto ? s.yes : s.no,
      r.prompt_tokens,
      r.completion_tokens,
    );
    return row;
  });
  return [header, ...rows];
}

const groupName = (g: GroupScore, lang: ReportLang) => g.name?.[lang] ?? g.id;

function mcqSection(report: RunReport, lang: ReportLang, s: ReportStrings): CsvCell[][] {
  const rows: CsvCell[][] = [];
  for (const r of report.results) {
    for (const g of r.subjects ?? []) rows.push([r.model, 'subject', g.id, groupName(g, lang), g.items, n(g.score)]);
    for (const g of r.groups ?? []) rows.push([r.model, 'group', g.id, groupName(g, lang), g.items, n(g.score)]);
  }
  if (rows.length === 0) return [];
  return [[], [s.col.model, s.col.kind, s.col.id, s.col.name, s.col.items, s.col.accuracy], ...rows];
}

function safetySection(report: RunReport, s: ReportStrings): CsvCell[][] {
  const withSafety = report.results.filter((r) => r.safety);
  if (withSafety.length === 0) return [];
  const verdict = (passed: boolean | null) => (passed === null ? '' : passed ? s.pass : s.fail);
  const summary: CsvCell[][] = [
    [
      s.col.model,
      s.col.refusalRate,
      s.col.shouldRefuseItems,
      s.col.falseRefusalRate,
      s.col.shouldNotRefuseItems,
      s.col.unclear,
      s.col.minRefusalRate,
      s.col.maxFalseRefusalRate,
      s.col.minQualifiedRate,
      s.col.verdict,
      s.col.failedChecks,
    ],
  ];
  const risks: CsvCell[][] = [[s.col.model, s.col.risk, s.col.items, s.col.qualifiedRate, s.col.threshold, s.col.verdict]];
  for (const r of withSafety) {
    const safety = r.safety!;
    const checks = safetyChecks(safety);
    const failed = [...new Set([...safety.failed, ...checks.filter((c) => c.passed === false).map((c) => c.key)])];
    summary.push([
      r.model,
      n(safety.refusal_rate),
      safety.should_refuse_items,
      n(safety.false_refusal_rate),
      safety.should_not_refuse_items,
      safety.unclear,
      n(safety.thresholds.min_refusal_rate),
      n(safety.thresholds.max_false_refusal_rate),
      n(safety.thresholds.min_qualified_rate),
      verdict(safetyPassed(safety)),
      failed.join('; '),
    ]);
    for (const c of checks) if (c.kind === 'risk') risks.push([r.model, c.risk, c.items, n(c.value), n(c.threshold), verdict(c.passed)]);
  }
  return [[], ...summary, ...(risks.length > 1 ? [[], ...risks] : [])];
}

/**
 * The CSV export of a run: RFC 4180, CRLF, UTF-8 with a BOM (Excel on Chinese Windows opens it right),
 * headers in `lang`. First one row per model (score or accuracy, QA metrics and the judge's raw score
 * where the run has them, items, done, errors, error rate, cost in CNY and USD, cost per 1,000 items
 * in both, p50 / p95 ms, tokens/s, Pareto, tokens); then, each after a blank line, MCQ rows per
 * subject and group (`model, kind (subject|group), id, name, items, accuracy`), the safety summary per
 * model (rates, thresholds, 合格/不合格) and its per-risk rows. Numbers are plain (rates 0..1, six
 * decimals at most); text that starts like a formula gets a leading apostrophe.
 */
export function reportCsv(report: RunReport, lang: ReportLang): string {
  const s = reportStrings(lang);
  return formatCsv([...modelSection(report, s), ...mcqSection(report, lang, s), ...safetySection(report, s)]);
}
