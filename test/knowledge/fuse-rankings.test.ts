import { describe, expect, it } from 'vitest';
import { fuseRankings } from '../../src/knowledge/fuse-rankings.js';

describe('fuseRankings (reciprocal-rank fusion)', () => {
  it('scores 1 for an id first everywhere and sums weighted reciprocal ranks, normalised', () => {
    const fused = fuseRankings(
      [
        { name: 'keyword', ids: ['a', 'b', 'c'], weight: 1 },
        { name: 'vector', ids: ['a', 'c', 'd'], weight: 1 },
      ],
      60,
    );
    expect(fused.map((f) => f.id)).toEqual(['a', 'c', 'b', 'd']);
    expect(fused[0]).toEqual({ id: 'a', score: 1, ranks: { keyword: 1, vector: 1 } });
    const norm = 2 / 61;
    expect(fused[1]!.score).toBeCloseTo((1 / 63 + 1 / 62) / norm, 12);
    expect(fused[2]).toMatchObject({ id: 'b', ranks: { keyword: 2 } });
    expect(fused[2]!.score).toBeCloseTo(1 / 62 / norm, 12);
    expect(fused[3]!.ranks).toEqual({ vector: 3 });
  });

  it('lets weights shift the order, and a zero weight counts for nothing while its ranks are kept', () => {
    const rankings = (kw: number, vec: number) => [
      { name: 'keyword', ids: ['x', 'y'], weight: kw },
      { name: 'vector', ids: ['y', 'x'], weight: vec },
    ];
    expect(fuseRankings(rankings(2, 1), 60)[0]!.id).toBe('x');
    expect(fuseRankings(rankings(1, 2), 60)[0]!.id).toBe('y');
    const vectorOnly = fuseRankings(rankings(0, 1), 60);
    expect(vectorOnly.map((f) => f.id)).toEqual(['y', 'x']);
    expect(vectorOnly[0]).toEqual({ id: 'y', score: 1, ranks: { keyword: 2, vector: 1 } });
  });

  it('breaks ties by best rank then id, keeps the first rank of a repeated id, and handles edge cases', () => {
    // b and c tie on score (rank 2 in one ranking each); a repeated id keeps its first rank.
    const fused = fuseRankings(
      [
        { name: 'k', ids: ['a', 'c', 'a'], weight: 1 },
        { name: 'v', ids: ['a', 'b'], weight: 1 },
      ],
      1,
    );
    expect(fused.map((f) => f.id)).toEqual(['a', 'b', 'c']);
    expect(fused[0]!.ranks).toEqual({ k: 1, v: 1 });
    expect(fuseRankings([], 60)).toEqual([]);
    expect(fuseRankings([{ name: 'k', ids: ['a'], weight: 0 }], 60)).toEqual([{ id: 'a', score: 0, ranks: { k: 1 } }]);
    expect(() => fuseRankings([], -1)).toThrow(RangeError);
  });

  it('gives every id a score in (0, 1], best first, over random pairs of rankings (property)', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + Math.floor(rand() * 30);
      const ids = Array.from({ length: n }, (_, i) => `d${i}`);
      const shuffled = [...ids].sort(() => rand() - 0.5);
      const fused = fuseRankings(
        [
          { name: 'keyword', ids, weight: 1 },
          { name: 'vector', ids: shuffled, weight: 1 },
        ],
        60,
      );
      expect(fused).toHaveLength(n);
      for (const f of fused) expect(f.score).toBeGreaterThan(0);
      for (const f of fused) expect(f.score).toBeLessThanOrEqual(1);
      for (let i = 1; i < fused.length; i++) expect(fused[i - 1]!.score).toBeGreaterThanOrEqual(fused[i]!.score);
    }
  });
});
