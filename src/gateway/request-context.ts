import type { Cancellation } from '../core/cancellation.js';

/** Who is asking and from where; built by the server (or the CLI) for each request. */
export interface RequestContext {
  requestId: string;
  startedAt: number;
  /** Fires when the client goes away (or the CLI is interrupted). */
  cancellation: Cancellation;
  keyId: string | null;
  sessionId: string | null;
  userId: string | null;
  clientIp: string | null;
}
