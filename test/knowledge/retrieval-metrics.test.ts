import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreQuery, summarise, type HitKeys } from '../../src/knowledge/retrieval-metrics.js';

/** A hit of document `doc` (name = id for brevity) through chunk `chunk`. */
const hit = (chunk: string, doc: string, name = `${doc}.md`): HitKeys => [chunk, doc, name];

describe('scoreQuery', () => {
  it('finds relevant documents by name, id or chunk id within the top k', () => {
    const hits = [hit('c1', 'd1'), hit('c2', 'd2'), hit('c3', 'd3'), hit('c4', 'd4')];
    // By name: d2 at rank 2, d4 at rank 4 (outside k = 3).
    expect(scoreQuery(hits, ['d2.md', 'd4.md'], 3)).toEqual({
      recall: 0.5,
      reciprocalRank: 0.5,
      firstRelevantRank: 2,
      found: 1,
      relevant: 2,
    });
    // By id and by chunk id, mixed; k = 4 now reaches d4.
    expect(scoreQuery(hits, ['d4', 'c3'], 4)).toEqual({ recall: 1, reciprocalRank: 1 / 3, firstRelevantRank: 3, found: 2, relevant: 2 });
  });

  it('scores 0 when nothing relevant is within k', () => {
    const hits = [hit('c1', 'd1'), hit('c2', 'd2')];
    expect(scoreQuery(hits, ['d2'], 1)).toEqual({ recall: 0, reciprocalRank: 0, firstRelevantRank: null, found: 0, relevant: 1 });
    expect(scoreQuery([], ['d2'], 5)).toMatchObject({ recall: 0, reciprocalRank: 0 });
  });

  it('counts a document found through several chunks, and a repeated label, once', () => {
    const hits = [hit('c1', 'd1'), hit('c2', 'd1'), hit('c3', 'd2')];
    expect(scoreQuery(hits, ['d1', 'd1', 'd9'], 3)).toMatchObject({ recall: 0.5, reciprocalRank: 1, found: 1, relevant: 2 });
  });

  it('a hit matching two labels (its document and its chunk) finds both', () => {
    expect(scoreQuery([hit('c1', 'd1')], ['d1', 'c1'], 1)).toMatchObject({ recall: 1, found: 2 });
  });

  it('a question without relevant items scores 0; k must be a positive integer', () => {
    expect(scoreQuery([hit('c1', 'd1')], [], 1)).toMatchObject({ recall: 0, reciprocalRank: 0 });
    expect(() => scoreQuery([], ['x'], 0)).toThrow(RangeError);
    expect(() => scoreQuery([], ['x'], 1.5)).toThrow(RangeError);
  });

  it('recall and reciprocal rank stay within 0..1, and never fall as k grows', () => {
    const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    fc.assert(
      fc.property(
        fc.array(fc.array(ids, { maxLength: 3 }), { maxLength: 8 }),
        fc.array(ids, { maxLength: 4 }),
        fc.integer({ min: 1, max: 8 }),
        (hits, relevant, k) => {
          const s = scoreQuery(hits, relevant, k);
          const next = scoreQuery(hits, relevant, k + 1);
          expect(s.recall).toBeGreaterThanOrEqual(0);
          expect(s.recall).toBeLessThanOrEqual(1);
          expect(s.reciprocalRank).toBeGreaterThanOrEqual(0);
          expect(s.reciprocalRank).toBeLessThanOrEqual(1);
          expect(next.recall).toBeGreaterThanOrEqual(s.recall);
          expect(next.reciprocalRank).toBeGreaterThanOrEqual(s.reciprocalRank);
          // Found something exactly when the first relevant rank exists.
          expect(s.found > 0).toBe(s.firstRelevantRank !== null);
        },
      ),
    );
  });
});

describe('summarise', () => {
  it('averages recall and reciprocal rank over the questions', () => {
    const hits = [hit('c1', 'd1'), hit('c2', 'd2'), hit('c3', 'd3')];
    const scores = [
      scoreQuery(hits, ['d1'], 3), // recall 1, rr 1
      scoreQuery(hits, ['d3', 'd9'], 3), // recall 0.5, rr 1/3
      scoreQuery(hits, ['d9'], 3), // recall 0, rr 0
    ];
    const m = summarise(scores);
    expect(m.queries).toBe(3);
    expect(m.recall).toBeCloseTo(1.5 / 3, 12);
    expect(m.mrr).toBeCloseTo((1 + 1 / 3) / 3, 12);
  });

  it('is all zeros without questions', () => {
    expect(summarise([])).toEqual({ recall: 0, mrr: 0, queries: 0 });
  });
});
