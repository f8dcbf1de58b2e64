import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topicShares, topicSharesBy, topicShift, topTopics, type TopicRow } from '../../src/analytics/topic-counts.js';

const LABELS = ['knowledge_qa', 'writing', 'code', 'translation', 'other'];

const rowArb = fc.record({
  label: fc.constantFrom(...LABELS),
  model: fc.constantFrom('qwen-max', 'ernie-4', 'deepseek-chat', null),
  segment: fc.constantFrom('education', 'it', 'finance', undefined),
  period: fc.constantFrom('2026-12-01', '2026-12-02', '2026-12-03'),
  count: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
});

/** The naive count: one request at a time. */
function naive(rows: TopicRow[], keep: (r: TopicRow) => boolean = () => true): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    if (!keep(r)) continue;
    for (let i = 0; i < (r.count ?? 1); i++) out.set(r.label, (out.get(r.label) ?? 0) + 1);
  }
  return out;
}

function asMap(shares: Array<{ label: string; count: number }>): Map<string, number> {
  return new Map(shares.map((s) => [s.label, s.count]));
}

describe('interest-cloud counts', () => {
  it('shares equal a naive count, sorted, summing to 1', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 200 }), (rows) => {
        const shares = topicShares(rows);
        expect(asMap(shares)).toEqual(naive(rows));
        const total = [...naive(rows).values()].reduce((a, b) => a + b, 0);
        for (const s of shares) expect(s.share).toBeCloseTo(s.count / total, 12);
        if (shares.length) expect(shares.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 9);
        for (let i = 1; i < shares.length; i++) expect(shares[i - 1]!.count).toBeGreaterThanOrEqual(shares[i]!.count);
        expect(asMap(topicShares(rows, { excludeOther: true }))).toEqual(naive(rows, (r) => r.label !== 'other'));
      }),
    );
  });

  it('per model, segment and period equal a naive count of each group', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 200 }),
        fc.constantFrom('model', 'segment', 'period') as fc.Arbitrary<'model' | 'segment' | 'period'>,
        (rows, key) => {
          const groups = topicSharesBy(rows, key);
          const names = new Set(rows.map((r) => r[key] ?? ''));
          expect(new Set(groups.map((g) => g.group))).toEqual(names);
          for (const g of groups) {
            const want = naive(rows, (r) => (r[key] ?? '') === g.group);
            expect(asMap(g.shares)).toEqual(want);
            expect(g.total).toBe([...want.values()].reduce((a, b) => a + b, 0));
          }
          for (let i = 1; i < groups.length; i++) expect(groups[i - 1]!.total).toBeGreaterThanOrEqual(groups[i]!.total);
        },
      ),
    );
  });

  it('top N leaves other out and breaks ties by id', () => {
    const rows: TopicRow[] = [
      { label: 'other', count: 100 },
      { label: 'code', count: 5 },
      { label: 'writing', count: 7 },
      { label: 'knowledge_qa', count: 7 },
      { label: 'translation', count: 1 },
    ];
    expect(topTopics(rows, 3).map((s) => [s.label, s.count])).toEqual([
      ['knowledge_qa', 7],
      ['writing', 7],
      ['code', 5],
    ]);
    expect(topTopics(rows, 3)[0]!.share).toBeCloseTo(7 / 20, 12);
    expect(topTopics(rows, 1, {})[0]!.label).toBe('other');
    expect(topTopics(rows, 0)).toEqual([]);
  });

  it('shift between two periods is the difference of the naive shares', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 100 }), fc.array(rowArb, { maxLength: 100 }), (before, after) => {
        const shift = topicShift(before, after);
        const nb = naive(before);
        const na = naive(after);
        const tb = [...nb.values()].reduce((a, b) => a + b, 0);
        const ta = [...na.values()].reduce((a, b) => a + b, 0);
        expect(new Set(shift.map((s) => s.label))).toEqual(new Set([...nb.keys(), ...na.keys()]));
        for (const s of shift) {
          expect(s.before.count).toBe(nb.get(s.label) ?? 0);
          expect(s.after.count).toBe(na.get(s.label) ?? 0);
          const want = (ta ? (na.get(s.label) ?? 0) / ta : 0) - (tb ? (nb.get(s.label) ?? 0) / tb : 0);
          expect(s.delta).toBeCloseTo(want, 12);
        }
        for (let i = 1; i < shift.length; i++) expect(Math.abs(shift[i - 1]!.delta)).toBeGreaterThanOrEqual(Math.abs(shift[i]!.delta));
      }),
    );
  });

  it('ignores rows with no or a bad count', () => {
    expect(
      topicShares([{ label: 'code', count: 0 }, { label: 'code', count: -3 }, { label: 'code', count: Number.NaN }, { label: 'writing' }]),
    ).toEqual([{ label: 'writing', count: 1, share: 1 }]);
    expect(topicShares([])).toEqual([]);
  });
});
