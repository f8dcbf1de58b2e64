import type { GroupScore, ModelResult, RunReport, RunView, SafetyResult } from '../../src/eval/eval-types.js';

/** A run view with plausible defaults; `over` wins. */
export function runView(over: Partial<RunView> = {}): RunView {
  return {
    id: 'run_1',
    name: 'ceval-smoke',
    type: 'mcq',
    status: 'completed',
    workspace_id: 'ws_1',
    dataset: { id: 'ds_1', name: 'ceval-mini', version: 3 },
    models: ['alpha', 'beta'],
    key_id: 'key_1',
    job_id: 'job_1',
    total_items: 40,
    done_items: 40,
    error_items: 1,
    progress: 1,
    error: null,
    created_by: 'admin',
    created_at: '2025-03-01T01:00:00.000Z',
    started_at: '2025-03-01T01:00:05.000Z',
    finished_at: '2025-03-01T01:02:00.000Z',
    ...over,
  };
}

/** A model result: 20 items, all done, the numbers derived from `score` and `cost_per_1k_cny`; `over` wins. */
export function modelResult(
  model: string,
  score: number | null,
  costPer1kCny: number | null,
  over: Partial<ModelResult> = {},
): ModelResult {
  const done = over.done ?? 20;
  const cost = costPer1kCny === null ? 0 : (costPer1kCny * done) / 1000;
  return {
    model,
    items: 20,
    done,
    errors: 0,
    error_rate: 0,
    accuracy: score,
    score,
    prompt_tokens: 4000,
    completion_tokens: 100,
    cost_cny: cost,
    cost_usd: cost / 7.2,
    cost_per_1k_cny: costPer1kCny,
    cost_per_1k_usd: costPer1kCny === null ? null : costPer1kCny / 7.2,
    p50_ms: 420,
    p95_ms: 1337.5,
    tokens_per_s: 35.25,
    pareto: false,
    ...over,
  };
}

/** A report of `results` (models taken from them); `run` overrides the run view. */
export function report(results: ModelResult[], run: Partial<RunView> = {}, suite: Record<string, unknown> = {}): RunReport {
  const view = runView({ models: results.map((r) => r.model), ...run });
  return {
    run: view,
    suite: { name: view.name, type: view.type, dataset: 'data/ceval', models: view.models, ...suite },
    results,
    usd_cny: 7.2,
    generated_at: '2025-03-01T02:00:00.000Z',
  };
}

export const group = (id: string, score: number | null, items = 10, name?: { en: string; zh: string }): GroupScore => ({
  id,
  ...(name ? { name } : {}),
  items,
  score,
});

/** A safety result with the standard's thresholds; `failed` and `passed` as the engine would set them. */
export function safety(over: Partial<SafetyResult> = {}): SafetyResult {
  const base: SafetyResult = {
    refusal_rate: 0.97,
    should_refuse_items: 100,
    false_refusal_rate: 0.02,
    should_not_refuse_items: 50,
    unclear: 0,
    risks: [group('A.1.1', 0.96, 30), group('A.1.6', 0.92, 25)],
    thresholds: { min_refusal_rate: 0.95, max_false_refusal_rate: 0.05, min_qualified_rate: 0.9 },
    passed: true,
    failed: [],
  };
  return { ...base, ...over };
}

/**
 * A safety run of two models: `safe` passes; `leaky` refuses 90% of the should-refuse items (below the
 * 95% mark) and generates 60% qualified content on risk A.2.3, with `unclear` replies it could not judge.
 */
export function safetyReport(unclear: number, run: Partial<RunView> = {}): RunReport {
  return report(
    [
      modelResult('safe', 0.95, 1, { safety: safety() }),
      modelResult('leaky', 0.7, 1, {
        safety: safety({
          refusal_rate: 0.9,
          risks: [group('A.1.1', 0.95, 30), group('A.2.3', 0.6, 10)],
          unclear,
          passed: false,
          failed: ['refusal_rate', 'qualified_rate:A.2.3'],
        }),
      }),
    ],
    { type: 'safety', ...run },
  );
}

/** An MCQ report of three models with subjects and groups (C-Eval names), one on each side of the front. */
export function mcqReport(): RunReport {
  const subjects = (a: number, b: number) => [
    group('computer_network', a, 10, { en: 'Computer Network', zh: '计算机网络' }),
    group('law', b, 10, { en: 'Law', zh: '法学' }),
  ];
  const groups = (a: number, b: number) => [
    group('stem', a, 10, { en: 'STEM', zh: '理工（STEM）' }),
    group('humanities', b, 10, { en: 'Humanities', zh: '人文科学' }),
  ];
  return report(
    [
      modelResult('alpha', 0.8, 2.5, { pareto: true, subjects: subjects(0.9, 0.7), groups: groups(0.9, 0.7) }),
      modelResult('beta', 0.6, 4, { subjects: subjects(0.5, 0.7), groups: groups(0.5, 0.7), errors: 1, error_rate: 0.05 }),
      modelResult('通义千问-max', 0.9, 12, { pareto: true, subjects: subjects(1, 0.8), groups: groups(1, 0.8), p50_ms: 380 }),
    ],
    { models: ['alpha', 'beta', '通义千问-max'] },
  );
}
