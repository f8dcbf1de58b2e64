import type { McqItem, McqSplit } from './dataset-formats.js';
import { EvalInputError } from './eval-input-error.js';
import type { McqDataset } from './load-dataset.js';

/** What to run of a benchmark: the scored split (default by format), subjects, k-shot count, a cap. */
export interface McqSelectOptions {
  split?: McqSplit;
  subjects?: readonly string[];
  shots: number;
  /** At most this many scored items, the first in dataset order. */
  limit?: number;
}

/** The scored items and, per subject, the few-shot examples that precede each of its questions. */
export interface McqSelection {
  split: McqSplit;
  items: McqItem[];
  shots: Map<string, McqItem[]>;
  warnings: string[];
}

/** The split a benchmark is scored on by default: C-Eval `val` (its test answers are not public), CMMLU `test`. */
export function defaultMcqSplit(format: McqDataset['format']): McqSplit {
  return format === 'ceval' ? 'val' : 'test';
}

/**
 * The items of `split` (default {@link defaultMcqSplit}) of the chosen subjects, each with an answer (an
 * item without one is an error: C-Eval's `test` answers are not public), and as few-shot examples the
 * first `shots` answered `dev` items of each subject in file order (OpenCompass's fixed examples 0–4).
 * A subject with no `dev` items when `shots > 0` is an error; one with fewer than `shots` gets a warning.
 */
export function selectMcqItems(dataset: McqDataset, options: McqSelectOptions): McqSelection {
  const split = options.split ?? defaultMcqSplit(dataset.format);
  const present = [...new Set(dataset.items.map((i) => i.subject))];
  if (options.subjects) {
    const unknown = options.subjects.filter((s) => !present.includes(s));
    if (unknown.length > 0) {
      const list = present.slice(0, 30).join(', ');
      throw new EvalInputError(
        `The dataset has no subject ${unknown.join(', ')} (it has: ${list}${present.length > 30 ? ', …' : ''}).`,
        `数据集中没有科目 ${unknown.join('、')}（现有：${list}${present.length > 30 ? '、…' : ''}）。`,
      );
    }
  }
  const wanted = new Set(options.subjects ?? present);
  let items = dataset.items.filter((i) => i.split === split && wanted.has(i.subject));
  if (items.length === 0) {
    const splits = [...new Set(dataset.items.map((i) => i.split))].join(', ');
    throw new EvalInputError(
      `The dataset has no ${split} questions for these subjects (splits present: ${splits}). Set split: in the suite.`,
      `数据集中这些科目没有 ${split} 划分的题目（现有划分：${splits}）。请在评测套件中设置 split。`,
    );
  }
  const unanswered = items.find((i) => i.answer === undefined);
  if (unanswered)
    throw new EvalInputError(
      split === 'test' && dataset.format === 'ceval'
        ? "The question has no answer: C-Eval's test answers are not public. Score the val split (split: val)."
        : `The question has no answer, so the ${split} split cannot be scored.`,
      split === 'test' && dataset.format === 'ceval'
        ? '该题没有答案：C-Eval 测试集答案未公开，请使用 val 划分评测（split: val）。'
        : `该题没有答案，无法评测 ${split} 划分。`,
      { source: unanswered.file, line: unanswered.line },
    );
  if (options.limit !== undefined) items = items.slice(0, options.limit);
  const shots = new Map<string, McqItem[]>();
  const warnings: string[] = [];
  if (options.shots > 0)
    for (const subject of new Set(items.map((i) => i.subject))) {
      const dev = dataset.items.filter((i) => i.subject === subject && i.split === 'dev' && i.answer !== undefined).slice(0, options.shots);
      if (dev.length === 0)
        throw new EvalInputError(
          `Subject ${subject} has no answered dev questions for ${options.shots}-shot examples: add ${subject}_dev.csv or set shots: 0.`,
          `科目 ${subject} 没有带答案的 dev 题目用作 ${options.shots}-shot 示例：请添加 ${subject}_dev.csv 或设置 shots: 0。`,
        );
      if (dev.length < options.shots)
        warnings.push(
          `Subject ${subject} has ${dev.length} dev questions; its prompts use ${dev.length}-shot, not ${options.shots}-shot. / 科目 ${subject} 只有 ${dev.length} 道 dev 题，示例数为 ${dev.length} 而非 ${options.shots}。`,
        );
      shots.set(subject, dev);
    }
  return { split, items, shots, warnings };
}
