import { z } from 'zod';
import type { BaimoConfig } from '../config/schema.js';
import type { JobQueue } from '../jobs/job-types.js';
import type { ComplianceServices } from './compliance-services.js';

/** The queue of housekeeping jobs (`baimo worker --queues maintenance`). */
export const MAINTENANCE_QUEUE = 'maintenance';

const iso = (t: number | undefined): string | null => (t === undefined ? null : new Date(t).toISOString());

/**
 * Registers the housekeeping job types: `retention.purge` (expired request logs and bodies, what
 * `retention:` in baimo.yaml asks for), run by hand from `POST /api/jobs` and on a timer every
 * `purge_interval_minutes` by the processes that run maintenance workers. The timer enqueues one
 * job per period for the whole cluster, so exactly one worker purges.
 */
export function registerMaintenanceJobs(jobs: JobQueue, o: { config: BaimoConfig; compliance: ComplianceServices }): void {
  jobs.register({
    queue: MAINTENANCE_QUEUE,
    name: 'retention.purge',
    maxAttempts: 3,
    backoffMs: 60_000,
    concurrency: 1,
    manual: 'instance',
    input: z.object({ scheduled: z.boolean().optional() }).strict(),
    handler: async ({ input, progress, signal }) => {
      let chunks = 0;
      const say = (logs: number, bodies: number) => `deleted ${logs} request logs, cleared ${bodies} bodies`;
      progress(0, 'purging');
      const r = await o.compliance.retention.purgeNow({
        manual: !input.scheduled,
        signal,
        // The total is unknown (counting it would cost as much as the purge): creep towards the end.
        onProgress: (s) => progress(0.95 * (1 - 1 / (1 + ++chunks / 10)), say(s.deletedLogs, s.clearedBodies)),
      });
      progress(1, say(r.deletedLogs, r.clearedBodies));
      return {
        deleted_logs: r.deletedLogs,
        cleared_bodies: r.clearedBodies,
        deleted_events: r.deletedEvents ?? 0,
        logs_before: iso(r.logsBefore),
        bodies_before: iso(r.bodiesBefore),
      };
    },
  });
  const r = o.config.retention;
  if ((r.request_logs_days ?? 0) > 0 || (r.bodies_days ?? 0) > 0) {
    const everyMs = Math.max(1, r.purge_interval_minutes) * 60_000;
    jobs.schedule({ name: 'retention.purge', everyMs, firstDelayMs: Math.min(30_000, everyMs), input: { scheduled: true } });
  }
}
