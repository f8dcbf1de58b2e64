import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The topic classification tables (analytics-topic-migration.ts); '' stands for a dimension a request lacks. */

export interface AnalyticsTopicLabelTable {
  request_id: string;
  created_at: number;
  workspace_id: string;
  model: string;
  scenario: string;
  app_id: string;
  key_id: string;
  provider: string;
  industry: string;
  region: string;
  user_group: string;
  label: string;
  via: string;
}

export interface AnalyticsTopicRollupTable {
  hour: number;
  workspace_id: string;
  model: string;
  scenario: string;
  app_id: string;
  key_id: string;
  provider: string;
  industry: string;
  region: string;
  user_group: string;
  label: string;
  requests: number;
}

export interface AnalyticsTopicCacheTable {
  prompt_hash: string;
  taxonomy_hash: string;
  label: string;
  score: number;
  via: string;
  created_at: number;
}

export interface AnalyticsTopicVectorsTable {
  taxonomy_hash: string;
  model: string;
  dimensions: number;
  ids: string;
  vectors: string;
  created_at: number;
}

export interface AnalyticsTopicUsageTable {
  hour: number;
  workspace_id: string;
  classified: number;
  cache_hits: number;
  failed: number;
  embed_calls: number;
  embedded_texts: number;
  zero_shot_calls: number;
  cost_cny: number;
}

export interface AnalyticsTopicTables {
  analytics_topic_labels: AnalyticsTopicLabelTable;
  analytics_topic_rollup: AnalyticsTopicRollupTable;
  analytics_topic_cache: AnalyticsTopicCacheTable;
  analytics_topic_vectors: AnalyticsTopicVectorsTable;
  analytics_topic_usage: AnalyticsTopicUsageTable;
}

/** The database as the topic repositories see it: the shared tables (jobs, settings, request_logs) and their own. */
export type TopicDatabase = Database & AnalyticsTopicTables;

export const topicDb = (db: Kysely<Database>): Kysely<TopicDatabase> => db as unknown as Kysely<TopicDatabase>;

/** A request's dimensions as its topic rows keep them (null: the request has none). */
export interface TopicDimensions {
  workspaceId: string;
  model: string;
  /** The app's slug, or `direct_api`. */
  scenario: string;
  appId: string | null;
  keyId: string | null;
  provider: string | null;
  industry: string | null;
  region: string | null;
  userGroup: string | null;
}

/** One classified request. */
export interface TopicLabelRecord extends TopicDimensions {
  requestId: string;
  /** When the request was made (epoch ms). */
  createdAt: number;
  label: string;
  via: 'embedding' | 'zero_shot' | 'cache';
}

/** A cached classification of one prompt hash. */
export interface TopicCacheRecord {
  hash: string;
  taxonomyHash: string;
  label: string;
  score: number;
  via: 'embedding' | 'zero_shot';
}

/** What classifying took in one UTC hour and workspace (added to what is there). */
export interface TopicUsageDelta {
  hour: number;
  workspaceId: string;
  classified: number;
  cacheHits: number;
  failed: number;
  embedCalls: number;
  embeddedTexts: number;
  zeroShotCalls: number;
  costCny: number;
}

/** The filter names a topic read takes (AnalyticsFilters of src/analytics/analytics-store.ts, structurally). */
export type TopicFilterName = 'model' | 'provider' | 'app' | 'scenario' | 'key' | 'industry' | 'region' | 'user_group';

/** The column each filter and grouping reads. */
export const TOPIC_FILTER_COLUMNS = {
  model: 'model',
  provider: 'provider',
  app: 'app_id',
  scenario: 'scenario',
  key: 'key_id',
  industry: 'industry',
  region: 'region',
  user_group: 'user_group',
} as const satisfies Record<TopicFilterName, keyof AnalyticsTopicRollupTable>;
