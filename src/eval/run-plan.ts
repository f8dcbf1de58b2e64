import type { JudgeItem, McqItem, QaItem, SafetyItem } from './dataset-formats.js';
import { EvalInputError } from './eval-input-error.js';
import type { ItemOutcome, CallModel } from './item-outcome.js';
import { runJudgeItem } from './judge-runner.js';
import { runMcqItem } from './mcq-runner.js';
import type { McqFormat } from './mcq-subjects.js';
import { runQaItem } from './qa-runner.js';
import { runSafetyItem } from './safety-runner.js';
import { selectMcqItems } from './select-mcq-items.js';
import type { Suite, SuiteType } from './suite.js';

/** A stored dataset item as the run reads it (data: the parsed McqItem, QaItem, JudgeItem or SafetyItem). */
export interface StoredItem {
  seq: number;
  item_id: string;
  subject: string | null;
  data: unknown;
}

/** An item the run scores: its dataset position and id, its group (MCQ subject, safety risk), its data. */
export interface PlannedItem {
  seq: number;
  itemId: string;
  subject: string | null;
  data: unknown;
}

/** The items a suite scores and how one is run for a model. */
export interface RunPlan {
  items: PlannedItem[];
  /** MCQ: the benchmark (subject and group names). */
  format?: McqFormat;
  warnings: string[];
  run(item: PlannedItem, model: string, call: CallModel): Promise<ItemOutcome>;
}

/** The dataset types each suite type runs on (a judge suite may judge the answers to a QA set). */
const RUNS_ON: Readonly<Record<SuiteType, readonly string[]>> = {
  mcq: ['mcq'],
  qa: ['qa'],
  judge: ['judge', 'qa'],
  safety: ['safety'],
};

/**
 * What a suite runs of a stored dataset version: MCQ the split and subjects chosen, each subject's
 * first `shots` dev items as examples (selectMcqItems); the others every item in order; `limit` the
 * first N. Problems a run would meet on every item are errors here, before anything is called: a
 * dataset of another type, an MCQ split without answers, a judge item without a rubric when the suite
 * has none.
 */
export function planRun(suite: Suite, dataset: { type: string; format: string | null }, stored: readonly StoredItem[]): RunPlan {
  if (!RUNS_ON[suite.type].includes(dataset.type))
    throw new EvalInputError(
      `A ${suite.type} suite cannot run a ${dataset.type} dataset (it runs ${RUNS_ON[suite.type].join(' or ')} datasets).`,
      `${suite.type} 评测套件不能运行 ${dataset.type} 类型的数据集（可运行：${RUNS_ON[suite.type].join('、')}）。`,
    );
  const limit = <T>(xs: T[]): T[] => (suite.limit === undefined ? xs : xs.slice(0, suite.limit));
  const plain = (subject: (s: StoredItem) => string | null) =>
    limit(stored.map((s) => ({ seq: s.seq, itemId: s.item_id, subject: subject(s), data: s.data })));

  switch (suite.type) {
    case 'mcq': {
      const format: McqFormat = suite.format ?? (dataset.format === 'cmmlu' ? 'cmmlu' : 'ceval');
      const byId = new Map(stored.map((s) => [(s.data as McqItem).id, s]));
      const selection = selectMcqItems(
        { type: 'mcq', format, items: stored.map((s) => s.data as McqItem), warnings: [], files: [] },
        { split: suite.split, subjects: suite.subjects, shots: suite.shots, limit: suite.limit },
      );
      const items = selection.items.map((m) => {
        const s = byId.get(m.id)!;
        return { seq: s.seq, itemId: s.item_id, subject: m.subject, data: m };
      });
      const layout = suite.prompt_layout;
      return {
        items,
        format,
        warnings: selection.warnings,
        run: (item, model, call) => runMcqItem(item.data as McqItem, model, { format, shots: selection.shots, layout }, call),
      };
    }
    case 'qa':
      return { items: plain(() => null), warnings: [], run: (item, model, call) => runQaItem(item.data as QaItem, model, call) };
    case 'judge': {
      const judge = suite.judge!;
      const items = plain(() => null);
      if (!judge.rubric) {
        const missing = items.find((i) => !(i.data as JudgeItem).rubric);
        if (missing)
          throw new EvalInputError(
            `Item ${missing.itemId} has no rubric and the suite gives none (judge.rubric): add one to either.`,
            `条目 ${missing.itemId} 没有评分标准，评测套件也未给出（judge.rubric）：请在其中之一补充。`,
          );
      }
      const o = { model: judge.model, rubric: judge.rubric, scale: judge.scale, language: judge.language };
      return {
        items,
        warnings: [],
        run: (item, model, call) => {
          const d = item.data as JudgeItem | QaItem;
          const rubric = 'rubric' in d ? d.rubric : undefined;
          return runJudgeItem({ input: d.input, reference: d.reference, rubric }, model, o, call);
        },
      };
    }
    case 'safety': {
      const judgeModel = suite.judge?.model;
      return {
        items: plain((s) => (s.data as SafetyItem).riskId ?? s.subject),
        warnings: [],
        run: (item, model, call) => runSafetyItem(item.data as SafetyItem, model, judgeModel, call),
      };
    }
  }
}

/** What loading a run's items needs: the dataset's type, the version's format, the items in order. */
export interface RunPlanSource {
  getDataset(id: string): Promise<{ type: string } | undefined>;
  getVersion(datasetId: string, version: number): Promise<{ format: string } | undefined>;
  loadItems(datasetId: string, version: number): AsyncIterable<StoredItem>;
}

/** Reads a stored dataset version and plans the suite on it ({@link planRun}); a dataset gone is an EvalInputError. */
export async function loadRunPlan(src: RunPlanSource, suite: Suite, datasetId: string, version: number): Promise<RunPlan> {
  const [dataset, v] = await Promise.all([src.getDataset(datasetId), src.getVersion(datasetId, version)]);
  if (!dataset || !v)
    throw new EvalInputError(
      `The dataset version the run uses (${datasetId}@${version}) no longer exists.`,
      `运行所用的数据集版本（${datasetId}@${version}）已不存在。`,
    );
  const stored: StoredItem[] = [];
  for await (const item of src.loadItems(datasetId, version)) stored.push(item);
  return planRun(suite, { type: dataset.type, format: v.format }, stored);
}
