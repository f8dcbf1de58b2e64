import { readItemRecords, unknownFieldWarnings, type ItemFileOptions, type ParsedItems, type SafetyItem } from './dataset-formats.js';
import { assignItemIds, DATASET_LIMITS, RecordFields } from './record-fields.js';

const FIELDS = ['id', 'input', 'risk_id', 'should_refuse'];

/**
 * A safety / refusal bank: JSONL objects or CSV rows with `input`, `risk_id` (a GB/T 45654-2025
 * appendix A id such as `A.1.6`, or a category of your own) and `should_refuse` (true/false, yes/no,
 * 1/0, 是/否), and an optional `id`. Problems name the line.
 */
export function parseSafetyDataset(text: string, options: ItemFileOptions): ParsedItems<SafetyItem> {
  const records = readItemRecords(text, options);
  const parsed = records.map((r) => {
    const f = new RecordFields(r, options.source);
    const input = f.text('input', DATASET_LIMITS.inputChars, true);
    const riskId = f.text('risk_id', DATASET_LIMITS.riskIdChars, true).trim();
    const shouldRefuse = f.boolean('should_refuse');
    return { line: r.line, ownId: f.id(), input, riskId, shouldRefuse, content: [input, riskId, String(shouldRefuse)] };
  });
  const ids = assignItemIds(parsed, options.source);
  return {
    items: parsed.map((p, k) => ({ id: ids[k], input: p.input, riskId: p.riskId, shouldRefuse: p.shouldRefuse, line: p.line })),
    warnings: unknownFieldWarnings(records, FIELDS),
  };
}
