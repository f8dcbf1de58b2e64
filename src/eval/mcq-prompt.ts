import type { McqItem, McqLetter } from './dataset-formats.js';
import { mcqSubjectInfo, type McqFormat } from './mcq-subjects.js';
import type { PromptMessage } from './prompt-message.js';

/** The question part of an item; the answer is only read for few-shot examples. */
type Question = Pick<McqItem, 'subject' | 'question' | 'options'>;

/**
 * One question as OpenCompass's generation prompts put it (`{subject}` is the subject's Chinese name, see
 * mcq-subjects.ts; a subject the benchmark does not list is named by its id with spaces):
 *
 * - C-Eval (`ceval_gen`): `以下是中国关于{subject}考试的单项选择题，请选出其中的正确答案。\n{question}\nA. {A}\nB. {B}\nC. {C}\nD. {D}\n答案: `
 *   (ending in `答案: ` with the space).
 * - CMMLU (`cmmlu_gen`): `以下是关于{subject}的单项选择题，请直接给出正确答案的选项。\n题目：{question}\nA. {A}\nB. {B}\nC. {C}\nD. {D}`
 */
export function mcqQuestionPrompt(format: McqFormat, item: Question): string {
  const subject = mcqSubjectInfo(format, item.subject).zh;
  const { A, B, C, D } = item.options;
  return format === 'ceval'
    ? `以下是中国关于${subject}考试的单项选择题，请选出其中的正确答案。\n${item.question}\nA. ${A}\nB. ${B}\nC. ${C}\nD. ${D}\n答案: `
    : `以下是关于${subject}的单项选择题，请直接给出正确答案的选项。\n题目：${item.question}\nA. ${A}\nB. ${B}\nC. ${C}\nD. ${D}`;
}

/** The answer of a few-shot example: C-Eval `{answer}` (the letter alone), CMMLU `答案是: {answer}`. */
export function mcqAnswerTurn(format: McqFormat, answer: McqLetter): string {
  return format === 'ceval' ? answer : `答案是: ${answer}`;
}

/** How the few-shot examples are laid out: as chat turns (OpenCompass's rounds), or in one user message. */
export type McqPromptLayout = 'turns' | 'single';

/** The format, the few-shot examples (answered `dev` items of the subject) and the layout. */
export interface McqPromptOptions {
  format: McqFormat;
  shots?: readonly McqItem[];
  /** Default `turns`. */
  layout?: McqPromptLayout;
}

/**
 * The chat messages for one multiple-choice item, k-shot.
 *
 * `turns` (the default; what OpenCompass sends a chat model): for each example a `user` message
 * {@link mcqQuestionPrompt} and an `assistant` message {@link mcqAnswerTurn}, then a `user` message with
 * the item's {@link mcqQuestionPrompt}. With 0 shots that is the one user message.
 *
 * `single`: one `user` message: each example as `{question prompt}{answer turn}` for C-Eval and
 * `{question prompt}\n{answer turn}` for CMMLU, the examples and the item's question prompt joined by
 * `\n\n`.
 *
 * An example that is the item itself (scoring the `dev` split) is left out; examples without an answer
 * are left out.
 */
export function mcqMessages(item: McqItem, options: McqPromptOptions): PromptMessage[] {
  const { format } = options;
  const shots = (options.shots ?? []).filter((s) => s.id !== item.id && s.answer !== undefined);
  const question = mcqQuestionPrompt(format, item);
  if (options.layout === 'single') {
    const sep = format === 'ceval' ? '' : '\n';
    const blocks = shots.map((s) => `${mcqQuestionPrompt(format, s)}${sep}${mcqAnswerTurn(format, s.answer!)}`);
    return [{ role: 'user', content: [...blocks, question].join('\n\n') }];
  }
  const messages: PromptMessage[] = [];
  for (const s of shots)
    messages.push(
      { role: 'user', content: mcqQuestionPrompt(format, s) },
      { role: 'assistant', content: mcqAnswerTurn(format, s.answer!) },
    );
  messages.push({ role: 'user', content: question });
  return messages;
}
