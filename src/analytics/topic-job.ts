import { z } from 'zod';
import { LIMITS } from '../core/limits.js';
import type { JobContext, JobQueue } from '../jobs/job-types.js';
import type { AnalyticsTopicReader, LoggedTopicRequest } from '../store/analytics-topic-reader.js';
import type { AnalyticsTopicRepository } from '../store/analytics-topic-repository.js';
import { TOPIC_BATCH_ITEMS, topicItemSchema, type TopicItem } from './topic-capture.js';
import type { TopicBatchRunner, TopicRunOutcome } from './topic-batch-runner.js';
import { inTopicSample } from './topic-sampling.js';
import { requestTopicText } from './topic-text.js';

/** The queue of usage analytics' jobs (`baimo worker --queues analytics`). */
export const ANALYTICS_QUEUE = 'analytics';
export const TOPICS_JOB = 'analytics.topics';
export const TOPICS_JOB_ATTEMPTS = 3;
/** The longest range one backfill classifies. */
const BACKFILL_MAX_MS = 366 * 86_400_000;
/** Logged requests read per page of a backfill. */
const BACKFILL_PAGE = 200;

const instant = z
  .union([z.iso.datetime({ offset: true }), z.number().int().min(0).max(8.64e15)])
  .transform((v) => (typeof v === 'number' ? v : Date.parse(v)));

/** A batch captured on the request path. */
const itemsInput = z.object({ items: z.array(topicItemSchema).min(1).max(TOPIC_BATCH_ITEMS) }).strict();
/** A backfill: the logged requests of a range whose bodies were kept (`logging.store_bodies`). */
const backfillInput = z
  .object({ from: instant, to: instant, workspace_id: z.string().min(1).max(LIMITS.id).optional() })
  .strict()
  .refine((r) => r.to > r.from, { message: 'to must be after from', path: ['to'] })
  .refine((r) => r.to - r.from <= BACKFILL_MAX_MS, { message: 'a backfill covers at most 366 days', path: ['to'] });
export const topicsJobInput = z.union([itemsInput, backfillInput]);
export type TopicsJobInput = z.infer<typeof topicsJobInput>;

export interface TopicJobDeps {
  runner: Pick<TopicBatchRunner, 'run'>;
  repo: Pick<AnalyticsTopicRepository, 'scrubJob' | 'scrubFinishedJobs' | 'purgeLabelsBefore'>;
  reader: Pick<AnalyticsTopicReader, 'loggedRequests'>;
  /** `analytics.topics.sample_rate` as it is now (a backfill samples like the request path). */
  sampleRate(): number;
  /** `retention.request_logs_days`: per-request labels go with their logs (the hourly rollup stays); 0 keeps them. */
  retentionDays(): number;
}

type Totals = Record<'classified' | 'cache_hits' | 'failed' | 'skipped', number>;

const totalsOf = (r: TopicRunOutcome, into: Totals = { classified: 0, cache_hits: 0, failed: 0, skipped: 0 }): Totals => {
  into.classified += r.classified;
  into.cache_hits += r.cacheHits;
  into.failed += r.failed;
  into.skipped += r.skipped;
  return into;
};

/**
 * Registers `analytics.topics` on the `analytics` queue: a batch of captured requests (their texts in
 * the input, scrubbed in the transaction that writes their labels, or when the last attempt fails),
 * or a backfill over a range of logged requests (instance administrators may start one with
 * `POST /api/jobs`). Each run also scrubs the inputs of earlier batches that were cancelled.
 */
export function registerTopicJob(jobs: JobQueue, deps: TopicJobDeps): void {
  jobs.register<TopicsJobInput, unknown>({
    queue: ANALYTICS_QUEUE,
    name: TOPICS_JOB,
    maxAttempts: TOPICS_JOB_ATTEMPTS,
    backoffMs: 5_000,
    concurrency: 1,
    timeoutMs: 30 * 60_000,
    manual: 'instance',
    input: topicsJobInput,
    handler: async (ctx) => {
      // A batch whose input an earlier run scrubbed (it wrote its labels) has nothing left to do.
      const parsed = topicsJobInput.safeParse(ctx.input);
      if (!parsed.success) return { scrubbed: true };
      const input = parsed.data;
      if ('items' in input) return runBatch(deps, ctx, input.items);
      return backfill(deps, ctx, input);
    },
  });
}

async function runBatch(deps: TopicJobDeps, ctx: JobContext<unknown>, items: TopicItem[]): Promise<Totals> {
  try {
    const r = await deps.runner.run(items, { signal: ctx.signal, scrubJobId: ctx.id });
    await tidy(deps);
    return totalsOf(r);
  } catch (err) {
    // The last attempt: the texts go now (a shutdown hands the job back instead, texts and all).
    if (ctx.attempt >= TOPICS_JOB_ATTEMPTS && !ctx.signal.aborted) await deps.repo.scrubJob(ctx.id).catch(() => undefined);
    throw err;
  }
}

/** Housekeeping after a batch (best effort): inputs of cancelled batches scrubbed, labels past the logs' retention deleted. */
async function tidy(deps: TopicJobDeps): Promise<void> {
  await deps.repo.scrubFinishedJobs(ANALYTICS_QUEUE, TOPICS_JOB).catch(() => 0);
  const days = deps.retentionDays();
  if (days > 0) await deps.repo.purgeLabelsBefore(Date.now() - days * 86_400_000, 1_000).catch(() => 0);
}

async function backfill(
  deps: TopicJobDeps,
  ctx: JobContext<unknown>,
  range: { from: number; to: number; workspace_id?: string },
): Promise<Totals & { read: number; sampled: number }> {
  const totals = { classified: 0, cache_hits: 0, failed: 0, skipped: 0, read: 0, sampled: 0 };
  const rate = deps.sampleRate();
  let after: { t: number; id: string } | undefined;
  let pages = 0;
  ctx.progress(0, 'reading the request log');
  for (;;) {
    ctx.signal.throwIfAborted();
    const page = await deps.reader.loggedRequests(
      { from: range.from, to: range.to, workspaceId: range.workspace_id },
      after,
      BACKFILL_PAGE,
    );
    if (page.length === 0) break;
    const last = page[page.length - 1]!;
    after = { t: last.createdAt, id: last.id };
    totals.read += page.length;
    const items = page.map((r) => loggedItem(r, rate)).filter((i): i is TopicItem => i !== undefined);
    totals.sampled += items.length;
    if (items.length) totalsOf(await deps.runner.run(items, { signal: ctx.signal }), totals);
    // The total is unknown (counting it would cost a scan of its own): creep towards the end.
    ctx.progress(0.95 * (1 - 1 / (1 + ++pages / 10)), `read ${totals.read} requests, classified ${totals.classified}`);
  }
  ctx.progress(1, `read ${totals.read} requests, classified ${totals.classified}`);
  return totals;
}

/** A logged request as a batch item, when its body has text and the text is in the sample. */
function loggedItem(r: LoggedTopicRequest, rate: number): TopicItem | undefined {
  let body: unknown;
  try {
    body = JSON.parse(r.requestBody);
  } catch {
    return undefined;
  }
  const text = requestTopicText(body);
  if (!text || !inTopicSample(text, rate)) return undefined;
  return {
    id: r.id,
    ts: r.createdAt,
    workspace: r.workspaceId,
    model: r.model,
    scenario: r.appSlug,
    app: r.appId,
    key: r.keyId,
    provider: r.provider,
    user: r.userId,
    segments: { ...r.segments },
    text,
  };
}
