import type { EvalRunItemTable, EvalRunTable } from '../store/schema.js';
import type { RunItemView, RunView } from './eval-types.js';
import { storedSuite } from './run-results.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The dataset name a run stored in its suite (`name@version`), as it was when the run was made. */
function datasetName(run: EvalRunTable): string {
  try {
    const ref = storedSuite(run).dataset;
    const at = ref.lastIndexOf('@');
    return at > 0 ? ref.slice(0, at) : ref;
  } catch {
    return '';
  }
}

/** A run as the API, CLI and reports show it. */
export function runView(run: EvalRunTable): RunView {
  let models: string[] = [];
  try {
    models = storedSuite(run).models;
  } catch {
    // an unreadable suite shows no models
  }
  return {
    id: run.id,
    name: run.name,
    type: run.type,
    status: run.status,
    workspace_id: run.workspace_id,
    dataset: { id: run.dataset_id, name: datasetName(run), version: run.dataset_version },
    models,
    key_id: run.key_id,
    job_id: run.job_id,
    total_items: run.total_items,
    done_items: run.done_items,
    error_items: run.error_items,
    progress: run.total_items > 0 ? Math.min(1, run.done_items / run.total_items) : 0,
    error: run.error,
    created_by: run.created_by,
    created_at: iso(run.created_at)!,
    started_at: iso(run.started_at),
    finished_at: iso(run.finished_at),
  };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A finished item as `GET /api/eval/runs/:id/items` lists it. */
export function runItemView(r: EvalRunItemTable): RunItemView {
  return {
    model: r.model,
    item_id: r.item_id,
    seq: r.seq,
    subject: r.subject,
    status: r.status,
    score: r.score,
    detail: parseObject(r.detail),
    reply: r.reply,
    error_code: r.error_code,
    error_message: r.error_message,
    prompt_tokens: r.prompt_tokens,
    completion_tokens: r.completion_tokens,
    cost: r.cost,
    currency: r.currency,
    cost_cny: r.cost_cny,
    latency_ms: r.latency_ms,
    attempts: r.attempts,
    request_id: r.request_id,
    finished_at: iso(r.finished_at)!,
  };
}
