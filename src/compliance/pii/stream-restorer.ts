/**
 * Restoring pseudonymised values in answers. Streams arrive in arbitrary chunks, so a placeholder
 * may be split anywhere (`[手机` + `号_1]`): the restorer holds back only the tail starting at the
 * last '[' while that tail can still become a placeholder, and emits everything else at once.
 * Linear in the answer: each delta is restored in one pass over it (see `PseudonymVault.restore`),
 * and the prefix test does not depend on the number of placeholders.
 */

import type { ChatResult } from '../../core/chat-types.js';
import type { PseudonymVault } from './pseudonym-vault.js';

/** Options of a stream restorer. */
export interface StreamRestorerOptions {
  /** The stream is a JSON text (tool-call arguments): values are escaped for JSON strings. */
  json?: boolean;
}

/** Restores one stream of text deltas (one per choice and per kind: content, reasoning, each tool call's arguments). */
export class StreamRestorer {
  private pending = '';
  private readonly json: boolean;

  constructor(
    private readonly vault: PseudonymVault,
    options: StreamRestorerOptions = {},
  ) {
    this.json = options.json ?? false;
  }

  /** Text held back, waiting for the next delta (at most one placeholder long). */
  get held(): string {
    return this.pending;
  }

  /** Takes the next delta; returns the text that can be emitted now, placeholders restored. */
  push(delta: string): string {
    const vault = this.vault;
    if (vault.size === 0) return delta;
    const text = this.pending === '' ? delta : this.pending + delta;
    const open = text.lastIndexOf('[');
    // O(length of the delta): only a tail shorter than the longest placeholder is ever held.
    if (open >= 0 && text.length - open < vault.maxPlaceholderLength && vault.isPlaceholderPrefix(text.slice(open))) {
      this.pending = text.slice(open);
      return vault.restore(text.slice(0, open), this.json);
    }
    this.pending = '';
    return vault.restore(text, this.json);
  }

  /** Ends the stream: returns whatever is still held (an unfinished placeholder stays as written). */
  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return rest;
  }
}

/** A whole answer with every placeholder of `vault` replaced by its value (content, reasoning, refusal, tool-call arguments). */
export function restoreResult(result: ChatResult, vault: PseudonymVault): ChatResult {
  if (vault.size === 0) return result;
  const content = result.content === null ? null : vault.restore(result.content);
  const reasoning = result.reasoning === undefined ? undefined : vault.restore(result.reasoning);
  const refusal = typeof result.refusal === 'string' ? vault.restore(result.refusal) : result.refusal;
  let toolCalls = result.toolCalls;
  for (let i = 0; i < toolCalls.length; i++) {
    const call = toolCalls[i];
    const args = vault.restore(call.function.arguments, true);
    if (args === call.function.arguments) continue;
    if (toolCalls === result.toolCalls) toolCalls = toolCalls.slice();
    toolCalls[i] = { ...call, function: { ...call.function, arguments: args } };
  }
  if (content === result.content && reasoning === result.reasoning && refusal === result.refusal && toolCalls === result.toolCalls) {
    return result;
  }
  const out: ChatResult = { ...result, content, toolCalls };
  if (reasoning !== undefined) out.reasoning = reasoning;
  if (refusal !== undefined) out.refusal = refusal;
  return out;
}
