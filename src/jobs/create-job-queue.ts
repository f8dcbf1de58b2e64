import type { Kysely } from 'kysely';
import type { JobsConfig } from '../config/schema.js';
import { JobRepository } from '../store/job-repository.js';
import type { Database } from '../store/schema.js';
import { BullJobQueue } from './bull-job-queue.js';
import { DbJobQueue } from './db-job-queue.js';
import type { JobQueue } from './job-types.js';

export interface CreateJobQueueOptions {
  /** `redis_url`: BullMQ dispatches; absent: the embedded queue on the database. */
  redisUrl?: string;
  jobs: JobsConfig;
  warn?: (message: string) => void;
  /** Redis key prefix (default `bm`). */
  prefix?: string;
}

/** The job queue of one process: on the database (the `jobs` table) by default, BullMQ with Redis. */
export function createJobQueue(db: Kysely<Database>, o: CreateJobQueueOptions): JobQueue {
  const repo = new JobRepository(db);
  const common = {
    leaseMs: o.jobs.lease_s * 1000,
    pollMs: o.jobs.poll_ms,
    concurrency: o.jobs.concurrency,
    keepFinishedMs: o.jobs.keep_days * 86_400_000,
    warn: o.warn,
  };
  return o.redisUrl ? new BullJobQueue(repo, { ...common, redisUrl: o.redisUrl, prefix: o.prefix }) : new DbJobQueue(repo, common);
}
