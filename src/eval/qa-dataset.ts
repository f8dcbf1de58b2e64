import { readItemRecords, unknownFieldWarnings, type ItemFileOptions, type ParsedItems, type QaItem } from './dataset-formats.js';
import { assignItemIds, DATASET_LIMITS, RecordFields } from './record-fields.js';

const FIELDS = ['id', 'input', 'reference'];

/**
 * A QA dataset: JSONL objects or CSV rows with `input` and `reference` (and an optional `id`). In JSONL
 * `reference` may be a list of acceptable answers. Problems name the line.
 */
export function parseQaDataset(text: string, options: ItemFileOptions): ParsedItems<QaItem> {
  const records = readItemRecords(text, options);
  const parsed = records.map((r) => {
    const f = new RecordFields(r, options.source);
    const input = f.text('input', DATASET_LIMITS.inputChars, true);
    const references = f.texts('reference', DATASET_LIMITS.referenceChars, DATASET_LIMITS.references);
    return { line: r.line, ownId: f.id(), input, references, content: [input, ...references] };
  });
  const ids = assignItemIds(parsed, options.source);
  return {
    items: parsed.map((p, k) => ({ id: ids[k], input: p.input, reference: p.references[0], references: p.references, line: p.line })),
    warnings: unknownFieldWarnings(records, FIELDS),
  };
}
