import { describe, expect, it } from 'vitest';
import { buildLeaderboard } from '../../src/eval/build-leaderboard.js';
import type { RunReport, RunView } from '../../src/eval/eval-types.js';
import { modelResult, report } from './report-fixtures.js';

const at = (minute: number) => `2025-04-01T08:${String(minute).padStart(2, '0')}:00.000Z`;
const run = (id: string, minute: number, results: ReturnType<typeof modelResult>[], over: Partial<RunView> = {}): RunReport =>
  report(results, { id, name: 'ceval', finished_at: at(minute), created_at: at(minute - 1), ...over });

/** Runs of two suites, two dataset versions, some not completed; in no particular order. */
function runs(): RunReport[] {
  return [
    run('r2', 20, [modelResult('alpha', 0.85, 3)]), // alpha again, later: this one counts
    run('r1', 10, [modelResult('alpha', 0.7, 3), modelResult('beta', 0.6, 1)]),
    run('r3', 30, [modelResult('alpha', 0.99, 0.1), modelResult('beta', 0.99, 0.1)], { status: 'failed' }),
    run('r4', 40, [modelResult('beta', 0.95, 0.1)], { status: 'running', finished_at: null }),
    run('r5', 50, [modelResult('gamma', 0.9, 8), modelResult('beta', 0.65, 0.5)]),
    run('r6', 55, [modelResult('alpha', 0.5, 2)], { dataset: { id: 'ds_1', name: 'ceval-mini', version: 4 } }),
    run('q1', 15, [modelResult('alpha', 0.4, 5, { accuracy: null }), modelResult('beta', 0.5, 1, { accuracy: null })], {
      name: 'qa-faq',
      type: 'qa',
      dataset: { id: 'ds_qa', name: 'faq', version: 1 },
    }),
    run('r7', 5, [modelResult('cancelled-model', 1, 1)], { status: 'cancelled' }),
  ];
}

