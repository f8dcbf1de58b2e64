import type { ChatRequest } from '../core/chat-types.js';
import { toGatewayError } from '../core/errors.js';
import type { StreamOutcome } from '../gateway/gateway-outcomes.js';
import type { RequestContext } from '../gateway/request-context.js';
import { ARENA_LIMITS, type BattleEvent, type BattleSide } from './arena-types.js';

/** One side's answer as it ended: its text (cut to {@link ARENA_LIMITS.answer}) and how it finished. */
export interface SideAnswer {
  text: string;
  /** The finish reason, or null when the side failed (then `error` says why). */
  finishReason: string | null;
  error: string | null;
}

/** Opens one side's streamed answer through the gateway in `ctx`. */
export type OpenStream = (req: ChatRequest, ctx: RequestContext) => Promise<StreamOutcome>;

/**
 * A side's failure as the voter sees it: the error code only. The gateway's message may name the model
 * or its provider (`The model \`x\` does not exist`), and a blind battle must not.
 */
function anonymousError(err: unknown): string {
  const e = toGatewayError(err);
  const code = e.code ?? e.type;
  return `This side's model could not answer (${code}). / 该侧模型未能作答（${code}）。`;
}

/** One side: its deltas, then `done` or `error`; `answer` holds what it said once it ends. */
async function* side(s: BattleSide, open: () => Promise<StreamOutcome>, answer: SideAnswer): AsyncGenerator<BattleEvent> {
  try {
    const outcome = await open();
    for await (const part of outcome.parts) {
      if (part.type === 'text-delta') {
        if (!part.text) continue;
        if (answer.text.length < ARENA_LIMITS.answer) answer.text += part.text.slice(0, ARENA_LIMITS.answer - answer.text.length);
        yield { event: 'delta', data: { side: s, text: part.text } };
      } else if (part.type === 'error') {
        answer.error = anonymousError(part.error);
        yield { event: 'error', data: { side: s, message: answer.error } };
        return;
      } else if (part.type === 'finish') answer.finishReason = part.reason;
    }
    answer.finishReason ??= 'stop';
    yield { event: 'done', data: { side: s, finish_reason: answer.finishReason } };
  } catch (err) {
    answer.finishReason = null;
    answer.error = anonymousError(err);
    yield { event: 'error', data: { side: s, message: answer.error } };
  }
}

/**
 * Runs both sides at once and yields their events as they come (interleaved); returns when both
 * ended. Closing the generator early (the client went away) closes both sides.
 */
export async function* bothSides(
  a: () => Promise<StreamOutcome>,
  b: () => Promise<StreamOutcome>,
  answers: Record<BattleSide, SideAnswer>,
): AsyncGenerator<BattleEvent> {
  const gens = [side('a', a, answers.a), side('b', b, answers.b)];
  const next = (i: number) => gens[i]!.next().then((r) => ({ i, r }));
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<BattleEvent> }>>([
    [0, next(0)],
    [1, next(1)],
  ]);
  try {
    while (pending.size > 0) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done) {
        pending.delete(i);
        continue;
      }
      pending.set(i, next(i));
      yield r.value;
    }
  } finally {
    // Early close: each side's generator is closed once its pending step settles (it is cancelled by then).
    for (const [i, p] of pending) void p.then(() => gens[i]!.return(undefined)).catch(() => undefined);
  }
}

/** An empty answer, filled in by {@link bothSides}. */
export const emptyAnswer = (): SideAnswer => ({ text: '', finishReason: null, error: null });
