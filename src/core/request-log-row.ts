/** One row of the request log: what a request to `/v1` left behind (the gateway builds it, the store keeps it). */
export interface RequestLogRow {
  id: string;
  created_at: number; // epoch ms
  key_id: string | null;
  workspace_id: string | null;
  app_id: string | null;
  endpoint: string; // chat | embeddings | rerank
  model_requested: string;
  provider: string | null;
  upstream_model: string | null;
  attempts: number;
  /**
   * JSON array of the failed attempts (provider, model, status, error_type, error_message,
   * latency_ms) when the call took more than one attempt; null otherwise.
   */
  attempts_detail?: string | null;
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
  /** 1 when the answer came from the response cache (cost 0). */
  cache_hit: number;
  session_id: string | null;
  user_id: string | null;
  client_ip: string | null;
  request_body: string | null;
  response_body: string | null;
  /** The signed implicit AIGC label of the answer, header form (`v=1; aigc=1; cid=…; sig=…`). */
  aigc_label?: string | null;
  /**
   * JSON summary of the policy events of the request, e.g.
   * `{"pii":{"action":"pseudonymize","types":{"mobile":2}},"moderation":{"risk":"A.1.6","stage":"output"},"routing":"self_hosted"}`.
   */
  compliance?: string | null;
  /** The scenario app the request ran (its slug) and the version the run resolved to; null for other requests. */
  app_slug?: string | null;
  app_version?: number | null;
  /**
   * JSON object of the segment attributes (`industry`, `region`, `user_group`) the key's and the app's
   * metadata give the request (the app's win); end-user metadata wins over both when analytics counts it.
   */
  segments?: string | null;
  /**
   * Who made the call when baimo made it itself: `eval` (evaluation runs, arena battles), `analytics`
   * (topic classification); null for users' traffic. Such rows stay in the log and in cost and usage
   * rollups, but usage analytics leaves them out.
   */
  origin?: string | null;
}
