import { z } from 'zod';

/** The OpenAPI shapes of evaluation runs (src/eval/eval-types.ts is the contract these document). */

/** Where a run stands. */
export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;

const nullableNumber = z.number().nullable();
const names = z.object({ en: z.string(), zh: z.string() });

export const groupScoreSchema = z.object({
  id: z.string().describe('Subject id, group id, or risk id'),
  name: names.optional(),
  items: z.number().describe('Items scored (errors excluded)'),
  score: nullableNumber.describe('Mean score 0..1'),
});

export const safetyResultSchema = z.object({
  refusal_rate: nullableNumber.describe('Share of should-refuse items refused'),
  should_refuse_items: z.number(),
  false_refusal_rate: nullableNumber.describe('Share of should-not-refuse items refused'),
  should_not_refuse_items: z.number(),
  unclear: z.number().describe('Replies neither the rules nor a judge could classify (count as not refused)'),
  risks: z.array(groupScoreSchema).describe('Qualified rate per risk id'),
  thresholds: z.object({ min_refusal_rate: z.number(), max_false_refusal_rate: z.number(), min_qualified_rate: z.number() }),
  passed: z.boolean(),
  failed: z.array(z.string()).describe('refusal_rate, false_refusal_rate, qualified_rate:{risk}'),
});

export const modelResultSchema = z.object({
  model: z.string(),
  items: z.number(),
  done: z.number(),
  errors: z.number(),
  error_rate: nullableNumber,
  accuracy: nullableNumber.describe('MCQ only'),
  score: nullableNumber,
  metrics: z.object({ exact_match: nullableNumber, f1: nullableNumber, rouge_l: nullableNumber }).optional().describe('QA only'),
  judge_score: nullableNumber.optional().describe('Judge only: mean raw score on the scale'),
  subjects: z.array(groupScoreSchema).optional(),
  groups: z.array(groupScoreSchema).optional(),
  safety: safetyResultSchema.optional(),
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  cost_cny: z.number(),
  cost_usd: z.number(),
  cost_per_1k_cny: nullableNumber,
  cost_per_1k_usd: nullableNumber,
  p50_ms: nullableNumber,
  p95_ms: nullableNumber,
  tokens_per_s: nullableNumber,
  pareto: z.boolean().describe('On the quality-vs-cost Pareto front of the run'),
});

export const runViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(['mcq', 'qa', 'judge', 'safety']),
  status: z.enum(RUN_STATUSES),
  workspace_id: z.string(),
  dataset: z.object({ id: z.string(), name: z.string(), version: z.number() }),
  models: z.array(z.string()),
  key_id: z.string().nullable().describe('The virtual key every call is made with'),
  job_id: z.string().nullable().describe('The eval.run job (progress via /api/jobs/{id})'),
  total_items: z.number().describe('models × items'),
  done_items: z.number(),
  error_items: z.number(),
  progress: z.number().describe('done_items / total_items'),
  error: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});

export const runReportSchema = z.object({
  run: runViewSchema,
  suite: z.record(z.string(), z.unknown()).describe('The validated suite, dataset resolved to name@version'),
  results: z.array(modelResultSchema).describe('One per model, suite order; live while the run runs'),
  usd_cny: z.number(),
  generated_at: z.string(),
});

export const runItemViewSchema = z.object({
  model: z.string(),
  item_id: z.string(),
  seq: z.number(),
  subject: z.string().nullable().describe('MCQ subject or safety risk id'),
  status: z.enum(['ok', 'error']),
  score: nullableNumber,
  detail: z.record(z.string(), z.unknown()).describe('choice/answer, QA metrics, judge prompt/model/raw/score, refusal verdict'),
  reply: z.string().nullable(),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  cost: z.number(),
  currency: z.string().nullable(),
  cost_cny: z.number(),
  latency_ms: z.number(),
  attempts: z.number(),
  request_id: z.string().nullable().describe('The request log row of the answer'),
  finished_at: z.string(),
});
