import { hostname } from 'node:os';
import { BaseJobQueue } from './base-job-queue.js';
import { JobRun } from './job-run.js';
import type { JobRecord } from './job-types.js';

/** The workers of one queue in this process. */
interface QueueLoop {
  queue: string;
  running: Map<string, JobRun>;
  timer: NodeJS.Timeout | undefined;
  polling: boolean;
  /** Poll again as soon as the current poll ends (a job finished or was enqueued meanwhile). */
  again: boolean;
}

/** Whether a process with this id runs on this machine (a signal 0 probe; EPERM means it exists). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded queue (no `redis_url`): the `jobs` table is the queue. Each queue's workers poll it every
 * `pollMs` (at once after a local enqueue or a finished job) and claim due jobs atomically, up to the
 * queue's concurrency; a claim holds a lease that the run renews. A process that dies leaves its jobs
 * `running`: they are claimed again when their lease expires, or at once when a process on the same
 * machine starts workers and finds that the holder's pid is gone (the embedded default's restart). So
 * a restart resumes unfinished jobs, with the interrupted run counted as an attempt.
 */
export class DbJobQueue extends BaseJobQueue {
  readonly mode = 'database' as const;
  private readonly loops = new Map<string, QueueLoop>();

  protected async dispatch(record: JobRecord): Promise<void> {
    const loop = this.loops.get(record.queue);
    if (loop && record.runAt <= Date.now()) this.wake(loop);
  }

  protected override async beforeStart(): Promise<void> {
    const host = hostname();
    const dead = (await this.repo.runningLocks()).filter((lock) => {
      const parts = lock.split(':');
      if (parts.length < 3) return false;
      const pid = Number(parts[parts.length - 2]);
      return parts.slice(0, -2).join(':') === host && Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
    });
    if (dead.length) await this.repo.expireLeases(dead, Date.now());
  }

  protected async startQueue(queue: string): Promise<void> {
    const loop: QueueLoop = { queue, running: new Map(), timer: undefined, polling: false, again: false };
    this.loops.set(queue, loop);
    this.wake(loop);
  }

  async cancel(id: string): Promise<JobRecord | undefined> {
    const { record, changed } = await this.repo.cancel(id, Date.now());
    if (changed && record) this.loops.get(record.queue)?.running.get(id)?.stop('cancelled');
    return record;
  }

  protected async stopWorkers(deadlineMs: number): Promise<void> {
    const runs: JobRun[] = [];
    for (const loop of this.loops.values()) {
      clearTimeout(loop.timer);
      loop.timer = undefined;
      runs.push(...loop.running.values());
    }
    if (runs.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)));
    await Promise.race([Promise.allSettled(runs.map((r) => r.done)), deadline]);
    clearTimeout(timer);
    // What is still running is handed back: queued again, for this process's next start or another worker.
    for (const r of runs) r.stop('shutdown');
    await Promise.allSettled(runs.map((r) => r.done));
  }

  private wake(loop: QueueLoop): void {
    if (this.closed) return;
    if (loop.polling) {
      loop.again = true;
      return;
    }
    clearTimeout(loop.timer);
    loop.timer = setTimeout(() => void this.poll(loop), 0);
    loop.timer.unref();
  }

  private async poll(loop: QueueLoop): Promise<void> {
    loop.timer = undefined;
    if (this.closed) return;
    loop.polling = true;
    loop.again = false;
    try {
      const free = this.concurrencyOf(loop.queue) - loop.running.size;
      const names = this.registry.namesIn(loop.queue);
      if (free > 0 && names.length > 0) {
        const now = Date.now();
        const claimed = await this.repo.claim({
          queue: loop.queue,
          names,
          workerId: this.workerId,
          now,
          leaseUntil: now + this.opts.leaseMs,
          limit: free,
        });
        this.recovered('poll');
        if (claimed.length === free) loop.again = true;
        for (const record of claimed) this.run(loop, record);
      }
    } catch (err) {
      this.warnOnce('poll', `baimo: job queue "${loop.queue}": cannot claim jobs: ${(err as Error).message}`);
    } finally {
      loop.polling = false;
    }
    if (this.closed) return;
    loop.timer = setTimeout(() => void this.poll(loop), loop.again ? 0 : this.opts.pollMs);
    loop.timer.unref();
  }

  private run(loop: QueueLoop, record: JobRecord): void {
    const type = this.registry.get(record.name);
    if (!type) return; // claimed only by name, so registered
    if (record.attempts > record.maxAttempts) {
      // Claimed again after its worker stopped for good each time (a job that kills its process).
      const error = `the job's worker stopped before it finished, ${record.maxAttempts} time(s)`;
      const end = { progress: record.progress, progressMessage: record.progressMessage };
      void this.repo.fail(record.id, this.workerId, error, undefined, end, Date.now()).catch(() => undefined);
      return;
    }
    const run = new JobRun({ type, record, store: this.repo, workerId: this.workerId, leaseMs: this.opts.leaseMs, warn: this.opts.warn });
    loop.running.set(record.id, run);
    void run.done.finally(() => {
      loop.running.delete(record.id);
      this.wake(loop);
    });
  }
}
