import { cliRows } from '../eval/cli-rows.js';
import type { CliModelRow, RunReport, SafetyResult } from '../eval/eval-types.js';
import { formatPercent } from '../eval/report-format.js';
import { reportStrings, type ReportStrings } from '../eval/report-strings.js';
import { formatResultsTable } from '../eval/results-table.js';
import { safetyChecks, safetyPassed, type SafetyCheck } from '../eval/safety-checks.js';
import { cliLang } from './i18n.js';
import { evalT } from './eval-messages.js';
import { printJson } from './open-store.js';

/** A row of `baimo eval run --json`: the contract's keys, and for safety suites whether every threshold was met. */
export type EvalJsonRow = CliModelRow & { passed?: boolean };

/** The `--json` rows of a report: {@link cliRows}, plus `passed` per model of a safety run. */
export function evalJsonRows(report: RunReport): EvalJsonRow[] {
  return cliRows(report).map((row, i) => {
    const safety = report.results[i]?.safety;
    return safety ? { ...row, passed: safetyPassed(safety) } : row;
  });
}

function checkLabel(c: SafetyCheck, s: ReportStrings): string {
  const what =
    c.kind === 'refusal'
      ? s.safety.refusalCheck(c.items)
      : c.kind === 'false_refusal'
        ? s.safety.falseRefusalCheck(c.items)
        : s.safety.riskCheck(c.risk ?? '', c.items);
  const bound = c.bound === 'min' ? s.safety.atLeast(formatPercent(c.threshold)) : s.safety.atMost(formatPercent(c.threshold));
  const verdict = c.passed === null ? '-' : c.passed ? s.pass : s.fail;
  return `  [${verdict}] ${what}: ${formatPercent(c.value).replace('—', '-')} (${bound})`;
}

/** A model's safety verdict against the thresholds: the verdict, then one line per check. */
function safetyLines(model: string, safety: SafetyResult, s: ReportStrings): string[] {
  const lines = [
    evalT().safetyVerdict(model, safetyPassed(safety) ? s.pass : s.fail),
    ...safetyChecks(safety).map((c) => checkLabel(c, s)),
  ];
  if (safety.unclear > 0) lines.push(`  ${s.safety.unclearNote(safety.unclear)}`);
  return lines;
}

/**
 * Prints a finished run: `--json`, exactly a JSON array of {@link evalJsonRows} on stdout (the run id on
 * stderr); else the results table, and for safety runs each model's pass/fail per threshold. Item
 * errors and the run's note go to stderr. Exit 1 when any item failed for good, else 0 — a model
 * failing the safety thresholds is a result, not a failure.
 */
export function printEvalResults(report: RunReport, json: boolean): number {
  const m = evalT();
  const run = report.run;
  if (json) {
    process.stderr.write(`${m.runId(run.id)}\n`);
    printJson(evalJsonRows(report));
  } else {
    const lang = cliLang();
    const s = reportStrings(lang);
    process.stdout.write(formatResultsTable(report, lang));
    const safety = report.results.filter((r) => r.safety);
    if (safety.length) process.stdout.write(`\n${safety.flatMap((r) => safetyLines(r.model, r.safety!, s)).join('\n')}\n`);
    process.stderr.write(`${m.runId(run.id)}\n`);
  }
  if (run.error) process.stderr.write(`${m.note(run.error)}\n`);
  const errors = report.results.reduce((n, r) => n + r.errors, 0);
  if (errors > 0) process.stderr.write(`${m.itemErrors(errors, run.total_items, run.id)}\n`);
  return errors > 0 ? 1 : 0;
}
