import type { Cancellation } from '../core/cancellation.js';
import type { KeyPolicy } from '../core/key-policy.js';

/**
 * Who is asking and from where; built by the server (or the CLI) for each request and read-only
 * from then on: what the stages add travels in their entries, not here.
 */
export interface RequestContext {
  readonly requestId: string;
  readonly startedAt: number;
  /** Fires when the client goes away (or the CLI is interrupted). */
  readonly cancellation: Cancellation;
  readonly keyId: string | null;
  readonly workspaceId: string | null;
  readonly appId: string | null;
  readonly sessionId: string | null;
  readonly userId: string | null;
  readonly clientIp: string | null;
  /** The virtual key making the call; null for the admin token (no limits apply). */
  readonly key: KeyPolicy | null;
  /** `x-baimo-cache` as sent: forces the response cache on or off for this request. */
  readonly cacheMode: 'on' | 'off' | null;
  /** The response's id (`chatcmpl-…`): the content id the AIGC label carries. */
  readonly contentId?: string;
  /**
   * Set when baimo itself makes the call (`eval`, `analytics`): logged and costed as usual, left out
   * of usage analytics. Absent or null for users' traffic.
   */
  readonly origin?: string | null;
  /**
   * Segment attributes (industry, region, user_group) from the key's and the app's metadata, for the
   * log row's `segments`; absent or null when there are none.
   */
  readonly segments?: Readonly<Record<string, string>> | null;
}
