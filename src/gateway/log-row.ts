import type { Usage } from '../core/chat-types.js';
import { truncateForLog } from '../core/limits.js';
import type { GatewayError } from '../core/errors.js';
import type { RequestLogRow } from '../core/request-log-row.js';
import type { StageFacts } from '../core/stage.js';
import type { Cost } from '../core/cost.js';
import type { RequestContext } from './request-context.js';
import type { RouteTrace } from './router.js';

export interface LogFacts {
  endpoint: 'chat' | 'embeddings' | 'rerank';
  model: string;
  trace: RouteTrace;
  status: number;
  error?: GatewayError;
  usage?: Usage;
  cost?: Cost;
  ttftMs?: number | null;
  stream: boolean;
  finishReason?: string | null;
  requestBody?: string | null;
  responseBody?: string | null;
  cacheHit?: boolean;
  /** Who answered when no call was made (a cache hit): the original provider and model. */
  served?: { provider: string | null; upstreamModel: string | null };
  /** What the request stages add (cache status, policy findings, the AIGC label, the scenario app). */
  stage?: StageFacts;
}

/** Builds the one log row a request leaves behind. */
export function makeLogRow(ctx: RequestContext, f: LogFacts): RequestLogRow {
  return {
    id: ctx.requestId,
    created_at: ctx.startedAt,
    key_id: ctx.keyId,
    workspace_id: ctx.workspaceId,
    app_id: ctx.appId,
    endpoint: f.endpoint,
    // Request-derived strings are cut to LIMITS.loggedString (a length compare when they are short).
    model_requested: truncateForLog(f.model),
    provider: f.trace.target?.providerName ?? f.served?.provider ?? null,
    upstream_model: f.trace.target?.model ?? f.served?.upstreamModel ?? null,
    attempts: f.trace.attempts,
    // Only calls that took more than one attempt carry the detail (the single error is error_message).
    attempts_detail: f.trace.attempts > 1 && f.trace.failed ? JSON.stringify(f.trace.failed) : null,
    status: f.status,
    error_type: f.error?.type ?? null,
    error_message: f.error ? f.error.message.slice(0, 1000) : null,
    prompt_tokens: f.usage?.promptTokens ?? 0,
    completion_tokens: f.usage?.completionTokens ?? 0,
    cached_tokens: f.usage?.cachedTokens ?? 0,
    estimated: f.usage?.estimated ? 1 : 0,
    cost: f.cost?.amount ?? 0,
    currency: f.cost?.currency ?? null,
    cost_cny: f.cost?.cny ?? 0,
    latency_ms: Date.now() - ctx.startedAt,
    ttft_ms: f.ttftMs ?? null,
    stream: f.stream ? 1 : 0,
    finish_reason: f.finishReason ?? null,
    cache_hit: f.cacheHit ? 1 : 0,
    session_id: ctx.sessionId === null ? null : truncateForLog(ctx.sessionId),
    user_id: ctx.userId === null ? null : truncateForLog(ctx.userId),
    client_ip: ctx.clientIp,
    request_body: f.requestBody ?? null,
    response_body: f.responseBody ?? null,
    aigc_label: f.status === 200 ? (f.stage?.aigcLabel ?? null) : null,
    compliance: f.stage?.compliance ?? null,
    app_slug: f.stage?.app?.slug ?? null,
    app_version: f.stage?.app?.version ?? null,
    origin: ctx.origin ?? null,
    segments: segmentsColumn(ctx.segments),
  };
}

/** The context's segment attributes as the `segments` column (JSON object); null when there are none. */
function segmentsColumn(s: Readonly<Record<string, string>> | null | undefined): string | null {
  return s && Object.keys(s).length > 0 ? JSON.stringify(s) : null;
}
