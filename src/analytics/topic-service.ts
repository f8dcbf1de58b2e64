import type { AnalyticsTopicReader } from '../store/analytics-topic-reader.js';
import type { AnalyticsTopicRepository } from '../store/analytics-topic-repository.js';
import type { TopicReader } from './analytics-report.js';
import type { ReportTopicSource } from './report-topics.js';
import { OTHER_LABEL_ID } from './taxonomy.js';
import type { TopicCaptureBuffer } from './topic-capture.js';
import type { CurrentTaxonomy, TopicTaxonomySource } from './topic-taxonomy-source.js';

/** `analytics.topics` as the service reads it (per call: it is read where it is used). */
export interface TopicSettings {
  enabled: boolean;
  sample_rate: number;
  embedding_model: string;
  zero_shot_model?: string;
}

export interface TopicServiceDeps {
  settings(): TopicSettings;
  source: TopicTaxonomySource;
  reader: AnalyticsTopicReader;
  repo: Pick<AnalyticsTopicRepository, 'pruneOtherTaxonomies'>;
  buffer: Pick<TopicCaptureBuffer, 'pending' | 'dropped' | 'enqueued' | 'close'>;
  /** `analytics.topics` jobs waiting to run (at most 1,000 are counted). */
  queuedJobs(): Promise<number>;
  /** How often the taxonomy is read again for `labels()` (another replica may edit it); default 10 s. */
  refreshMs?: number;
}

/** `GET /api/analytics/topics/status`. */
export interface TopicStatus {
  enabled: boolean;
  sample_rate: number;
  embedding_model: string | null;
  zero_shot_model: string | null;
  taxonomy_hash: string;
  /** Requests waiting in this process's memory for their batch. */
  buffered: number;
  /** Batches (`analytics.topics` jobs) waiting to run. */
  queued_jobs: number;
  /** Requests this process dropped since it started (buffer full, or their batch could not be queued). */
  dropped: number;
  /** Requests this process handed to the job queue since it started. */
  enqueued: number;
  /** Classified requests (all time; of the workspace when one is named). */
  classified: number;
  /** Of those, answered from the prompt-hash cache. */
  cache_hits: number;
  /** Requests that could not be classified (the key disabled, no embedding model…). */
  failed: number;
  /** Texts embedded and zero-shot questions asked. */
  embedded_texts: number;
  zero_shot_calls: number;
  /** What classifying cost, CNY, apart from the traffic it describes. */
  classifier_cost: number;
}

/**
 * Topic classification as the API and the report see it: settings, the taxonomy (read and replaced;
 * replacing it drops the cache of the old one), status counters, and the counts (`reader`). It is the
 * report's topic source: `labels()` answers from the taxonomy read last (refreshed every few seconds).
 */
export class TopicService implements ReportTopicSource {
  readonly reader: TopicReader;
  private last: CurrentTaxonomy | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly deps: TopicServiceDeps) {
    this.reader = deps.reader;
    this.timer = setInterval(() => void this.taxonomy().catch(() => undefined), deps.refreshMs ?? 10_000);
    this.timer.unref();
  }

  enabled(): boolean {
    return this.deps.settings().enabled;
  }

  sampleRate(): number {
    const s = this.deps.settings();
    return s.enabled ? s.sample_rate : 0;
  }

  labels(): Array<{ id: string; zh: string; en: string }> {
    const labels = (this.last?.taxonomy.labels ?? []).map(({ id, zh, en }) => ({ id, zh, en }));
    if (!labels.some((l) => l.id === OTHER_LABEL_ID)) labels.push({ id: OTHER_LABEL_ID, zh: '其他', en: 'Other' });
    return labels;
  }

  /** The taxonomy in force (read from the store). */
  async taxonomy(): Promise<CurrentTaxonomy> {
    this.last = await this.deps.source.current();
    return this.last;
  }

  /** Validates and stores a new taxonomy (TaxonomyError when invalid); classifications cached under others are dropped. */
  async replaceTaxonomy(input: unknown): Promise<CurrentTaxonomy> {
    this.last = await this.deps.source.replace(input);
    await this.deps.repo.pruneOtherTaxonomies(this.last.hash);
    return this.last;
  }

  async status(workspaceId?: string): Promise<TopicStatus> {
    const s = this.deps.settings();
    const [tax, usage, queued] = await Promise.all([this.taxonomy(), this.deps.reader.usage({ workspaceId }), this.deps.queuedJobs()]);
    const b = this.deps.buffer;
    return {
      enabled: s.enabled,
      sample_rate: s.sample_rate,
      embedding_model: s.embedding_model || null,
      zero_shot_model: s.zero_shot_model ?? null,
      taxonomy_hash: tax.hash,
      buffered: b.pending,
      queued_jobs: queued,
      dropped: b.dropped,
      enqueued: b.enqueued,
      classified: usage.classified,
      cache_hits: usage.cacheHits,
      failed: usage.failed,
      embedded_texts: usage.embeddedTexts,
      zero_shot_calls: usage.zeroShotCalls,
      classifier_cost: usage.costCny,
    };
  }

  /** Hands what waits in memory to the job queue and stops refreshing. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.deps.buffer.close();
  }
}
