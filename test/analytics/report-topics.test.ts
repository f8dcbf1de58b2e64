import { describe, expect, it } from 'vitest';
import type { TopicReader } from '../../src/analytics/analytics-report.js';
import { seriesBuckets } from '../../src/analytics/report-series.js';
import { reportTopics, type ReportTopicSource } from '../../src/analytics/report-topics.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T16:00:00Z'); // midnight of 2 December in Shanghai

/** Classified requests as the topic store would count them: (hour, model, industry, label). */
const ROWS: Array<[number, string, string, string]> = [
  [T0 + HOUR, 'qwen', 'IT', 'code'],
  [T0 + HOUR, 'qwen', 'IT', 'code'],
  [T0 + 2 * HOUR, 'glm', '', 'translate'],
  [T0 + 30 * HOUR, 'qwen', '教育', 'education'],
  [T0 + 30 * HOUR, 'glm', '教育', 'other'],
];

/** A topic store over ROWS (the port, in memory). */
const reader: TopicReader = {
  async topicCounts(scope, groupBy) {
    const counts = new Map<string, { label: string; group: string; count: number }>();
    for (const [hour, model, industry, label] of ROWS) {
      if (hour < scope.from || hour >= scope.to) continue;
      const group = groupBy === 'model' ? model : groupBy === 'industry' ? industry : groupBy === 'hour' ? String(hour) : '';
      const k = `${label}|${group}`;
      const c = counts.get(k) ?? { label, group, count: 0 };
      c.count++;
      counts.set(k, c);
    }
    return [...counts.values()];
  },
  classifierCost: async () => 0.125,
};

const source = (enabled: boolean): ReportTopicSource => ({
  reader,
  enabled: () => enabled,
  sampleRate: () => 0.5,
  labels: () => [{ id: 'code', zh: '代码', en: 'Code' }],
});

describe('the report’s topics', () => {
  const scope = { from: T0, to: T0 + 2 * 24 * HOUR };
  const buckets = seriesBuckets(scope.from, scope.to, 'Asia/Shanghai', 'day');

  it('shares overall (other left out), per model, per segment value and per series bucket', async () => {
    const t = (await reportTopics(source(true), scope, buckets, 'Asia/Shanghai'))!;
    expect(t.classified).toBe(5);
    expect(t.sample_rate).toBe(0.5);
    expect(t.classifier_cost).toBe(0.125);
    expect(t.labels).toEqual([{ id: 'code', zh: '代码', en: 'Code' }]);
    expect(t.top.map((s) => [s.label, s.count])).toEqual([
      ['code', 2],
      ['education', 1],
      ['translate', 1],
    ]);
    expect(t.top[0].share).toBeCloseTo(0.5, 12);
    expect(t.by_model.map((g) => [g.group, g.total])).toEqual([
      ['qwen', 3],
      ['glm', 2],
    ]);
    // Requests without an industry are left out of its cloud.
    expect(t.by_segment.industry.map((g) => [g.group, g.total])).toEqual([
      ['IT', 2],
      ['教育', 2],
    ]);
    expect(t.over_time.map((g) => [g.group, g.total])).toEqual([
      ['2026-12-02T00:00:00+08:00', 3],
      ['2026-12-03T00:00:00+08:00', 2],
    ]);
  });

  it('is null when classification is off and nothing was classified; kept while something was', async () => {
    const empty = { from: T0 - 10 * HOUR, to: T0 };
    expect(await reportTopics(source(false), empty, seriesBuckets(empty.from, empty.to, 'UTC', 'hour'), 'UTC')).toBeNull();
    expect((await reportTopics(source(true), empty, seriesBuckets(empty.from, empty.to, 'UTC', 'hour'), 'UTC'))!.classified).toBe(0);
    expect((await reportTopics(source(false), scope, buckets, 'Asia/Shanghai'))!.classified).toBe(5);
  });
});
