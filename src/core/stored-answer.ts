import type { ChatResult, StreamPart, Usage } from './chat-types.js';

/** One stored answer: what the upstream said, and who said it. */
export interface StoredAnswer {
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

/** How many characters each replayed text part carries, so a stored answer still streams like a stream. */
export const REPLAY_CHUNK_CHARS = 64;

/**
 * The stream parts a streaming client gets for a stored answer (a cache hit): reasoning, then text, in chunks of
 * `REPLAY_CHUNK_CHARS`; one part per tool call; then `finish` carrying the reason and usage (the
 * shape the gateway itself ends a stream with). `resultToParts` is not reused because it emits
 * each text as one part and reports usage in a separate part.
 *
 * A refusal has no stream part type yet, so it is not replayed on a stream.
 */
export function answerParts(a: StoredAnswer): StreamPart[] {
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
