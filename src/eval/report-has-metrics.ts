import type { RunReport } from './eval-types.js';

/** Whether the report has QA metrics / judge scores to show (by its type, or because results carry them). */
export function reportHasMetrics(report: RunReport): { qa: boolean; judge: boolean } {
  return {
    qa: report.run.type === 'qa' || report.results.some((r) => r.metrics !== undefined),
    judge: report.run.type === 'judge' || report.results.some((r) => r.judge_score !== undefined),
  };
}
