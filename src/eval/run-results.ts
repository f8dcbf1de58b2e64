import type { EvalRunItemTable, EvalRunTable } from '../store/schema.js';
import type { ModelResult } from './eval-types.js';
import { RunSummary } from './run-summary.js';
import type { Suite } from './suite.js';

/** The suite a run stored (validated when the run was made). */
export function storedSuite(run: Pick<EvalRunTable, 'suite'>): Suite {
  return JSON.parse(run.suite) as Suite;
}

/** A run's results from its finished items, streamed from the store (one pass, nothing held but the tallies). */
export async function runResults(
  items: AsyncIterable<EvalRunItemTable>,
  run: Pick<EvalRunTable, 'suite' | 'type' | 'total_items'>,
  usdCny: number,
): Promise<ModelResult[]> {
  const suite = storedSuite(run);
  const summary = new RunSummary({
    type: run.type,
    models: suite.models,
    itemsPerModel: suite.models.length > 0 ? Math.round(run.total_items / suite.models.length) : 0,
    format: suite.format,
    thresholds: suite.thresholds,
    usdCny,
  });
  for await (const row of items) summary.add(row);
  return summary.results();
}
