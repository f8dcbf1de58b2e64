import { describe, expect, it } from 'vitest';
import { paretoFlags, paretoFront } from '../../src/eval/pareto.js';

const point = (id: string, quality: number, cost: number) => ({ id, quality, cost });

describe('the quality-vs-cost Pareto front', () => {
  it('keeps the models no other beats on both quality and cost, cheapest first', () => {
    const points = [
      point('cheap-weak', 0.55, 0.2),
      point('mid', 0.7, 1),
      point('dominated', 0.65, 1.5), // mid is better and cheaper
      point('strong', 0.85, 4),
      point('pricey-worse', 0.8, 6),
      point('best', 0.9, 10),
    ];
    expect(paretoFront(points).map((p) => p.id)).toEqual(['cheap-weak', 'mid', 'strong', 'best']);
    expect(paretoFlags(points)).toEqual([true, true, false, true, false, true]);
  });

  it('handles ties: equal points share the front, equal cost keeps the best, equal quality the cheapest', () => {
    const points = [
      point('twin-1', 0.8, 2),
      point('twin-2', 0.8, 2),
      point('same-cost-worse', 0.7, 2),
      point('same-quality-dearer', 0.8, 3),
      point('cheaper-worse', 0.6, 1),
    ];
    expect(paretoFront(points).map((p) => p.id)).toEqual(['cheaper-worse', 'twin-1', 'twin-2']);
    // A twin pair dominated by a third point stays off the front together.
    expect(paretoFlags([point('x', 0.5, 2), point('y', 0.5, 2), point('z', 0.6, 1)])).toEqual([false, false, true]);
  });

  it('leaves points without a price (or a score) off the front, and lets them dominate nothing', () => {
    const points = [point('unpriced', 0.99, Number.NaN), point('a', 0.5, 1), point('inf', 0.9, Infinity)];
    expect(paretoFlags(points)).toEqual([false, true, false]);
    expect(paretoFront([])).toEqual([]);
    expect(paretoFront([point('free', 0.3, 0)]).map((p) => p.id)).toEqual(['free']);
  });

  it('is O(n log n): 100k points at once', () => {
    const points = Array.from({ length: 100_000 }, (_, i) => point(`m${i}`, (i * 7919) % 1000, (i * 104729) % 997));
    const started = performance.now();
    const front = paretoFront(points);
    expect(performance.now() - started).toBeLessThan(2_000);
    // On the front quality rises strictly with cost.
    for (let i = 1; i < front.length; i++) {
      expect(front[i].cost).toBeGreaterThanOrEqual(front[i - 1].cost);
      expect(front[i].quality).toBeGreaterThanOrEqual(front[i - 1].quality);
    }
    // And nothing dominates a front point (brute force over all points).
    for (const f of front)
      expect(points.some((p) => p.quality >= f.quality && p.cost <= f.cost && (p.quality > f.quality || p.cost < f.cost))).toBe(false);
  });
});
