import type { ChatResult, FinishReason, Usage } from '../core/chat-types.js';
import { answerParts, chunkText, REPLAY_CHUNK_CHARS, type StoredAnswer } from '../core/stored-answer.js';

/** One stored answer: what the upstream said, and who said it. */
export type CachedAnswer = StoredAnswer;
export { answerParts as replayParts, chunkText, REPLAY_CHUNK_CHARS };

/**
 * Bumped whenever the stored shape changes. Entries outlive deployments (Redis), so a new version
 * must read an old entry as a miss rather than misinterpret it.
 */
const FORMAT_VERSION = 1;

export function encodeAnswer(a: CachedAnswer): string {
  return JSON.stringify({ v: FORMAT_VERSION, ...a });
}

/** The stored answer, or undefined when the value is corrupt, from another version, or not ours. */
export function decodeAnswer(s: string): CachedAnswer | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(s);
  } catch {
    return undefined;
  }
  if (!isObject(raw) || raw.v !== FORMAT_VERSION) return undefined;
  const { result, usage, provider, upstreamModel, createdAt } = raw;
  if (!isResult(result) || !isUsage(usage)) return undefined;
  if (!isStringOrNull(provider) || !isStringOrNull(upstreamModel)) return undefined;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return undefined;
  return { result, usage, provider, upstreamModel, createdAt };
}

const FINISH_REASONS: ReadonlySet<string> = new Set<FinishReason>(['stop', 'length', 'tool_calls', 'content_filter']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringOrNull(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}

function isUsage(v: unknown): v is Usage {
  return isObject(v) && typeof v.promptTokens === 'number' && typeof v.completionTokens === 'number';
}

function isToolCall(v: unknown): boolean {
  if (!isObject(v) || typeof v.id !== 'string' || v.type !== 'function' || !isObject(v.function)) return false;
  return typeof v.function.name === 'string' && typeof v.function.arguments === 'string';
}

function isResult(v: unknown): v is ChatResult {
  if (!isObject(v) || !isStringOrNull(v.content)) return false;
  if (typeof v.finishReason !== 'string' || !FINISH_REASONS.has(v.finishReason)) return false;
  if (!Array.isArray(v.toolCalls) || !v.toolCalls.every(isToolCall)) return false;
  if (v.reasoning !== undefined && typeof v.reasoning !== 'string') return false;
  return true;
}
