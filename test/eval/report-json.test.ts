import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/eval/eval-types.js';
import { reportJson } from '../../src/eval/report-json.js';
import { mcqReport, modelResult, report, safety } from './report-fixtures.js';

/** The same value with every object's keys in reverse order (as another builder might write them). */
function reversed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversed) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  ) as T;
}

describe('reportJson', () => {
  it('is the whole report, pretty-printed, and parses back to it', () => {
    const r = mcqReport();
    const json = reportJson(r);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "run": {');
    expect(JSON.parse(json)).toEqual(r);
  });

  it('has a stable key order: the contract’s order, whatever order the object was built in', () => {
    const r = report(
      [modelResult('a', 0.5, 1, { safety: safety(), metrics: { exact_match: 1, f1: 1, rouge_l: 1 } })],
      {},
      { zeta: 1, alpha: 2 },
    );
    const json = reportJson(r);
    expect(reportJson(reversed(r))).toBe(json);
    const parsed = JSON.parse(json) as RunReport;
    expect(Object.keys(parsed)).toEqual(['run', 'suite', 'results', 'usd_cny', 'generated_at']);
    expect(Object.keys(parsed.run).slice(0, 6)).toEqual(['id', 'name', 'type', 'status', 'workspace_id', 'dataset']);
    expect(Object.keys(parsed.run.dataset)).toEqual(['id', 'name', 'version']);
    expect(Object.keys(parsed.results[0])).toEqual([
      'model',
      'items',
      'done',
      'errors',
      'error_rate',
      'accuracy',
      'score',
      'metrics',
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
    ]);
    expect(Object.keys(parsed.results[0].metrics!)).toEqual(['exact_match', 'f1', 'rouge_l']);
    expect(Object.keys(parsed.results[0].safety!.risks[0])).toEqual(['id', 'items', 'score']);
    // The suite: its contract keys first, then any other key alphabetically.
    expect(Object.keys(parsed.suite)).toEqual(['name', 'type', 'dataset', 'models', 'alpha', 'zeta']);
  });

  it('keeps odd keys as data (a __proto__ key stays an own key) and writes non-finite numbers as null', () => {
    const r = report([modelResult('a', 0.5, 1, { tokens_per_s: Number.POSITIVE_INFINITY })]);
    r.suite = JSON.parse('{"name":"s","__proto__":{"polluted":true},"constructor":{"b":1,"a":2}}') as Record<string, unknown>;
    const parsed = JSON.parse(reportJson(r)) as { suite: Record<string, unknown>; results: { tokens_per_s: unknown }[] };
    expect(Object.keys(parsed.suite)).toEqual(['name', '__proto__', 'constructor']);
    expect(Object.keys(parsed.suite.constructor as object)).toEqual(['a', 'b']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parsed.results[0].tokens_per_s).toBeNull();
  });
});
