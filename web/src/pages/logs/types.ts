/** Shapes of GET /api/logs and GET /api/logs/{id} (src/server/api/log-routes.ts). */
export interface LogRow {
  id: string;
  object: 'log';
  created_at: string;
  workspace_id: string | null;
  app_id: string | null;
  key_id: string | null;
  endpoint: string;
  model: string;
  provider: string | null;
  upstream_model: string | null;
  attempts: number;
  status: number;
  error_type: string | null;
  error_message: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  estimated: boolean;
  cost: number;
  currency: string | null;
  cost_cny: number;
  latency_ms: number;
  ttft_ms: number | null;
  stream: boolean;
  finish_reason: string | null;
  cache_hit: boolean;
  session_id: string | null;
  user_id: string | null;
  /** Policy events of the request (PII found and the action taken, moderation, routing); null when none. */
  compliance?: Record<string, unknown> | string | null;
}

/** One failed upstream try of a request (`attempts_detail`), in order. */
export interface LogAttempt {
  provider: string;
  model: string;
  /** HTTP status of the try (0 or null when no response came back). */
  status: number | null;
  error_type: string | null;
  error_message: string | null;
  latency_ms: number | null;
}

export interface LogDetail extends LogRow {
  request_body: string | null;
  response_body: string | null;
  /** The failed tries (retries, fallbacks) when the call took more than one attempt; else null. */
  attempts_detail?: LogAttempt[] | null;
  /** The signed implicit AIGC label of the answer (check it with `baimo label verify`). */
  aigc_label?: string | null;
}

export interface LogPage {
  object: 'list';
  data: LogRow[];
  next_cursor: string | null;
}

export type StatusFilter = 'all' | 'ok' | 'error' | 'code';

export interface LogFilters {
  /** Epoch milliseconds; `to` is exclusive. */
  from?: number;
  to?: number;
  workspaceId?: string;
  keyId?: string;
  appId?: string;
  model?: string;
  status: StatusFilter;
  /** Exact HTTP status when status is `code`. */
  code?: string;
}
