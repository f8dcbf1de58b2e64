import { describe, expect, it } from 'vitest';
import { runTimeSliced } from '../../src/core/time-sliced.js';
import {
  arenaRatings,
  arenaRatingsSteps,
  bootstrap,
  fitRatings,
  MAX_ARENA_MODELS,
  MAX_BOOTSTRAP_ROUNDS,
  type Battle,
  type BattleWinner,
} from '../../src/eval/bradley-terry.js';
import { seededRng } from '../../src/eval/seeded-rng.js';

/** Battles between random pairs of models with known Elo ratings, outcomes drawn from the Bradley–Terry model. */
function synthetic(truth: Record<string, number>, count: number, seed: number, tieShare = 0): Battle[] {
  const rng = seededRng(seed);
  const models = Object.keys(truth);
  const out: Battle[] = [];
  for (let t = 0; t < count; t++) {
    const a = Math.floor(rng() * models.length);
    let b = Math.floor(rng() * (models.length - 1));
    if (b >= a) b++;
    const pA = 1 / (1 + 10 ** ((truth[models[b]] - truth[models[a]]) / 400));
    const winner: BattleWinner = rng() < tieShare ? 'tie' : rng() < pA ? 'model_a' : 'model_b';
    out.push({ modelA: models[a], modelB: models[b], winner });
  }
  return out;
}

const repeat = (n: number, b: Battle): Battle[] => Array.from({ length: n }, () => b);

/**
 * The reference: plain gradient ascent on the Bradley–Terry log-likelihood written directly on the
 * Elo scale (P(i beats j) = 1 / (1 + 10^((R_j − R_i) / 400)), ties as half a win each way), no prior,
 * mean 1000 — independent of the implementation under test (no Newton step, no linear algebra).
 */
function referenceRatings(battles: Battle[]): Map<string, number> {
  const models = [...new Set(battles.flatMap((b) => [b.modelA, b.modelB]))];
  const idx = new Map(models.map((m, i) => [m, i]));
  const k = models.length;
  const wins = models.map(() => models.map(() => 0));
  for (const b of battles) {
    const a = idx.get(b.modelA)!;
    const c = idx.get(b.modelB)!;
    const wa = b.winner === 'model_a' ? 1 : b.winner === 'model_b' ? 0 : 0.5;
    wins[a][c] += wa;
    wins[c][a] += 1 - wa;
  }
  const r = models.map(() => 1000);
  const rate = 400 / Math.LN10; // a step in Elo points per unit of the gradient in natural log-odds
  for (let iter = 0; iter < 200_000; iter++) {
    const grad = models.map(() => 0);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        if (i === j) continue;
        const p = 1 / (1 + 10 ** ((r[j] - r[i]) / 400));
        grad[i] += wins[i][j] - (wins[i][j] + wins[j][i]) * p;
      }
    for (let i = 0; i < k; i++) r[i] += (rate * grad[i]) / battles.length;
  }
  const mean = r.reduce((s, x) => s + x, 0) / k;
  return new Map(models.map((m, i) => [m, r[i] - mean + 1000]));
}

/** A small fixed set: four models, wins, losses, ties and a "both bad". */
const FIXED: Battle[] = [
  ...repeat(7, { modelA: 'qwen', modelB: 'glm', winner: 'model_a' }),
  ...repeat(3, { modelA: 'qwen', modelB: 'glm', winner: 'model_b' }),
  ...repeat(2, { modelA: 'glm', modelB: 'qwen', winner: 'tie' }),
  ...repeat(5, { modelA: 'deepseek', modelB: 'qwen', winner: 'model_a' }),
  ...repeat(4, { modelA: 'deepseek', modelB: 'qwen', winner: 'model_b' }),
  ...repeat(6, { modelA: 'glm', modelB: 'ernie', winner: 'model_a' }),
  ...repeat(2, { modelA: 'glm', modelB: 'ernie', winner: 'model_b' }),
  ...repeat(1, { modelA: 'ernie', modelB: 'glm', winner: 'both_bad' }),
  ...repeat(3, { modelA: 'ernie', modelB: 'deepseek', winner: 'model_b' }),
  ...repeat(1, { modelA: 'ernie', modelB: 'deepseek', winner: 'model_a' }),
];

