import type { Generated } from 'kysely';

/** One row per `/v1` request (chat or embeddings), written by the batched log writer. */
export interface RequestLogTable {
  id: string;
  created_at: number; // epoch ms
  key_id: string | null;
  endpoint: string; // chat | embeddings
  model_requested: string;
  provider: string | null;
  upstream_model: string | null;
  attempts: number;
  status: number;
  error_type: string | null;
  error_message: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  estimated: number; // 0 | 1
  cost: number;
  currency: string | null;
  cost_cny: number;
  latency_ms: number;
  ttft_ms: number | null;
  stream: number; // 0 | 1
  finish_reason: string | null;
  session_id: string | null;
  user_id: string | null;
  client_ip: string | null;
  request_body: string | null;
  response_body: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface KyselyMigrationHint {
  // Kysely keeps its own bookkeeping tables; nothing to declare here.
  _?: Generated<number>;
}

export interface Database {
  request_logs: RequestLogTable;
  settings: SettingsTable;
}

export type RequestLogRow = RequestLogTable;
