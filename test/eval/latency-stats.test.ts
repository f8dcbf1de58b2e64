import { describe, expect, it } from 'vitest';
import { errorRate, latencyStats, perThousand, tokensPerSecond } from '../../src/eval/latency-stats.js';
import { percentile } from '../../src/eval/percentile.js';

describe('percentile (linear interpolation between closest ranks)', () => {
  it('matches hand-computed values', () => {
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([5], 0.95)).toBe(5);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 0.95)).toBeCloseTo(95.05, 10);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([Number.NaN, 10, Infinity], 0.5)).toBe(10);
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });
});

describe('latency, throughput and error helpers', () => {
  it('summarises latency samples', () => {
    // Sorted: 100 200 300 400 1000; p50 = 300, p95 at rank 3.8 → 400 + 0.8·600 = 880.
    expect(latencyStats([300, 100, 1000, 200, 400, Number.NaN, -5])).toEqual({
      count: 5,
      p50_ms: 300,
      p95_ms: expect.closeTo(880, 9),
      mean_ms: 400,
      min_ms: 100,
      max_ms: 1000,
    });
    expect(latencyStats([])).toEqual({ count: 0, p50_ms: null, p95_ms: null, mean_ms: null, min_ms: null, max_ms: null });
  });

  it('computes tokens per second, error rate and per-1,000 cost', () => {
    expect(tokensPerSecond(500, 2_000)).toBe(250);
    expect(tokensPerSecond(10, 0)).toBeNull();
    expect(errorRate(3, 60)).toBe(0.05);
    expect(errorRate(0, 0)).toBeNull();
    expect(perThousand(1.5, 250)).toBe(6);
    expect(perThousand(1, 0)).toBeNull();
  });
});
