import type { Usage } from '../../core/chat-types.js';

export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
}

/** Gemini bills thinking tokens as output: they are added to completion tokens and also reported as reasoning. */
export function mapUsage(u: GeminiUsageMetadata | null | undefined): Usage | undefined {
  if (!u || typeof u !== 'object') return undefined;
  const prompt = num(u.promptTokenCount);
  const candidates = num(u.candidatesTokenCount);
  const thoughts = num(u.thoughtsTokenCount);
  if (prompt === undefined && candidates === undefined && thoughts === undefined) return undefined;
  const usage: Usage = {
    promptTokens: (prompt ?? 0) + (num(u.toolUsePromptTokenCount) ?? 0),
    completionTokens: (candidates ?? 0) + (thoughts ?? 0),
  };
  const cached = num(u.cachedContentTokenCount);
  if (cached) usage.cachedTokens = cached;
  if (thoughts) usage.reasoningTokens = thoughts;
  return usage;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
