import { readItemRecords, unknownFieldWarnings, type ItemFileOptions, type JudgeItem, type ParsedItems } from './dataset-formats.js';
import { assignItemIds, DATASET_LIMITS, RecordFields } from './record-fields.js';

const FIELDS = ['id', 'input', 'reference', 'rubric'];

/** Options of {@link parseJudgeDataset}: `requireRubric` when the suite gives no rubric of its own. */
export interface JudgeFileOptions extends ItemFileOptions {
  requireRubric?: boolean;
}

/**
 * A judge dataset: JSONL objects or CSV rows with `input`, optional `reference` and `rubric` (and `id`).
 * With `requireRubric` an item without a rubric is an error naming its line.
 */
export function parseJudgeDataset(text: string, options: JudgeFileOptions): ParsedItems<JudgeItem> {
  const records = readItemRecords(text, options);
  const parsed = records.map((r) => {
    const f = new RecordFields(r, options.source);
    const input = f.text('input', DATASET_LIMITS.inputChars, true);
    const reference = f.text('reference', DATASET_LIMITS.referenceChars);
    const rubric = f.text('rubric', DATASET_LIMITS.rubricChars);
    if (options.requireRubric && rubric === undefined)
      throw f.fail(
        'The item has no "rubric" and the suite gives none (judge.rubric): add one to either.',
        '该条数据没有“rubric”，评测套件也未给出（judge.rubric）：请在其中之一补充评分标准。',
      );
    return { line: r.line, ownId: f.id(), input, reference, rubric, content: [input, reference ?? '', rubric ?? ''] };
  });
  const ids = assignItemIds(parsed, options.source);
  return {
    items: parsed.map((p, k) => ({
      id: ids[k],
      input: p.input,
      ...(p.reference === undefined ? {} : { reference: p.reference }),
      ...(p.rubric === undefined ? {} : { rubric: p.rubric }),
      line: p.line,
    })),
    warnings: unknownFieldWarnings(records, FIELDS),
  };
}
