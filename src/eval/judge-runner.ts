import { judgeMessages, parseJudgeScore, type JudgeScale } from './judge-prompt.js';
import { addJudgeCost, answered, failed, judgeFigures, JudgeCallFailed, type CallModel, type ItemOutcome } from './item-outcome.js';

/** A judge suite's judge: its model, the suite's rubric (an item's own wins), scale and language. */
export interface JudgeRunnerOptions {
  model: string;
  rubric?: string;
  scale: JudgeScale;
  language: 'zh' | 'en';
}

/** What a judged item holds (a judge item, or a QA item judged against its reference). */
export interface JudgedItem {
  input: string;
  reference?: string;
  rubric?: string;
}

/** The item code of an answer whose judgement has no score within the scale. */
export const JUDGE_UNPARSED = 'judge_unparsed';

/**
 * One LLM-as-judge item: the model answers the input; the judge model scores the answer with
 * {@link judgeMessages} (rubric, question, reference when there is one). Detail `judge`: the judge's
 * model, prompt messages, raw judgement, parsed score and request id (and its tokens and cost, which
 * are added to the item's). Score = (s − min) / (max − min). A judgement without a score in the scale is
 * an item error `judge_unparsed` (the answer and judgement kept).
 */
export async function runJudgeItem(item: JudgedItem, model: string, o: JudgeRunnerOptions, call: CallModel): Promise<ItemOutcome> {
  const answer = await call(model, [{ role: 'user', content: item.input }], 'answer');
  const rubric = item.rubric ?? o.rubric ?? '';
  const messages = judgeMessages({
    rubric,
    input: item.input,
    ...(item.reference === undefined ? {} : { reference: item.reference }),
    answer: answer.content,
    scale: o.scale,
    language: o.language,
  });
  const base = { rubric_source: item.rubric !== undefined ? 'item' : 'suite' };
  let judge;
  try {
    judge = await call(o.model, messages, 'judge');
  } catch (err) {
    throw new JudgeCallFailed(err, answer, { ...base, judge: { model: o.model, messages } });
  }
  const score = parseJudgeScore(judge.content, o.scale) ?? null;
  const detail = { ...base, judge: { model: o.model, messages, raw: judge.content, score, ...judgeFigures(judge) } };
  if (score === null)
    return addJudgeCost(
      failed(JUDGE_UNPARSED, `The judge's reply has no score from ${o.scale.min} to ${o.scale.max}.`, answer, detail),
      judge,
    );
  return addJudgeCost(answered(answer, (score - o.scale.min) / (o.scale.max - o.scale.min), detail), judge);
}
