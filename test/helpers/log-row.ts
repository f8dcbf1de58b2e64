import type { RequestLogRow } from '../../src/store/schema.js';

/** A complete request-log row for tests that seed the log directly: a plain 200 chat call, overridden. */
export function logRow(over: Partial<RequestLogRow> = {}): RequestLogRow {
  return {
    id: 'req_test',
    created_at: Date.now(),
    key_id: null,
    workspace_id: null,
    app_id: null,
    endpoint: 'chat',
    model_requested: 'chat',
    provider: 'fake',
    upstream_model: 'm1',
    attempts: 1,
    status: 200,
    error_type: null,
    error_message: null,
    prompt_tokens: 0,
    completion_tokens: 0,
    cached_tokens: 0,
    estimated: 0,
    cost: 0,
    currency: null,
    cost_cny: 0,
    latency_ms: 0,
    ttft_ms: null,
    stream: 0,
    finish_reason: 'stop',
    cache_hit: 0,
    session_id: null,
    user_id: null,
    client_ip: null,
    request_body: null,
    response_body: null,
    ...over,
  };
}
