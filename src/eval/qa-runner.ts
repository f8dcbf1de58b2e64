import type { QaItem } from './dataset-formats.js';
import { answered, type CallModel, type ItemOutcome } from './item-outcome.js';
import { charF1, exactMatch, rougeL } from './text-metrics.js';

/**
 * One QA item: the input as one user message, the reply scored against every reference (the best
 * over them). Detail `{exact_match, f1, rouge_l}`; the item's score is the exact match (0 or 1).
 */
export async function runQaItem(item: QaItem, model: string, call: CallModel): Promise<ItemOutcome> {
  const answer = await call(model, [{ role: 'user', content: item.input }], 'answer');
  const refs = item.references.length > 0 ? item.references : [item.reference];
  const em = exactMatch(answer.content, refs);
  return answered(answer, em, { exact_match: em, f1: charF1(answer.content, refs), rouge_l: rougeL(answer.content, refs) });
}
