import { TopicBatchRunner } from '../analytics/topic-batch-runner.js';
import { TopicCaptureBuffer } from '../analytics/topic-capture.js';
import { ANALYTICS_QUEUE, registerTopicJob, TOPICS_JOB } from '../analytics/topic-job.js';
import { TopicService } from '../analytics/topic-service.js';
import { topicStage } from '../analytics/topic-stage.js';
import { TopicTaxonomySource } from '../analytics/topic-taxonomy-source.js';
import type { BaimoConfig } from '../config/schema.js';
import type { Gateway } from '../gateway/gateway.js';
import type { GatewayStage } from '../gateway/pipeline.js';
import type { JobQueue } from '../jobs/job-types.js';
import { AnalyticsTopicReader } from '../store/analytics-topic-reader.js';
import { AnalyticsTopicRepository } from '../store/analytics-topic-repository.js';
import type { KeyRepository } from '../store/key-repository.js';
import type { OpenedDatabase } from '../store/open-database.js';
import type { SettingsRepository } from '../store/settings-repository.js';

/** Topic classification's part of the runtime: the service (status, taxonomy, counts) and the request stage. */
export interface AnalyticsTopics {
  /** Settings, the taxonomy, status, and the counts the report reads (`topics.reader` is the TopicReader). */
  topics: TopicService;
  /** The capture stage, registered after the limits and before the response cache. */
  stage: GatewayStage;
}

export interface AnalyticsTopicsDeps {
  config: BaimoConfig;
  database: OpenedDatabase;
  settings: SettingsRepository;
  jobs: JobQueue;
  keys: KeyRepository;
  /** The gateway (made after the stages, so read when a job runs). */
  gateway(): Gateway;
  warn(message: string): void;
}

/**
 * Builds topic classification (issue 20): the capture stage feeding a bounded buffer, the buffer
 * enqueuing `analytics.topics` jobs, the job classifying through the gateway with each workspace's
 * `baimo-analytics` key, and the service over the topic tables. `analytics.topics.taxonomy` is checked
 * here: an invalid one is reported (`warn`) and the built-in taxonomy serves.
 */
export function createAnalyticsTopics(d: AnalyticsTopicsDeps): AnalyticsTopics {
  const settings = () => d.config.analytics.topics;
  const repo = new AnalyticsTopicRepository(d.database.db);
  const reader = new AnalyticsTopicReader(d.database.db);
  let source: TopicTaxonomySource;
  try {
    source = new TopicTaxonomySource(d.settings, settings().taxonomy);
  } catch (err) {
    d.warn(`baimo: analytics.topics.taxonomy is not valid (${(err as Error).message}); the built-in taxonomy is used`);
    source = new TopicTaxonomySource(d.settings);
  }
  let warned = false;
  const buffer = new TopicCaptureBuffer({
    // Instance-wide jobs (no workspace): their inputs hold several workspaces' texts, for administrators' eyes only.
    enqueue: async (items) => void (await d.jobs.enqueue(TOPICS_JOB, { items }, { createdBy: 'system' })),
    onError: (err) => {
      if (warned) return;
      warned = true;
      d.warn(`baimo: topic classification: a batch could not be queued and was dropped: ${(err as Error).message}`);
    },
  });
  const runner = new TopicBatchRunner({
    repo,
    calls: {
      embed: (req, ctx) => d.gateway().embed(req, ctx),
      chat: (req, ctx) => d.gateway().chat(req, ctx),
      keys: d.keys,
    },
    taxonomy: () => topics.taxonomy(),
    models: () => ({ embeddingModel: settings().embedding_model, zeroShotModel: settings().zero_shot_model }),
    endUserSegments: (ws, users) => reader.endUserSegments(ws, users),
  });
  registerTopicJob(d.jobs, {
    runner,
    repo,
    reader,
    sampleRate: () => settings().sample_rate,
    retentionDays: () => d.config.retention.request_logs_days ?? 0,
  });
  const topics = new TopicService({
    settings,
    source,
    reader,
    repo,
    buffer,
    queuedJobs: () => repo.queuedJobs(ANALYTICS_QUEUE, TOPICS_JOB),
  });
  void topics.taxonomy().catch(() => undefined);
  const stage = topicStage({
    settings: () => ({ enabled: settings().enabled, sampleRate: settings().sample_rate }),
    capture: (item) => void buffer.push(item),
  });
  return { topics, stage };
}
