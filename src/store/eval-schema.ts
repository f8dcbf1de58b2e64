/** The evaluation tables (eval-migration.ts): datasets, versions, items, runs, run items, arena battles. */

/** An evaluation dataset (eval-migration.ts): its versions hold the items. */
export interface EvalDatasetTable {
  id: string;
  workspace_id: string;
  name: string;
  type: 'mcq' | 'qa' | 'judge' | 'safety';
  description: string;
  latest_version: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** A version of a dataset: an import, an upload or a sample from the request logs. */
export interface EvalDatasetVersionTable {
  dataset_id: string;
  version: number;
  format: 'ceval' | 'cmmlu' | 'qa' | 'judge' | 'safety';
  source: 'file' | 'upload' | 'logs';
  note: string;
  item_count: number;
  content_hash: string;
  /** JSON: files, warnings, the log filter of a sample. */
  meta: string;
  created_by: string | null;
  created_at: number;
}

/** An item of a dataset version, in order (`seq` from 0); `data` is the item as JSON. */
export interface EvalDatasetItemTable {
  dataset_id: string;
  version: number;
  seq: number;
  item_id: string;
  subject: string | null;
  split: string | null;
  data: string;
}

/** A suite run: models × a dataset version, worked by one `eval.run` job. */
export interface EvalRunTable {
  id: string;
  workspace_id: string;
  name: string;
  type: 'mcq' | 'qa' | 'judge' | 'safety';
  /** The validated suite as JSON. */
  suite: string;
  dataset_id: string;
  dataset_version: number;
  key_id: string | null;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  job_id: string | null;
  total_items: number;
  done_items: number;
  error_items: number;
  error: string | null;
  /** JSON: per-model results once finished. */
  summary: string | null;
  created_by: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

/** One finished (model, item) of a run: scored, or failed for good. */
export interface EvalRunItemTable {
  run_id: string;
  model: string;
  item_id: string;
  seq: number;
  subject: string | null;
  status: 'ok' | 'error';
  score: number | null;
  /** JSON: extracted choice, metrics, judge prompt/model/raw, refusal verdict. */
  detail: string;
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
  finished_at: number;
}

/** An arena battle: two models' answers to a prompt and the verdict (null while a blind vote is pending). */
export interface ArenaBattleTable {
  id: string;
  workspace_id: string;
  model_a: string;
  model_b: string;
  winner: 'model_a' | 'model_b' | 'tie' | 'both_bad' | null;
  source: 'vote' | 'judge' | 'import';
  prompt: string | null;
  answer_a: string | null;
  answer_b: string | null;
  detail: string;
  created_by: string | null;
  created_at: number;
  voted_at: number | null;
}
