import type { ReportTopics, TopicReader } from './analytics-report.js';
import type { AnalyticsScope } from './analytics-store.js';
import type { SeriesBucket } from './report-series.js';
import { spanIndex } from './span-index.js';
import { topicShares, topicSharesBy } from './topic-counts.js';
import { zonedIso } from './zoned-iso.js';

/** Where the report's topics come from: the topic store and what the configuration says. */
export interface ReportTopicSource {
  reader: TopicReader;
  /** Whether classification is on (`analytics.topics.enabled`). */
  enabled(): boolean;
  /** The sampling rate in force (0..1). */
  sampleRate(): number;
  /** The taxonomy's labels and their names. */
  labels(): Array<{ id: string; zh: string; en: string }>;
}

/** A UTC hour as the topic reader names it: epoch ms digits or an ISO 8601 time. */
function hourOf(group: string): number {
  return /^\d+$/.test(group) ? Number(group) : Date.parse(group);
}

/**
 * The report's interest cloud: top labels (`other` left out), shares per model, per segment value and
 * per series bucket (UTC hours placed in the bucket that holds their start), the classifier's own
 * cost. Null when classification is off and nothing in the period was classified.
 */
export async function reportTopics(
  src: ReportTopicSource,
  scope: AnalyticsScope,
  buckets: readonly SeriesBucket[],
  timeZone: string,
): Promise<ReportTopics | null> {
  const all = await src.reader.topicCounts(scope);
  const classified = all.reduce((s, r) => s + r.count, 0);
  if (classified === 0 && !src.enabled()) return null;
  const [byModel, industry, region, userGroup, hours, cost] = await Promise.all([
    src.reader.topicCounts(scope, 'model'),
    src.reader.topicCounts(scope, 'industry'),
    src.reader.topicCounts(scope, 'region'),
    src.reader.topicCounts(scope, 'user_group'),
    src.reader.topicCounts(scope, 'hour'),
    src.reader.classifierCost({ workspaceId: scope.workspaceId, from: scope.from, to: scope.to }),
  ]);
  // Requests without the attribute are left out of its cloud.
  const segment = (rows: typeof all) =>
    topicSharesBy(
      rows.filter((r) => r.group !== '').map((r) => ({ label: r.label, segment: r.group, count: r.count })),
      'segment',
    );
  const periods = new Map<string, number>();
  const timed = hours.flatMap((r) => {
    const i = spanIndex(buckets, hourOf(r.group));
    if (i < 0) return [];
    const period = zonedIso(buckets[i].start, timeZone);
    periods.set(period, buckets[i].start);
    return [{ label: r.label, period, count: r.count }];
  });
  return {
    classified,
    sample_rate: src.sampleRate(),
    labels: src.labels().map(({ id, zh, en }) => ({ id, zh, en })),
    top: topicShares(all, { excludeOther: true }),
    by_model: topicSharesBy(
      byModel.map((r) => ({ label: r.label, model: r.group, count: r.count })),
      'model',
    ),
    by_segment: {
      industry: segment(industry),
      region: segment(region),
      user_group: segment(userGroup),
    },
    over_time: topicSharesBy(timed, 'period').sort((a, b) => periods.get(a.group)! - periods.get(b.group)!),
    classifier_cost: cost,
  };
}
