import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { RetentionRepository } from '../../store/retention-repository.js';
import type { AuditLog } from './audit-log.js';

/** Rows per DELETE / UPDATE statement: each is its own short transaction, so writers never wait long. */
export const PURGE_CHUNK = 5000;
const DAY_MS = 86_400_000;

/** How long rows are kept (days); an absent value keeps them forever. */
export interface RetentionLimits {
  requestLogsDays?: number;
  bodiesDays?: number;
}

/** What one purge did. */
export interface PurgeResult {
  deletedLogs: number;
  clearedBodies: number;
  /** Raw usage-analytics events (page views, feedback) deleted with the logs; analytics rollups stay. */
  deletedEvents?: number;
  /** The cut-offs used (epoch ms): rows created before them were purged. */
  logsBefore?: number;
  bodiesBefore?: number;
}

/**
 * The purge, chunk by chunk: after each chunk (one implicit transaction) `pause` lets other work run.
 * Request logs older than `requestLogsDays` are deleted oldest first along the created_at index (on
 * PostgreSQL whole expired days first, by dropping their partitions); bodies (request_body,
 * response_body) of rows older than `bodiesDays` are set to NULL, walking the index from where the
 * previous pass stopped (a settings watermark).
 */
export async function purgeExpired(
  store: RetentionRepository,
  limits: RetentionLimits,
  now: number = Date.now(),
  pause: (sofar: Readonly<PurgeResult>) => Promise<unknown> = async () => undefined,
): Promise<PurgeResult> {
  const result: PurgeResult = { deletedLogs: 0, clearedBodies: 0 };
  if (limits.requestLogsDays !== undefined && limits.requestLogsDays > 0) {
    const before = now - limits.requestLogsDays * DAY_MS;
    result.logsBefore = before;
    for (;;) {
      const n = await store.deleteLogsBefore(before, PURGE_CHUNK);
      result.deletedLogs += n;
      if (n < PURGE_CHUNK) break;
      await pause(result);
    }
    result.deletedEvents = 0;
    for (;;) {
      const n = await store.deleteEventsBefore(before, PURGE_CHUNK);
      result.deletedEvents += n;
      if (n < PURGE_CHUNK) break;
      await pause(result);
    }
  }
  if (limits.bodiesDays !== undefined && limits.bodiesDays > 0) {
    const before = now - limits.bodiesDays * DAY_MS;
    result.bodiesBefore = before;
    // A (created_at, rowid | id) cursor over the created_at index; clearing only touches rows with a body.
    let cursor = store.origin(Math.min(await store.bodiesClearedBefore(), before));
    for (;;) {
      const rows = await store.logsAfter(cursor, before, PURGE_CHUNK);
      if (rows.length === 0) break;
      result.clearedBodies += await store.clearBodies(rows);
      cursor = rows[rows.length - 1];
      if (rows.length < PURGE_CHUNK) break;
      await pause(result);
    }
    await store.setBodiesClearedBefore(before, now);
  }
  return result;
}

/** One purge run: audited always when `manual`; `onProgress` after each chunk; `signal` stops it between chunks. */
export interface PurgeRunOptions {
  manual: boolean;
  onProgress?: (sofar: Readonly<PurgeResult>) => void;
  signal?: AbortSignal;
}

/** baimo.yaml `retention:` (days; absent keeps forever). */
export interface RetentionSettings {
  request_logs_days?: number;
  bodies_days?: number;
  purge_interval_minutes: number;
}

/**
 * Runs the purge every `purge_interval_minutes` (first run shortly after start), yielding to the
 * event loop between chunks. Each scheduled run that purged something, and every manual `runOnce`,
 * leaves a `retention.purge` audit entry (actor `system`) with the counts and cut-offs.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Timeout | undefined;
  private running: Promise<PurgeResult> | undefined;

  constructor(
    private readonly store: RetentionRepository,
    private readonly cfg: RetentionSettings,
    private readonly audit: AuditLog,
    private readonly opts: { onError?: (err: unknown) => void; firstRunDelayMs?: number; now?: () => number } = {},
  ) {}

  /** Schedules runs; timers do not keep the process alive. */
  start(): void {
    if (this.timer || !this.enabled) return;
    const interval = Math.max(1, this.cfg.purge_interval_minutes) * 60_000;
    this.first = setTimeout(() => void this.tick(), Math.min(this.opts.firstRunDelayMs ?? 30_000, interval));
    this.first.unref();
    this.timer = setInterval(() => void this.tick(), interval);
    this.timer.unref();
  }

  stop(): void {
    if (this.first) clearTimeout(this.first);
    if (this.timer) clearInterval(this.timer);
    this.first = this.timer = undefined;
  }

  /** Purges now and always records the run in the audit log (even when nothing expired). */
  runOnce(): Promise<PurgeResult> {
    return this.run({ manual: true });
  }

  /** One purge now, with progress after each chunk (the `retention.purge` job). */
  purgeNow(o: PurgeRunOptions): Promise<PurgeResult> {
    return this.run(o);
  }

  private get enabled(): boolean {
    return (this.cfg.request_logs_days ?? 0) > 0 || (this.cfg.bodies_days ?? 0) > 0;
  }

  private async tick(): Promise<void> {
    try {
      await this.run({ manual: false });
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  private async run(o: PurgeRunOptions): Promise<PurgeResult> {
    // One purge at a time; a manual run during a scheduled one waits for it, then runs its own.
    while (this.running) await this.running.catch(() => undefined);
    const p = this.purge(o);
    this.running = p;
    try {
      return await p;
    } finally {
      this.running = undefined;
    }
  }

  private async purge({ manual, onProgress, signal }: PurgeRunOptions): Promise<PurgeResult> {
    const now = this.opts.now?.() ?? Date.now();
    const limits = { requestLogsDays: this.cfg.request_logs_days, bodiesDays: this.cfg.bodies_days };
    signal?.throwIfAborted();
    const result = await purgeExpired(this.store, limits, now, async (sofar) => {
      onProgress?.(sofar);
      await yieldToLoop();
      signal?.throwIfAborted();
    });
    if (manual || result.deletedLogs > 0 || result.clearedBodies > 0) {
      this.audit.record({
        actorType: 'system',
        action: 'retention.purge',
        targetType: 'request_logs',
        detail: {
          manual,
          deleted_logs: result.deletedLogs,
          cleared_bodies: result.clearedBodies,
          request_logs_days: this.cfg.request_logs_days ?? null,
          bodies_days: this.cfg.bodies_days ?? null,
          logs_before: result.logsBefore !== undefined ? new Date(result.logsBefore).toISOString() : null,
          bodies_before: result.bodiesBefore !== undefined ? new Date(result.bodiesBefore).toISOString() : null,
        },
      });
    }
    return result;
  }
}