describe('Bradley–Terry ratings', () => {
  it('equals the closed form for two models (Elo scale, mean 1000, ties as half a win)', () => {
    const r = fitRatings([...repeat(3, { modelA: 'a', modelB: 'b', winner: 'model_a' }), { modelA: 'b', modelB: 'a', winner: 'model_a' }]);
    // P(a beats b) = 3/4 → R_a − R_b = 400·log10(3).
    expect(r.get('a')!).toBeCloseTo(1000 + 200 * Math.log10(3), 1);
    expect(r.get('b')!).toBeCloseTo(1000 - 200 * Math.log10(3), 1);
    // 2 wins, 1 loss, 1 tie, 1 both bad → 3 wins to 2 → 400·log10(1.5) apart.
    const t = fitRatings([
      ...repeat(2, { modelA: 'a', modelB: 'b', winner: 'model_a' }),
      { modelA: 'a', modelB: 'b', winner: 'model_b' },
      { modelA: 'b', modelB: 'a', winner: 'tie' },
      { modelA: 'a', modelB: 'b', winner: 'both_bad' },
    ]);
    expect(t.get('a')! - t.get('b')!).toBeCloseTo(400 * Math.log10(1.5), 1);
  });

  it('equals an independent reference computation on a fixed small set', () => {
    const ours = fitRatings(FIXED);
    const reference = referenceRatings(FIXED);
    expect([...ours.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [model, rating] of reference) expect(ours.get(model)!, model).toBeCloseTo(rating, 1);
    // The four models are apart by tens of points: the check is not trivially met.
    expect(Math.max(...reference.values()) - Math.min(...reference.values())).toBeGreaterThan(100);
  });

  it('recovers known strengths from synthetic battles: the order, and each rating within 15 points', () => {
    const truth = { a: 1250, b: 1150, c: 1080, d: 1000, e: 940, f: 820 };
    const mean = Object.values(truth).reduce((s, x) => s + x, 0) / 6;
    const fitted = fitRatings(synthetic(truth, 30_000, 7));
    const order = [...fitted.entries()].sort((x, y) => y[1] - x[1]).map(([m]) => m);
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    for (const [m, r] of Object.entries(truth)) expect(Math.abs(fitted.get(m)! - (r - mean + 1000)), m).toBeLessThan(15);
    const mean2 = [...fitted.values()].reduce((s, x) => s + x, 0) / 6;
    expect(mean2).toBeCloseTo(1000, 6);
  });

  it('keeps ties in the order (they pull ratings together, not apart)', () => {
    const truth = { a: 1200, b: 1100, c: 1000, d: 900 };
    const fitted = fitRatings(synthetic(truth, 20_000, 11, 0.3));
    expect([...fitted.entries()].sort((x, y) => y[1] - x[1]).map(([m]) => m)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('pins an anchor model instead of the mean, keeping the differences', () => {
    const mean = fitRatings(FIXED);
    const anchored = fitRatings(FIXED, { anchor: { model: 'glm', rating: 1114 } });
    expect(anchored.get('glm')).toBeCloseTo(1114, 9);
    for (const m of mean.keys()) expect(anchored.get(m)! - anchored.get('glm')!).toBeCloseTo(mean.get(m)! - mean.get('glm')!, 6);
    expect(() => fitRatings(FIXED, { anchor: { model: 'nobody', rating: 1000 } })).toThrow(/anchor model/);
  });

  it('stays finite for an undefeated model, a model that never won, and groups that never met', () => {
    const r = fitRatings([
      ...repeat(5, { modelA: 'champ', modelB: 'mid', winner: 'model_a' }),
      ...repeat(3, { modelA: 'mid', modelB: 'loser', winner: 'model_a' }),
      { modelA: 'loser', modelB: 'mid', winner: 'model_a' },
      // A second group that never met the first.
      ...repeat(2, { modelA: 'x', modelB: 'y', winner: 'model_a' }),
      { modelA: 'x', modelB: 'y', winner: 'model_b' },
    ]);
    for (const v of r.values()) expect(Number.isFinite(v)).toBe(true);
    expect(r.get('champ')!).toBeGreaterThan(r.get('mid')! + 400);
    expect(r.get('mid')!).toBeGreaterThan(r.get('loser')!);
    expect(r.get('x')! - r.get('y')!).toBeCloseTo(400 * Math.log10(2), 0);
    const all = arenaRatings(repeat(4, { modelA: 'p', modelB: 'q', winner: 'model_a' }), { rounds: 50 });
    for (const row of all) for (const v of [row.rating, row.ci_low, row.ci_high]) expect(Number.isFinite(v)).toBe(true);
  });

  it('rejects bad battles and sizes beyond the limits', () => {
    const bad = (b: unknown) => () => fitRatings([b as Battle]);
    expect(bad({ modelA: 'a', modelB: 'b', winner: 'draw' })).toThrow(/winner must be/);
    expect(bad({ modelA: 'a', modelB: 'a', winner: 'tie' })).toThrow(/cannot battle itself/);
    expect(bad({ modelA: '', modelB: 'b', winner: 'tie' })).toThrow(/modelA must be/);
    expect(bad({ modelA: 'a', modelB: 'b'.repeat(201), winner: 'tie' })).toThrow(/modelB must be/);
    const many = Array.from({ length: MAX_ARENA_MODELS }, (_, i): Battle => ({ modelA: `m${i}`, modelB: `m${i + 1}`, winner: 'tie' }));
    expect(() => fitRatings(many)).toThrow(/at most 256 models/);
    expect(() => arenaRatings(FIXED, { rounds: MAX_BOOTSTRAP_ROUNDS + 1 })).toThrow(/bootstrap rounds/);
    expect(() => bootstrap(FIXED, 0, seededRng(1))).toThrow(/bootstrap rounds/);
    expect(arenaRatings([])).toEqual([]);
  });
});

describe('bootstrap intervals and ranks', () => {
  const truth = { a: 1200, b: 1150, c: 1100, d: 1000, e: 950, f: 900 };

  it('intervals contain the point estimate and narrow with more data', () => {
    const width = (rows: ReturnType<typeof arenaRatings>) => rows.reduce((s, r) => s + (r.ci_high - r.ci_low), 0) / rows.length;
    const small = arenaRatings(synthetic(truth, 2_000, 3), { rounds: 200 });
    const large = arenaRatings(synthetic(truth, 20_000, 3), { rounds: 200 });
    for (const row of [...small, ...large]) {
      expect(row.ci_low, row.model).toBeLessThan(row.rating);
      expect(row.ci_high, row.model).toBeGreaterThan(row.rating);
    }
    // Ten times the battles: about √10 ≈ 3.2 times narrower.
    expect(width(large)).toBeLessThan(width(small) / 2);
    expect(width(large)).toBeGreaterThan(width(small) / 5);
  });

  it('is reproducible with a seed, and a different seed gives different intervals', () => {
    const battles = synthetic(truth, 3_000, 5);
    const one = bootstrap(battles, 100, seededRng(1));
    expect(bootstrap(battles, 100, seededRng(1))).toEqual(one);
    expect(bootstrap(battles, 100, seededRng(2)).get('a')).not.toEqual(one.get('a'));
    expect(arenaRatings(battles, { seed: 9 })).toEqual(arenaRatings(battles, { seed: 9 }));
  });

  it('ranks by intervals: 1 + the models whose lower bound is above this upper bound; sorted by rating', () => {
    const rows = arenaRatings([...synthetic({ top: 1400, high: 1200, twinA: 1000, twinB: 1000, low: 700 }, 20_000, 13)], { rounds: 100 });
    expect(rows.map((r) => r.model)).toEqual(expect.arrayContaining(['top', 'high', 'twinA', 'twinB', 'low']));
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1].rating).toBeGreaterThanOrEqual(rows[i].rating);
    const rank = Object.fromEntries(rows.map((r) => [r.model, r.rank]));
    expect(rank.top).toBe(1);
    expect(rank.high).toBe(2);
    // Two equally strong models overlap: they share rank 3.
    expect(rank.twinA).toBe(3);
    expect(rank.twinB).toBe(3);
    expect(rank.low).toBe(5);
    for (const r of rows) expect(r.rank).toBe(1 + rows.filter((o) => o.ci_low > r.ci_high).length);
  });

  it('counts the battles of each model', () => {
    const rows = arenaRatings(FIXED, { rounds: 20 });
    const count = Object.fromEntries(rows.map((r) => [r.model, r.battles]));
    expect(count).toEqual({ qwen: 21, glm: 21, deepseek: 13, ernie: 13 });
  });

  it('runs time-sliced to the same result', async () => {
    const battles = synthetic(truth, 5_000, 17);
    expect(await runTimeSliced(arenaRatingsSteps(battles, { rounds: 30 }))).toEqual(arenaRatings(battles, { rounds: 30 }));
  });

  it('rates 100k battles of 20 models with 100 bootstrap rounds in a few seconds', () => {
    const truth20 = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`model-${i}`, 800 + 25 * i]));
    const battles = synthetic(truth20, 100_000, 21);
    const started = performance.now();
    const rows = arenaRatings(battles, { rounds: 100 });
    const ms = performance.now() - started;
    expect(rows).toHaveLength(20);
    expect(rows[0].model).toBe('model-19');
    expect(ms).toBeLessThan(5_000);
  });
});
