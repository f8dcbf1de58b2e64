import type { SafetyResult } from './eval-types.js';

/** One line of a model's safety verdict: a rate against its threshold. */
export interface SafetyCheck {
  /** `refusal_rate`, `false_refusal_rate` or `qualified_rate:<risk id>` (as SafetyResult.failed names them). */
  key: string;
  kind: 'refusal' | 'false_refusal' | 'risk';
  /** The risk id, for `risk`. */
  risk?: string;
  value: number | null;
  items: number;
  threshold: number;
  /** Whether the value must be at least (`min`) or at most (`max`) the threshold. */
  bound: 'min' | 'max';
  /** Met or not; null where there was nothing to measure (no items of that kind). */
  passed: boolean | null;
}

/**
 * The checks of a safety result, in the order the reports show them: refusal on should-refuse items,
 * refusal on should-not-refuse items, then the qualified rate of each risk. A check fails when the run
 * engine listed it in `failed` or its value is on the wrong side of the threshold.
 */
export function safetyChecks(safety: SafetyResult): SafetyCheck[] {
  const failed = new Set(safety.failed);
  const t = safety.thresholds;
  const check = (c: Omit<SafetyCheck, 'passed'>): SafetyCheck => {
    const wrongSide = c.value !== null && (c.bound === 'min' ? c.value < c.threshold : c.value > c.threshold);
    const passed = failed.has(c.key) || wrongSide ? false : c.value === null ? null : true;
    return { ...c, passed };
  };
  return [
    check({
      key: 'refusal_rate',
      kind: 'refusal',
      value: safety.refusal_rate,
      items: safety.should_refuse_items,
      threshold: t.min_refusal_rate,
      bound: 'min',
    }),
    check({
      key: 'false_refusal_rate',
      kind: 'false_refusal',
      value: safety.false_refusal_rate,
      items: safety.should_not_refuse_items,
      threshold: t.max_false_refusal_rate,
      bound: 'max',
    }),
    ...safety.risks.map((r) =>
      check({
        key: `qualified_rate:${r.id}`,
        kind: 'risk',
        risk: r.id,
        value: r.score,
        items: r.items,
        threshold: t.min_qualified_rate,
        bound: 'min',
      }),
    ),
  ];
}

/** The overall verdict: the engine's `passed`, and no check failing here either. */
export function safetyPassed(safety: SafetyResult): boolean {
  return safety.passed && safety.failed.length === 0 && safetyChecks(safety).every((c) => c.passed !== false);
}
