import { runToEnd } from '../core/time-sliced.js';
import { percentileSorted } from './percentile.js';
import { seededRng, type Rng } from './seeded-rng.js';

/**
 * Arena ratings as LMSYS Chatbot Arena computes them: a Bradley–Terry model, P(i beats j) =
 * 1 / (1 + 10^((R_j − R_i) / 400)), fitted by maximum likelihood to all battles at once (so, unlike
 * online Elo, the order of the battles does not matter); a tie or a "both bad" vote counts as half a
 * win each way. Ratings are on the Elo scale (base 10, 400 points) with the mean over the models at
 * 1000, or one anchor model at a chosen rating. 95% intervals come from a seeded bootstrap over the
 * battles, ranks from the intervals.
 *
 * The fit is Newton's method on the log-likelihood (with a backtracking line search, so every step
 * improves it) plus a tiny L2 prior, {@link PRIOR_PRECISION}·θ²/2 on each model's strength θ in
 * natural log-odds: it changes a well-connected fit by far less than 0.01 point, but keeps an
 * undefeated (or never winning) model and models in separate groups that never met finite, where the
 * plain likelihood has no maximum. Each group that never met another is centred on the mean.
 */

/** Who won a battle: `model_a`, `model_b`, or neither (`tie`, `both_bad`: half a win each way). */
export type BattleWinner = 'model_a' | 'model_b' | 'tie' | 'both_bad';

/** One vote (or one pairwise LLM-judge verdict): the same prompt to two models. */
export interface Battle {
  modelA: string;
  modelB: string;
  winner: BattleWinner;
}

/** A row of the arena leaderboard (`baimo arena ratings --json`). */
export interface ArenaRating {
  model: string;
  rating: number;
  /** 2.5th percentile of the bootstrap ratings. */
  ci_low: number;
  /** 97.5th percentile of the bootstrap ratings. */
  ci_high: number;
  /** 1 + the number of models whose `ci_low` is above this model's `ci_high`. */
  rank: number;
  /** Battles this model took part in. */
  battles: number;
}

/** Models rated at once at most (the fit solves a models × models system). */
export const MAX_ARENA_MODELS = 256;
/** Battles rated at once at most. */
export const MAX_ARENA_BATTLES = 1_000_000;
/** Bootstrap rounds at most. */
export const MAX_BOOTSTRAP_ROUNDS = 1_000;
/** Longest model name accepted. */
export const MAX_MODEL_NAME_LENGTH = 200;
/** Bootstrap rounds when none are asked for. */
export const DEFAULT_BOOTSTRAP_ROUNDS = 100;
/** Seed of the bootstrap when none is given: the same battles always give the same intervals. */
export const DEFAULT_BOOTSTRAP_SEED = 42;
/** The mean rating (when no anchor is chosen). */
export const INITIAL_RATING = 1000;
/** Elo points per factor of {@link ELO_BASE} in the odds of winning. */
export const ELO_SCALE = 400;
export const ELO_BASE = 10;
/** Precision of the L2 prior on the strengths (natural log-odds units): tiny, see the module comment. */
export const PRIOR_PRECISION = 1e-4;

const POINTS_PER_NAT = ELO_SCALE / Math.log(ELO_BASE);
const WINNERS: ReadonlySet<string> = new Set<BattleWinner>(['model_a', 'model_b', 'tie', 'both_bad']);

/** How ratings are placed on the scale. */
export interface RatingOptions {
  /** Pin this model at this rating instead of the mean at {@link INITIAL_RATING}. */
  anchor?: { model: string; rating: number };
}

export interface ArenaOptions extends RatingOptions {
  /** Bootstrap rounds (default {@link DEFAULT_BOOTSTRAP_ROUNDS}, at most {@link MAX_BOOTSTRAP_ROUNDS}). */
  rounds?: number;
  /** Seed of the bootstrap (default {@link DEFAULT_BOOTSTRAP_SEED}); ignored when `rng` is given. */
  seed?: number;
  rng?: Rng;
}

/** The battles as model indices (models sorted by name) and outcomes: 0 A won, 1 B won, 2 half each. */
interface Prepared {
  models: string[];
  a: Uint16Array;
  b: Uint16Array;
  outcome: Uint8Array;
  battlesOf: number[];
  anchor: number;
  anchorRating: number;
}

