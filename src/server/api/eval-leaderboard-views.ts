import { z } from 'zod';
import { SUITE_TYPES } from '../../eval/suite.js';

/** The OpenAPI shape of the cross-run leaderboard (src/eval/leaderboard-types.ts is the contract this documents). */

const nullableNumber = z.number().nullable();

/** The price and speed figures of a leaderboard row (one run's, or a model's mean over its groups). */
const figures = {
  cost_per_1k_cny: nullableNumber,
  cost_per_1k_usd: nullableNumber,
  p50_ms: nullableNumber,
  p95_ms: nullableNumber,
  tokens_per_s: nullableNumber,
  error_rate: nullableNumber,
};

const leaderboardRowSchema = z.object({
  model: z.string(),
  suite: z.string(),
  run_id: z.string().describe('The run the result comes from'),
  dataset: z.string().describe('name@version'),
  dataset_id: z.string(),
  type: z.enum(SUITE_TYPES),
  score: nullableNumber.describe('Mean score 0..1 (MCQ: accuracy; QA: exact match; judge: normalised; safety: qualified rate)'),
  accuracy: nullableNumber.describe('MCQ only'),
  ...figures,
  items: z.number().describe('Items finished in that run'),
  rank: z.number().nullable().describe('1 + the rows with a strictly higher score; null without a score'),
  pareto: z.boolean().describe("On the group's quality-vs-cost Pareto front"),
  finished_at: z.string().nullable(),
});

const leaderboardGroupSchema = z.object({
  suite: z.string(),
  type: z.enum(SUITE_TYPES),
  dataset: z.string().describe('name@version'),
  dataset_id: z.string(),
  run_ids: z.array(z.string()).describe('The runs the rows come from, latest first'),
  rows: z.array(leaderboardRowSchema).describe("Every model's latest completed result, best score first"),
});

const leaderboardOverallSchema = z.object({
  model: z.string(),
  groups: z.number().describe('Suite × dataset groups the model has a result in'),
  score: nullableNumber.describe('Mean over its groups'),
  accuracy: nullableNumber.describe('Mean over its MCQ groups'),
  ...figures,
  rank: z.number().nullable(),
  pareto: z.boolean(),
  finished_at: z.string().nullable(),
});

export const workspaceLeaderboardSchema = z.object({
  groups: z.array(leaderboardGroupSchema).describe('One per suite name × dataset version (× type)'),
  overall: z.array(leaderboardOverallSchema).describe("Each model's mean across the groups"),
  runs: z.number().describe('Completed runs the leaderboard was built from'),
  truncated: z.boolean().describe('Older completed runs were left out (at most 200 are used)'),
});
