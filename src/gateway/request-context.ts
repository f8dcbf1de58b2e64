/** Who is asking and from where; built by the server (or the CLI) for each request. */
export interface RequestContext {
  requestId: string;
  startedAt: number;
  signal: AbortSignal;
  keyId: string | null;
  sessionId: string | null;
  userId: string | null;
  clientIp: string | null;
}
