import { setOwn } from '../core/set-own.js';
import type { RunReport } from './eval-types.js';

/** The key order of an object in the JSON report: `keys` first in this order, the rest alphabetical. */
interface KeyOrder {
  keys: readonly string[];
  /** Orders of nested values by key (arrays: of their elements). */
  nested?: Readonly<Record<string, KeyOrder>>;
}

const NAME: KeyOrder = { keys: ['en', 'zh'] };
const GROUP: KeyOrder = { keys: ['id', 'name', 'items', 'score'], nested: { name: NAME } };
const SAFETY: KeyOrder = {
  keys: [
    'refusal_rate',
    'should_refuse_items',
    'false_refusal_rate',
    'should_not_refuse_items',
    'unclear',
    'risks',
    'thresholds',
    'passed',
    'failed',
  ],
  nested: { risks: GROUP, thresholds: { keys: ['min_refusal_rate', 'max_false_refusal_rate', 'min_qualified_rate'] } },
};
const RESULT: KeyOrder = {
  keys: [
    'model',
    'items',
    'done',
    'errors',
    'error_rate',
    'accuracy',
    'score',
    'metrics',
    'judge_score',
    'subjects',
    'groups',
    'safety',
    'prompt_tokens',
    'completion_tokens',
    'cost_cny',
    'cost_usd',
    'cost_per_1k_cny',
    'cost_per_1k_usd',
    'p50_ms',
    'p95_ms',
    'tokens_per_s',
    'pareto',
  ],
  nested: { metrics: { keys: ['exact_match', 'f1', 'rouge_l'] }, subjects: GROUP, groups: GROUP, safety: SAFETY },
};
const RUN: KeyOrder = {
  keys: [
    'id',
    'name',
    'type',
    'status',
    'workspace_id',
    'dataset',
    'models',
    'key_id',
    'job_id',
    'total_items',
    'done_items',
    'error_items',
    'progress',
    'error',
    'created_by',
    'created_at',
    'started_at',
    'finished_at',
  ],
  nested: { dataset: { keys: ['id', 'name', 'version'] } },
};
const SUITE: KeyOrder = {
  keys: [
    'name',
    'description',
    'type',
    'dataset',
    'models',
    'shots',
    'concurrency',
    'judge',
    'format',
    'split',
    'subjects',
    'prompt_layout',
    'limit',
    'parameters',
    'timeout_s',
    'thresholds',
  ],
  nested: {
    judge: { keys: ['model', 'rubric', 'rubric_file', 'scale', 'language'], nested: { scale: { keys: ['min', 'max'] } } },
    parameters: { keys: ['temperature', 'top_p', 'max_tokens', 'seed', 'stop'] },
    thresholds: SAFETY.nested!.thresholds,
  },
};
const REPORT: KeyOrder = {
  keys: ['run', 'suite', 'results', 'usd_cny', 'generated_at'],
  nested: { run: RUN, suite: SUITE, results: RESULT },
};
const ALPHABETICAL: KeyOrder = { keys: [] };

/** A copy of `value` whose objects have their keys in `order` (recursively; unknown ones alphabetical). */
function ordered(value: unknown, order: KeyOrder): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, order));
  if (value === null || typeof value !== 'object') return value;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return ordered(toJSON.call(value), order); // a Date, say
  const source = value as Record<string, unknown>;
  const own = Object.keys(source);
  const known = order.keys.filter((k) => Object.prototype.hasOwnProperty.call(source, k));
  const listed = new Set(order.keys);
  const rest = own.filter((k) => !listed.has(k)).sort();
  const out: Record<string, unknown> = {};
  for (const k of [...known, ...rest]) {
    // Own keys only: `nested['__proto__']` or `nested.constructor` must not find Object.prototype's.
    const inner = order.nested && Object.prototype.hasOwnProperty.call(order.nested, k) ? order.nested[k] : ALPHABETICAL;
    setOwn(out, k, ordered(source[k], inner));
  }
  return out;
}

/**
 * The JSON report: the whole {@link RunReport}, pretty-printed (two spaces, a final newline), keys in
 * a stable order whatever order the object was built in: the contract's order for the report, run,
 * suite and results (as eval-types.ts lists them), alphabetical for any other key. Non-finite numbers
 * become null (as JSON has it).
 */
export function reportJson(report: RunReport): string {
  return `${JSON.stringify(ordered(report, REPORT), null, 2)}\n`;
}
