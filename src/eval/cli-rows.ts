import type { CliModelRow, RunReport } from './eval-types.js';

/**
 * The rows of `baimo eval run --json`, one per model in suite order: `model`, `accuracy` (MCQ; null
 * otherwise), `score`, `items`, `errors`, `cost` (the model's total in CNY), `currency` ('CNY'), `p50_ms`.
 */
export function cliRows(report: RunReport): CliModelRow[] {
  return report.results.map((r) => ({
    model: r.model,
    accuracy: r.accuracy,
    score: r.score,
    items: r.items,
    errors: r.errors,
    cost: r.cost_cny,
    currency: 'CNY',
    p50_ms: r.p50_ms,
  }));
}
