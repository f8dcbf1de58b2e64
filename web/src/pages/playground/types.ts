import type { ChatParams, ChatUsage } from '../../api/stream-chat.ts';

export interface AnswerStats {
  ttftMs: number | null;
  latencyMs: number;
  usage: ChatUsage | null;
  requestId: string | null;
  /** From the request log, when it could be read. */
  cost?: number;
  currency?: string | null;
  cacheHit?: boolean;
}

export interface Turn {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  streaming?: boolean;
  stopped?: boolean;
  error?: string;
  stats?: AnswerStats;
}

export interface PlaygroundSettings {
  system: string;
  params: ChatParams;
}
