import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long computations written as generators that `yield` every small unit of work, run either at once
 * (`runToEnd`) or in slices of a few milliseconds with the event loop served in between
 * (`runTimeSliced`): building a 150k-term automaton or parsing a large keyword library then never
 * holds up other requests for more than one slice.
 */

/** Milliseconds of work between two turns of the event loop. */
export const SLICE_MS = 5;

/** Runs the steps to their end synchronously and returns the result. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs the steps, yielding to the event loop (setImmediate) after each slice of `sliceMs`. */
export async function runTimeSliced<T>(steps: Generator<void, T, void>, sliceMs = SLICE_MS): Promise<T> {
  let deadline = performance.now() + sliceMs;
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() >= deadline) {
      await nextTurn();
      deadline = performance.now() + sliceMs;
    }
  }
}