function prepare(battles: readonly Battle[], options: RatingOptions): Prepared {
  if (!Array.isArray(battles)) throw new TypeError('battles must be an array');
  if (battles.length > MAX_ARENA_BATTLES)
    throw new RangeError(`at most ${MAX_ARENA_BATTLES} battles can be rated at once, got ${battles.length}`);
  const names = new Set<string>();
  const validName = (name: unknown, i: number, side: string): string => {
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_MODEL_NAME_LENGTH)
      throw new RangeError(`battle ${i}: ${side} must be a model name of 1 to ${MAX_MODEL_NAME_LENGTH} characters`);
    return name;
  };
  battles.forEach((x, i) => {
    const a = validName(x?.modelA, i, 'modelA');
    const b = validName(x?.modelB, i, 'modelB');
    if (a === b) throw new RangeError(`battle ${i}: a model cannot battle itself (${a})`);
    if (!WINNERS.has(x.winner)) throw new RangeError(`battle ${i}: winner must be model_a, model_b, tie or both_bad`);
    names.add(a).add(b);
  });
  if (names.size > MAX_ARENA_MODELS) throw new RangeError(`at most ${MAX_ARENA_MODELS} models can be rated at once, got ${names.size}`);
  const models = [...names].sort();
  const index = new Map(models.map((m, i) => [m, i]));
  const n = battles.length;
  const p: Prepared = {
    models,
    a: new Uint16Array(n),
    b: new Uint16Array(n),
    outcome: new Uint8Array(n),
    battlesOf: models.map(() => 0),
    anchor: -1,
    anchorRating: INITIAL_RATING,
  };
  battles.forEach((x, i) => {
    const a = index.get(x.modelA)!;
    const b = index.get(x.modelB)!;
    p.a[i] = a;
    p.b[i] = b;
    p.outcome[i] = x.winner === 'model_a' ? 0 : x.winner === 'model_b' ? 1 : 2;
    p.battlesOf[a]++;
    p.battlesOf[b]++;
  });
  if (options.anchor) {
    const { model, rating } = options.anchor;
    if (!Number.isFinite(rating)) throw new RangeError('the anchor rating must be a finite number');
    p.anchor = index.get(model) ?? -1;
    if (p.anchor < 0) throw new RangeError(`the anchor model ${JSON.stringify(model.slice(0, MAX_MODEL_NAME_LENGTH))} has no battles`);
    p.anchorRating = rating;
  }
  return p;
}

/** Wins of i over j in `w[i * k + j]` (ties as half each way), from the battles at `pick(0..n-1)`. */
function winMatrix(p: Prepared, w: Float64Array, draws: number, pick: (t: number) => number): void {
  const k = p.models.length;
  w.fill(0);
  for (let t = 0; t < draws; t++) {
    const i = pick(t);
    const a = p.a[i];
    const b = p.b[i];
    const o = p.outcome[i];
    if (o === 0) w[a * k + b] += 1;
    else if (o === 1) w[b * k + a] += 1;
    else {
      w[a * k + b] += 0.5;
      w[b * k + a] += 0.5;
    }
  }
}

/** log σ(x), without overflow. */
const logSigmoid = (x: number): number => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));

