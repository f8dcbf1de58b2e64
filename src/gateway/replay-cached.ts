import { replayParts, type CachedAnswer } from '../cache/cached-answer.js';
import type { Outbound } from '../compliance/outbound.js';
import type { StreamPart } from '../core/chat-types.js';

/** A cached answer, streamed as the original call would have been (through the compliance outbound). */
export async function* replay(hit: CachedAnswer, out: Outbound | undefined): AsyncGenerator<StreamPart> {
  for (const part of replayParts(hit)) {
    if (!out) yield part;
    else if (part.type === 'finish') yield* out.finish(part.reason, part.usage ?? hit.usage);
    else {
      yield* out.push(part);
      if (out.cut) {
        yield* out.finish('content_filter', hit.usage);
        return;
      }
    }
  }
}