describe('buildLeaderboard', () => {
  it('takes each model’s latest completed result per suite and dataset version', () => {
    const view = buildLeaderboard(runs());
    expect(view.groups.map((g) => [g.suite, g.dataset, g.type, g.run_ids])).toEqual([
      ['ceval', 'ceval-mini@4', 'mcq', ['r6']],
      ['ceval', 'ceval-mini@3', 'mcq', ['r5', 'r2']],
      ['qa-faq', 'faq@1', 'qa', ['q1']],
    ]);
    const v3 = view.groups[1];
    // beta from r5 (not the failed r3 nor the running r4), alpha from r2 (not r1), gamma from r5.
    expect(v3.rows.map((r) => [r.model, r.run_id, r.score])).toEqual([
      ['gamma', 'r5', 0.9],
      ['alpha', 'r2', 0.85],
      ['beta', 'r5', 0.65],
    ]);
    expect(v3.rows.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(v3.rows[1]).toEqual({
      model: 'alpha',
      suite: 'ceval',
      run_id: 'r2',
      dataset: 'ceval-mini@3',
      dataset_id: 'ds_1',
      type: 'mcq',
      score: 0.85,
      accuracy: 0.85,
      cost_per_1k_cny: 3,
      cost_per_1k_usd: 3 / 7.2,
      p50_ms: 420,
      p95_ms: 1337.5,
      tokens_per_s: 35.25,
      error_rate: 0,
      items: 20,
      rank: 2,
      pareto: true,
      finished_at: at(20),
    });
    expect(view.groups.flatMap((g) => g.rows.map((r) => r.model))).not.toContain('cancelled-model');
  });

  it('recomputes the Pareto front across the runs of a group (the runs’ own flags do not compare)', () => {
    const view = buildLeaderboard([
      run('a', 1, [modelResult('cheap', 0.6, 1, { pareto: true })]),
      run('b', 2, [modelResult('dear-worse', 0.5, 9, { pareto: true })]),
      run('c', 3, [modelResult('dear-better', 0.9, 9, { pareto: true })]),
    ]);
    const rows = view.groups[0].rows;
    expect(rows.map((r) => [r.model, r.pareto])).toEqual([
      ['dear-better', true],
      ['cheap', true],
      ['dear-worse', false],
    ]);
  });

  it('does not depend on the order of the input, and breaks time ties by run id', () => {
    const a = buildLeaderboard(runs());
    const b = buildLeaderboard([...runs()].reverse());
    expect(b).toEqual(a);
    const tie = [run('x1', 10, [modelResult('m', 0.1, 1)]), run('x2', 10, [modelResult('m', 0.2, 1)])];
    expect(buildLeaderboard(tie).groups[0].rows[0].run_id).toBe('x2');
    expect(buildLeaderboard([...tie].reverse()).groups[0].rows[0].run_id).toBe('x2');
    // Without finished_at the start, then the creation time, decide.
    const started = [
      run('s1', 10, [modelResult('m', 0.1, 1)], { finished_at: null, started_at: at(30) }),
      run('s2', 20, [modelResult('m', 0.2, 1)], { finished_at: null, started_at: at(25) }),
    ];
    expect(buildLeaderboard(started).groups[0].rows[0].run_id).toBe('s1');
  });

  it('ranks ties equally, puts models without a score last, and sorts ties by cost then name', () => {
    const view = buildLeaderboard([
      run('t', 1, [
        modelResult('z-none', null, 1),
        modelResult('b', 0.8, 2),
        modelResult('a', 0.8, 2),
        modelResult('cheap', 0.8, 1),
        modelResult('top', 0.9, 5),
      ]),
    ]);
    expect(view.groups[0].rows.map((r) => [r.model, r.rank])).toEqual([
      ['top', 1],
      ['cheap', 2],
      ['a', 2],
      ['b', 2],
      ['z-none', null],
    ]);
  });

  it('gives an overall view: each model’s mean over its groups', () => {
    const view = buildLeaderboard(runs());
    expect(view.overall.map((r) => [r.model, r.groups, r.rank])).toEqual([
      ['gamma', 1, 1],
      ['alpha', 3, 2],
      ['beta', 2, 3],
    ]);
    const alpha = view.overall.find((r) => r.model === 'alpha')!;
    expect(alpha.score).toBeCloseTo((0.5 + 0.85 + 0.4) / 3, 12);
    expect(alpha.accuracy).toBeCloseTo((0.5 + 0.85) / 2, 12); // MCQ groups only
    expect(alpha.cost_per_1k_cny).toBeCloseTo((2 + 3 + 5) / 3, 12);
    expect(alpha.finished_at).toBe(at(55));
    const beta = view.overall.find((r) => r.model === 'beta')!;
    expect(beta.score).toBeCloseTo((0.65 + 0.5) / 2, 12);
    // beta (0.575 at ¥0.75) is the cheapest, gamma (0.9 at ¥8) the best, alpha (0.583 at ¥3.33) between.
    expect(view.overall.map((r) => [r.model, r.pareto])).toEqual([
      ['gamma', true],
      ['alpha', true],
      ['beta', true],
    ]);
    // A later, cheaper and better beta run pushes alpha off the overall front.
    const more = buildLeaderboard([...runs(), run('r8', 58, [modelResult('beta', 0.9, 0.5)])]);
    expect(more.overall.map((r) => [r.model, r.pareto])).toEqual([
      ['gamma', true],
      ['beta', true],
      ['alpha', false],
    ]);
  });

  it('filters by type, suite, dataset and models; no completed run, no groups', () => {
    expect(buildLeaderboard(runs(), { type: 'qa' }).groups.map((g) => g.suite)).toEqual(['qa-faq']);
    expect(buildLeaderboard(runs(), { suite: 'ceval' }).groups).toHaveLength(2);
    expect(buildLeaderboard(runs(), { datasetId: 'ds_qa' }).groups.map((g) => g.dataset)).toEqual(['faq@1']);
    const only = buildLeaderboard(runs(), { models: ['beta'] });
    expect(only.groups.map((g) => [g.dataset, g.run_ids, g.rows.map((r) => r.model)])).toEqual([
      ['ceval-mini@3', ['r5'], ['beta']],
      ['faq@1', ['q1'], ['beta']],
    ]);
    expect(buildLeaderboard([run('f', 1, [modelResult('m', 1, 1)], { status: 'failed' })])).toEqual({ groups: [], overall: [] });
    expect(buildLeaderboard([])).toEqual({ groups: [], overall: [] });
  });

  it('is plain snake_case JSON', () => {
    const json = JSON.stringify(buildLeaderboard(runs()));
    expect(JSON.parse(json)).toEqual(buildLeaderboard(runs()));
    for (const key of json.match(/"([a-z0-9_]+)":/gi) ?? []) expect(key).toMatch(/^"[a-z0-9_]+":$/);
  });
});
