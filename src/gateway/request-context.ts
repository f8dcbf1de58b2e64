import type { Cancellation } from '../core/cancellation.js';
import type { KeyPolicy } from '../governance/key-policy.js';

/** Who is asking and from where; built by the server (or the CLI) for each request. */
export interface RequestContext {
  requestId: string;
  startedAt: number;
  /** Fires when the client goes away (or the CLI is interrupted). */
  cancellation: Cancellation;
  keyId: string | null;
  workspaceId: string | null;
  appId: string | null;
  sessionId: string | null;
  userId: string | null;
  clientIp: string | null;
  /** The virtual key making the call; null for the admin token (no limits apply). */
  key: KeyPolicy | null;
  /** `x-baimo-cache` as sent: forces the response cache on or off for this request. */
  cacheMode: 'on' | 'off' | null;
  /** Set by the gateway when the cache was consulted. */
  cacheStatus: 'hit' | 'miss' | null;
  /** The response's id (`chatcmpl-…`): the content id the AIGC label carries. Set by the edge. */
  contentId?: string;
  /** The signed implicit AIGC label of the answer, set by the gateway once it is known. */
  aigcLabel?: { header: string; json: string };
  /** What the compliance layer did (request log `compliance` column), set by the gateway. */
  compliance?: import('../compliance/compliance-events.js').ComplianceEvents;
  /** A call baimo makes itself (model-based moderation): no policies, no labels. */
  internal?: boolean;
  /** An internal call's data-routing filter (the asking request's). */
  routeFilter?: import('./router.js').TargetFilter;
}
