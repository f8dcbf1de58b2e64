import type { McqItem } from './dataset-formats.js';
import { extractChoice } from './extract-choice.js';
import { answered, type CallModel, type ItemOutcome } from './item-outcome.js';
import { mcqMessages, type McqPromptLayout } from './mcq-prompt.js';
import type { McqFormat } from './mcq-subjects.js';

/** How an MCQ suite asks: the benchmark's format, each subject's few-shot examples, the layout. */
export interface McqRunnerOptions {
  format: McqFormat;
  /** Per subject, the answered `dev` items used as examples (selectMcqItems' `shots`). */
  shots: ReadonlyMap<string, readonly McqItem[]>;
  layout?: McqPromptLayout;
}

/**
 * One multiple-choice item: the k-shot prompt of {@link mcqMessages}, the model's reply, the letter
 * {@link extractChoice} reads in it. Score 1 when it is the answer, else 0 (no letter found is wrong,
 * not an error). Detail: `{choice, answer, shots}`.
 */
export async function runMcqItem(item: McqItem, model: string, o: McqRunnerOptions, call: CallModel): Promise<ItemOutcome> {
  const shots = o.shots.get(item.subject) ?? [];
  const messages = mcqMessages(item, { format: o.format, shots, layout: o.layout });
  const answer = await call(model, messages, 'answer');
  const choice = extractChoice(answer.content);
  return answered(answer, choice !== null && choice === item.answer ? 1 : 0, {
    choice,
    answer: item.answer ?? null,
    shots: shots.filter((s) => s.id !== item.id && s.answer !== undefined).length,
  });
}
