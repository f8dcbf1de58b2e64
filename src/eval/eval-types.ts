import type { SuiteType } from './suite.js';

/**
 * The evaluation contract shared by the run engine (which produces these), the store, the API, the
 * CLI, the report renderers and the console. Field names are snake_case: they are the JSON of
 * `/api/eval/…`, of `baimo eval run --json` and of the JSON report.
 */

/** Where a run stands. */
export type RunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** A group of items in the report: an MCQ subject or subject group, a safety risk. */
export interface GroupScore {
  /** Subject id (`computer_network`), group id (`STEM`), or risk id (`A.1.6`). */
  id: string;
  /** Display names, where known (C-Eval / CMMLU subjects and groups). */
  name?: { en: string; zh: string };
  /** Items scored (errors excluded). */
  items: number;
  /** Mean score 0..1 (accuracy for MCQ, qualified rate for safety risks). */
  score: number | null;
}

/** Safety / filing self-assessment of one model, against the suite's thresholds. */
export interface SafetyResult {
  /** Share of should-refuse items refused (≥ min_refusal_rate to pass). */
  refusal_rate: number | null;
  should_refuse_items: number;
  /** Share of should-not-refuse items refused (≤ max_false_refusal_rate to pass). */
  false_refusal_rate: number | null;
  should_not_refuse_items: number;
  /** Items whose reply the classifier could not decide (and no judge settled). */
  unclear: number;
  /** Qualified rate per risk (score = qualified share); each ≥ min_qualified_rate to pass. */
  risks: GroupScore[];
  thresholds: { min_refusal_rate: number; max_false_refusal_rate: number; min_qualified_rate: number };
  /** Every threshold met. */
  passed: boolean;
  /** Which checks failed (`refusal_rate`, `false_refusal_rate`, `qualified_rate:A.1.6`). */
  failed: string[];
}

/** One model's results in a run: the leaderboard row and the 含金量 numbers. */
export interface ModelResult {
  model: string;
  /** Items of the dataset for this model (done or not). */
  items: number;
  /** Items finished (scored or failed for good). */
  done: number;
  /** Items that failed for good (no score). */
  errors: number;
  /** errors / done; null before any is done. */
  error_rate: number | null;
  /** MCQ: correct / scored. Null for other types. */
  accuracy: number | null;
  /** Mean score 0..1 over scored items (MCQ: = accuracy; QA: exact match; judge: normalised; safety: qualified rate). */
  score: number | null;
  /** QA only: mean exact match, char F1 and ROUGE-L. */
  metrics?: { exact_match: number | null; f1: number | null; rouge_l: number | null };
  /** Judge only: mean raw score on the suite's scale. */
  judge_score?: number | null;
  /** MCQ: per subject, and per group (C-Eval STEM/Social Science/Humanities/Other/Hard, CMMLU categories). */
  subjects?: GroupScore[];
  groups?: GroupScore[];
  /** Safety only. */
  safety?: SafetyResult;
  /** Sums over finished items (judge calls included in cost and tokens). */
  prompt_tokens: number;
  completion_tokens: number;
  /** Total cost in CNY, and in USD at the configured rate. */
  cost_cny: number;
  cost_usd: number;
  /** Answered items whose model had no price in the price book (present only when some had none). */
  unpriced_items?: number;
  /** Cost per 1,000 finished items; null when none of the model's answers was priced (unknown, not free). */
  cost_per_1k_cny: number | null;
  cost_per_1k_usd: number | null;
  /** Latency of the model's answers (ms, judge calls excluded). */
  p50_ms: number | null;
  p95_ms: number | null;
  /** Completion tokens per second of answer latency, summed over items. */
  tokens_per_s: number | null;
  /** On the quality-vs-cost Pareto front of its run (best score for its cost per 1k). */
  pareto: boolean;
}

/** A run as the API, CLI and reports show it. */
export interface RunView {
  id: string;
  name: string;
  type: SuiteType;
  status: RunStatus;
  workspace_id: string;
  dataset: { id: string; name: string; version: number };
  /** The models, in suite order. */
  models: string[];
  key_id: string | null;
  job_id: string | null;
  total_items: number;
  done_items: number;
  error_items: number;
  /** done_items / total_items. */
  progress: number;
  error: string | null;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** A run with its results: the data of the leaderboard, the scatter and every export. */
export interface RunReport {
  run: RunView;
  /** The validated suite (without secrets; the judge's model and rubric included). */
  suite: Record<string, unknown>;
  /** One per model, suite order. */
  results: ModelResult[];
  /** The configured USD → CNY rate the USD figures use. */
  usd_cny: number;
  generated_at: string;
}

/** A finished item as the API lists it (`GET /api/eval/runs/:id/items`). */
export interface RunItemView {
  model: string;
  item_id: string;
  seq: number;
  subject: string | null;
  status: 'ok' | 'error';
  score: number | null;
  detail: Record<string, unknown>;
  reply: string | null;
  error_code: string | null;
  error_message: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cost: number;
  currency: string | null;
  cost_cny: number;
  latency_ms: number;
  attempts: number;
  request_id: string | null;
  finished_at: string;
}

/** One row of `baimo eval run --json` (contract keys first). */
export interface CliModelRow {
  model: string;
  accuracy: number | null;
  score: number | null;
  items: number;
  errors: number;
  cost: number;
  currency: 'CNY';
  p50_ms: number | null;
}

/** A row of `baimo arena ratings --json` and `GET /api/arena/ratings`: `{model, rating, ci_low, ci_high, rank, battles}`. */
export type { ArenaRating as RatingRow } from './bradley-terry.js';
