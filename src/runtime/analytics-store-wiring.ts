import { z } from 'zod';
import { Calendar } from '../core/calendar.js';
import type { JobQueue } from '../jobs/job-types.js';
import { PermanentJobError } from '../jobs/job-types.js';
import type { RebuildResult } from '../store/analytics-rebuild.js';

/** The queue usage-analytics work runs on (`baimo worker --queues analytics`). */
export const ANALYTICS_QUEUE = 'analytics';
export const ANALYTICS_REBUILD_JOB = 'analytics.rebuild';
const DAY_MS = 86_400_000;
/** The longest range one rebuild job takes. */
export const MAX_REBUILD_DAYS = 400;

const instant = z.union([
  z.number().int().min(0).max(8_640_000_000_000_000),
  z
    .string()
    .max(64)
    .refine((s) => Number.isFinite(Date.parse(s)), 'an ISO 8601 date or date-time')
    .transform((s) => Date.parse(s)),
]);
export const rebuildInput = z
  .object({ from: instant, to: instant })
  .strict()
  .refine((r) => r.from < r.to, { message: 'from must be before to', path: ['to'] })
  .refine((r) => r.to - r.from <= MAX_REBUILD_DAYS * DAY_MS, { message: `at most ${MAX_REBUILD_DAYS} days`, path: ['to'] });
type RebuildInput = z.infer<typeof rebuildInput>;

export interface RebuildJobResult {
  from: string;
  to: string;
  /** Days rebuilt (chunks of the instance's calendar days). */
  chunks: number;
  events: number;
  sessions: number;
  /** Set when the start was moved to the log retention's horizon (raw rows before it are gone). */
  clamped_from?: string;
}

export interface RebuildJobDeps {
  store: { rebuild(from: number, to: number): Promise<RebuildResult> };
  /** The instance's zone: the range is rebuilt one local day at a time. */
  timeZone: string;
  /** `retention.request_logs_days`: a rebuild never reaches before raw rows are purged. */
  retentionDays?: number;
  now?: () => number;
}

/**
 * Registers `analytics.rebuild` on the `analytics` queue (instance administrators may start it from
 * `POST /api/jobs`): input `{from, to}` (epoch ms or ISO 8601), at most 400 days. The rollups of the
 * range are recomputed from raw rows a local day at a time (each day one transaction, see
 * src/store/analytics-rebuild.ts); the start is moved to the retention horizon when it lies before it.
 * Running it twice changes nothing.
 */
export function registerAnalyticsRebuildJob(jobs: JobQueue, deps: RebuildJobDeps): void {
  const calendar = new Calendar(deps.timeZone);
  jobs.register<RebuildInput, RebuildJobResult>({
    queue: ANALYTICS_QUEUE,
    name: ANALYTICS_REBUILD_JOB,
    maxAttempts: 3,
    backoffMs: 30_000,
    concurrency: 1,
    timeoutMs: 24 * 3_600_000,
    manual: 'instance',
    input: rebuildInput,
    handler: async ({ input, progress, signal }) => {
      const now = (deps.now ?? Date.now)();
      const horizon = deps.retentionDays ? now - deps.retentionDays * DAY_MS : -Infinity;
      const from = Math.max(input.from, horizon);
      if (from >= input.to) throw new PermanentJobError('the whole range is past the log retention: its raw rows are gone');
      const result: RebuildJobResult = {
        from: new Date(from).toISOString(),
        to: new Date(input.to).toISOString(),
        chunks: 0,
        events: 0,
        sessions: 0,
      };
      if (from !== input.from) result.clamped_from = result.from;
      const total = input.to - from;
      for (let t = from; t < input.to;) {
        signal.throwIfAborted();
        const end = Math.min(input.to, calendar.dayEnd(t));
        const r = await deps.store.rebuild(t, end);
        result.chunks++;
        result.events += r.events;
        result.sessions += r.sessions;
        t = end;
        progress((t - from) / total, `rebuilt to ${new Date(t).toISOString()}`);
      }
      return result;
    },
  });
}