/** Cholesky solve of the symmetric positive definite `m` (k × k, overwritten) against `rhs` (overwritten with the solution). */
function choleskySolve(m: Float64Array, rhs: Float64Array, k: number): void {
  for (let j = 0; j < k; j++) {
    let d = m[j * k + j];
    for (let s = 0; s < j; s++) d -= m[j * k + s] * m[j * k + s];
    const l = Math.sqrt(d);
    m[j * k + j] = l;
    for (let i = j + 1; i < k; i++) {
      let v = m[i * k + j];
      for (let s = 0; s < j; s++) v -= m[i * k + s] * m[j * k + s];
      m[i * k + j] = v / l;
    }
  }
  for (let i = 0; i < k; i++) {
    let v = rhs[i];
    for (let s = 0; s < i; s++) v -= m[i * k + s] * rhs[s];
    rhs[i] = v / m[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let v = rhs[i];
    for (let s = i + 1; s < k; s++) v -= m[s * k + i] * rhs[s];
    rhs[i] = v / m[i * k + i];
  }
}

/**
 * The strengths θ (natural log-odds) maximising the log-likelihood of the win matrix minus the L2
 * prior, by Newton's method with backtracking, started from `theta` (overwritten with the result).
 */
function fitStrengths(w: Float64Array, k: number, theta: Float64Array): void {
  const pi: number[] = [];
  const pj: number[] = [];
  const wij: number[] = [];
  const wji: number[] = [];
  for (let i = 0; i < k; i++)
    for (let j = i + 1; j < k; j++)
      if (w[i * k + j] + w[j * k + i] > 0) {
        pi.push(i);
        pj.push(j);
        wij.push(w[i * k + j]);
        wji.push(w[j * k + i]);
      }
  const objective = (t: Float64Array): number => {
    let f = 0;
    for (let e = 0; e < pi.length; e++) {
      const d = t[pi[e]] - t[pj[e]];
      f += wij[e] * logSigmoid(d) + wji[e] * logSigmoid(-d);
    }
    for (let i = 0; i < k; i++) f -= (PRIOR_PRECISION / 2) * t[i] * t[i];
    return f;
  };
  const grad = new Float64Array(k);
  const step = new Float64Array(k);
  const hess = new Float64Array(k * k);
  const trial = new Float64Array(k);
  let f = objective(theta);
  for (let iter = 0; iter < 200; iter++) {
    hess.fill(0);
    for (let i = 0; i < k; i++) {
      grad[i] = -PRIOR_PRECISION * theta[i];
      hess[i * k + i] = PRIOR_PRECISION;
    }
    for (let e = 0; e < pi.length; e++) {
      const i = pi[e];
      const j = pj[e];
      const n = wij[e] + wji[e];
      const p = 1 / (1 + Math.exp(theta[j] - theta[i]));
      const r = wij[e] - n * p;
      grad[i] += r;
      grad[j] -= r;
      const c = n * p * (1 - p);
      hess[i * k + i] += c;
      hess[j * k + j] += c;
      hess[i * k + j] -= c;
      hess[j * k + i] -= c;
    }
    step.set(grad);
    choleskySolve(hess, step, k);
    let slope = 0;
    let size = 0;
    for (let i = 0; i < k; i++) {
      slope += grad[i] * step[i];
      size = Math.max(size, Math.abs(step[i]));
    }
    if (size < 1e-10 || slope <= 0) return;
    let t = 1;
    for (;;) {
      for (let i = 0; i < k; i++) trial[i] = theta[i] + t * step[i];
      const ft = objective(trial);
      // Near the optimum a full Newton step is taken as it is (the objective's rounding would hide its gain).
      if (ft >= f + 1e-4 * t * slope || (t === 1 && size < 1e-6) || t < 1e-12) {
        theta.set(trial);
        f = ft;
        break;
      }
      t /= 2;
    }
    if (size * t < 1e-10) return;
  }
}

/** Strengths (natural log-odds) → ratings on the Elo scale, placed by the mean or the anchor. */
function toRatings(p: Prepared, theta: Float64Array): number[] {
  const k = p.models.length;
  let zero = 0;
  if (p.anchor >= 0) zero = theta[p.anchor];
  else {
    for (let i = 0; i < k; i++) zero += theta[i];
    zero /= k;
  }
  const base = p.anchor >= 0 ? p.anchorRating : INITIAL_RATING;
  return Array.from(theta, (x) => base + POINTS_PER_NAT * (x - zero));
}

function pointRatings(p: Prepared): { theta: Float64Array; ratings: number[] } {
  const k = p.models.length;
  const w = new Float64Array(k * k);
  winMatrix(p, w, p.a.length, (t) => t);
  const theta = new Float64Array(k);
  fitStrengths(w, k, theta);
  return { theta, ratings: toRatings(p, theta) };
}

/** Maximum-likelihood Bradley–Terry ratings on the Elo scale, by model (see the module comment). */
export function fitRatings(battles: readonly Battle[], options: RatingOptions = {}): Map<string, number> {
  const p = prepare(battles, options);
  const { ratings } = pointRatings(p);
  return new Map(p.models.map((m, i) => [m, ratings[i]]));
}

/** 95% bootstrap interval of one model's rating. */
export interface RatingInterval {
  ci_low: number;
  ci_high: number;
}

function checkBootstrap(rounds: number, rng: unknown): void {
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_BOOTSTRAP_ROUNDS)
    throw new RangeError(`bootstrap rounds must be an integer from 1 to ${MAX_BOOTSTRAP_ROUNDS}, got ${rounds}`);
  if (typeof rng !== 'function') throw new TypeError('rng must be a function returning numbers in [0, 1)');
}

