import { expect } from 'vitest';
import { EvalInputError } from '../../src/eval/eval-input-error.js';

/** The EvalInputError `fn` throws (failing the test when it throws none or another kind). */
export function errorOf(fn: () => unknown): EvalInputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EvalInputError);
    return err as EvalInputError;
  }
  throw new Error('expected an EvalInputError');
}

/** The EvalInputError a promise rejects with. */
export async function rejectionOf(p: Promise<unknown>): Promise<EvalInputError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(EvalInputError);
    return err as EvalInputError;
  }
  throw new Error('expected an EvalInputError');
}

/** Every message is `English / 中文`. */
export function expectBilingual(e: EvalInputError): void {
  expect(e.en, e.message).toMatch(/[a-z]/);
  expect(e.zh, e.message).toMatch(/[\u4e00-\u9fff]/);
  expect(e.message).toContain(' / ');
}
