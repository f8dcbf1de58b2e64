import { redactSecrets } from '../core/redact-secrets.js';
import type { JobRepository } from '../store/job-repository.js';
import { backoffDelay } from './job-registry.js';
import { MAX_RESULT_BYTES, PermanentJobError, PROGRESS_WRITE_MS, type JobRecord, type JobType } from './job-types.js';

/** Why a run was stopped before its handler finished. */
export type StopReason = 'cancelled' | 'lost' | 'shutdown' | 'timeout';

/** The abort reason a handler's signal carries. */
export class JobStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(
      reason === 'cancelled'
        ? 'the job was cancelled'
        : reason === 'lost'
          ? 'the job is no longer this worker’s (cancelled, or its lease expired and another worker took it)'
          : reason === 'shutdown'
            ? 'the worker is shutting down'
            : 'the job ran out of time',
    );
    this.name = 'JobStopped';
  }
}

export type RunOutcome =
  | { kind: 'succeeded' }
  | { kind: 'failed'; error: string; permanent: boolean; retryAt?: number }
  /** Cancelled, or no longer this worker's: nothing more to write. */
  | { kind: 'lost' }
  /** Handed back to the queue at shutdown. */
  | { kind: 'released' };

export interface JobRunOptions {
  type: JobType;
  record: JobRecord;
  store: JobRepository;
  workerId: string;
  leaseMs: number;
  /** Also told of progress when it is written (BullMQ's progress events). */
  onProgress?: (fraction: number) => void;
  warn?: (message: string) => void;
}

/**
 * One run of one job: calls the handler with its context, writes progress to the table (at most every
 * PROGRESS_WRITE_MS, plus the last value with the outcome), renews the lease every third of it, and
 * records the outcome: succeeded, queued again after a backoff, or failed. A lease renewal or progress
 * write that finds the row no longer this worker's (cancelled elsewhere, taken over after an expired
 * lease) stops the run: its signal aborts and the run ends without writing.
 */
export class JobRun {
  readonly done: Promise<RunOutcome>;
  private readonly ctl = new AbortController();
  private reason: StopReason | undefined;

  constructor(private readonly o: JobRunOptions) {
    this.done = this.run();
  }

  get id(): string {
    return this.o.record.id;
  }

  /** Aborts the handler's signal and ends the run (a handler that ignores the signal is left behind). */
  stop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.ctl.abort(new JobStopped(reason));
  }

  private async run(): Promise<RunOutcome> {
    const { type, record, store, workerId, leaseMs } = this.o;
    const id = record.id;
    let latest = { progress: 0, message: null as string | null };
    let lastWrite = 0;
    let trailing: NodeJS.Timeout | undefined;
    let writes: Promise<unknown> = Promise.resolve();
    const lostUnlessMine = (mine: boolean): void => {
      if (!mine) this.stop('lost');
    };
    const writeProgress = (): void => {
      lastWrite = Date.now();
      const { progress, message } = latest;
      this.o.onProgress?.(progress);
      writes = writes.then(() => store.progress(id, workerId, progress, message, Date.now()).then(lostUnlessMine, () => undefined));
    };
    const progress = (fraction: number, message?: string): void => {
      if (this.reason) return;
      const f = typeof fraction === 'number' && Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : latest.progress;
      latest = { progress: f, message: message === undefined ? latest.message : String(message) };
      const wait = lastWrite + PROGRESS_WRITE_MS - Date.now();
      if (wait <= 0) {
        clearTimeout(trailing);
        trailing = undefined;
        writeProgress();
      } else if (!trailing) {
        trailing = setTimeout(() => {
          trailing = undefined;
          if (!this.reason) writeProgress();
        }, wait);
        trailing.unref();
      }
    };
    const heartbeat = setInterval(
      () => {
        const now = Date.now();
        void store.heartbeat(id, workerId, now + leaseMs, now).then(lostUnlessMine, (err: unknown) => {
          this.o.warn?.(`baimo: job ${id}: could not renew its lease: ${(err as Error).message}`);
        });
      },
      Math.max(20, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    const timeout = type.timeoutMs ? setTimeout(() => this.stop('timeout'), type.timeoutMs) : undefined;
    timeout?.unref();

    let ok = false;
    let result: unknown;
    let error: unknown;
    const stopped = new Promise<never>((_, reject) => {
      const signal = this.ctl.signal;
      if (signal.aborted) reject(signal.reason);
      else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    stopped.catch(() => undefined);
    try {
      const handled = Promise.resolve().then(() =>
        type.handler({
          id,
          input: record.input,
          attempt: record.attempts,
          workspaceId: record.workspaceId,
          progress,
          signal: this.ctl.signal,
        }),
      );
      handled.catch(() => undefined); // a handler still running after a stop settles unobserved
      result = await Promise.race([handled, stopped]);
      ok = true;
    } catch (err) {
      error = err;
    } finally {
      clearInterval(heartbeat);
      clearTimeout(timeout);
      clearTimeout(trailing);
    }
    await writes;
    return this.finish(ok, result, error, latest);
  }

  private async finish(
    ok: boolean,
    result: unknown,
    error: unknown,
    latest: { progress: number; message: string | null },
  ): Promise<RunOutcome> {
    const { type, record, store, workerId } = this.o;
    const id = record.id;
    const now = Date.now();
    const end = { progress: latest.progress, progressMessage: latest.message };
    if (this.reason === 'cancelled' || this.reason === 'lost') return { kind: 'lost' };
    try {
      if (this.reason === 'shutdown') {
        await store.release(id, workerId, now);
        return { kind: 'released' };
      }
      if (ok) {
        let json: string | undefined;
        try {
          json = JSON.stringify(result ?? null);
        } catch (err) {
          error = new PermanentJobError(`the result is not JSON: ${(err as Error).message}`);
        }
        if (json !== undefined && Buffer.byteLength(json) > MAX_RESULT_BYTES)
          error = new PermanentJobError(`the result is larger than ${MAX_RESULT_BYTES} bytes`);
        else if (json !== undefined) return (await store.complete(id, workerId, json, end, now)) ? { kind: 'succeeded' } : { kind: 'lost' };
      }
      const message =
        this.reason === 'timeout'
          ? `the job took longer than ${type.timeoutMs} ms`
          : redactSecrets(error instanceof Error ? error.message || error.name : String(error));
      const permanent = error instanceof PermanentJobError;
      const retryAt =
        !permanent && record.attempts < record.maxAttempts ? now + backoffDelay(type.backoffMs ?? 1_000, record.attempts) : undefined;
      const mine = await store.fail(id, workerId, message, retryAt, end, now);
      return mine ? { kind: 'failed', error: message, permanent, retryAt } : { kind: 'lost' };
    } catch (err) {
      // The database is unreachable: the lease runs out and another worker (or this one) runs the job again.
      this.o.warn?.(`baimo: job ${id}: could not record its outcome: ${(err as Error).message}`);
      return { kind: 'lost' };
    }
  }
}