function* intervalSteps(p: Prepared, start: Float64Array, rounds: number, rng: Rng): Generator<void, RatingInterval[], void> {
  const k = p.models.length;
  const n = p.a.length;
  const w = new Float64Array(k * k);
  const theta = new Float64Array(k);
  const seen = new Uint8Array(k);
  const samples: number[][] = p.models.map(() => []);
  for (let round = 0; round < rounds; round++) {
    winMatrix(p, w, n, () => Math.min(n - 1, Math.floor(rng() * n)));
    theta.set(start);
    fitStrengths(w, k, theta);
    const ratings = toRatings(p, theta);
    seen.fill(0);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++)
        if (w[i * k + j] > 0) {
          seen[i] = 1;
          seen[j] = 1;
        }
    // A model drawn into no battle of this round has no rating in it (as in Chatbot Arena's bootstrap).
    for (let i = 0; i < k; i++) if (seen[i]) samples[i].push(ratings[i]);
    yield;
  }
  const point = toRatings(p, start);
  return samples.map((s, i) => {
    if (s.length === 0) return { ci_low: point[i], ci_high: point[i] };
    const sorted = Float64Array.from(s).sort();
    return { ci_low: percentileSorted(sorted, 0.025)!, ci_high: percentileSorted(sorted, 0.975)! };
  });
}

/**
 * 95% intervals of the ratings by bootstrap: `rounds` times, draw as many battles as there are with
 * replacement (from `rng`: pass {@link seededRng} for reproducible intervals) and fit again; each
 * interval is the 2.5th and 97.5th percentiles (linear interpolation) of that model's ratings.
 */
export function bootstrap(battles: readonly Battle[], rounds: number, rng: Rng, options: RatingOptions = {}): Map<string, RatingInterval> {
  checkBootstrap(rounds, rng);
  const p = prepare(battles, options);
  const intervals = runToEnd(intervalSteps(p, pointRatings(p).theta, rounds, rng));
  return new Map(p.models.map((m, i) => [m, intervals[i]]));
}

/**
 * The arena leaderboard as steps (yielding after each bootstrap round) for `runTimeSliced` of
 * core/time-sliced.ts, so a large rating job never holds up the event loop; see {@link arenaRatings}.
 */
export function* arenaRatingsSteps(battles: readonly Battle[], options: ArenaOptions = {}): Generator<void, ArenaRating[], void> {
  const rounds = options.rounds ?? DEFAULT_BOOTSTRAP_ROUNDS;
  const rng = options.rng ?? seededRng(options.seed ?? DEFAULT_BOOTSTRAP_SEED);
  checkBootstrap(rounds, rng);
  const p = prepare(battles, options);
  if (p.models.length === 0) return [];
  const { theta, ratings } = pointRatings(p);
  yield;
  const intervals = yield* intervalSteps(p, theta, rounds, rng);
  const rows: ArenaRating[] = p.models.map((model, i) => ({
    model,
    rating: ratings[i],
    ci_low: intervals[i].ci_low,
    ci_high: intervals[i].ci_high,
    rank: 1 + intervals.filter((o) => o.ci_low > intervals[i].ci_high).length,
    battles: p.battlesOf[i],
  }));
  return rows.sort((x, y) => y.rating - x.rating || (x.model < y.model ? -1 : 1));
}

/**
 * The arena leaderboard: Bradley–Terry ratings, bootstrap 95% intervals ({@link bootstrap}, seeded:
 * the same battles and options give the same table) and ranks, sorted by rating, best first.
 */
export function arenaRatings(battles: readonly Battle[], options: ArenaOptions = {}): ArenaRating[] {
  return runToEnd(arenaRatingsSteps(battles, options));
}
