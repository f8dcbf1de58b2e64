import { GatewayError } from '../core/errors.js';
import { callAttempts, isFatalForModel } from './gateway-caller.js';
import { failed, JudgeCallFailed, type CallModel, type ItemOutcome } from './item-outcome.js';
import type { PlannedItem, RunPlan } from './run-plan.js';

/** A failure that stops every later call: of a model (its own), or of the suite's judge (all models). */
export interface Halt {
  code: string;
  message: string;
}

/** What the models of one run share while they are worked. */
export interface RunWork {
  plan: RunPlan;
  call: CallModel;
  /** Workers per model (the suite's `concurrency`; the lane may allow fewer calls at once). */
  concurrency: number;
  /** The job's: when it aborts, workers stop taking items and its reason is thrown. */
  signal: AbortSignal;
  /** Stores a finished item (and counts it for progress). */
  record(model: string, item: PlannedItem, outcome: ItemOutcome): Promise<void>;
  /** Set when the judge fails in a way every item would: no model calls any more. */
  judgeHalt?: Halt;
}

const errorCode = (err: GatewayError): string => err.code ?? `http_${err.status}`;

/**
 * Works one model's unfinished items, `concurrency` at a time, each stored as soon as it is scored or
 * has failed for good. A failure that every later call would repeat ({@link isFatalForModel}: an
 * unknown or disallowed model, a key refused, a quota used up) stops calling the model: its remaining
 * items are stored as errors with that code, without a call. A judge failing so stops every model the
 * same way. Other call failures are item errors; an exception that is no call's (the store) ends the
 * work and is thrown, as is the signal's reason when the job is stopped.
 */
export async function workModel(model: string, todo: readonly PlannedItem[], w: RunWork): Promise<Halt | undefined> {
  let next = 0;
  let halt: Halt | undefined;
  let broken = false;
  const one = async (item: PlannedItem): Promise<ItemOutcome> => {
    const stop = halt ?? w.judgeHalt;
    if (stop) return failed(stop.code, `Not called: ${stop.message}`);
    try {
      return await w.plan.run(item, model, w.call);
    } catch (err) {
      if (w.signal.aborted) throw w.signal.reason;
      if (err instanceof JudgeCallFailed) {
        const g = err.error instanceof GatewayError ? err.error : undefined;
        const code = g ? errorCode(g) : 'internal_error';
        const message = `The judge failed: ${g?.message ?? 'internal error'}`;
        if (g && isFatalForModel(g)) w.judgeHalt ??= { code, message };
        return failed(code, message, err.answer, err.detail);
      }
      if (err instanceof GatewayError) {
        if (isFatalForModel(err)) halt ??= { code: errorCode(err), message: `${model}: ${err.message}` };
        return { ...failed(errorCode(err), err.message), attempts: callAttempts(err) };
      }
      // Scoring met something it cannot read: this item's error, not the run's.
      return failed('internal_error', `The item could not be scored: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const worker = async (): Promise<void> => {
    while (!broken && next < todo.length) {
      w.signal.throwIfAborted();
      const item = todo[next++];
      const outcome = await one(item);
      await w.record(model, item, outcome);
    }
  };
  const n = Math.min(Math.max(1, w.concurrency), todo.length);
  const settled = await Promise.allSettled(
    Array.from({ length: n }, () =>
      worker().catch((err: unknown) => {
        broken = true;
        throw err;
      }),
    ),
  );
  if (w.signal.aborted) throw w.signal.reason;
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return halt;
}
