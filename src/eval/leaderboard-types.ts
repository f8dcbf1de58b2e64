import type { SuiteType } from './suite.js';

/**
 * The cross-run leaderboard (`buildLeaderboard`): snake_case, as the API and the console get it.
 */

/** The price and speed figures of a leaderboard row: one run's, or a model's mean over its groups. */
export interface LeaderboardFigures {
  cost_per_1k_cny: number | null;
  cost_per_1k_usd: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
  tokens_per_s: number | null;
  error_rate: number | null;
}

/** A model's latest completed result for one suite and dataset. */
export interface LeaderboardRow extends LeaderboardFigures {
  model: string;
  /** The suite's name. */
  suite: string;
  /** The run the result comes from. */
  run_id: string;
  /** The dataset as `name@version` (as the console shows it). */
  dataset: string;
  dataset_id: string;
  type: SuiteType;
  /** Mean score 0..1 (MCQ: accuracy; QA: exact match; judge: normalised; safety: qualified rate). */
  score: number | null;
  /** MCQ only. */
  accuracy: number | null;
  /** Items finished in that run. */
  items: number;
  /** 1 + the rows of the group with a strictly higher score; null without a score. */
  rank: number | null;
  /** On the group's quality-vs-cost Pareto front (recomputed across the runs the group draws on). */
  pareto: boolean;
  finished_at: string | null;
}

/** One suite × dataset (× type): every model's latest completed result, best score first. */
export interface LeaderboardGroup {
  suite: string;
  type: SuiteType;
  /** `name@version`. */
  dataset: string;
  dataset_id: string;
  /** The runs the rows come from, latest first. */
  run_ids: string[];
  rows: LeaderboardRow[];
}

/**
 * A model across every group: the mean of its groups' figures (each group counted once, whatever its
 * size). Groups differ in difficulty and price, so compare models on the same `groups` count.
 */
export interface LeaderboardOverallRow extends LeaderboardFigures {
  model: string;
  /** Groups (suite × dataset) the model has a result in. */
  groups: number;
  /** Mean score over the groups with one. */
  score: number | null;
  /** Mean accuracy over the MCQ groups. */
  accuracy: number | null;
  rank: number | null;
  /** On the Pareto front of mean score against mean cost per 1,000 items (CNY). */
  pareto: boolean;
  /** The latest of its results. */
  finished_at: string | null;
}

/** The leaderboard across runs: per suite and dataset, and overall. */
export interface LeaderboardView {
  groups: LeaderboardGroup[];
  overall: LeaderboardOverallRow[];
}
