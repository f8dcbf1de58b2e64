import type { ChatResult, FinishReason, StreamPart, Usage } from '../core/chat-types.js';

/** One stored answer: what the upstream said, and who said it. */
export interface CachedAnswer {
  result: ChatResult;
  /** The usage of the original call (what a hit saved). */
  usage: Usage;
  /** The provider that answered, null when unknown. */
  provider: string | null;
  /** The provider-side model id that answered, null when unknown. */
  upstreamModel: string | null;
  /** When the answer was stored, ms since the epoch. */
  createdAt: number;
}

/**
 * Bumped whenever the stored shape changes. Entries outlive deployments (Redis), so a new version
 * must read an old entry as a miss rather than misinterpret it.
 */
const FORMAT_VERSION = 1;

/** How many characters each replayed text part carries, so a hit still streams like a stream. */
export const REPLAY_CHUNK_CHARS = 64;

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

/**
 * The stream parts a streaming client gets for a cached answer: reasoning, then text, in chunks of
 * `REPLAY_CHUNK_CHARS`; one part per tool call; then `finish` carrying the reason and usage (the
 * shape the gateway itself ends a stream with). `resultToParts` is not reused because it emits
 * each text as one part and reports usage in a separate part.
 *
 * A refusal has no stream part type yet, so it is not replayed on a stream.
 */
export function replayParts(a: CachedAnswer): StreamPart[] {
  const parts: StreamPart[] = [];
  const r = a.result;
  if (r.reasoning) for (const text of chunkText(r.reasoning)) parts.push({ type: 'reasoning-delta', text });
  if (r.content) for (const text of chunkText(r.content)) parts.push({ type: 'text-delta', text });
  for (const [index, call] of r.toolCalls.entries()) {
    parts.push({ type: 'tool-call-delta', index, id: call.id, name: call.function.name, argumentsDelta: call.function.arguments });
  }
  parts.push({ type: 'finish', reason: r.finishReason, usage: a.usage });
  return parts;
}

/** Splits text into pieces of about `size` UTF-16 units, never between the halves of a surrogate pair. */
export function chunkText(text: string, size = REPLAY_CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    // A high surrogate at the cut would leave a broken character in both chunks: take its pair too.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
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
