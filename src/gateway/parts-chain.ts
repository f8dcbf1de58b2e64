import type { FinishReason, StreamPart, Usage } from '../core/chat-types.js';
import type { PartsTransform } from '../core/stage.js';
import { answerParts, type StoredAnswer } from '../core/stored-answer.js';

/**
 * Sends one part of a streamed answer through the stages' transforms, `ts[0]` nearest the provider.
 * One transform (the usual case when any applies) costs no generator of its own.
 */
export function pushThrough(ts: readonly PartsTransform[], part: StreamPart, from = 0): Iterable<StreamPart> {
  if (from === ts.length) return [part];
  if (from === ts.length - 1) return ts[from].push(part);
  return chain(ts, part, from);
}

function* chain(ts: readonly PartsTransform[], part: StreamPart, from: number): Generator<StreamPart> {
  for (const p of ts[from].push(part)) yield* pushThrough(ts, p, from + 1);
}

/** Ends a streamed answer through the transforms: what each adds goes through the ones after it, its `finish` last. */
export function* finishThrough(ts: readonly PartsTransform[], reason: FinishReason, usage: Usage, from = 0): Generator<StreamPart> {
  if (from === ts.length) {
    yield { type: 'finish', reason, usage };
    return;
  }
  for (const p of ts[from].finish(reason, usage)) {
    if (p.type === 'finish') yield* finishThrough(ts, p.reason, p.usage ?? usage, from + 1);
    else yield* pushThrough(ts, p, from + 1);
  }
}

/** True when a transform stopped the answer (output moderation). */
export function anyCut(ts: readonly PartsTransform[]): boolean {
  for (const t of ts) if (t.cut) return true;
  return false;
}

/** A stored answer, streamed as the original call would have been (through the stages' transforms). */
export async function* replayThrough(ts: readonly PartsTransform[] | undefined, hit: StoredAnswer): AsyncGenerator<StreamPart> {
  for (const part of answerParts(hit)) {
    if (!ts) yield part;
    else if (part.type === 'finish') yield* finishThrough(ts, part.reason, part.usage ?? hit.usage);
    else {
      yield* pushThrough(ts, part);
      if (anyCut(ts)) {
        yield* finishThrough(ts, 'content_filter', hit.usage);
        return;
      }
    }
  }
}

/** The stream with the stages' trailer fields on its finish part (see `StageEntry.trailer`). */
export async function* withTrailer(
  parts: AsyncGenerator<StreamPart>,
  trailer: () => Readonly<Record<string, string>> | undefined,
): AsyncGenerator<StreamPart> {
  for await (const part of parts) {
    if (part.type !== 'finish') {
      yield part;
      continue;
    }
    const t = trailer();
    yield t ? { ...part, fields: { ...part.fields, ...t } } : part;
  }
}
